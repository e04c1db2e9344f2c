// Loads what the need index and the targeting view compute from: the place tree, the latest
// indicator values of the compared level, residents' needs, funded plans' places and the settings.
// Shared by /admin/targeting, /admin/dashboard and /admin/need-index.

import type { Db } from '../../platform/db/database.ts';
import type { PlaceKind } from '../../places/place-kinds.ts';
import {
  fundedPlanPlaces, latestValues, listIndicators, needActivityByPlace, placeTree, readProgrammeSetting,
  type IndicatorRow, type PlaceNodeRow,
} from './dashboard.repo.ts';
import {
  computeNeedIndex, indicatorWeight, NEED_INDEX_SETTINGS_KEY, parseNeedIndexSettings,
  type NeedIndexPlace, type NeedIndexResult, type NeedIndexSettings,
} from './need-index.ts';
import { reachByPlace, summarizeTargeting, type FundedPlanPlaces, type Reach, type TargetingSummary } from './targeting.ts';

export const needLevels = ['home', 'county'] as const;
export type NeedLevel = (typeof needLevels)[number];
export const levelKinds: Record<NeedLevel, readonly PlaceKind[]> = { home: ['neighborhood', 'village'], county: ['county'] };

export function parseLevel(raw: string): NeedLevel {
  return (needLevels as readonly string[]).includes(raw) ? (raw as NeedLevel) : 'home';
}

export async function loadNeedIndexSettings(db: Db): Promise<{ settings: NeedIndexSettings; updatedAt: string | null; updatedBy: string | null }> {
  const row = await readProgrammeSetting(db, NEED_INDEX_SETTINGS_KEY);
  return { settings: parseNeedIndexSettings(row?.value), updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
}

export type NeedIndexData = {
  level: NeedLevel;
  settings: NeedIndexSettings;
  indicators: IndicatorRow[];
  /** Indicators with a value at some compared place and a positive weight. */
  activeIndicators: number;
  ranked: NeedIndexResult[];
  reach: Map<number, Reach>;
  summary: TargetingSummary;
  /** Compared place id → its county's name (for home places) and whether it is demo data. */
  countyOf: Map<number, string>;
  /** Compared places that are demo data (shown with a «نمونه» badge). */
  demoIds: Set<number>;
  fundedPlans: number;
};

/** Population of a place: its own, else the sum of its children's (recursively); null when unknown. */
function populationOf(id: number, nodes: Map<number, PlaceNodeRow>, children: Map<number, number[]>, memo: Map<number, number | null>): number | null {
  if (memo.has(id)) return memo.get(id)!;
  const own = nodes.get(id)?.population ?? null;
  let result: number | null = own !== null && own > 0 ? own : null;
  if (result === null) {
    let sum = 0;
    let any = false;
    for (const c of children.get(id) ?? []) {
      const p = populationOf(c, nodes, children, memo);
      if (p !== null) {
        sum += p;
        any = true;
      }
    }
    result = any ? sum : null;
  }
  memo.set(id, result);
  return result;
}

/** The need index's SQL, alone (the benchmark times it against the whole page). */
export async function needIndexQueries(db: Db, level: NeedLevel) {
  const [tree, indicators, values, needs, planPlaces, stored] = await Promise.all([
    placeTree(db), listIndicators(db), latestValues(db, levelKinds[level]), needActivityByPlace(db), fundedPlanPlaces(db), loadNeedIndexSettings(db),
  ]);
  return { tree, indicators, values, needs, planPlaces, stored };
}

export async function loadNeedIndex(db: Db, level: NeedLevel): Promise<NeedIndexData> {
  return computeNeedIndexData(level, await needIndexQueries(db, level));
}

export function computeNeedIndexData(level: NeedLevel, q: Awaited<ReturnType<typeof needIndexQueries>>): NeedIndexData {
  const kinds = levelKinds[level];
  const { tree, indicators, values, needs, planPlaces, stored } = q;
  const settings = stored.settings;
  const nodes = new Map(tree.map((n) => [n.id, n]));
  const children = new Map<number, number[]>();
  for (const n of tree) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId);
    if (list) list.push(n.id);
    else children.set(n.parentId, [n.id]);
  }
  const compared = tree.filter((n) => kinds.includes(n.kind));
  const comparedIds = new Set(compared.map((n) => n.id));

  // Needs are posted at home places; a county counts those of every place below it.
  const needAt = new Map<number, number>();
  const countyOf = new Map<number, string>();
  for (const [placeId, a] of needs) {
    let id: number | null = placeId;
    for (let guard = 0; id !== null && guard < 20; guard++) {
      if (comparedIds.has(id)) {
        needAt.set(id, (needAt.get(id) ?? 0) + a.needs + a.supports);
        break;
      }
      id = nodes.get(id)?.parentId ?? null;
    }
  }
  if (level === 'home') {
    for (const n of compared) {
      let id: number | null = n.parentId;
      for (let guard = 0; id !== null && guard < 20; guard++) {
        const node = nodes.get(id);
        if (!node) break;
        if (node.kind === 'county') {
          countyOf.set(n.id, node.name);
          break;
        }
        id = node.parentId;
      }
    }
  }

  const valuesAt = new Map<number, Map<number, number>>();
  for (const v of values) {
    let m = valuesAt.get(v.placeId);
    if (!m) valuesAt.set(v.placeId, (m = new Map()));
    m.set(v.indicatorId, v.value);
  }
  const memo = new Map<number, number | null>();
  const places: NeedIndexPlace[] = compared.map((n) => ({
    id: n.id,
    name: n.name,
    population: populationOf(n.id, nodes, children, memo),
    needActivity: needAt.get(n.id) ?? 0,
    values: valuesAt.get(n.id) ?? new Map(),
  }));
  const weighted = indicators.map((i) => ({ id: i.id, code: i.code, name: i.name, direction: i.direction, weight: indicatorWeight(settings, i.code) }));
  const ranked = computeNeedIndex(places, weighted, settings);

  const byPlan = new Map<number, FundedPlanPlaces & { placeIds: number[] }>();
  for (const r of planPlaces) {
    const p = byPlan.get(r.planId);
    if (p) p.placeIds.push(r.placeId);
    else byPlan.set(r.planId, { id: r.planId, fundedRials: r.fundedRials, placeIds: [r.placeId] });
  }
  const reach = reachByPlace(tree, comparedIds, [...byPlan.values()]);
  return {
    level,
    settings,
    indicators,
    activeIndicators: ranked[0]?.coverage.indicatorsTotal ?? 0,
    ranked,
    reach,
    summary: summarizeTargeting(ranked, reach),
    countyOf,
    demoIds: new Set(compared.filter((n) => n.isDemo).map((n) => n.id)),
    fundedPlans: byPlan.size,
  };
}
