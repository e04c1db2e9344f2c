import type { Generated } from 'kysely';

export const roundStatuses = ['scheduled', 'open', 'closed', 'counted', 'published'] as const;
export type BallotRoundStatus = (typeof roundStatuses)[number];
export const countingMethods = ['mes-add1', 'greedy'] as const;
export type CountingMethod = (typeof countingMethods)[number];

export interface BallotRoundsTable {
  id: Generated<number>;
  call_id: number;
  title: string;
  description: Generated<string>;
  status: BallotRoundStatus;
  method: CountingMethod;
  budget_rials: number;
  min_approvals: number;
  max_approvals: number;
  require_verified: Generated<0 | 1>;
  /** ISO-8601 UTC instants. */
  opens_at: string;
  closes_at: string;
  /** JSON RoundCount once counted. */
  result: string | null;
  ballot_count: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  counted_at: string | null;
  published_at: string | null;
  is_demo: Generated<0 | 1>;
}

export interface BallotRoundPlacesTable {
  round_id: number;
  place_id: number;
}

export interface BallotRoundProjectsTable {
  round_id: number;
  plan_id: number;
  cost_rials: number;
  position: number;
}

export interface BallotsTable {
  id: Generated<number>;
  round_id: number;
  user_id: number;
  place_id: number;
  /** JSON array of plan ids, ascending. */
  choices: string;
  receipt_hash: string;
  revision: Generated<number>;
  cast_at: string;
  updated_at: string;
}

export interface BallotsTables {
  ballot_rounds: BallotRoundsTable;
  ballot_round_places: BallotRoundPlacesTable;
  ballot_round_projects: BallotRoundProjectsTable;
  ballots: BallotsTable;
}
