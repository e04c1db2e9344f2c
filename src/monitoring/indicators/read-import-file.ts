// Reading an indicator file into rows of text cells: CSV (UTF-8 with or without BOM, comma or
// semicolon) or XLSX (the first worksheet). Row numbers are the file's own (the header is row 1),
// so a report points at the line a person sees in their spreadsheet. No validation happens here
// beyond "is this a table at all"; import-rows.ts judges the cells.

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readUtf8Upload } from '../../platform/files/text-upload.ts';
import { t } from '../../platform/i18n/t.ts';

/** The most data rows one file may hold; a province's yearly values for every village fit many times over. */
export const MAX_IMPORT_ROWS = 500_000;

export type FileFormat = 'csv' | 'xlsx';
export type TableRow = { row: number; cells: string[] };
export type ReadTable = { ok: true; format: FileFormat; header: string[]; rows: TableRow[]; tooMany: boolean } | { ok: false; message: string };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The format from the bytes: XLSX is a zip archive; anything else must be UTF-8 text. */
export function sniffFormat(bytes: Buffer): FileFormat | null {
  if (bytes.length >= 4 && bytes.subarray(0, 4).equals(ZIP)) return 'xlsx';
  return readUtf8Upload(bytes) === null ? null : 'csv';
}

const blank = (cells: string[]) => cells.every((c) => c === '');

/** Splits rows into the header (first non-blank row, which must be row 1) and data rows, capped. */
function toTable(format: FileFormat, rows: TableRow[], maxRows: number): ReadTable {
  const first = rows.find((r) => !blank(r.cells));
  if (!first) return { ok: false, message: t('indicators.import.error.empty_file') };
  if (first.row !== 1) return { ok: false, message: t('indicators.import.error.header_row') };
  const data = rows.filter((r) => r.row > 1 && !blank(r.cells));
  const tooMany = data.length > maxRows;
  return { ok: true, format, header: first.cells, rows: tooMany ? data.slice(0, maxRows) : data, tooMany };
}

/** Reads a CSV text: the delimiter is the one (comma or semicolon) the header row uses more. */
export function readCsv(text: string, maxRows = MAX_IMPORT_ROWS): ReadTable {
  const body = text.replace(/^\uFEFF/, '');
  const headerLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(body, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, message: line ? t('indicators.import.error.csv_at', { row: line }) : t('indicators.import.error.csv') };
  }
  // Every physical line is a record (empty lines too), so the index is the spreadsheet's row number.
  return toTable('csv', records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c ?? '') })), maxRows);
}

/** The text of an exceljs cell value, whatever it holds (numbers, rich text, formulas, links, dates). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return String((value as { text: unknown }).text).trim();
    if ('error' in value) return String((value as { error: unknown }).error);
  }
  return String(value).trim();
}

/** Reads the first worksheet of an XLSX workbook. */
export async function readXlsx(bytes: Buffer, maxRows = MAX_IMPORT_ROWS): Promise<ReadTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: t('indicators.import.error.xlsx') };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: t('indicators.import.error.empty_file') };
  const rows: TableRow[] = [];
  let count = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (count > maxRows + 1) return;
    const cells: string[] = [];
    // row.values is 1-based (index 0 unused).
    const values = row.values as ExcelJS.CellValue[];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
    rows.push({ row: rowNumber, cells });
    count++;
  });
  return toTable('xlsx', rows, maxRows);
}

/** Reads an uploaded or local file, whichever of the two formats its bytes say it is. */
export async function readImportFile(bytes: Buffer, maxRows = MAX_IMPORT_ROWS): Promise<ReadTable> {
  const format = sniffFormat(bytes);
  if (format === null) return { ok: false, message: t('indicators.import.error.format') };
  if (format === 'xlsx') return readXlsx(bytes, maxRows);
  return readCsv(bytes.toString('utf8'), maxRows);
}
