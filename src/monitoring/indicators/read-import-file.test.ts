import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { readCsv, readImportFile, readXlsx, sniffFormat } from './read-import-file.ts';

/** A workbook built the way spreadsheet programs write one: numbers as numbers, text as text. */
async function workbook(rows: (string | number | null)[][], options: { firstSheetEmpty?: boolean; skipRow?: number } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('مقادیر');
  rows.forEach((r, i) => {
    const rowNumber = i + 1 + (options.skipRow !== undefined && i + 1 >= options.skipRow ? 1 : 0);
    sheet.getRow(rowNumber).values = r as ExcelJS.CellValue[];
  });
  wb.addWorksheet('دیگر').addRow(['ignored', 'sheet']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('CSV', () => {
  test('UTF-8 with a BOM, semicolons, quoted cells, CRLF; row numbers as in the file', () => {
    const text = '\uFEFFindicator;place;period;value\r\nADD;2601;1403;"12,5"\r\n\r\nADD;2603;۱۴۰۳;"a ""quoted"" cell"\r\n';
    const r = readCsv(text);
    assert.ok(r.ok);
    assert.deepEqual(r.header, ['indicator', 'place', 'period', 'value']);
    assert.deepEqual(r.rows, [
      { row: 2, cells: ['ADD', '2601', '1403', '12,5'] },
      { row: 4, cells: ['ADD', '2603', '۱۴۰۳', 'a "quoted" cell'] },
    ]);
    assert.equal(r.tooMany, false);
  });

  test('commas when the header uses commas; cells trimmed', () => {
    const r = readCsv('کد شاخص,کد مکان,دوره,مقدار\n ADD , 2601 ,1403,"1,234"\n');
    assert.ok(r.ok);
    assert.deepEqual(r.rows[0]?.cells, ['ADD', '2601', '1403', '1,234']);
  });

  test('the row cap stops reading and says so', () => {
    const body = Array.from({ length: 12 }, (_, i) => `ADD,2601,${1390 + i},1`).join('\n');
    const r = readCsv(`indicator,place,period,value\n${body}`, 10);
    assert.ok(r.ok);
    assert.equal(r.rows.length, 10);
    assert.equal(r.tooMany, true);
  });

  test('broken files are refused in Persian', () => {
    const unclosed = readCsv('indicator,place,period,value\nADD,2601,"1403,1\n');
    assert.ok(!unclosed.ok);
    assert.match(!unclosed.ok ? unclosed.message : '', /CSV/);
    const empty = readCsv('\n\n');
    assert.ok(!empty.ok);
    const noHeader = readCsv('\nindicator,place,period,value\n');
    assert.ok(!noHeader.ok);
  });
});

describe('XLSX', () => {
  test('the first worksheet; numbers, text and Persian digits come out as text; empty rows keep the numbering', async () => {
    const bytes = await workbook([
      ['کد شاخص', 'کد مکان', 'دوره', 'مقدار'],
      ['ADD', 2601, 1403, 12.5],
      ['ADD', '۲۶۰۳', '1403Q1', '۱۲٫۷۵'],
    ], { skipRow: 3 });
    assert.equal(sniffFormat(bytes), 'xlsx');
    const r = await readImportFile(bytes);
    assert.ok(r.ok);
    assert.equal(r.format, 'xlsx');
    assert.deepEqual(r.header, ['کد شاخص', 'کد مکان', 'دوره', 'مقدار']);
    assert.deepEqual(r.rows, [
      { row: 2, cells: ['ADD', '2601', '1403', '12.5'] },
      { row: 4, cells: ['ADD', '۲۶۰۳', '1403Q1', '۱۲٫۷۵'] },
    ]);
  });

  test('formulas give their result; rich text its text', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(['indicator', 'place', 'period', 'value']);
    sheet.addRow([{ richText: [{ text: 'AD' }, { text: 'D' }] }, 2601, 1403, { formula: '2*3', result: 6 }]);
    const r = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    assert.ok(r.ok);
    assert.deepEqual(r.rows[0]?.cells, ['ADD', '2601', '1403', '6']);
  });

  test('a zip that is not a workbook, and binary files, are refused', async () => {
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 1)]);
    const r = await readImportFile(fake);
    assert.ok(!r.ok);
    assert.equal(sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0])), null);
    const png = await readImportFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    assert.ok(!png.ok);
  });
});
