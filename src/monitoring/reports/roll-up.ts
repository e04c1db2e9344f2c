/**
 * Progress roll-up (pure). Akvo's update → approve → recalculate and Decidim's weighted roll-up:
 *
 * - A plan's progress (0–100) is computed when a report is submitted and frozen when it is
 *   approved. Two modes, chosen by the programme setting 'progress.rollup':
 *   - 'activities' (default): the mean over the plan's activities of each activity's latest
 *     percent — the percent in the newest report (by period) that mentions the activity, 'done'
 *     counting 100; an activity never reported counts 0. A plan without activities falls back to
 *     the budget mode.
 *   - 'budget': cumulative spending / funded amount × 100, capped at 100.
 * - Across plans (a place, a harm, the programme): the mean of plan progress weighted by each
 *   plan's funded rials (weightedProgress). A funded plan with no approved report yet counts as
 *   0 % (it holds money and has shown nothing); the result is null when no plan has any progress
 *   (nothing reported at all) or there is no weight.
 */

export type RollupMode = 'activities' | 'budget';
export const ROLLUP_SETTING_KEY = 'progress.rollup';
export const defaultRollupMode: RollupMode = 'activities';

/** Reads the stored setting (JSON or bare text); anything unknown means the default. */
export function parseRollupMode(value: string | null | undefined): RollupMode {
  if (!value) return defaultRollupMode;
  let v: unknown = value;
  try {
    v = JSON.parse(value);
  } catch {
    /* bare text */
  }
  return v === 'budget' ? 'budget' : defaultRollupMode;
}

export type RollupReport = {
  period: string;
  spentRials: number;
  activities: { index: number; status: 'not_started' | 'in_progress' | 'done'; percent: number }[];
};

const clamp = (n: number) => Math.max(0, Math.min(100, n));
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Activities mode: the mean of each activity's latest percent, or null for a plan without activities. */
export function progressFromActivities(activityCount: number, reports: readonly RollupReport[]): number | null {
  if (activityCount <= 0) return null;
  const latest = new Array<number>(activityCount).fill(0);
  const ordered = [...reports].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  for (const r of ordered) {
    for (const a of r.activities) {
      if (a.index < 0 || a.index >= activityCount) continue;
      latest[a.index] = a.status === 'done' ? 100 : clamp(a.percent);
    }
  }
  return round1(latest.reduce((s, x) => s + x, 0) / activityCount);
}

/** Budget mode: cumulative spending over the funded amount, capped at 100; null without funding. */
export function progressFromBudget(fundedRials: number, reports: readonly RollupReport[]): number | null {
  if (!(fundedRials > 0)) return null;
  const spent = reports.reduce((s, r) => s + r.spentRials, 0);
  return round1(clamp((spent / fundedRials) * 100));
}

/** A plan's progress after the given reports (the counted ones plus the one being submitted). */
export function planProgress(mode: RollupMode, plan: { activityCount: number; fundedRials: number }, reports: readonly RollupReport[]): number | null {
  if (mode === 'activities') {
    const p = progressFromActivities(plan.activityCount, reports);
    if (p !== null) return p;
  }
  return progressFromBudget(plan.fundedRials, reports);
}

/**
 * Decidim-style weighted roll-up across plans: Σ(progress × weight) / Σ weight, weights being
 * funded rials. Null progress counts 0 but keeps its weight; null when nothing has progress.
 */
export function weightedProgress(plans: readonly { progress: number | null; weight: number }[]): number | null {
  const counted = plans.filter((p) => p.weight > 0);
  if (!counted.some((p) => p.progress !== null)) return null;
  const total = counted.reduce((s, p) => s + p.weight, 0);
  const sum = counted.reduce((s, p) => s + clamp(p.progress ?? 0) * p.weight, 0);
  return round1(sum / total);
}
