import type { Generated } from 'kysely';
import type { CallStatus, ObligationStatus } from './call-lifecycle.ts';

export interface CallsTable {
  id: Generated<number>;
  fiscal_year: number;
  title: string;
  description: string;
  budget_rials: number;
  /** ISO-8601 UTC instant: the end of the last day agencies may submit. */
  deadline_at: string;
  status: CallStatus;
  /** JSON arrays of harm and target-group codes. */
  harms: Generated<string>;
  target_groups: Generated<string>;
  created_by: number | null;
  opened_at: string | null;
  closed_at: string | null;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface CallPlacesTable {
  call_id: number;
  place_id: number;
}

export interface CallAgenciesTable {
  call_id: number;
  agency_id: number;
  credit_rials: number;
  status: ObligationStatus;
  exemption_reason: string | null;
  invited_at: string;
  submitted_at: string | null;
  overdue_at: string | null;
  reminded_7d_at: string | null;
  reminded_1d_at: string | null;
}

export interface CallsTables {
  calls: CallsTable;
  call_places: CallPlacesTable;
  call_agencies: CallAgenciesTable;
}
