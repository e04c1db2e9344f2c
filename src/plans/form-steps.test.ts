import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPlanContent } from './plan-content.ts';
import { blankRowCount, parseDecimal, patchFromState, stateFromBody, stateFromContent, stepFromParam, stepOfField } from './form-steps.ts';

const parse = (step: Parameters<typeof stateFromBody>[0], body: Record<string, string | string[]>) => patchFromState(step, stateFromBody(step, body));

describe('reading each step of the plan form', () => {
  test('basics: text, checkboxes; unknown codes are refused in Persian', () => {
    const ok = parse('basics', { title: ' طرح آزمایشی ', summary: 'خلاصه', harms: ['ADDICTION', 'DIVORCE'], interventionTypes: 'PREVENTION' });
    assert.deepEqual(ok.errors, {});
    assert.deepEqual(ok.patch, { title: 'طرح آزمایشی', summary: 'خلاصه', harms: ['ADDICTION', 'DIVORCE'], interventionTypes: ['PREVENTION'] });
    const bad = parse('basics', { title: 'ط'.repeat(201), harms: ['WITCHCRAFT'] });
    assert.match(bad.errors.title!, /بلندتر از ۲۰۰ نویسه/);
    assert.match(bad.errors.harms!, /معتبر نیست/);
  });

  test('target groups: counts in any digits, blank rows dropped, group required, duplicates refused', () => {
    const r = parse('targets', {
      'tg.0.group': 'ADOLESCENTS', 'tg.0.female': '۱۸۰', 'tg.0.male': '2٬20', 'tg.0.age_12_17': '٤٠٠',
      'tg.1.group': '', 'tg.1.female': '', 'tg.1.male': '',
      'tg.2.group': 'FAMILIES', 'tg.2.female': '1,500',
    });
    assert.ok(r.errors['tg.0.male'], 'a misplaced separator is not a number');
    const fixed = parse('targets', {
      'tg.0.group': 'ADOLESCENTS', 'tg.0.female': '۱۸۰', 'tg.0.male': '220', 'tg.0.age_12_17': '٤٠٠',
      'tg.1.group': '', 'tg.1.female': '', 'tg.1.male': '',
      'tg.2.group': 'FAMILIES', 'tg.2.female': '1,500',
    });
    assert.deepEqual(fixed.errors, {});
    assert.equal(fixed.patch.targetGroups!.length, 2);
    assert.deepEqual(fixed.patch.targetGroups![0], { group: 'ADOLESCENTS', female: 180, male: 220, ageBands: { '0_11': 0, '12_17': 400, '18_29': 0, '30_59': 0, '60_PLUS': 0 } });
    assert.equal(fixed.patch.targetGroups![1]!.female, 1500);
    const noGroup = parse('targets', { 'tg.0.group': '', 'tg.0.female': '12' });
    assert.match(noGroup.errors['tg.0.group']!, /گروه هدف این ردیف/);
    const dup = parse('targets', { 'tg.0.group': 'YOUTH', 'tg.0.female': '1', 'tg.1.group': 'YOUTH', 'tg.1.male': '2' });
    assert.match(dup.errors['tg.1.group']!, /پیش‌تر/);
    const letters = parse('targets', { 'tg.0.group': 'YOUTH', 'tg.0.female': 'ده' });
    assert.match(letters.errors['tg.0.female']!, /با رقم/);
  });

  test('places: ids in any digits, deduplicated', () => {
    const r = parse('places', { placeIds: ['12', '۱۲', '7'] });
    assert.deepEqual(r.patch.placeIds, [12, 7]);
    assert.ok(parse('places', { placeIds: ['x'] }).errors.placeIds);
  });

  test('logframe: one item per line; indicator rows need a level and a statement; decimals with ٫', () => {
    const r = parse('logframe', {
      goal: 'هدف', outcomes: 'پیامد یک\r\n\r\n  پیامد دو  ', outputs: 'برون‌داد', activities: '', assumptions: '',
      'in.0.level': 'outcome', 'in.0.statement': 'نرخ مصرف', 'in.0.unit': 'درصد', 'in.0.baseline': '۱۲٫۵', 'in.0.target': '8.25', 'in.0.period': '', 'in.0.mov': '',
      'in.1.level': 'output', 'in.1.statement': '', 'in.1.unit': '', 'in.1.baseline': '', 'in.1.target': '', 'in.1.period': '', 'in.1.mov': '',
    });
    assert.deepEqual(r.errors, {});
    assert.deepEqual(r.patch.outcomes, ['پیامد یک', 'پیامد دو']);
    assert.deepEqual(r.patch.activities, []);
    assert.equal(r.patch.indicators!.length, 1, 'the row with only a level chosen is blank');
    assert.equal(r.patch.indicators![0]!.baseline, 12.5);
    assert.equal(r.patch.indicators![0]!.target, 8.25);
    const bad = parse('logframe', { 'in.0.level': 'impact', 'in.0.statement': 'x', 'in.0.baseline': 'زیاد' });
    assert.ok(bad.errors['in.0.level']);
    assert.match(bad.errors['in.0.baseline']!, /یک عدد بنویسید/);
  });

  test('budget: Persian digits and separators, totals computed, blank request = sum of lines', () => {
    const r = parse('budget', {
      'bl.0.item': 'کارگاه', 'bl.0.unit': 'جلسه', 'bl.0.unitCost': '۱۸٬۰۰۰٬۰۰۰', 'bl.0.quantity': '۴۰',
      'bl.1.item': 'مشاوره', 'bl.1.unit': 'ساعت', 'bl.1.unitCost': '3,500,000', 'bl.1.quantity': '۲٫۵',
      'bl.2.item': '', 'bl.2.unit': '', 'bl.2.unitCost': '', 'bl.2.quantity': '',
      'cf.0.source': 'شهرداری', 'cf.0.amount': '۱۰۰ ۰۰۰ ۰۰۰', 'cf.1.source': '', 'cf.1.amount': '',
      requestedTotal: '',
    });
    assert.deepEqual(r.errors, {});
    assert.deepEqual(r.patch.budgetLines, [
      { item: 'کارگاه', unit: 'جلسه', unitCost: 18_000_000, quantity: 40, total: 720_000_000 },
      { item: 'مشاوره', unit: 'ساعت', unitCost: 3_500_000, quantity: 2.5, total: 8_750_000 },
    ]);
    assert.deepEqual(r.patch.cofunding, [{ source: 'شهرداری', amount: 100_000_000 }]);
    assert.equal(r.patch.requestedTotal, 728_750_000);
    const typed = parse('budget', { requestedTotal: '۵۰۰٬۰۰۰' });
    assert.equal(typed.patch.requestedTotal, 500_000);
    const bad = parse('budget', { 'bl.0.item': '', 'bl.0.unitCost': '12abc', 'bl.0.quantity': '-1', requestedTotal: 'دو میلیون' });
    assert.ok(bad.errors['bl.0.item']);
    assert.match(bad.errors['bl.0.unitCost']!, /فقط با رقم/);
    assert.ok(bad.errors['bl.0.quantity']);
    assert.ok(bad.errors.requestedTotal);
  });

  test('schedule: Jalali dates in variants, stored as Gregorian ISO; Persian errors for bad ones', () => {
    const r = parse('schedule', {
      startDate: '۱۴۰۵/۰۱/۰۱', endDate: '1405-12-29',
      'sc.0.activity': 'کارگاه', 'sc.0.start': '۱۴۰۵.۲.۱', 'sc.0.end': '١٤٠٥/٠٣/٣١',
    });
    assert.deepEqual(r.errors, {});
    assert.equal(r.patch.startDate, '2026-03-21');
    assert.equal(r.patch.endDate, '2027-03-20');
    assert.deepEqual(r.patch.schedule, [{ activity: 'کارگاه', start: '2026-04-21', end: '2026-06-21' }]);
    const bad = parse('schedule', { startDate: '۰۵/۱/۱', endDate: '۱۴۰۵/۱۳/۰۱', 'sc.0.activity': 'الف', 'sc.0.start': '۱۴۰۵/۰۵/۰۱', 'sc.0.end': '۱۴۰۵/۰۴/۰۱' });
    assert.match(bad.errors.startDate!, /سال\/ماه\/روز/);
    assert.match(bad.errors.endDate!, /چنین روزی در تقویم نیست/);
    assert.match(bad.errors['sc.0.end']!, /پیش از آغاز/);
    assert.deepEqual(parse('schedule', { startDate: '', endDate: '' }).patch, { startDate: null, endDate: null, schedule: [] });
  });

  test('partners: a row with only a kind chosen is blank; overlap yes/no', () => {
    const r = parse('partners', {
      'pt.0.name': 'شورایاری مینودر', 'pt.0.kind': 'local_council', 'pt.1.name': '', 'pt.1.kind': 'ngo',
      participationPlan: 'برنامه', hasOverlap: 'yes', overlapDescription: 'شرح',
    });
    assert.deepEqual(r.errors, {});
    assert.deepEqual(r.patch.partners, [{ name: 'شورایاری مینودر', kind: 'local_council' }]);
    assert.equal(r.patch.hasOverlap, true);
    assert.equal(parse('partners', { hasOverlap: 'maybe' }).errors.hasOverlap !== undefined, true);
  });
});

