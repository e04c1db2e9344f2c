// The public results' arithmetic (pure). Figures come from approved reports only; across plans,
// progress is the funded-weighted roll-up (reports/roll-up.ts). When money is broken down by
// harm, target group, county or place, a plan's amounts are split equally among its distinct
// codes or places, so the parts add up to the whole (the pages say so).

import { parsePeriod, periodEnd } from '../periods.ts';
import { weightedProgress } from '../reports/roll-up.ts';
import type { PlanFactRow, ValueRow } from './results.repo.ts';

export type Totals = {
  plans: number;
  fundedRials: number;
  spentRials: number;
  reached: number;
  /** Funded-weighted progress (a plan without an approved report counts 0); null when nothing is reported. */
  progress: number | null;
  /** Plans with at least one approved report. */
  reporting: number;
};

export function totalsOf(facts: readonly PlanFactRow[]): Totals {
  return {
    plans: facts.length,
    fundedRials: facts.reduce((s, p) => s + p.fundedRials, 0),
    spentRials: facts.reduce((s, p) => s + p.spentRials, 0),
    reached: facts.reduce((s, p) => s + p.reached, 0),
    progress: weightedProgress(facts.map((p) => ({ progress: p.progress, weight: p.fundedRials }))),
    reporting: facts.filter((p) => p.approvedReports > 0).length,
  };
}

export type Share = { fundedRials: number; spentRials: number; reached: number; plans: number; planIds: number[] };

const emptyShare = (): Share => ({ fundedRials: 0, spentRials: 0, reached: 0, plans: 0, planIds: [] });

/**
 * Splits each plan's money and reach equally among the keys it is linked to (distinct keys;
 * a plan with none is left out). Keys are harm codes, county ids, place ids, ….
 */
export function splitEqually<K>(facts: readonly PlanFactRow[], links: readonly { planId: number; key: K }[]): Map<K, Share> {
  const keysOf = new Map<number, Set<K>>();
  for (const l of links) {
    const set = keysOf.get(l.planId) ?? new Set<K>();
    set.add(l.key);
    keysOf.set(l.planId, set);
  }
  const out = new Map<K, Share>();
  for (const p of facts) {
    const keys = keysOf.get(p.id);
    if (!keys || keys.size === 0) continue;
    const n = keys.size;
    for (const k of keys) {
      const s = out.get(k) ?? emptyShare();
      s.fundedRials += p.fundedRials / n;
      s.spentRials += p.spentRials / n;
      s.reached += p.reached / n;
      s.plans += 1;
      s.planIds.push(p.id);
      out.set(k, s);
    }
  }
  return out;
}

/** Rials per 1,000 residents, or null without a population. */
export function perThousand(rials: number, population: number | null): number | null {
  return population && population > 0 ? Math.round((rials / population) * 1000) : null;
}

/** Orders periods by when they end (a year after its last quarter), for "latest". */
function endOf(code: string): string {
  const p = parsePeriod(code);
  return p ? `${periodEnd(p)}|${p.type === 'year' ? 1 : 0}` : '';
}

/**
 * The latest period any place has a value for, and each place's value in it (places without a
 * value that period get none: a map compares like with like).
 */
export function latestValues(values: readonly ValueRow[]): { period: string | null; byPlace: Map<number, number> } {
  let latest: string | null = null;
  let latestKey = '';
  for (const v of values) {
    const key = endOf(v.period);
    if (key > latestKey) {
      latestKey = key;
      latest = v.period;
    }
  }
  const byPlace = new Map<number, number>();
  if (latest !== null) for (const v of values) if (v.period === latest) byPlace.set(v.placeId, v.value);
  return { period: latest, byPlace };
}

/** A plan's progress as a whole percent for display, clamped to 0–100. */
export function percentOf(progress: number | null): number | null {
  return progress === null ? null : Math.max(0, Math.min(100, Math.round(progress)));
}

/**
 * How far an indicator moved from its baseline towards its target, in percent (100 = target met,
 * negative = moved away); null when any of the three is missing or baseline equals target.
 */
export function towardsTarget(baseline: number | null, actual: number | null, target: number | null): number | null {
  if (baseline === null || actual === null || target === null || baseline === target) return null;
  return Math.round(((actual - baseline) / (target - baseline)) * 100);
}

/** Sorts periods by when they end (years after their quarters), oldest first. */
export function sortPeriods(codes: Iterable<string>): string[] {
  return [...new Set(codes)].sort((a, b) => (endOf(a) < endOf(b) ? -1 : endOf(a) > endOf(b) ? 1 : 0));
}
