// View-models of the indicator pages: the routes parse and call these; the views receive only
// what they show, already formatted (Persian digits, Jalali dates, labels).

import { can, type Actor } from '../../accounts/permissions.ts';
import type { OpContext } from '../../context.ts';
import { field } from '../../platform/http/forms.ts';
import { hasMessage, t } from '../../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../../platform/persian/jalali.ts';
import { formatNumber } from '../../platform/persian/money.ts';
import { matchKey } from '../../platform/persian/normalize.ts';
import { pageCount } from '../../platform/views/pagination.ts';
import type { SelectOption } from '../../platform/views/components.tsx';
import { placeKinds, type PlaceKind } from '../../places/place-kinds.ts';
import { placesOfKind } from '../../places/places.repo.ts';
import { harms } from '../../taxonomy/codes.ts';
import type { DataImportStatus } from '../monitoring.tables.ts';
import { parsePeriod, type PeriodType } from '../periods.ts';
import { periodLabel } from '../period-label.ts';
import { directions, type IndicatorFieldsInput } from './indicator-fields.ts';
import type { ImportError } from './import-rows.ts';
import {
  allIndicators, countDataImports, countIndicators, countValuesFiltered, findIndicator, IMPORTS_PAGE_SIZE, INDICATORS_PAGE_SIZE,
  listDataImports, listIndicators, listValues, placesWithValues, VALUES_PAGE_SIZE, yearlyValuesAtTop,
  type DataImportRow, type IndicatorFilter, type IndicatorRow, type ValueFilter,
} from './indicators.repo.ts';
import { IMPORT_MAX_BYTES } from './start-indicator-import.ts';
import { MAX_IMPORT_ROWS } from './read-import-file.ts';

// ---- formatting ---------------------------------------------------------------------------------

/** What an empty cell shows. */
const NONE = '—';

export const kindLabel = (kind: string) => {
  const key = `place.kind.${kind}`;
  return hasMessage(key) ? t(key) : kind;
};
export const harmLabel = (harm: string | null) => {
  if (!harm) return NONE;
  const key = `harm.${harm}`;
  return hasMessage(key) ? t(key) : harm;
};
export const directionLabel = (d: string) => (d === 'higher_better' ? t('indicators.direction.higher_better') : t('indicators.direction.lower_better'));
/** A value as people read it: Persian digits and grouping, up to two decimals. */
export const formatValue = (n: number) => formatNumber(Math.round(n * 100) / 100);
export const periodText = (code: string) => {
  const p = parsePeriod(code);
  return p ? periodLabel(p) : toPersianDigits(code);
};
export const importStatusLabel = (s: DataImportStatus) => t(`indicators.import.status.${s}`);
export const importKindLabel = (kind: string) => {
  const key = `indicators.import.kind.${kind}`;
  return hasMessage(key) ? t(key) : kind;
};
/** The Persian name of an error's column ('file' for the whole file). */
export const columnLabel = (f: string) => {
  const key = `indicators.column.${f}`;
  return hasMessage(key) ? t(key) : f;
};

/** A number from a URL (any digit kind), or null. */
export function idOf(raw: string): number | null {
  const s = toAsciiDigits(raw.trim());
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
}

export const harmOptions = (): SelectOption[] => harms.map((h) => ({ value: h, label: t(`harm.${h}`) }));
export const levelOptions = (): SelectOption[] => placeKinds.map((k) => ({ value: k, label: t(`place.kind.${k}`) }));
export const directionOptions = (): SelectOption[] => directions.map((d) => ({ value: d, label: t(`indicators.direction.${d}`) }));

const hasPlaceKind = (k: string): k is PlaceKind => (placeKinds as readonly string[]).includes(k);

// ---- the list -----------------------------------------------------------------------------------

export type ListParams = { q: string; harm: string | null; page: number };

export function parseListParams(query: unknown): ListParams {
  const harm = field(query, 'harm', 40);
  const pageRaw = toAsciiDigits(field(query, 'page', 8));
  return { q: field(query, 'q', 100).trim(), harm: (harms as readonly string[]).includes(harm) ? harm : null, page: /^\d+$/.test(pageRaw) && Number(pageRaw) > 0 ? Number(pageRaw) : 1 };
}

