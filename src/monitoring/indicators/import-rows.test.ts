import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../platform/i18n/t.ts';
import { detectHeader, MAX_KEPT_ERRORS, parseNumber, validateTable, type ValueLookups } from './import-rows.ts';
import { checkIndicatorFields, directionOf, harmOf, levelOf } from './indicator-fields.ts';

const lookups: ValueLookups = {
  indicators: new Map([
    ['ADD', { id: 1, level: 'county', unit: 'نفر در هر هزار' }],
    ['DROP', { id: 2, level: 'county', unit: 'درصد' }],
    ['CHILD', { id: 3, level: 'neighborhood', unit: 'نفر' }],
  ]),
  places: new Map([
    ['2601', { id: 11, kind: 'county' }],
    ['2603', { id: 13, kind: 'county' }],
    ['9260300001', { id: 21, kind: 'neighborhood' }],
  ]),
  kindLabel: (k) => t(k === 'county' ? 'place.kind.county' : 'place.kind.neighborhood'),
};

/** A table whose rows are numbered as in a spreadsheet (header row 1). */
const table = (header: string[], rows: string[][]) => ({ header, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });
const VALUES = ['indicator', 'place', 'period', 'value'];

describe('the header says what kind of file it is', () => {
  test('values in English or Persian headers, in any column order', () => {
    assert.deepEqual(detectHeader(VALUES), { kind: 'values', index: { indicator: 0, place: 1, period: 2, value: 3 } });
    const fa = detectHeader(['مقدار', 'دوره', 'کد مکان', 'كد شاخص']);
    assert.equal(fa?.kind, 'values');
    assert.deepEqual(fa?.index, { indicator: 3, place: 2, period: 1, value: 0 });
    assert.equal(detectHeader(['\uFEFFIndicator', ' Place ', 'PERIOD', 'Value'])?.kind, 'values');
  });

  test('catalogue headers, optional columns may be missing', () => {
    const h = detectHeader(['کد', 'نام', 'واحد', 'جهت', 'سطح']);
    assert.equal(h?.kind, 'catalogue');
    assert.equal(h?.kind === 'catalogue' && h.index.harm, null);
  });

  test('anything else is refused on row 1', () => {
    const r = validateTable(table(['a', 'b'], [['1', '2']]), lookups);
    assert.equal(r.kind, null);
    assert.deepEqual(r.errors.map((e) => [e.row, e.field]), [[1, 'file']]);
  });
});

describe('value rows', () => {
  test('good rows come out normalized; Persian digits and separators are accepted', () => {
    const r = validateTable(table(VALUES, [
      ['add', '2601', '1403', '12.5'],
      ['ADD', '۲۶۰۳', '۱۴۰۳ق۱', '۱۲٫۷۵'],
      ['DROP', '٢٦٠١', '140307', '۴۵٫۵'],
      ['ADD', '2601', '1404', '1,234.5'],
      ['ADD', '2603', '1404', '۱٬۲۳۴٬۵۶۷'],
      ['CHILD', '9260300001', '1403', '-3'],
    ]), lookups);
    assert.deepEqual(r.errors, []);
    assert.equal(r.kind, 'values');
    assert.deepEqual(r.rows, [
      { indicatorId: 1, placeId: 11, period: '1403', periodType: 'year', year: 1403, value: 12.5 },
      { indicatorId: 1, placeId: 13, period: '1403Q1', periodType: 'quarter', year: 1403, value: 12.75 },
      { indicatorId: 2, placeId: 11, period: '140307', periodType: 'month', year: 1403, value: 45.5 },
      { indicatorId: 1, placeId: 11, period: '1404', periodType: 'year', year: 1404, value: 1234.5 },
      { indicatorId: 1, placeId: 13, period: '1404', periodType: 'year', year: 1404, value: 1234567 },
      { indicatorId: 3, placeId: 21, period: '1403', periodType: 'year', year: 1403, value: -3 },
    ]);
  });

  test('each bad row is reported with its own row number, column and a Persian message', () => {
    const r = validateTable(table(VALUES, [
      ['ADD', '2601', '1403', '10'],     // 2 good
      ['NOPE', '2601', '1403', '10'],    // 3 unknown indicator
      ['ADD', '9999', '1403', '10'],     // 4 unknown place
      ['ADD', '2601', '1403Q5', '10'],   // 5 bad period
      ['ADD', '2601', '1402', 'ده'],     // 6 not a number
      ['ADD', '', '1402', '10'],         // 7 empty place
      ['CHILD', '2601', '1402', '10'],   // 8 wrong level
      ['DROP', '2601', '1402', '101'],   // 9 percentage above 100
      ['DROP', '2603', '1402', '-0.5'],  // 10 percentage below 0
      ['ADD', '2601', '140313', '1,5'],  // 11 bad period and a comma that is not grouping
    ]), lookups);
    assert.deepEqual(r.errors.map((e) => [e.row, e.field]), [
      [3, 'indicator'], [4, 'place'], [5, 'period'], [6, 'value'], [7, 'place'], [8, 'place'], [9, 'value'], [10, 'value'], [11, 'period'], [11, 'value'],
    ]);
    assert.equal(r.errorCount, 10);
    for (const e of r.errors) assert.match(e.message, /[\u0600-\u06FF]/, e.message);
    assert.match(r.errors[0]!.message, /NOPE/);
    assert.match(r.errors[5]!.message, /محله/);
    assert.match(r.errors[5]!.message, /شهرستان/);
    assert.match(r.errors[6]!.message, /صد/);
  });

  test('the same indicator, place and period twice names both rows, whatever the digits', () => {
    const r = validateTable(table(VALUES, [
      ['ADD', '2601', '1403', '10'],
      ['ADD', '2603', '1403', '11'],
      ['add', '۲۶۰۱', '۱۴۰۳', '12'],
    ]), lookups);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.row, 4);
    assert.match(r.errors[0]!.message, /۲ و ۴/);
  });

  test('errors are capped but counted in full', () => {
    const rows = Array.from({ length: MAX_KEPT_ERRORS + 50 }, () => ['NOPE', '2601', '1403', '1']);
    const r = validateTable(table(VALUES, rows), lookups);
    assert.equal(r.errors.length, MAX_KEPT_ERRORS);
    assert.equal(r.errorCount, MAX_KEPT_ERRORS + 50);
    assert.equal(r.errors.at(-1)!.row, MAX_KEPT_ERRORS + 1);
  });

  test('too many rows is an error of the file', () => {
    const r = validateTable({ ...table(VALUES, [['ADD', '2601', '1403', '1']]), tooMany: true, maxRows: 1 }, lookups);
    assert.equal(r.errorCount, 1);
    assert.equal(r.errors[0]!.field, 'file');
  });

  test('numbers', () => {
    assert.equal(parseNumber('۱۲٫۵'), 12.5);
    assert.equal(parseNumber('١٢٬٣٤٥'), 12345);
    assert.equal(parseNumber('12,345.25'), 12345.25);
    assert.equal(parseNumber('\u200e-7'), -7);
    assert.equal(parseNumber('.5'), 0.5);
    assert.equal(parseNumber('1 234'), 1234);
    for (const bad of ['', '-', '1,5', '12,34', '1.2.3', 'abc', '۱۲ نفر', '1e5', 'NaN', 'Infinity']) assert.equal(parseNumber(bad), null, bad);
  });
});

