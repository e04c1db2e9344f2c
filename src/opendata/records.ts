// From rows to the public records the API returns and the exports flatten: one shape per thing,
// typed by the API schemas, so the JSON API, CSV, XLSX and JSON downloads say the same.

import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { explainOutcome, RoundNames } from '../allocation/explain.ts';
import type { AllocationResult, Method } from '../allocation/engines/types.ts';
import type { PlanFacts } from '../allocation/plan-facts.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { hasMessage } from '../platform/i18n/t.ts';
import { periodLabel } from '../monitoring/period-label.ts';
import { parsePeriod } from '../monitoring/periods.ts';
import type {
  IndicatorSchema, IndicatorValueSchema, OutcomeSchema, PlaceSchema, PlanDetailSchema, PlanResultDetailSchema, PlanResultSchema, PlanSchema,
  ResultsSummarySchema, RoundSchema,
} from './api-schemas.ts';
import {
  approvedReportRows, planPlaceRows, planTagRows, publicPlanRows, type IndicatorRow, type IndicatorValueRow, type PlaceRow, type PlanBaseRow,
  type PlanFilter, type PlanResultRow, type ProgrammeTotalsRow, type PublishedRoundRow, type Slice,
} from './opendata.repo.ts';

export type PlanRecord = z.infer<typeof PlanSchema>;
export type PlanDetailRecord = z.infer<typeof PlanDetailSchema>;
export type RoundRecord = z.infer<typeof RoundSchema>;
export type OutcomeRecord = z.infer<typeof OutcomeSchema>;
export type IndicatorRecord = z.infer<typeof IndicatorSchema>;
export type IndicatorValueRecord = z.infer<typeof IndicatorValueSchema>;
export type PlaceRecord = z.infer<typeof PlaceSchema>;
export type PlanResultRecord = z.infer<typeof PlanResultSchema>;
export type PlanResultDetailRecord = z.infer<typeof PlanResultDetailSchema>;
export type ResultsSummary = z.infer<typeof ResultsSummarySchema>;

type Ctx = Pick<AppContext, 'db' | 'config'>;

/** The public site's address without a trailing slash, for the url field of records. */
export const siteUrl = (ctx: Pick<AppContext, 'config'>) => ctx.config.BASE_URL.replace(/\/+$/, '');

/** A Jalali date for machines: `1405/03/28` in ASCII digits (Tehran time). */
export const jalaliDateText = (iso: string | null): string | null => (iso ? toAsciiDigits(formatJalaliNumeric(jalaliPartsOf(iso))) : null);

const statusLabel = (status: string) => {
  const key = `planStatus.${status}`;
  return hasMessage(key) ? t(key) : status;
};

function planRecord(ctx: Ctx, row: PlanBaseRow, tags: Awaited<ReturnType<typeof planTagRows>>, places: Awaited<ReturnType<typeof planPlaceRows>>): PlanRecord {
  const own = places.filter((p) => p.plan_id === row.id);
  const counties = new Map<string, { code: string | null; name: string }>();
  for (const p of own) if (p.county_name !== null) counties.set(`${p.county_code}|${p.county_name}`, { code: p.county_code, name: p.county_name });
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    status_label: statusLabel(row.status),
    agency: { id: row.agency_id, name: row.agency_name },
    call: { id: row.call_id, title: row.call_title },
    harms: tags.filter((x) => x.plan_id === row.id && x.kind === 'harm').map((x) => x.code) as PlanRecord['harms'],
    target_groups: tags.filter((x) => x.plan_id === row.id && x.kind === 'target').map((x) => x.code) as PlanRecord['target_groups'],
    places: own.map((p) => ({ code: p.code, name: p.name, kind: p.kind })),
    counties: [...counties.values()],
    requested_rials: row.requested_rials,
    funded_rials: row.funded_rials,
    support_count: row.support_count,
    public_at: row.public_at,
    public_at_jalali: jalaliDateText(row.public_at),
    url: `${siteUrl(ctx)}/plans/${row.id}`,
    is_demo: row.is_demo,
  };
}

/** Public plans with their tags and places: three statements per page. */
export async function planRecords(ctx: Ctx, filter: PlanFilter, slice: Slice): Promise<{ rows: PlanBaseRow[]; records: PlanRecord[] }> {
  const rows = await publicPlanRows(ctx.db, filter, slice);
  const ids = rows.map((r) => r.id);
  const [tags, places] = await Promise.all([planTagRows(ctx.db, ids), planPlaceRows(ctx.db, ids)]);
  return { rows, records: rows.map((r) => planRecord(ctx, r, tags, places)) };
}

