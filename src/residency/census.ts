import { parse as parseCsv } from 'csv-parse/sync';
import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { homeKinds } from '../places/place-kinds.ts';
import { nationalIdHash, parseNationalId } from './national-id.ts';
import { insertCensusImport, listedHashes, placeIdsByCode, upsertCensusRecords } from './residency.repo.ts';

export type CensusRow = { line: number; nationalId: string; placeCode: string };
export type CensusProblem = { line: number; message: string };
export type CensusReport = { ok: boolean; rows: number; added: number; updated: number; problems: CensusProblem[] };

/** Column names accepted for the two columns (English or Persian headers). */
const idHeaders = ['national_id', 'nationalid', 'کد_ملی', 'کد ملی', 'کدملی'];
const placeHeaders = ['place_code', 'placecode', 'کد_محل', 'کد محل', 'کد_محله', 'کد محله', 'کد آبادی', 'کد_آبادی'];

/**
 * Reads a census list: a CSV with a header naming the national ID column and the place code
 * column (SCI code of the neighborhood or village). Every row is checked; the line numbers count
 * the header as line 1, as a spreadsheet shows them.
 */
export function parseCensus(text: string): { rows: CensusRow[]; problems: CensusProblem[] } {
  const problems: CensusProblem[] = [];
  let records: string[][];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    return { rows: [], problems: [{ line: Number((e as { lines?: number }).lines ?? 1), message: t('residency.census.unreadable') }] };
  }
  const header = (records[0] ?? []).map((h) => normalizePersian(h).toLowerCase());
  const idCol = header.findIndex((h) => idHeaders.includes(h));
  const placeCol = header.findIndex((h) => placeHeaders.includes(h));
  if (idCol < 0 || placeCol < 0) return { rows: [], problems: [{ line: 1, message: t('residency.census.header') }] };
  const rows: CensusRow[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const rawId = r[idCol] ?? '';
    const nationalId = parseNationalId(rawId);
    const placeCode = toAsciiDigits(r[placeCol] ?? '').trim();
    if (!nationalId) problems.push({ line, message: t('residency.census.bad_id', { value: toPersianDigits(rawId || '—') }) });
    else if (seen.has(nationalId)) problems.push({ line, message: t('residency.census.duplicate', { first: toPersianDigits(seen.get(nationalId)!) }) });
    if (!/^\d+$/.test(placeCode)) problems.push({ line, message: t('residency.census.bad_place', { value: toPersianDigits(placeCode || '—') }) });
    if (nationalId && !seen.has(nationalId)) seen.set(nationalId, line);
    if (nationalId && /^\d+$/.test(placeCode)) rows.push({ line, nationalId, placeCode });
  });
  if (!rows.length && !problems.length) problems.push({ line: 2, message: t('residency.census.empty') });
  return { rows, problems };
}

/**
 * Imports a census list all or nothing: any bad row and nothing is written. A national ID already
 * listed takes the place of the newer list. IDs are stored only as an HMAC.
 */
export async function importCensus(ctx: OpContext & { secret: string }, actor: Actor, fileName: string, text: string): Promise<CensusReport> {
  if (!can(actor, 'residency.manage')) throw new AppError('forbidden');
  const { rows, problems } = parseCensus(text);
  const codes = [...new Set(rows.map((r) => r.placeCode))];
  const places = await placeIdsByCode(ctx.db, codes, homeKinds);
  for (const r of rows) if (!places.has(r.placeCode)) problems.push({ line: r.line, message: t('residency.census.unknown_place', { code: toPersianDigits(r.placeCode) }) });
  if (problems.length) return { ok: false, rows: rows.length, added: 0, updated: 0, problems: problems.sort((a, b) => a.line - b.line) };
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const importId = await insertCensusImport(tx.db, { fileName: normalizePersian(fileName).slice(0, 200), rows: rows.length, importedBy: actor.id, now });
    const hashes = rows.map((r) => nationalIdHash(ctx.secret, r.nationalId));
    const existing = await listedHashes(tx.db, hashes);
    await upsertCensusRecords(tx.db, rows.map((r, i) => ({ national_id_hash: hashes[i]!, place_id: places.get(r.placeCode)!, import_id: importId })));
    const updated = existing.size;
    await audit(tx, { actorId: actor.id, action: 'residency.census_imported', subjectType: 'census_import', subjectId: importId, data: { rows: rows.length, added: rows.length - updated, updated } });
    return { ok: true, rows: rows.length, added: rows.length - updated, updated, problems: [] };
  });
}