describe('catalogue rows', () => {
  const CAT = ['code', 'name', 'unit', 'direction', 'harm', 'level', 'source'];

  test('codes are upper-cased; labels or codes accepted for direction, harm and level', () => {
    const r = validateTable(table(CAT, [
      ['add-rate_1', 'نرخ اعتیاد', 'در هر هزار نفر', 'کمتر بهتر است', 'اعتیاد', 'شهرستان', 'بهزیستی'],
      ['EMP', 'اشتغال', 'درصد', 'higher_better', 'poverty_unemployment', 'county', ''],
      ['GEN', 'شاخص عمومی', 'نفر', 'بیشتر', '', 'محله', ''],
    ]), lookups);
    assert.deepEqual(r.errors, []);
    assert.equal(r.kind, 'catalogue');
    assert.deepEqual(r.rows.map((x) => 'code' in x && [x.code, x.direction, x.harm, x.level]), [
      ['ADD-RATE_1', 'lower_better', 'ADDICTION', 'county'],
      ['EMP', 'higher_better', 'POVERTY_UNEMPLOYMENT', 'county'],
      ['GEN', 'higher_better', null, 'neighborhood'],
    ]);
  });

  test('unknown direction, harm and level; empty required cells; bad and repeated codes', () => {
    const r = validateTable(table(CAT, [
      ['A', 'نام', 'نفر', 'وسط', 'جنگ', 'قاره', ''],
      ['B', '', '', '', '', '', ''],
      ['C D', 'نام', 'نفر', 'کمتر', '', 'county', ''],
      ['E', 'نام', 'نفر', 'کمتر', '', 'county', ''],
      ['e', 'نام دیگر', 'نفر', 'کمتر', '', 'county', ''],
    ]), lookups);
    assert.deepEqual(r.errors.map((e) => [e.row, e.field]), [
      [2, 'direction'], [2, 'harm'], [2, 'level'],
      [3, 'name'], [3, 'unit'], [3, 'direction'], [3, 'level'],
      [4, 'code'],
      [6, 'code'],
    ]);
    assert.match(r.errors.at(-1)!.message, /۵ و ۶/);
  });

  test('the field rules alone', () => {
    assert.equal(directionOf('کمتر بهتر است'), 'lower_better');
    assert.equal(directionOf('HIGHER_BETTER'), 'higher_better');
    assert.equal(harmOf('طلاق و گسست خانواده'), 'DIVORCE');
    assert.equal(harmOf('child labour'), 'CHILD_LABOUR');
    assert.equal(levelOf('روستا'), 'village');
    assert.equal(levelOf('Urban District'), 'urban_district');
    const ok = checkIndicatorFields({ code: ' x_1 ', name: 'ي ك', unit: '٪', direction: 'lower_better', harm: '', level: 'county', source: '', description: '' });
    assert.ok(ok.ok);
    assert.equal(ok.ok && ok.value.code, 'X_1');
    assert.equal(ok.ok && ok.value.name, 'ی ک');
    const bad = checkIndicatorFields({ code: 'کد', name: 'x'.repeat(300), unit: 'نفر', direction: 'lower_better', harm: '', level: 'county', source: '', description: '' });
    assert.ok(!bad.ok);
    assert.deepEqual(Object.keys(!bad.ok ? bad.errors : {}).sort(), ['code', 'name']);
  });
});
