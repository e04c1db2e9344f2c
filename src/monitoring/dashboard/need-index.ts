// The need index: a score 0–100 per place, comparing places of one level (counties, or
// neighborhoods and villages together) from three kinds of evidence:
//   (a) indicators — each place's latest value of each indicator, min–max normalized across the
//       compared places and flipped for 'higher_better' ones, so 1 always means more need;
//   (b) residents' needs — open needs plus their supports per 1,000 residents, min–max normalized;
//   (c) population — log-scaled, min–max normalized (more people → more reach).
// The score is the weighted mean of the components a place has data for (weights renormalized
// over what is present), × 100; what is missing is reported as coverage, never counted as zero.
// Pure: no I/O. Method and worked example: docs/need-index.md.

import { z } from 'zod';
import { comparePersian } from '../../platform/persian/collation.ts';
import type { IndicatorDirection } from '../monitoring.tables.ts';

export const WEIGHT_MAX = 10;
export const DEFAULT_INDICATOR_WEIGHT = 1;

const weight = z.number().finite().min(0).max(WEIGHT_MAX);

/** Stored in programme_settings under 'need_index' (JSON). Indicators absent from indicatorWeights weigh 1. */
export const needIndexSettingsSchema = z.object({
  /** Indicator code → weight. */
  indicatorWeights: z.record(z.string(), weight).default({}),
  needsWeight: weight.default(1),
  populationWeight: weight.default(0.5),
});
export type NeedIndexSettings = z.infer<typeof needIndexSettingsSchema>;

export const NEED_INDEX_SETTINGS_KEY = 'need_index';

export function defaultNeedIndexSettings(): NeedIndexSettings {
  return { indicatorWeights: {}, needsWeight: 1, populationWeight: 0.5 };
}

/** Settings from their stored JSON; defaults when absent or unreadable (a bad row must not break the dashboard). */
export function parseNeedIndexSettings(json: string | null | undefined): NeedIndexSettings {
  if (!json) return defaultNeedIndexSettings();
  try {
    const parsed = needIndexSettingsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : defaultNeedIndexSettings();
  } catch {
    return defaultNeedIndexSettings();
  }
}

export function indicatorWeight(settings: NeedIndexSettings, code: string): number {
  return settings.indicatorWeights[code] ?? DEFAULT_INDICATOR_WEIGHT;
}

export type NeedIndexIndicator = { id: number; code: string; name: string; direction: IndicatorDirection; weight: number };

export type NeedIndexPlace = {
  id: number;
  name: string;
  /** Residents; null or 0 when unknown (then the needs and population components are missing). */
  population: number | null;
  /** Open needs plus their supports at the place. */
  needActivity: number;
  /** Indicator id → the place's latest value (yearly, else the latest year's sub-year average). */
  values: ReadonlyMap<number, number>;
};

export type NeedIndexCoverage = {
  /** Indicators with a value at this place, of `indicatorsTotal` that take part at this level. */
  indicators: number;
  indicatorsTotal: number;
  needs: boolean;
  population: boolean;
};

export type NeedIndexResult = {
  id: number;
  name: string;
  population: number | null;
  /** 0–100, or null when the place has no data for any weighted component. */
  score: number | null;
  /** 1-based position among scored places; null when unscored. */
  rank: number | null;
  coverage: NeedIndexCoverage;
  needsPer1000: number | null;
};

/**
 * Min–max normalization to 0..1 (flipped when `flip`). When every value is equal — one place,
 * or no spread — each gets 0.5: the component cannot tell places apart, and 0.5 keeps it neutral.
 */
export function minMax(values: ReadonlyMap<number, number>, flip = false): Map<number, number> {
  const out = new Map<number, number>();
  let min = Infinity;
  let max = -Infinity;
  for (const v of values.values()) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  for (const [id, v] of values) {
    const x = span > 1e-12 ? (v - min) / span : 0.5;
    out.set(id, flip ? 1 - x : x);
  }
  return out;
}

const hasPopulation = (p: NeedIndexPlace) => p.population !== null && p.population > 0;

/** Min–max over a dense column (NaN = missing), in place; 0.5 everywhere when there is no spread. */
function normalizeColumn(col: Float64Array, flip: boolean): void {
  let min = Infinity;
  let max = -Infinity;
  for (const v of col) {
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (Number.isNaN(v)) continue;
    const x = span > 1e-12 ? (v - min) / span : 0.5;
    col[i] = flip ? 1 - x : x;
  }
}

/** Scores and ranks the places (most need first; ties and unscored places by Persian name). */
export function computeNeedIndex(
  places: readonly NeedIndexPlace[],
  indicators: readonly NeedIndexIndicator[],
  weights: { needsWeight: number; populationWeight: number },
): NeedIndexResult[] {
  const n = places.length;
  // Indicators take part when weighted and measured at some compared place. Columns are dense
  // (one slot per place, NaN when missing): this runs on every request over thousands of places.
  const active: { ind: NeedIndexIndicator; col: Float64Array }[] = [];
  for (const ind of indicators) {
    if (!(ind.weight > 0)) continue;
    const col = new Float64Array(n).fill(NaN);
    let any = false;
    for (let i = 0; i < n; i++) {
      const v = places[i]!.values.get(ind.id);
      if (v !== undefined && Number.isFinite(v)) {
        col[i] = v;
        any = true;
      }
    }
    if (!any) continue;
    normalizeColumn(col, ind.direction === 'higher_better');
    active.push({ ind, col });
  }
  const needsRaw = new Float64Array(n).fill(NaN);
  const popCol = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const p = places[i]!;
    if (!hasPopulation(p)) continue;
    needsRaw[i] = (p.needActivity / p.population!) * 1000;
    popCol[i] = Math.log10(p.population!);
  }
  const needsCol = Float64Array.from(needsRaw);
  normalizeColumn(needsCol, false);
  normalizeColumn(popCol, false);

  const results: NeedIndexResult[] = places.map((p, i) => {
    let sum = 0;
    let weightSum = 0;
    let covered = 0;
    for (const { ind, col } of active) {
      const x = col[i]!;
      if (Number.isNaN(x)) continue;
      covered++;
      sum += ind.weight * x;
      weightSum += ind.weight;
    }
    const needs = needsCol[i]!;
    const hasNeeds = !Number.isNaN(needs);
    if (hasNeeds && weights.needsWeight > 0) {
      sum += weights.needsWeight * needs;
      weightSum += weights.needsWeight;
    }
    const pop = popCol[i]!;
    const hasPop = !Number.isNaN(pop);
    if (hasPop && weights.populationWeight > 0) {
      sum += weights.populationWeight * pop;
      weightSum += weights.populationWeight;
    }
    return {
      id: p.id,
      name: p.name,
      population: hasPopulation(p) ? p.population : null,
      score: weightSum > 0 ? (100 * sum) / weightSum : null,
      rank: null,
      coverage: { indicators: covered, indicatorsTotal: active.length, needs: hasNeeds, population: hasPop },
      needsPer1000: hasNeeds ? needsRaw[i]! : null,
    };
  });

  results.sort((a, b) => {
    if (a.score === null || b.score === null) {
      if (a.score !== b.score) return a.score === null ? 1 : -1;
    } else if (Math.abs(a.score - b.score) > 1e-9) {
      return b.score - a.score;
    }
    return comparePersian(a.name, b.name) || a.id - b.id;
  });
  let rank = 0;
  for (const r of results) if (r.score !== null) r.rank = ++rank;
  return results;
}
