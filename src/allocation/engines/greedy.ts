// Greedy allocation, the status quo of participatory budgets (Consul's Budget::Result, the pabulib
// rules `greedy` and `greedy-no-skip`). Pure: a function of the input only.
//
// Ranking: by approvals counted from the ballots (input.rankBy 'approvals', the default when
// ballots are given) or by project.value ('value', the default otherwise; a missing value is 0),
// highest first. Ties keep input order (a stable sort): it is the rule pabulib documents for its
// files, and for Mahalle's own plans input order is the order the caller lists them in, so the
// caller decides and can publish it. Projects marked `ineligible` are left out of the ranking and
// do not stop greedy-no-skip.

import type { AllocationInput, AllocationResult, ProjectOutcome } from './types.ts';

/** Approvals per project (input order), each ballot counting a project at most once. Unknown ids are ignored. */
export function approvalCounts(input: AllocationInput): number[] {
  const index = new Map(input.projects.map((p, i) => [p.id, i]));
  const counts = new Array<number>(input.projects.length).fill(0);
  for (const ballot of input.ballots ?? []) {
    const seen = new Set<number>();
    for (const id of ballot) {
      const i = index.get(id);
      if (i !== undefined && !seen.has(i)) {
        seen.add(i);
        counts[i]!++;
      }
    }
  }
  return counts;
}

/** What greedy ranks each project by (input order), and which measure it is. */
export function rankingScores(input: AllocationInput): { by: 'approvals' | 'value'; scores: number[] } {
  const by = input.rankBy ?? (input.ballots ? 'approvals' : 'value');
  if (by === 'approvals') return { by, scores: approvalCounts(input) };
  return { by, scores: input.projects.map((p) => p.value ?? 0) };
}

/** Indices of the eligible projects, best first; ties in input order. */
export function greedyOrder(input: AllocationInput, scores: readonly number[]): number[] {
  const order: number[] = [];
  input.projects.forEach((p, i) => {
    if (!p.ineligible) order.push(i);
  });
  // Array.prototype.sort is stable, so equal scores keep input order.
  return order.sort((a, b) => scores[b]! - scores[a]!);
}

function run(input: AllocationInput, noSkip: boolean): AllocationResult {
  const { by, scores } = rankingScores(input);
  const order = greedyOrder(input, scores);
  const outcomes: ProjectOutcome[] = input.projects.map((p) => ({
    id: p.id,
    selected: false,
    reason: 'ineligible',
    detail: { why: p.ineligible ?? '' },
  }));
  const selected: string[] = [];
  let spent = 0;
  let remaining = input.budget;
  let stoppedAt: string | null = null;
  order.forEach((i, k) => {
    const p = input.projects[i]!;
    const rank = k + 1;
    const score = scores[i]!;
    if (stoppedAt !== null) {
      outcomes[i] = { id: p.id, selected: false, reason: 'stopped', rank, detail: { [by]: score, stoppedAt, remaining } };
    } else if (p.cost <= remaining) {
      spent += p.cost;
      remaining = input.budget - spent;
      selected.push(p.id);
      outcomes[i] = { id: p.id, selected: true, reason: 'selected', rank, detail: { [by]: score, cost: p.cost, remaining } };
    } else {
      outcomes[i] = { id: p.id, selected: false, reason: 'over_budget', rank, detail: { [by]: score, cost: p.cost, remaining } };
      if (noSkip) stoppedAt = p.id;
    }
  });
  return { method: noSkip ? 'greedy-no-skip' : 'greedy', budget: input.budget, spent, selected, outcomes };
}

/**
 * Goes down the ranking and funds every project that fits in what is left; a project that does
 * not fit is skipped (`over_budget`) and cheaper ones below it are still tried.
 */
export function greedy(input: AllocationInput): AllocationResult {
  return run(input, false);
}

/**
 * Goes down the ranking and funds projects while they fit; the first that does not fit
 * (`over_budget`) ends the run, and every project below it is `stopped`.
 */
export function greedyNoSkip(input: AllocationInput): AllocationResult {
  return run(input, true);
}
