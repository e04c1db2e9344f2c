// View-models of /admin/targeting (and its CSV) and /admin/need-index: routes parse and call
// these; views receive only formatted text.

import type { Actor } from '../../accounts/permissions.ts';
import { can } from '../../accounts/permissions.ts';
import type { Db } from '../../platform/db/database.ts';
import { hasMessage, t } from '../../platform/i18n/t.ts';
import { toPersianDigits } from '../../platform/persian/digits.ts';
import { formatJalaliDateTime } from '../../platform/persian/jalali.ts';
import { formatMoney, formatNumber } from '../../platform/persian/money.ts';
import type { BarDatum } from '../../platform/views/charts.tsx';
import { pageCount } from '../../platform/views/pagination.ts';
import { listIndicators } from './dashboard.repo.ts';
import { loadNeedIndex, loadNeedIndexSettings, needLevels, type NeedIndexData, type NeedLevel } from './load-need-index.ts';
import { indicatorWeight, type NeedIndexResult, type NeedIndexSettings } from './need-index.ts';
import { settingsFields, type NeedIndexSettingsInput } from './save-need-index-settings.ts';
import { TOP_SHARE } from './targeting.ts';
import type { NeedIndexSettingsView, WeightFieldView } from './views/settings-page.tsx';
import type { RankRowView, TargetingView } from './views/targeting-page.tsx';

export const TARGETING_PAGE_SIZE = 50;