export function listHref(p: ListParams, page = 1): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set('q', p.q);
  if (p.harm) qs.set('harm', p.harm);
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `/admin/indicators?${s}` : '/admin/indicators';
}

export type IndicatorListItem = {
  id: number; href: string; code: string; name: string; unit: string; direction: string; harm: string; level: string; source: string;
  values: string; latest: string; isDemo: boolean;
};
export type IndicatorListView = {
  q: string; harm: string; total: string; items: IndicatorListItem[]; harmOptions: SelectOption[]; canManage: boolean;
  pager: { page: number; pages: number; hrefFor: (n: number) => string };
};

export async function loadIndicatorList(ctx: OpContext, actor: Actor, p: ListParams): Promise<IndicatorListView> {
  const key = matchKey(p.q);
  const filter: IndicatorFilter = { key: key || null, harm: p.harm };
  const [rows, total] = await Promise.all([
    listIndicators(ctx.db, filter, { limit: INDICATORS_PAGE_SIZE, offset: (p.page - 1) * INDICATORS_PAGE_SIZE }),
    countIndicators(ctx.db, filter),
  ]);
  return {
    q: p.q, harm: p.harm ?? '', total: formatNumber(total), harmOptions: harmOptions(), canManage: can(actor, 'indicator.manage'),
    items: rows.map((r) => ({
      id: r.id, href: `/admin/indicators/${r.id}`, code: r.code, name: r.name, unit: r.unit, direction: directionLabel(r.direction),
      harm: harmLabel(r.harm), level: kindLabel(r.level), source: r.source || NONE, values: formatNumber(r.value_count),
      latest: r.latest_period ? toPersianDigits(r.latest_period) : NONE, isDemo: r.is_demo === 1,
    })),
    pager: { page: p.page, pages: pageCount(total, INDICATORS_PAGE_SIZE), hrefFor: (n) => listHref(p, n) },
  };
}

// ---- the form -----------------------------------------------------------------------------------

export type IndicatorFormView = {
  id: number | null;
  code: string | null;
  values: IndicatorFieldsInput;
  errors: Record<string, string>;
  harmOptions: SelectOption[];
  levelOptions: SelectOption[];
  directionOptions: SelectOption[];
};

export const emptyIndicatorInput = (): IndicatorFieldsInput => ({ code: '', name: '', unit: '', direction: 'lower_better', harm: '', level: 'county', source: '', description: '' });

export const inputOfRow = (r: IndicatorRow): IndicatorFieldsInput => ({
  code: r.code, name: r.name, unit: r.unit, direction: r.direction, harm: r.harm ?? '', level: r.level, source: r.source, description: r.description,
});

export function readIndicatorForm(body: unknown): IndicatorFieldsInput {
  return {
    code: field(body, 'code', 100), name: field(body, 'name', 1000), unit: field(body, 'unit', 200), direction: field(body, 'direction', 40),
    harm: field(body, 'harm', 60), level: field(body, 'level', 40), source: field(body, 'source', 1000), description: field(body, 'description', 10_000),
  };
}

export function indicatorFormView(id: number | null, code: string | null, values: IndicatorFieldsInput, errors: Record<string, string> = {}): IndicatorFormView {
  return { id, code, values, errors, harmOptions: harmOptions(), levelOptions: levelOptions(), directionOptions: directionOptions() };
}

// ---- one indicator ------------------------------------------------------------------------------

export type ValuesParams = { placeId: number | null; periodType: PeriodType | null; page: number };

export function parseValuesParams(query: unknown): ValuesParams {
  const type = field(query, 'type', 10);
  const pageRaw = toAsciiDigits(field(query, 'page', 8));
  return {
    placeId: idOf(field(query, 'place', 12)),
    periodType: type === 'year' || type === 'quarter' || type === 'month' ? type : null,
    page: /^\d+$/.test(pageRaw) && Number(pageRaw) > 0 ? Number(pageRaw) : 1,
  };
}

