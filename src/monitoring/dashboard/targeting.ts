// Targeting: which funded plans reach which compared places, and whether the money goes where the
// need index says the need is. Pure: no I/O.
//
// Reach rule (docs/need-index.md): a plan's funded amount is split equally among its plan_places.
// Each plan place is mapped to the compared places it covers:
//   - the place itself, when it is of the compared level;
//   - else its descendants of the compared level (a plan for a whole county reaches its
//     neighborhoods and villages), its share spread over them equally;
//   - else its nearest ancestor of the compared level (a neighborhood plan reaches its county).
// A plan reaches a place when any of its plan places covers it.

import type { NeedIndexResult } from './need-index.ts';

export type PlaceNode = { id: number; parentId: number | null };
export type FundedPlanPlaces = { id: number; fundedRials: number; placeIds: readonly number[] };
export type Reach = { plans: number; rials: number };

/** Top-need places: the top fifth of scored places by index (at least one when any is scored). */
export const TOP_SHARE = 0.2;

export function reachByPlace(tree: readonly PlaceNode[], compared: ReadonlySet<number>, plans: readonly FundedPlanPlaces[]): Map<number, Reach> {
  const parent = new Map<number, number | null>();
  const children = new Map<number, number[]>();
  for (const n of tree) {
    parent.set(n.id, n.parentId);
    if (n.parentId !== null) {
      const list = children.get(n.parentId);
      if (list) list.push(n.id);
      else children.set(n.parentId, [n.id]);
    }
  }
  const below = new Map<number, number[]>();
  const comparedBelow = (id: number): number[] => {
    const known = below.get(id);
    if (known) return known;
    const out: number[] = [];
    for (const c of children.get(id) ?? []) {
      if (compared.has(c)) out.push(c);
      else out.push(...comparedBelow(c));
    }
    below.set(id, out);
    return out;
  };
  const comparedAbove = (id: number): number | null => {
    let p = parent.get(id) ?? null;
    for (let guard = 0; p !== null && guard < 20; guard++) {
      if (compared.has(p)) return p;
      p = parent.get(p) ?? null;
    }
    return null;
  };
  const covers = (id: number): { ids: number[] } => {
    if (compared.has(id)) return { ids: [id] };
    const down = comparedBelow(id);
    if (down.length) return { ids: down };
    const up = comparedAbove(id);
    return { ids: up === null ? [] : [up] };
  };

  const out = new Map<number, Reach>();
  for (const plan of plans) {
    const places = [...new Set(plan.placeIds)];
    if (places.length === 0) continue;
    const share = plan.fundedRials / places.length;
    const reached = new Set<number>();
    for (const pid of places) {
      const { ids } = covers(pid);
      for (const id of ids) {
        reached.add(id);
        const r = out.get(id) ?? { plans: 0, rials: 0 };
        r.rials += share / ids.length;
        out.set(id, r);
      }
    }
    for (const id of reached) out.get(id)!.plans++;
  }
  return out;
}

export type TargetingSummary = {
  /** How many places count as top-need. */
  topCount: number;
  scoredCount: number;
  /** Share (0..1) of funded rials reaching compared places that reaches the top-need places; null when none reaches any. */
  budgetShare: number | null;
  /** Share (0..1) of the scored places' residents who live in the top-need places; null when no population is known. */
  populationShare: number | null;
  topRials: number;
  totalRials: number;
  /** Top-need places no funded plan reaches, most need first. */
  unreached: NeedIndexResult[];
  topIds: Set<number>;
};

export function summarizeTargeting(ranked: readonly NeedIndexResult[], reach: ReadonlyMap<number, Reach>): TargetingSummary {
  const scored = ranked.filter((r) => r.score !== null);
  const topCount = scored.length ? Math.max(1, Math.ceil(scored.length * TOP_SHARE)) : 0;
  const top = scored.slice(0, topCount);
  const topIds = new Set(top.map((r) => r.id));
  let totalRials = 0;
  for (const r of reach.values()) totalRials += r.rials;
  const topRials = top.reduce((s, r) => s + (reach.get(r.id)?.rials ?? 0), 0);
  const popAll = scored.reduce((s, r) => s + (r.population ?? 0), 0);
  const popTop = top.reduce((s, r) => s + (r.population ?? 0), 0);
  return {
    topCount,
    scoredCount: scored.length,
    budgetShare: totalRials > 0 ? topRials / totalRials : null,
    populationShare: popAll > 0 ? popTop / popAll : null,
    topRials,
    totalRials,
    unreached: top.filter((r) => (reach.get(r.id)?.plans ?? 0) === 0),
    topIds,
  };
}
