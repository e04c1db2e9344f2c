import type { Generated } from 'kysely';

export const resolutionStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ResolutionStatus = (typeof resolutionStatuses)[number];

export interface ResolutionsTable {
  id: Generated<number>;
  meeting_id: number;
  number: number;
  text: string;
  agency_id: number;
  /** ISO instant: the end of the deadline's Jalali day in Tehran. */
  deadline_at: string;
  status: Generated<ResolutionStatus>;
  status_note: string | null;
  closed_at: string | null;
  reminded_at: string | null;
  overdue_notified_at: string | null;
  created_by: number | null;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface ResolutionNotesTable {
  id: Generated<number>;
  resolution_id: number;
  author_id: number | null;
  body: string;
  status: ResolutionStatus | null;
  created_at: string;
}

export interface ResolutionsTables {
  resolutions: ResolutionsTable;
  resolution_notes: ResolutionNotesTable;
}