export type IndicatorPageView = {
  id: number; code: string; name: string; unit: string; direction: string; harm: string; level: string; source: string; description: string;
  isDemo: boolean; canManage: boolean; canDelete: boolean; total: string;
  placeOptions: SelectOption[]; placeId: string; periodType: string;
  values: { place: string; placeDemo: boolean; period: string; value: string; updated: string }[];
  chart: { title: string; unit: string; series: { name: string; points: { x: string; value: number | null }[] }[] } | null;
  pager: { page: number; pages: number; hrefFor: (n: number) => string };
};

export async function loadIndicatorPage(ctx: OpContext, actor: Actor, id: number, p: ValuesParams): Promise<IndicatorPageView | null> {
  const row = await findIndicator(ctx.db, id);
  if (!row) return null;
  const filter: ValueFilter = { placeId: p.placeId, periodType: p.periodType };
  const [values, total, all, places, yearly] = await Promise.all([
    listValues(ctx.db, id, filter, { limit: VALUES_PAGE_SIZE, offset: (p.page - 1) * VALUES_PAGE_SIZE }),
    countValuesFiltered(ctx.db, id, filter),
    countValuesFiltered(ctx.db, id, { placeId: null, periodType: null }),
    placesWithValues(ctx.db, id),
    yearlyValuesAtTop(ctx.db, id),
  ]);
  const href = (n: number) => {
    const qs = new URLSearchParams();
    if (p.placeId !== null) qs.set('place', String(p.placeId));
    if (p.periodType) qs.set('type', p.periodType);
    if (n > 1) qs.set('page', String(n));
    const s = qs.toString();
    return `/admin/indicators/${id}${s ? `?${s}` : ''}#values`;
  };
  // The chart: one line per province or county, over the years that have values.
  const years = [...new Set(yearly.map((v) => v.year))].sort((a, b) => a - b);
  const byPlace = new Map<number, { name: string; values: Map<number, number> }>();
  for (const v of yearly) {
    const s = byPlace.get(v.place_id) ?? { name: v.place_name, values: new Map<number, number>() };
    s.values.set(v.year, v.value);
    byPlace.set(v.place_id, s);
  }
  const chart = years.length >= 2 && byPlace.size > 0
    ? {
        title: t('indicators.page.chart_title', { name: row.name }),
        unit: row.unit,
        series: [...byPlace.values()].slice(0, 8).map((s) => ({ name: s.name, points: years.map((y) => ({ x: toPersianDigits(y), value: s.values.get(y) ?? null })) })),
      }
    : null;
  return {
    id: row.id, code: row.code, name: row.name, unit: row.unit, direction: directionLabel(row.direction), harm: harmLabel(row.harm),
    level: kindLabel(row.level), source: row.source || NONE, description: row.description, isDemo: row.is_demo === 1,
    canManage: can(actor, 'indicator.manage'), canDelete: can(actor, 'indicator.manage') && all === 0, total: formatNumber(total),
    placeOptions: places.map((pl) => ({ value: String(pl.id), label: `${pl.name} (${kindLabel(pl.kind)})` })),
    placeId: p.placeId === null ? '' : String(p.placeId), periodType: p.periodType ?? '',
    values: values.map((v) => ({
      place: v.place_name, placeDemo: v.place_is_demo === 1, period: periodText(v.period), value: formatValue(v.value), updated: formatJalaliDate(v.updated_at),
    })),
    chart,
    pager: { page: p.page, pages: pageCount(total, VALUES_PAGE_SIZE), hrefFor: href },
  };
}

// ---- imports ------------------------------------------------------------------------------------

export type ImportFormView = { error?: string; limits: string };

export const importFormView = (error?: string): ImportFormView => ({
  error, limits: t('indicators.import.limits', { rows: formatNumber(MAX_IMPORT_ROWS), mb: formatNumber(IMPORT_MAX_BYTES / 1024 / 1024) }),
});

export type ImportErrorView = { row: string; column: string; message: string };
export type ImportPageView = {
  id: number; fileName: string; status: DataImportStatus; statusLabel: string; kind: string; running: boolean;
  /** 0–100, or null while writing (an indeterminate bar). */
  percent: number | null; percentText: string;
  processed: string; total: string; imported: string; errorCount: string; shownErrors: string | null;
  errors: ImportErrorView[]; createdAt: string; createdBy: string; isCatalogue: boolean; finishedAt: string | null;
};

