// Writing a dataset out as CSV, JSON or XLSX while its rows are still being read: each format is a
// stream fed page by page, so memory stays flat whatever the size of the dataset.

import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { t } from '../platform/i18n/t.ts';
import type { Cell, Dataset, DatasetColumn, DatasetRow } from './datasets.ts';

export const exportFormats = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

// A text cell starting with one of these is run as a formula by spreadsheet programs.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet will not run as a formula: a leading apostrophe disarms it. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell for a spreadsheet or CSV: booleans as 1/0, numbers as plain digits, text guarded. */
export function sheetValue(value: Cell): string | number | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return guardFormula(value);
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: Cell): string {
  const v = sheetValue(value);
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;

type Source = AsyncIterable<DatasetRow[]>;

/** CSV: UTF-8 with a byte-order mark (Excel then reads Persian right), CRLF lines, English keys as the header. */
export async function* csvChunks(columns: readonly DatasetColumn[], batches: Source): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(columns.map((c) => c.key))}`;
  for await (const rows of batches) {
    let chunk = '';
    for (const row of rows) chunk += csvLine(columns.map((c) => row[c.key] ?? null));
    yield chunk;
  }
}

/** JSON: { dataset, generated_at, license, rows: [...] }, written row by row. */
export async function* jsonChunks(dataset: Dataset, generatedAt: string, batches: Source): AsyncGenerator<string> {
  yield `{"dataset":${JSON.stringify(dataset.name)},"generated_at":${JSON.stringify(generatedAt)},"license":${JSON.stringify(t('openData.license.short'))},"rows":[`;
  let first = true;
  for await (const rows of batches) {
    let chunk = '';
    for (const row of rows) {
      const ordered: DatasetRow = {};
      for (const c of dataset.columns) ordered[c.key] = row[c.key] ?? null;
      chunk += (first ? '\n' : ',\n') + JSON.stringify(ordered);
      first = false;
    }
    yield chunk;
  }
  yield '\n]}\n';
}

export const csvStream = (columns: readonly DatasetColumn[], batches: Source) => Readable.from(csvChunks(columns, batches));
export const jsonStream = (dataset: Dataset, generatedAt: string, batches: Source) => Readable.from(jsonChunks(dataset, generatedAt, batches));

/**
 * XLSX through exceljs's streaming writer: rows are committed as they come, so the workbook is
 * zipped into the response rather than built in memory. A second sheet lists each column's key,
 * Persian title and type.
 */
export function xlsxStream(dataset: Dataset, batches: Source): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = t('site.name');
  const write = async () => {
    const sheet = workbook.addWorksheet(dataset.name, { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1 }] });
    sheet.columns = dataset.columns.map((c) => ({ header: c.key, key: c.key, width: c.type === 'text' ? 28 : 14 }));
    sheet.getRow(1).font = { bold: true };
    for await (const rows of batches) {
      for (const row of rows) {
        const values: Record<string, string | number | null> = {};
        for (const c of dataset.columns) values[c.key] = sheetValue(row[c.key] ?? null);
        sheet.addRow(values).commit();
      }
    }
    sheet.commit();
    const guide = workbook.addWorksheet(t('openData.xlsx.columns_sheet'), { views: [{ rightToLeft: true }] });
    guide.columns = [
      { header: t('openData.xlsx.col_key'), key: 'key', width: 24 },
      { header: t('openData.xlsx.col_title'), key: 'title', width: 40 },
      { header: t('openData.xlsx.col_type'), key: 'type', width: 14 },
    ];
    for (const c of dataset.columns) guide.addRow({ key: c.key, title: t(c.title), type: c.type }).commit();
    guide.addRow({ key: '', title: t('openData.license.short'), type: '' }).commit();
    guide.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
