// The pure core of an indicator import: the header row says which kind of file it is (values or
// catalogue), then every row is checked against lookup maps the caller built from the database.
// Nothing here reads or writes anything; the operation (run-indicator-import.ts) feeds rows in,
// reports progress between them and writes the normalized rows only when no row is bad.

import { t } from '../../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../../platform/persian/digits.ts';
import { matchKey } from '../../platform/persian/normalize.ts';
import type { PeriodType } from '../periods.ts';
import { parsePeriod, periodCode } from '../periods.ts';
import { checkIndicatorFields, isPercentUnit, type IndicatorFields, type IndicatorField } from './indicator-fields.ts';

export type ImportKind = 'values' | 'catalogue';
export type ValueColumn = 'indicator' | 'place' | 'period' | 'value';
export type CatalogueColumn = IndicatorField;
/** A column of either kind, or 'file' for a problem of the whole file. */
export type ImportField = ValueColumn | CatalogueColumn | 'file';
export type ImportError = { row: number; field: ImportField; message: string };

/** The most errors kept to show; the count is always the true one. */
export const MAX_KEPT_ERRORS = 1000;

export const valueColumns: readonly ValueColumn[] = ['indicator', 'place', 'period', 'value'];
export const catalogueColumns: readonly CatalogueColumn[] = ['code', 'name', 'unit', 'direction', 'harm', 'level', 'source', 'description'];
const requiredCatalogue: readonly CatalogueColumn[] = ['code', 'name', 'unit', 'direction', 'level'];

/** Header names accepted for each column (compared after matchKey, lower-case, with spaces and - as _). */
const aliases: Record<ValueColumn | CatalogueColumn, readonly string[]> = {
  indicator: ['indicator', 'indicator_code', 'کد شاخص', 'شاخص'],
  place: ['place', 'place_code', 'کد مکان', 'مکان'],
  period: ['period', 'دوره'],
  value: ['value', 'مقدار'],
  code: ['code', 'کد'],
  name: ['name', 'نام', 'عنوان'],
  unit: ['unit', 'واحد'],
  direction: ['direction', 'جهت'],
  harm: ['harm', 'آسیب'],
  level: ['level', 'سطح'],
  source: ['source', 'منبع'],
  description: ['description', 'توضیح', 'توضیحات', 'شرح'],
};

const headerKey = (s: string) => matchKey(s.replace(/^\uFEFF/, '')).toLowerCase().replace(/[\s\-]+/g, '_');
const aliasKeys = Object.fromEntries(Object.entries(aliases).map(([col, names]) => [col, names.map(headerKey)])) as Record<ValueColumn | CatalogueColumn, string[]>;

export type Header = { kind: 'values'; index: Record<ValueColumn, number> } | { kind: 'catalogue'; index: Record<CatalogueColumn, number | null> };

/** Which kind of file a header row names, and where each column is; null when it is neither. */
export function detectHeader(cells: readonly string[]): Header | null {
  const keys = cells.map(headerKey);
  const find = (col: ValueColumn | CatalogueColumn) => {
    const i = keys.findIndex((k) => aliasKeys[col].includes(k));
    return i < 0 ? null : i;
  };
  const v = valueColumns.map(find);
  if (v.every((i) => i !== null)) {
    return { kind: 'values', index: Object.fromEntries(valueColumns.map((c, i) => [c, v[i]!])) as Record<ValueColumn, number> };
  }
  const c = catalogueColumns.map(find);
  if (requiredCatalogue.every((col) => c[catalogueColumns.indexOf(col)] !== null)) {
    return { kind: 'catalogue', index: Object.fromEntries(catalogueColumns.map((col, i) => [col, c[i]!])) as Record<CatalogueColumn, number | null> };
  }
  return null;
}

// ---- values -------------------------------------------------------------------------------------

export type IndicatorLookup = { id: number; level: string; unit: string };
export type PlaceLookup = { id: number; kind: string };
export type ValueLookups = {
  /** By upper-case code. */
  indicators: ReadonlyMap<string, IndicatorLookup>;
  /** By SCI code (ASCII digits). */
  places: ReadonlyMap<string, PlaceLookup>;
  /** Place kind → its Persian label, for messages. */
  kindLabel: (kind: string) => string;
};