const errorView = (e: ImportError): ImportErrorView => ({
  row: e.row > 0 ? toPersianDigits(e.row) : t('indicators.import_page.whole_file'), column: columnLabel(e.field), message: e.message,
});

export function importPageView(row: DataImportRow): ImportPageView {
  const running = row.status === 'queued' || row.status === 'validating' || row.status === 'importing';
  const percent = row.status === 'importing' ? null
    : row.status === 'queued' ? 0
    : row.status === 'validating' ? (row.total_rows > 0 ? Math.min(100, Math.floor((row.processed_rows / row.total_rows) * 100)) : 0)
    : 100;
  return {
    id: row.id, fileName: row.file_name, status: row.status, statusLabel: importStatusLabel(row.status), kind: importKindLabel(row.kind), running,
    percent, percentText: percent === null ? importStatusLabel(row.status) : t('indicators.import_page.percent', { percent }),
    processed: formatNumber(row.processed_rows), total: formatNumber(row.total_rows), imported: formatNumber(row.imported_rows),
    errorCount: formatNumber(row.error_count),
    shownErrors: row.errors.length < row.error_count ? t('indicators.import_page.shown', { shown: formatNumber(row.errors.length) }) : null,
    errors: row.errors.map(errorView),
    createdAt: formatJalaliDateTime(row.created_at), createdBy: row.created_by_name ?? t('indicators.imports.by_cli'),
    isCatalogue: row.kind === 'indicator_catalogue', finishedAt: row.finished_at ? formatJalaliDateTime(row.finished_at) : null,
  };
}

export type ImportsListView = {
  items: { href: string; fileName: string; kind: string; status: string; rows: string; by: string; at: string }[];
  total: string;
  pager: { page: number; pages: number; hrefFor: (n: number) => string };
};

export async function loadImportsList(ctx: OpContext, page: number): Promise<ImportsListView> {
  const [rows, total] = await Promise.all([
    listDataImports(ctx.db, { limit: IMPORTS_PAGE_SIZE, offset: (page - 1) * IMPORTS_PAGE_SIZE }),
    countDataImports(ctx.db),
  ]);
  return {
    total: formatNumber(total),
    items: rows.map((r) => ({
      href: `/admin/indicators/imports/${r.id}`, fileName: r.file_name, kind: importKindLabel(r.kind), status: importStatusLabel(r.status),
      rows: formatNumber(r.total_rows), by: r.created_by_name ?? t('indicators.imports.by_cli'), at: formatJalaliDateTime(r.created_at),
    })),
    pager: { page, pages: pageCount(total, IMPORTS_PAGE_SIZE), hrefFor: (n) => `/admin/indicators/imports?page=${n}` },
  };
}

// ---- downloads ----------------------------------------------------------------------------------

const csvCell = (s: string) => (/[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** CSV text with a BOM (so spreadsheet programs read it as UTF-8) and CRLF line ends. */
export const toCsv = (rows: string[][]) => `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

/** A sample values file from the catalogue: one row per indicator at a place of its level, last year. */
export async function sampleCsv(ctx: OpContext): Promise<string> {
  const samplePlaces = async (kind: string) => (hasPlaceKind(kind) ? (await placesOfKind(ctx.db, kind, 1))[0]?.code ?? null : null);
  const rows: string[][] = [['indicator', 'place', 'period', 'value']];
  const indicators = await allIndicators(ctx.db);
  const codes = new Map<string, string | null>();
  for (const i of indicators.slice(0, 50)) {
    if (!codes.has(i.level)) codes.set(i.level, await samplePlaces(i.level));
    const place = codes.get(i.level);
    if (place) rows.push([i.code, place, '1404', '12.5'], [i.code, place, '1404Q1', '3']);
  }
  if (rows.length === 1) rows.push(['CODE', '2603', '1404', '12.5']);
  return toCsv(rows);
}

/** The error report of a rejected import as CSV: row, column, problem. */
export function errorsCsv(row: DataImportRow): string {
  return toCsv([
    [t('indicators.import_page.col.row'), t('indicators.import_page.col.column'), t('indicators.import_page.col.problem')],
    ...row.errors.map((e) => [String(e.row), columnLabel(e.field), e.message]),
  ]);
}