describe('filling the form from a stored plan', () => {
  test('numbers in Persian digits and dates in Jalali, with three empty rows after the filled ones', () => {
    const c = {
      ...emptyPlanContent(),
      budgetLines: [{ item: 'کارگاه', unit: 'جلسه', unitCost: 18_000_000, quantity: 2.5, total: 45_000_000 }],
      requestedTotal: 45_000_000,
      startDate: '2026-03-21',
      schedule: [{ activity: 'الف', start: '2026-04-21', end: null }],
    };
    const budget = stateFromContent('budget', c);
    assert.equal(budget.values['bl.0.unitCost'], '۱۸٬۰۰۰٬۰۰۰');
    assert.equal(budget.values['bl.0.quantity'], '۲٫۵');
    assert.equal(budget.rows.budgetLines, 4);
    assert.equal(budget.rows.cofunding, 3);
    assert.equal(blankRowCount('budget', budget), 3);
    // What the form shows reads back to the same plan.
    assert.deepEqual(patchFromState('budget', budget).patch.budgetLines, c.budgetLines);
    const schedule = stateFromContent('schedule', c, 6);
    assert.equal(schedule.values.startDate, '۱۴۰۵/۰۱/۰۱');
    assert.equal(schedule.values['sc.0.start'], '۱۴۰۵/۰۲/۰۱');
    assert.equal(schedule.rows.schedule, 7);
    assert.deepEqual(patchFromState('schedule', schedule).patch.schedule, c.schedule);
  });

  test('steps and numbers from the URL and inputs', () => {
    assert.equal(stepFromParam('۶'), 'budget');
    assert.equal(stepFromParam('10'), 'review');
    assert.equal(stepFromParam('11'), null);
    assert.equal(stepFromParam('x'), null);
    assert.equal(stepOfField('requestedTotal'), 6);
    assert.equal(stepOfField('overlapDescription'), 8);
    assert.equal(parseDecimal('۲/۵'), 2.5);
    assert.equal(parseDecimal('1,250'), 1250);
    assert.equal(parseDecimal('1.2.3'), null);
  });
});