// ---- allocation rounds ---------------------------------------------------------------------------

type StoredInput = { facts?: PlanFacts[] };

/** A published round and every plan's outcome, with the reason in Persian as the results page says it. */
export function roundRecord(ctx: Ctx, row: PublishedRoundRow): { round: RoundRecord; outcomes: OutcomeRecord[] } {
  const result = JSON.parse(row.result) as AllocationResult;
  let facts: PlanFacts[] = [];
  try {
    facts = (JSON.parse(row.input) as StoredInput).facts ?? [];
  } catch {
    facts = [];
  }
  const names = new RoundNames(facts);
  const method = row.method as Method;
  const outcomes: OutcomeRecord[] = (result.outcomes ?? []).map((o) => {
    const f = names.facts(o.id);
    return {
      plan_id: Number(o.id),
      title: f?.title ?? '',
      cost_rials: f?.cost ?? 0,
      selected: o.selected,
      rank: o.rank ?? null,
      reason_code: o.reason,
      reason: explainOutcome(o, method, names),
    };
  });
  const methodKey = `allocation.method.${row.method}`;
  return {
    round: {
      id: row.id,
      call: { id: row.call_id, title: row.call_title, fiscal_year: row.fiscal_year },
      method: row.method,
      method_label: hasMessage(methodKey) ? t(methodKey) : row.method,
      value_rule: row.value_rule,
      budget_rials: row.budget_rials,
      spent_rials: Math.round(result.spent ?? 0),
      plans_considered: outcomes.length,
      plans_selected: outcomes.filter((o) => o.selected).length,
      published_at: row.published_at,
      url: `${siteUrl(ctx)}/results/${row.id}`,
      is_demo: row.is_demo,
    },
    outcomes,
  };
}

// ---- indicators, places ----------------------------------------------------------------------------

export const indicatorRecord = (r: IndicatorRow): IndicatorRecord => ({
  code: r.code, name: r.name, unit: r.unit, direction: r.direction, harm: r.harm, level: r.level, source: r.source, description: r.description, is_demo: r.is_demo,
});

export const valueRecord = (r: IndicatorValueRow): IndicatorValueRecord => ({
  indicator_code: r.indicator_code, place_code: r.place_code, place_name: r.place_name, period: r.period, period_type: r.period_type, year: r.year, value: r.value, is_demo: r.is_demo,
});

export const placeRecord = (r: PlaceRow): PlaceRecord => ({
  id: r.id, code: r.code, name: r.name, kind: r.kind, parent_code: r.parent_code, population: r.population, population_year: r.population_year, is_demo: r.is_demo,
});

// ---- results -------------------------------------------------------------------------------------

const percent = (n: number | null) => (n === null ? null : Math.max(0, Math.min(100, Math.round(n * 10) / 10)));

export const planResultRecord = (ctx: Ctx, r: PlanResultRow): PlanResultRecord => ({
  plan_id: r.id,
  title: r.title,
  agency: r.agency_name,
  status: r.status as PlanResultRecord['status'],
  funded_rials: r.funded_rials,
  spent_rials: r.spent_rials,
  reached: r.reached,
  progress_percent: percent(r.progress_percent),
  last_approved_period: r.last_period,
  approved_reports: r.approved_reports,
  url: `${siteUrl(ctx)}/plans/${r.id}`,
  is_demo: r.is_demo,
});

/**
 * The programme's totals. Progress is the mean of plan progress weighted by funded rials
 * (Decidim's roll-up): a funded plan without an approved report counts 0 % with its weight, and
 * the figure is null while no plan has any approved progress.
 */
export function resultsSummary(r: ProgrammeTotalsRow): ResultsSummary {
  return {
    funded_plans: r.plans,
    funded_rials: r.funded_rials,
    spent_rials: r.spent_rials,
    reached: r.reached,
    progress_percent: r.with_progress > 0 && r.funded_rials > 0 ? percent(r.weighted_progress_sum / r.funded_rials) : null,
  };
}

/** One funded plan's results with its approved reports, period by period. */
export async function planResultDetail(ctx: Ctx, r: PlanResultRow): Promise<PlanResultDetailRecord> {
  const reports = await approvedReportRows(ctx.db, r.id);
  return {
    ...planResultRecord(ctx, r),
    periods: reports.map((p) => {
      const parsed = parsePeriod(p.period);
      return {
        period: p.period,
        period_label: parsed ? periodLabel(parsed) : p.period,
        spent_rials: p.spent_rials,
        reached: p.beneficiaries_total,
        progress_percent: percent(p.progress_percent),
        approved_at: p.decided_at,
      };
    }),
  };
}
