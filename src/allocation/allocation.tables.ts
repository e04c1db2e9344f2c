import type { Generated } from 'kysely';
import type { Method } from './engines/types.ts';

export const roundStatuses = ['draft', 'committed', 'published'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

/** How a plan's value is computed for greedy and optimal. */
export const valueRules = ['score_x_beneficiaries', 'score', 'beneficiaries'] as const;
export type ValueRule = (typeof valueRules)[number];

export interface AllocationRoundsTable {
  id: Generated<number>;
  call_id: number;
  status: RoundStatus;
  method: Method;
  value_rule: ValueRule;
  budget_rials: number;
  constraints: Generated<string>;
  input: string;
  result: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
  committed_by: number | null;
  committed_at: string | null;
  published_at: string | null;
}

export interface AllocationTables {
  allocation_rounds: AllocationRoundsTable;
}