const oneDecimal = new Intl.NumberFormat('fa-IR', { minimumFractionDigits: 0, maximumFractionDigits: 1 });
const fixedOne = new Intl.NumberFormat('fa-IR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** A share 0..1 as a Persian percentage with one decimal: «۱۶٫۷٪». */
export const percent = (x: number) => `${oneDecimal.format(Math.round(x * 1000) / 10)}٪`;
/** A need-index score with one decimal: «۷۸٫۶». */
export const scoreText = (s: number | null) => (s === null ? '—' : fixedOne.format(Math.round(s * 10) / 10));
const rials = (n: number) => formatMoney(Math.round(n), 'rial');

export function coverageText(r: NeedIndexResult): string {
  const parts = [t('dashboard.coverage.indicators', { have: formatNumber(r.coverage.indicators), total: formatNumber(r.coverage.indicatorsTotal) })];
  if (!r.coverage.population) parts.push(t('dashboard.coverage.no_population'));
  return parts.join('، ');
}

export function levelLabel(level: NeedLevel): string {
  return t(level === 'home' ? 'dashboard.level.home' : 'dashboard.level.county');
}

/** The budget-share sentence, or null when there is nothing to compare. */
export function shareSentence(d: NeedIndexData): string | null {
  const s = d.summary;
  if (s.budgetShare === null || s.populationShare === null) return null;
  return t('dashboard.targeting.share_sentence', { count: formatNumber(s.topCount), budget: percent(s.budgetShare), population: percent(s.populationShare) });
}

export function shareChart(d: NeedIndexData): BarDatum[] {
  const s = d.summary;
  // Both shares or none: an unknown share drawn as 0% would read as a fact.
  if (s.budgetShare === null || s.populationShare === null) return [];
  return [
    { label: t('dashboard.targeting.share_budget'), value: Math.round(s.budgetShare * 1000) / 10 },
    { label: t('dashboard.targeting.share_population'), value: Math.round(s.populationShare * 1000) / 10 },
  ];
}

export const percentFormat = (n: number) => `${oneDecimal.format(n)}٪`;

function rankRow(d: NeedIndexData, r: NeedIndexResult): RankRowView {
  const reach = d.reach.get(r.id);
  return {
    id: r.id,
    rank: r.rank === null ? '—' : formatNumber(r.rank),
    name: toPersianDigits(r.name),
    href: `/places/${r.id}`,
    demo: d.demoIds.has(r.id),
    county: d.countyOf.has(r.id) ? toPersianDigits(d.countyOf.get(r.id)!) : '',
    score: scoreText(r.score),
    coverage: coverageText(r),
    partial: r.coverage.indicators < r.coverage.indicatorsTotal || !r.coverage.population,
    population: r.population === null ? '—' : formatNumber(r.population),
    plans: formatNumber(reach?.plans ?? 0),
    rials: reach ? rials(reach.rials) : '—',
    top: d.summary.topIds.has(r.id),
  };
}

export async function loadTargeting(db: Db, actor: Actor, level: NeedLevel, page: number, now: Date): Promise<TargetingView> {
  const d = await loadNeedIndex(db, level);
  const pages = pageCount(d.ranked.length, TARGETING_PAGE_SIZE);
  const current = Math.min(page, pages);
  const rows = d.ranked.slice((current - 1) * TARGETING_PAGE_SIZE, current * TARGETING_PAGE_SIZE).map((r) => rankRow(d, r));
  const href = (o: { level?: NeedLevel; page?: number; csv?: boolean }) => {
    const q = new URLSearchParams();
    const l = o.level ?? level;
    if (l !== 'home') q.set('level', l);
    if (o.page && o.page > 1) q.set('page', String(o.page));
    if (o.csv) q.set('format', 'csv');
    const s = q.toString();
    return s ? `/admin/targeting?${s}` : '/admin/targeting';
  };
  const scored = d.summary.scoredCount;
  return {
    level,
    levelLabel: levelLabel(level),
    levelOptions: needLevels.map((l) => ({ value: l, label: levelLabel(l) })),
    stats: [
      { label: t('dashboard.targeting.stat.places'), value: formatNumber(d.ranked.length) },
      { label: t('dashboard.targeting.stat.scored'), value: formatNumber(scored) },
      { label: t('dashboard.targeting.stat.indicators'), value: formatNumber(d.activeIndicators) },
      { label: t('dashboard.targeting.stat.funded_plans'), value: formatNumber(d.fundedPlans) },
      { label: t('dashboard.targeting.stat.top'), value: formatNumber(d.summary.topCount) },
    ],
    shareSentence: shareSentence(d),
    shareChart: shareChart(d),
    topLabel: t('dashboard.targeting.top_rule', { percent: percent(TOP_SHARE) }),
    unreached: d.summary.unreached.map((r) => rankRow(d, r)),
    rows,
    pager: { page: current, pages, hrefFor: (p) => href({ page: p }) },
    csvHref: href({ csv: true }),
    settingsHref: can(actor, 'monitoring.configure') ? '/admin/need-index' : null,
    generatedAt: formatJalaliDateTime(now),
  };
}

// ---- CSV -------------------------------------------------------------------------------------------

const FORMULA_START = /^[=+\-@\t\r]/;
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole ranking as CSV (UTF-8 with BOM for Excel, CRLF, plain digits so numbers can be summed). */
export async function targetingCsv(db: Db, level: NeedLevel): Promise<string> {
  const d = await loadNeedIndex(db, level);
  const header = [
    t('dashboard.csv.rank'), t('dashboard.csv.place_id'), t('dashboard.csv.place'), t('dashboard.csv.county'), t('dashboard.csv.score'),
    t('dashboard.csv.indicators_have'), t('dashboard.csv.indicators_total'), t('dashboard.csv.population'), t('dashboard.csv.needs_per_1000'),
    t('dashboard.csv.plans'), t('dashboard.csv.rials'), t('dashboard.csv.top'),
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const r of d.ranked) {
    const reach = d.reach.get(r.id);
    lines.push(
      [
        r.rank, r.id, r.name, d.countyOf.get(r.id) ?? null, r.score === null ? null : Math.round(r.score * 10) / 10,
        r.coverage.indicators, r.coverage.indicatorsTotal, r.population, r.needsPer1000 === null ? null : Math.round(r.needsPer1000 * 100) / 100,
        reach?.plans ?? 0, Math.round(reach?.rials ?? 0), d.summary.topIds.has(r.id) ? 1 : 0,
      ].map(csvCell).join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---- settings page ------------------------------------------------------------------------------------

export type SettingsFormState = { input: NeedIndexSettingsInput; errors: Record<string, string> };

const weightText = (w: number) => oneDecimalWeight.format(w);
const oneDecimalWeight = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 3, useGrouping: false });

export async function loadSettingsPage(db: Db, state?: SettingsFormState): Promise<NeedIndexSettingsView> {
  const [indicators, stored] = await Promise.all([listIndicators(db), loadNeedIndexSettings(db)]);
  const s: NeedIndexSettings = stored.settings;
  const errors = state?.errors ?? {};
  const value = (typed: string | undefined, w: number) => (typed !== undefined ? typed : weightText(w));
  const field = (name: string, label: string, typed: string | undefined, w: number, hint?: string): WeightFieldView => ({
    name, label, value: value(typed, w), ...(errors[name] ? { error: errors[name] } : {}), ...(hint ? { hint } : {}),
  });
  return {
    indicators: indicators.map((i) =>
      field(
        settingsFields.indicator(i.id),
        i.isDemo ? `${toPersianDigits(i.name)} (${t('indicators.demo')})` : toPersianDigits(i.name),
        state?.input.indicators[String(i.id)],
        indicatorWeight(s, i.code),
        t('dashboard.settings.indicator_hint', {
          direction: t(i.direction === 'lower_better' ? 'dashboard.direction.lower_better' : 'dashboard.direction.higher_better'),
          level: placeKindLabel(i.level),
        }),
      ),
    ),
    needs: field(settingsFields.needs, t('dashboard.settings.needs'), state?.input.needs, s.needsWeight, t('dashboard.settings.needs_hint')),
    population: field(settingsFields.population, t('dashboard.settings.population'), state?.input.population, s.populationWeight, t('dashboard.settings.population_hint')),
    allError: errors[settingsFields.all] ?? null,
    errors,
    updated: stored.updatedAt
      ? t('dashboard.settings.updated', { at: formatJalaliDateTime(stored.updatedAt), by: stored.updatedBy ? toPersianDigits(stored.updatedBy) : t('dashboard.settings.someone') })
      : t('dashboard.settings.defaults_in_use'),
    levels: needLevels.map((l) => ({ label: levelLabel(l), href: l === 'home' ? '/admin/targeting' : `/admin/targeting?level=${l}` })),
  };
}

function placeKindLabel(kind: string): string {
  const key = `place.kind.${kind}`;
  return hasMessage(key) ? t(key) : kind;
}