export type ValueRow = { indicatorId: number; placeId: number; period: string; periodType: PeriodType; year: number; value: number };

// Marks that ride along with numbers copied from documents: bidi controls, NBSP and friends.
/** Printable ASCII without spaces: nothing to normalize. */
const PLAIN_ASCII = /^[\x21-\x7e]*$/;
const INVISIBLES = /[\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00A0\u202F\u2009\s]/g;

/**
 * A number as people type it: Persian, Arabic-Indic or ASCII digits; '٫' or '.' for the decimal
 * point; '٬' or ',' between groups of three; a leading minus. Null when it is anything else
 * (a comma that is not a thousands separator is refused rather than guessed).
 */
export function parseNumber(raw: string): number | null {
  const s = PLAIN_ASCII.test(raw) ? raw.replace(/%$/, '') : toAsciiDigits(raw.normalize('NFKC')).replace(INVISIBLES, '').replace(/^\u2212/, '-').replace(/[%٪]$/, '');
  const m = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/.exec(s);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const n = Number(`${m[1] ?? ''}${(m[2] ?? '0').replace(/,/g, '')}${m[3] !== undefined ? `.${m[3]}` : ''}`);
  return Number.isFinite(n) ? n : null;
}

/** Normalizes a code cell: ASCII digits, no invisible marks, no spaces. */
const codeCell = (raw: string) => (PLAIN_ASCII.test(raw) ? raw : toAsciiDigits(raw.normalize('NFKC')).replace(INVISIBLES, ''));

type ErrorSink = { add(e: ImportError): void };

/** Collects errors: keeps the first MAX_KEPT_ERRORS, counts them all. */
export function errorCollector(limit = MAX_KEPT_ERRORS) {
  const kept: ImportError[] = [];
  let count = 0;
  return {
    add(e: ImportError) {
      count++;
      if (kept.length < limit) kept.push(e);
    },
    get count() { return count; },
    get kept() { return kept; },
  };
}

/** Checks value rows one at a time (so the caller can report progress between them). */
export function valuesValidator(index: Record<ValueColumn, number>, lookups: ValueLookups, errors: ErrorSink = errorCollector()) {
  const seen = new Map<string, number>();
  const out: ValueRow[] = [];
  const percentUnits = new Map<IndicatorLookup, boolean>();
  const percent = (i: IndicatorLookup) => {
    let p = percentUnits.get(i);
    if (p === undefined) percentUnits.set(i, (p = isPercentUnit(i.unit)));
    return p;
  };
  return {
    rows: out,
    add(row: number, cells: readonly string[]) {
      const cell = (c: ValueColumn) => (cells[index[c]] ?? '').trim();
      let bad = false;
      const fail = (field: ValueColumn, message: string) => {
        bad = true;
        errors.add({ row, field, message });
      };
      for (const c of valueColumns) if (cell(c) === '') fail(c, t('indicators.import.error.empty'));

      const code = codeCell(cell('indicator')).toUpperCase();
      const indicator = code === '' ? undefined : lookups.indicators.get(code);
      if (code !== '' && !indicator) fail('indicator', t('indicators.import.error.unknown_indicator', { code: toPersianDigits(code) }));

      const placeCode = codeCell(cell('place'));
      const place = placeCode === '' ? undefined : lookups.places.get(placeCode);
      if (placeCode !== '' && !place) fail('place', t('indicators.import.error.unknown_place', { code: toPersianDigits(placeCode) }));
      if (indicator && place && place.kind !== indicator.level) {
        fail('place', t('indicators.import.error.wrong_level', { code: toPersianDigits(placeCode), kind: lookups.kindLabel(place.kind), level: lookups.kindLabel(indicator.level) }));
      }

      const period = cell('period') === '' ? null : parsePeriod(cell('period'));
      if (cell('period') !== '' && !period) fail('period', t('indicators.import.error.bad_period', { value: toPersianDigits(cell('period')) }));

      const value = cell('value') === '' ? null : parseNumber(cell('value'));
      if (cell('value') !== '' && value === null) fail('value', t('indicators.import.error.not_number', { value: toPersianDigits(cell('value')) }));
      if (value !== null && indicator && percent(indicator) && (value < 0 || value > 100)) {
        fail('value', t('indicators.import.error.percent_range'));
      }

      if (indicator && place && period) {
        const key = `${indicator.id}|${place.id}|${periodCode(period)}`;
        const first = seen.get(key);
        if (first !== undefined) fail('period', t('indicators.import.error.duplicate', { first, row }));
        else seen.set(key, row);
      }
      if (!bad && indicator && place && period && value !== null) {
        out.push({ indicatorId: indicator.id, placeId: place.id, period: periodCode(period), periodType: period.type, year: period.year, value });
      }
    },
  };
}

