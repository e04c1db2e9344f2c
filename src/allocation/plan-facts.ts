// What an allocation round knows about each approved plan, and how it becomes engine input.
// Pure functions over rows the caller read; no I/O.

import type { ValueRule } from './allocation.tables.ts';
import type { AllocationInput, Constraints, Project } from './engines/types.ts';

export type PlanFacts = {
  id: number;
  title: string;
  agencyId: number;
  agencyName: string;
  cost: number;
  /** The county most of the plan's places are in (ties: the lowest id), or null without places. */
  county: { id: number; name: string } | null;
  harms: string[];
  targets: string[];
  /** Reach: the plan's target groups, women and men together. */
  beneficiaries: number;
  /** The reviewers' weighted rubric total (0–5), or null without submitted reviews. */
  score: number | null;
};

/** Target groups whose plans count toward the mothers-and-children share. */
export const mothersChildrenGroups: readonly string[] = ['MOTHERS', 'CHILDREN'];

export function primaryCounty(rows: readonly { county_id: number | null; county_name: string }[]): { id: number; name: string } | null {
  const counts = new Map<number, { n: number; name: string }>();
  for (const r of rows) {
    if (r.county_id === null) continue;
    const c = counts.get(r.county_id) ?? { n: 0, name: r.county_name };
    c.n++;
    counts.set(r.county_id, c);
  }
  let best: { id: number; name: string; n: number } | null = null;
  for (const [id, c] of counts) if (!best || c.n > best.n || (c.n === best.n && id < best.id)) best = { id, name: c.name, n: c.n };
  return best && { id: best.id, name: best.name };
}

/**
 * A plan's value under the round's rule. Scores are kept to two decimals and reach is a count, so
 * the value is exact enough to compare and the same on every machine.
 */
export function planValue(f: Pick<PlanFacts, 'score' | 'beneficiaries'>, rule: ValueRule): number {
  const score = f.score === null ? 0 : Math.round(f.score * 100) / 100;
  switch (rule) {
    case 'score':
      return score;
    case 'beneficiaries':
      return f.beneficiaries;
    case 'score_x_beneficiaries':
      return Math.round(score * f.beneficiaries * 100) / 100;
  }
}

export function allocationInput(facts: readonly PlanFacts[], o: { budget: number; rule: ValueRule; constraints: Constraints }): AllocationInput {
  const projects: Project[] = facts.map((f) => ({
    id: String(f.id),
    cost: f.cost,
    value: planValue(f, o.rule),
    county: f.county ? String(f.county.id) : null,
    agency: String(f.agencyId),
    mothersChildren: f.targets.some((g) => mothersChildrenGroups.includes(g)),
  }));
  return { budget: o.budget, projects, constraints: o.constraints };
}

export type SpendingRow = { key: string; amount: number; share: number };

/**
 * Money of the selected plans by county, harm or target group. A plan with several harms or groups
 * counts in each, so those shares can add up to more than 100%.
 */
export function spendingBy(facts: readonly PlanFacts[], selected: ReadonlySet<string>, by: 'county' | 'harm' | 'target'): SpendingRow[] {
  const total = facts.filter((f) => selected.has(String(f.id))).reduce((s, f) => s + f.cost, 0);
  const sums = new Map<string, number>();
  for (const f of facts) {
    if (!selected.has(String(f.id))) continue;
    const keys = by === 'county' ? [f.county ? String(f.county.id) : ''] : by === 'harm' ? f.harms : f.targets;
    for (const k of keys.length ? keys : ['']) sums.set(k, (sums.get(k) ?? 0) + f.cost);
  }
  return [...sums]
    .map(([key, amount]) => ({ key, amount, share: total ? amount / total : 0 }))
    .sort((a, b) => b.amount - a.amount || (a.key < b.key ? -1 : 1));
}
