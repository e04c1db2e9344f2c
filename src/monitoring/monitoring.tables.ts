import type { Generated } from 'kysely';
import type { PeriodType } from './periods.ts';

export type IndicatorDirection = 'lower_better' | 'higher_better';

export interface IndicatorsTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** matchKey(name). */
  name_key: string;
  unit: string;
  direction: IndicatorDirection;
  /** A harm code (taxonomy/codes.ts) or null for a general indicator. */
  harm: string | null;
  /** The place kind values are collected at. */
  level: string;
  source: string;
  description: Generated<string>;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface IndicatorValuesTable {
  indicator_id: number;
  place_id: number;
  /** '1403', '1403Q1' or '140301' (periods.ts). */
  period: string;
  period_type: PeriodType;
  year: number;
  value: number;
  import_id: number | null;
  updated_at: string;
}

export type DataImportStatus = 'queued' | 'validating' | 'importing' | 'done' | 'rejected' | 'failed';

export interface DataImportsTable {
  id: Generated<number>;
  kind: string;
  file_name: string;
  storage_key: string | null;
  status: Generated<DataImportStatus>;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  imported_rows: Generated<number>;
  error_count: Generated<number>;
  /** JSON [{row, field, message}]. */
  errors: Generated<string>;
  created_by: number | null;
  created_at: string;
  finished_at: string | null;
}

export interface ProgrammeSettingsTable {
  key: string;
  value: string;
  updated_by: number | null;
  updated_at: string;
}

export type ProgressReportStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface ProgressReportsTable {
  id: Generated<number>;
  plan_id: number;
  agency_id: number;
  /** A Jalali quarter code, '1405Q2'. */
  period: string;
  due_on: string;
  status: Generated<ProgressReportStatus>;
  content: string;
  progress_percent: number | null;
  spent_rials: Generated<number>;
  beneficiaries_total: Generated<number>;
  created_by: number | null;
  submitted_by: number | null;
  submitted_at: string | null;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface ProgressReportFilesTable {
  id: Generated<number>;
  report_id: number;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number | null;
  created_at: string;
}

export interface ProgressReportEventsTable {
  id: Generated<number>;
  report_id: number;
  from_status: ProgressReportStatus | null;
  to_status: ProgressReportStatus;
  actor_id: number | null;
  message: string | null;
  at: string;
}

export interface ProgressRemindersTable {
  plan_id: number;
  period: string;
  kind: 'due_soon' | 'overdue';
  sent_at: string;
}

export interface MonitoringTables {
  indicators: IndicatorsTable;
  indicator_values: IndicatorValuesTable;
  data_imports: DataImportsTable;
  programme_settings: ProgrammeSettingsTable;
  progress_reports: ProgressReportsTable;
  progress_report_files: ProgressReportFilesTable;
  progress_report_events: ProgressReportEventsTable;
  progress_reminders: ProgressRemindersTable;
}