// ---- catalogue ----------------------------------------------------------------------------------

/** Checks catalogue rows one at a time; the same rules as the staff form. */
export function catalogueValidator(index: Record<CatalogueColumn, number | null>, errors: ErrorSink = errorCollector()) {
  const seen = new Map<string, number>();
  const out: IndicatorFields[] = [];
  return {
    rows: out,
    add(row: number, cells: readonly string[]) {
      const cell = (c: CatalogueColumn) => {
        const i = index[c];
        return i === null ? '' : (cells[i] ?? '').trim();
      };
      const checked = checkIndicatorFields({
        code: toAsciiDigits(cell('code').normalize('NFKC')).replace(/[\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, ''), name: cell('name'), unit: cell('unit'), direction: cell('direction'), harm: cell('harm'),
        level: cell('level'), source: cell('source'), description: cell('description'),
      });
      if (!checked.ok) {
        // Report in the file's column order.
        for (const c of catalogueColumns) {
          const message = checked.errors[c];
          if (message) errors.add({ row, field: c, message });
        }
        return;
      }
      const first = seen.get(checked.value.code);
      if (first !== undefined) {
        errors.add({ row, field: 'code', message: t('indicators.import.error.duplicate_code', { first, row }) });
        return;
      }
      seen.set(checked.value.code, row);
      out.push(checked.value);
    },
  };
}

// ---- the whole table at once (tests, small files) -----------------------------------------------

export type ValidatedTable =
  | { kind: 'values'; rows: ValueRow[]; errors: ImportError[]; errorCount: number }
  | { kind: 'catalogue'; rows: IndicatorFields[]; errors: ImportError[]; errorCount: number }
  | { kind: null; rows: []; errors: ImportError[]; errorCount: number };

/** The error of a header that names neither kind of file. */
export const headerError = (): ImportError => ({ row: 1, field: 'file', message: t('indicators.import.error.header') });
/** The error of a file longer than the cap. */
export const tooManyError = (max: number): ImportError => ({ row: max + 2, field: 'file', message: t('indicators.import.error.too_many', { max }) });

/** Validates a table in one go: errors with the file's row numbers, or every row normalized. */
export function validateTable(
  table: { header: readonly string[]; rows: readonly { row: number; cells: readonly string[] }[]; tooMany?: boolean; maxRows?: number },
  lookups: ValueLookups,
): ValidatedTable {
  const errors = errorCollector();
  const header = detectHeader(table.header);
  if (!header) {
    errors.add(headerError());
    return { kind: null, rows: [], errors: errors.kept, errorCount: errors.count };
  }
  const v = header.kind === 'values' ? valuesValidator(header.index, lookups, errors) : catalogueValidator(header.index, errors);
  for (const r of table.rows) v.add(r.row, r.cells);
  if (table.tooMany) errors.add(tooManyError(table.maxRows ?? table.rows.length));
  return header.kind === 'values'
    ? { kind: 'values', rows: (v as ReturnType<typeof valuesValidator>).rows, errors: errors.kept, errorCount: errors.count }
    : { kind: 'catalogue', rows: (v as ReturnType<typeof catalogueValidator>).rows, errors: errors.kept, errorCount: errors.count };
}
