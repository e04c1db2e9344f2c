/** Persian messages of monitoring: reports. */
export const progressReportsMessages = {} as const;
