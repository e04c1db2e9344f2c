import type { Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  locked_by: string | null;
  locked_at: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number | null;
  channel: 'in_app' | 'email' | 'sms';
  recipient: string | null;
  subject: string;
  body: string;
  link: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  created_at: string;
  sent_at: string | null;
  read_at: string | null;
}

/** A captcha solution already accepted (single use). */
export interface CaptchaUsesTable {
  key: string;
  expires_at: string;
}

export interface PlatformTables {
  audit_log: AuditLogTable;
  captcha_uses: CaptchaUsesTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
}
