// The rules of a ballot round, pure: its phase at an instant, what the secretariat may do in each
// phase, whether a selection is a valid ballot, and whether a round's settings hold together.

import type { BallotRoundStatus, CountingMethod } from './ballots.tables.ts';
import { countingMethods } from './ballots.tables.ts';

/**
 * Where a round stands. The stored status follows the clock through a job, but the phase is
 * always judged from the dates as well, so a round opens and closes on time even if no worker ran.
 */
export type RoundPhase = 'upcoming' | 'open' | 'closed' | 'counted' | 'published';

export type RoundTimes = { status: BallotRoundStatus; opens_at: string; closes_at: string };

export function phaseAt(round: RoundTimes, now: Date): RoundPhase {
  if (round.status === 'counted' || round.status === 'published' || round.status === 'closed') return round.status;
  const t = now.getTime();
  if (t >= Date.parse(round.closes_at)) return 'closed';
  if (t < Date.parse(round.opens_at)) return 'upcoming';
  return 'open';
}

/** The status a round's row should carry at an instant (what the clock job writes). */
export function statusForPhase(phase: RoundPhase): BallotRoundStatus {
  return phase === 'upcoming' ? 'scheduled' : phase;
}

export type RoundAction = 'edit' | 'open_now' | 'close_now' | 'count' | 'publish';

const allowed: Record<RoundAction, readonly RoundPhase[]> = {
  // Settings are frozen once anyone may have voted: a ballot is cast against what was on offer.
  edit: ['upcoming'],
  open_now: ['upcoming'],
  close_now: ['open'],
  count: ['closed'],
  publish: ['counted'],
};

export function mayDo(action: RoundAction, phase: RoundPhase): boolean {
  return allowed[action].includes(phase);
}

export type SelectionProblem =
  | { code: 'unknown' }
  | { code: 'too_few'; min: number }
  | { code: 'too_many'; max: number };

/** Whether the approved projects make a valid ballot for the round (the selection is a set). */
export function selectionProblem(choices: readonly number[], limits: { min_approvals: number; max_approvals: number }, projectIds: ReadonlySet<number>): SelectionProblem | null {
  if (choices.some((id) => !projectIds.has(id))) return { code: 'unknown' };
  if (choices.length < limits.min_approvals) return { code: 'too_few', min: limits.min_approvals };
  if (choices.length > limits.max_approvals) return { code: 'too_many', max: limits.max_approvals };
  return null;
}

/** Distinct ids in ascending order: how a ballot's choices are stored and compared. */
export function normalizeChoices(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** The settings of a round as the secretariat enters them (already parsed from the form). */
export type RoundSettings = {
  title: string;
  description: string;
  method: string;
  budgetRials: number | null;
  minApprovals: number | null;
  maxApprovals: number | null;
  requireVerified: boolean;
  /** ISO instants: the start of the opening day and the end of the closing day in Tehran; null when the date was not valid. */
  opensAt: string | null;
  closesAt: string | null;
  planIds: readonly number[];
  placeIds: readonly number[];
};

export type SettingsProblem =
  | 'title_required' | 'method_invalid' | 'budget_invalid' | 'budget_over_call' | 'min_invalid' | 'max_invalid'
  | 'max_below_min' | 'min_over_projects' | 'opens_invalid' | 'closes_invalid' | 'closes_before_opens' | 'closes_past'
  | 'projects_required' | 'project_ineligible' | 'places_required' | 'place_invalid';

/** Problems by form field; empty when the settings hold together. */
export function settingsProblems(
  s: RoundSettings,
  env: { now: Date; callBudgetRials: number; eligiblePlanIds: ReadonlySet<number>; validPlaceIds: ReadonlySet<number> },
): Partial<Record<string, SettingsProblem>> {
  const p: Partial<Record<string, SettingsProblem>> = {};
  if (!s.title.trim()) p.title = 'title_required';
  if (!(countingMethods as readonly string[]).includes(s.method)) p.method = 'method_invalid';
  if (s.budgetRials === null || !Number.isSafeInteger(s.budgetRials) || s.budgetRials <= 0) p.budget = 'budget_invalid';
  else if (s.budgetRials > env.callBudgetRials) p.budget = 'budget_over_call';
  const min = s.minApprovals;
  const max = s.maxApprovals;
  if (min === null || !Number.isInteger(min) || min < 1) p.minApprovals = 'min_invalid';
  if (max === null || !Number.isInteger(max) || max < 1) p.maxApprovals = 'max_invalid';
  else if (min !== null && Number.isInteger(min) && min >= 1 && max < min) p.maxApprovals = 'max_below_min';
  if (!s.planIds.length) p.plans = 'projects_required';
  else if (s.planIds.some((id) => !env.eligiblePlanIds.has(id))) p.plans = 'project_ineligible';
  else if (min !== null && Number.isInteger(min) && min > s.planIds.length && !p.minApprovals) p.minApprovals = 'min_over_projects';
  if (!s.placeIds.length) p.places = 'places_required';
  else if (s.placeIds.some((id) => !env.validPlaceIds.has(id))) p.places = 'place_invalid';
  if (s.opensAt === null) p.opensOn = 'opens_invalid';
  if (s.closesAt === null) p.closesOn = 'closes_invalid';
  else if (s.opensAt !== null && Date.parse(s.closesAt) <= Date.parse(s.opensAt)) p.closesOn = 'closes_before_opens';
  else if (Date.parse(s.closesAt) <= env.now.getTime()) p.closesOn = 'closes_past';
  return p;
}

export const isCountingMethod = (m: string): m is CountingMethod => (countingMethods as readonly string[]).includes(m);

/**
 * Add1 raises every voter's share of the budget step by step; in rials a step of one unit would
 * take millions of steps, so a step is 1% of the first equal share (at least one rial).
 */
export function add1IncrementFor(budgetRials: number, voters: number): number {
  if (voters <= 0) return 1;
  return Math.max(1, Math.floor(budgetRials / voters / 100));
}
