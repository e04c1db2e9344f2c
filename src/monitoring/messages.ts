/** Persian messages shared across monitoring: reporting periods. */
export const monitoringMessages = {
  'monitoring.period.year': 'سال {year}',
  'monitoring.season.1': 'بهار',
  'monitoring.season.2': 'تابستان',
  'monitoring.season.3': 'پاییز',
  'monitoring.season.4': 'زمستان',
} as const;
