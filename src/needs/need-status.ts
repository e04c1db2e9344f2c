import { needStatuses, type NeedStatus } from './needs.tables.ts';

export { needStatuses, type NeedStatus };

/**
 * Where the secretariat may move a need from each state. The main path is new → acknowledged →
 * addressed (by one or more plans) → resolved; a need may be declined (with a reason) before it is
 * addressed. Two ways back, because people and plans change: a declined need can be reconsidered
 * (acknowledged again), and an addressed need whose plans fell through goes back to acknowledged.
 * Resolved is final.
 */
export const needTransitions: Readonly<Record<NeedStatus, readonly NeedStatus[]>> = {
  new: ['acknowledged', 'addressed', 'declined'],
  acknowledged: ['addressed', 'declined'],
  addressed: ['resolved', 'acknowledged'],
  resolved: [],
  declined: ['acknowledged'],
};

export function canMoveNeed(from: NeedStatus, to: NeedStatus): boolean {
  return needTransitions[from].includes(to);
}

/** States in which a need takes new support: a declined or resolved need is closed to it. */
export const supportableStatuses: readonly NeedStatus[] = ['new', 'acknowledged', 'addressed'];

export const isNeedStatus = (s: string): s is NeedStatus => (needStatuses as readonly string[]).includes(s);

export const NEED_NOTE_MAX = 1000;

/** Why a status change cannot be made, by form field; empty when it can. Pure: the caller has the facts. */
export function statusChangeProblems(
  from: NeedStatus,
  input: { to: string; note: string; planCount: number },
): Partial<Record<'status' | 'note' | 'plans', 'invalid' | 'not_allowed' | 'reason_required' | 'too_long' | 'plans_required'>> {
  const problems: ReturnType<typeof statusChangeProblems> = {};
  if (!isNeedStatus(input.to)) problems.status = 'invalid';
  else if (!canMoveNeed(from, input.to)) problems.status = 'not_allowed';
  else {
    if (input.to === 'declined' && input.note.trim() === '') problems.note = 'reason_required';
    if (input.to === 'addressed' && input.planCount === 0) problems.plans = 'plans_required';
  }
  if (input.note.length > NEED_NOTE_MAX) problems.note = 'too_long';
  return problems;
}
