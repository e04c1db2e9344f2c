import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { DataImportStatus, IndicatorDirection } from '../monitoring.tables.ts';
import type { PeriodType } from '../periods.ts';
import type { IndicatorFields } from './indicator-fields.ts';
import type { ImportError, ValueRow } from './import-rows.ts';

// The only SQL of the indicator catalogue, its values and its file imports. Works the same on
// SQLite and PostgreSQL: upserts use ON CONFLICT … DO UPDATE with excluded values, and batches
// stay far below PostgreSQL's 65,535 bind parameters (8 per value row × 500 rows).

export const INDICATORS_PAGE_SIZE = 30;
export const VALUES_PAGE_SIZE = 50;
export const IMPORTS_PAGE_SIZE = 30;
/** Rows per INSERT when writing values. */
export const UPSERT_BATCH = 500;
/** Codes per IN (…) lookup. */
const LOOKUP_BATCH = 500;

const chunks = <T,>(list: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

// ---- the catalogue ------------------------------------------------------------------------------

export type IndicatorRow = {
  id: number;
  code: string;
  name: string;
  unit: string;
  direction: IndicatorDirection;
  harm: string | null;
  level: string;
  source: string;
  description: string;
  is_demo: 0 | 1;
  created_at: string;
  updated_at: string;
};

const indicatorColumns = ['id', 'code', 'name', 'unit', 'direction', 'harm', 'level', 'source', 'description', 'is_demo', 'created_at', 'updated_at'] as const;

export async function findIndicator(db: Db, id: number): Promise<IndicatorRow | undefined> {
  return db.selectFrom('indicators').select(indicatorColumns).where('id', '=', id).executeTakeFirst();
}

export async function findIndicatorIdByCode(db: Db, code: string): Promise<number | null> {
  const r = await db.selectFrom('indicators').select('id').where('code', '=', code).executeTakeFirst();
  return r ? Number(r.id) : null;
}

export type IndicatorFilter = { key: string | null; harm: string | null };
export type IndicatorListRow = IndicatorRow & { value_count: number; latest_period: string | null };

function filtered(db: Db, f: IndicatorFilter) {
  let q = db.selectFrom('indicators as i');
  if (f.key) {
    // LIKE on the matchKey of the name (and the code), with %, _ and \ matching only themselves.
    const escaped = `%${f.key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`(i.name_key like ${escaped} escape '\\' or i.code like ${escaped.toUpperCase()} escape '\\')`);
  }
  if (f.harm) q = q.where('i.harm', '=', f.harm);
  return q;
}

/** A page of the catalogue, by code, each with its number of values and latest year. */
export async function listIndicators(db: Db, f: IndicatorFilter, page: { limit: number; offset: number }): Promise<IndicatorListRow[]> {
  const rows = await filtered(db, f)
    .select([...indicatorColumns.map((c) => `i.${c}` as const)])
    .select((eb) => [
      eb.selectFrom('indicator_values as v').whereRef('v.indicator_id', '=', 'i.id').select((e) => e.fn.countAll().as('n')).as('value_count'),
      eb.selectFrom('indicator_values as v').whereRef('v.indicator_id', '=', 'i.id').select((e) => e.fn.max('v.year').as('y')).as('latest_year'),
    ])
    .orderBy('i.code')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    ...r,
    value_count: Number(r.value_count ?? 0),
    latest_period: r.latest_year === null || r.latest_year === undefined ? null : String(r.latest_year),
  }));
}

export async function countIndicators(db: Db, f: IndicatorFilter): Promise<number> {
  const r = await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Every indicator's code, name and unit (the sample file, small catalogues). */
export async function allIndicators(db: Db): Promise<Pick<IndicatorRow, 'id' | 'code' | 'name' | 'unit' | 'level'>[]> {
  return db.selectFrom('indicators').select(['id', 'code', 'name', 'unit', 'level']).orderBy('code').execute();
}

export async function insertIndicator(db: Db, f: IndicatorFields, now: string, isDemo = false): Promise<number> {
  const row = await db
    .insertInto('indicators')
    .values({
      code: f.code, name: f.name, name_key: f.nameKey, unit: f.unit, direction: f.direction, harm: f.harm, level: f.level,
      source: f.source, description: f.description, is_demo: isDemo ? 1 : 0, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateIndicator(db: Db, id: number, f: IndicatorFields, now: string): Promise<void> {
  await db
    .updateTable('indicators')
    .set({ code: f.code, name: f.name, name_key: f.nameKey, unit: f.unit, direction: f.direction, harm: f.harm, level: f.level, source: f.source, description: f.description, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Deletes an indicator only while it has no values; false when it has some (or is gone). */
export async function deleteIndicatorWithoutValues(db: Db, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('indicators')
    .where('id', '=', id)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('indicator_values').select('indicator_id').where('indicator_id', '=', id))))
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Catalogue rows of an import: inserted or updated by code. Returns how many were new. */
export async function upsertIndicators(db: Db, rows: readonly IndicatorFields[], now: string): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  for (const batch of chunks(rows, 200)) {
    const existing = new Set((await db.selectFrom('indicators').select('code').where('code', 'in', batch.map((r) => r.code)).execute()).map((r) => r.code));
    inserted += batch.filter((r) => !existing.has(r.code)).length;
    await db
      .insertInto('indicators')
      .values(batch.map((f) => ({
        code: f.code, name: f.name, name_key: f.nameKey, unit: f.unit, direction: f.direction, harm: f.harm, level: f.level,
        source: f.source, description: f.description, is_demo: 0 as const, created_at: now, updated_at: now,
      })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'), name_key: eb.ref('excluded.name_key'), unit: eb.ref('excluded.unit'),
          direction: eb.ref('excluded.direction'), harm: eb.ref('excluded.harm'), level: eb.ref('excluded.level'),
          source: eb.ref('excluded.source'), description: eb.ref('excluded.description'), updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  return { inserted, updated: rows.length - inserted };
}

// ---- lookups for an import ----------------------------------------------------------------------

export async function indicatorsByCodes(db: Db, codes: readonly string[]): Promise<{ id: number; code: string; level: string; unit: string }[]> {
  const out: { id: number; code: string; level: string; unit: string }[] = [];
  for (const batch of chunks(codes, LOOKUP_BATCH)) {
    const rows = await db.selectFrom('indicators').select(['id', 'code', 'level', 'unit']).where('code', 'in', batch).execute();
    out.push(...rows.map((r) => ({ ...r, id: Number(r.id) })));
  }
  return out;
}

export async function placesByCodes(db: Db, codes: readonly string[]): Promise<{ id: number; code: string; kind: string }[]> {
  const out: { id: number; code: string; kind: string }[] = [];
  for (const batch of chunks(codes, LOOKUP_BATCH)) {
    const rows = await db.selectFrom('places').select(['id', 'code', 'kind']).where('code', 'in', batch).execute();
    for (const r of rows) if (r.code !== null) out.push({ id: Number(r.id), code: r.code, kind: r.kind });
  }
  return out;
}

// ---- values -------------------------------------------------------------------------------------

/** Writes values in batches: a cell already there gets the new value and this import's id. */
export async function upsertValues(db: Db, rows: readonly ValueRow[], importId: number | null, now: string, onBatch?: (written: number) => Promise<void> | void): Promise<number> {
  let written = 0;
  for (const batch of chunks(rows, UPSERT_BATCH)) {
    await db
      .insertInto('indicator_values')
      .values(batch.map((r) => ({
        indicator_id: r.indicatorId, place_id: r.placeId, period: r.period, period_type: r.periodType, year: r.year, value: r.value,
        import_id: importId, updated_at: now,
      })))
      .onConflict((oc) =>
        oc.columns(['indicator_id', 'place_id', 'period']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'), import_id: eb.ref('excluded.import_id'), updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    written += batch.length;
    await onBatch?.(written);
  }
  return written;
}

export async function countValues(db: Db, indicatorId?: number): Promise<number> {
  let q = db.selectFrom('indicator_values').select((eb) => eb.fn.countAll().as('n'));
  if (indicatorId !== undefined) q = q.where('indicator_id', '=', indicatorId);
  const r = await q.executeTakeFirst();
  return Number(r?.n ?? 0);
}

export type ValueFilter = { placeId: number | null; periodType: PeriodType | null };
export type ValueListRow = { place_id: number; place_name: string; place_code: string | null; place_is_demo: 0 | 1; period: string; period_type: PeriodType; value: number; import_id: number | null; updated_at: string };

function valuesQuery(db: Db, indicatorId: number, f: ValueFilter) {
  let q = db.selectFrom('indicator_values as v').innerJoin('places as p', 'p.id', 'v.place_id').where('v.indicator_id', '=', indicatorId);
  if (f.placeId !== null) q = q.where('v.place_id', '=', f.placeId);
  if (f.periodType !== null) q = q.where('v.period_type', '=', f.periodType);
  return q;
}

/** A page of an indicator's values, newest period first, then by place. */
export async function listValues(db: Db, indicatorId: number, f: ValueFilter, page: { limit: number; offset: number }): Promise<ValueListRow[]> {
  const rows = await valuesQuery(db, indicatorId, f)
    .select(['v.place_id', 'p.name as place_name', 'p.code as place_code', 'p.is_demo as place_is_demo', 'v.period', 'v.period_type', 'v.value', 'v.import_id', 'v.updated_at'])
    .orderBy('v.year', 'desc')
    .orderBy('v.period', 'desc')
    .orderBy('p.code')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ ...r, place_id: Number(r.place_id), value: Number(r.value), import_id: r.import_id === null ? null : Number(r.import_id) }));
}

export async function countValuesFiltered(db: Db, indicatorId: number, f: ValueFilter): Promise<number> {
  const r = await valuesQuery(db, indicatorId, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The places an indicator has values for (the place filter's choices), by name. */
export async function placesWithValues(db: Db, indicatorId: number, limit = 500): Promise<{ id: number; name: string; kind: string }[]> {
  const rows = await db
    .selectFrom('places as p')
    .select(['p.id', 'p.name', 'p.kind'])
    .where((eb) => eb.exists(eb.selectFrom('indicator_values as v').select('v.place_id').whereRef('v.place_id', '=', 'p.id').where('v.indicator_id', '=', indicatorId)))
    .orderBy('p.code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Yearly values of an indicator at the province and its counties (the chart). */
export async function yearlyValuesAtTop(db: Db, indicatorId: number): Promise<{ place_id: number; place_name: string; kind: string; year: number; value: number }[]> {
  const rows = await db
    .selectFrom('indicator_values as v')
    .innerJoin('places as p', 'p.id', 'v.place_id')
    .select(['v.place_id', 'p.name as place_name', 'p.kind', 'v.year', 'v.value'])
    .where('v.indicator_id', '=', indicatorId)
    .where('v.period_type', '=', 'year')
    .where('p.kind', 'in', ['province', 'county'])
    .orderBy('p.code')
    .orderBy('v.year')
    .limit(2000)
    .execute();
  return rows.map((r) => ({ ...r, place_id: Number(r.place_id), year: Number(r.year), value: Number(r.value) }));
}

// ---- imports ------------------------------------------------------------------------------------

export type DataImportRow = {
  id: number;
  kind: string;
  file_name: string;
  storage_key: string | null;
  status: DataImportStatus;
  total_rows: number;
  processed_rows: number;
  imported_rows: number;
  error_count: number;
  errors: ImportError[];
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  finished_at: string | null;
};

/** Kinds of data_imports rows this module owns. */
export const INDICATOR_IMPORT_KINDS = ['indicators', 'indicator_values', 'indicator_catalogue'] as const;

export async function insertDataImport(db: Db, i: { kind: string; fileName: string; storageKey: string | null; createdBy: number | null; now: string }): Promise<number> {
  const row = await db
    .insertInto('data_imports')
    .values({ kind: i.kind, file_name: i.fileName, storage_key: i.storageKey, status: 'queued', created_by: i.createdBy, created_at: i.now, finished_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const parseErrors = (raw: string): ImportError[] => {
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? (v as ImportError[]) : [];
  } catch {
    return [];
  }
};

export async function findDataImport(db: Db, id: number): Promise<DataImportRow | undefined> {
  const r = await db
    .selectFrom('data_imports as d')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .select(['d.id', 'd.kind', 'd.file_name', 'd.storage_key', 'd.status', 'd.total_rows', 'd.processed_rows', 'd.imported_rows', 'd.error_count', 'd.errors', 'd.created_by', 'u.name as created_by_name', 'd.created_at', 'd.finished_at'])
    .where('d.id', '=', id)
    .where('d.kind', 'in', INDICATOR_IMPORT_KINDS)
    .executeTakeFirst();
  return r ? toImportRow(r) : undefined;
}

function toImportRow<R extends { id: number; total_rows: number; processed_rows: number; imported_rows: number; error_count: number; errors: string; created_by: number | null }>(r: R) {
  return {
    ...r, id: Number(r.id), total_rows: Number(r.total_rows), processed_rows: Number(r.processed_rows), imported_rows: Number(r.imported_rows),
    error_count: Number(r.error_count), errors: parseErrors(r.errors), created_by: r.created_by === null ? null : Number(r.created_by),
  };
}

export async function listDataImports(db: Db, page: { limit: number; offset: number }): Promise<DataImportRow[]> {
  const rows = await db
    .selectFrom('data_imports as d')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .select(['d.id', 'd.kind', 'd.file_name', 'd.storage_key', 'd.status', 'd.total_rows', 'd.processed_rows', 'd.imported_rows', 'd.error_count', sql<string>`'[]'`.as('errors'), 'd.created_by', 'u.name as created_by_name', 'd.created_at', 'd.finished_at'])
    .where('d.kind', 'in', INDICATOR_IMPORT_KINDS)
    .orderBy('d.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toImportRow);
}

export async function countDataImports(db: Db): Promise<number> {
  const r = await db.selectFrom('data_imports').select((eb) => eb.fn.countAll().as('n')).where('kind', 'in', INDICATOR_IMPORT_KINDS).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export type DataImportPatch = Partial<{
  kind: string;
  status: DataImportStatus;
  total_rows: number;
  processed_rows: number;
  imported_rows: number;
  error_count: number;
  errors: ImportError[];
  finished_at: string | null;
}>;

export async function updateDataImport(db: Db, id: number, patch: DataImportPatch): Promise<void> {
  const { errors, ...rest } = patch;
  await db
    .updateTable('data_imports')
    .set({ ...rest, ...(errors ? { errors: JSON.stringify(errors) } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Moves an import from one of the given states to the next; false when it was not in them (another run took it). */
export async function claimDataImport(db: Db, id: number, from: readonly DataImportStatus[], to: DataImportStatus): Promise<boolean> {
  const r = await db.updateTable('data_imports').set({ status: to, processed_rows: 0 }).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** PostgreSQL only: refresh the planner's statistics of indicator_values after a large write. */
export async function refreshValueStatistics(db: Db): Promise<void> {
  await sql`analyze indicator_values`.execute(db);
}
