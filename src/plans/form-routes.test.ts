import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '../testing/harness.ts';
import { parseStoredContent } from './plan-content.ts';
import { findPlan, listAttachments } from './plans.repo.ts';
import { createPlanFormHarness, postFile, visibleText, type PlanFormHarness } from './form-test-setup.ts';

let h: PlanFormHarness;
let officer: Browser;
before(async () => {
  h = await createPlanFormHarness();
  officer = await h.login('a@example.org');
});
after(() => h.close());

const fa = (s: string | number) => String(s).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/** Asserts a page is Persian: no Latin digits or English words in the text a person reads. */
function assertPersian(url: string, html: string) {
  const text = visibleText(html);
  assert.equal(text.match(/[^\s]*[0-9][^\s]*/g), null, `${url}: Latin digits`);
  assert.equal(text.match(/\b(?![A-Z]+\b)[A-Za-z]{3,}\b/g), null, `${url}: English words`);
}

async function newPlan(b: Browser, title: string, agencyId = h.agencyA): Promise<number> {
  const res = await b.post('/my/plans', { call_id: String(h.callId), agency_id: String(agencyId), [`title-${h.callId}-${agencyId}`]: title }, { csrfFrom: '/my/plans' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const m = /^\/my\/plans\/(\d+)\/edit\/1$/.exec(String(res.headers.location));
  assert.ok(m, String(res.headers.location));
  return Number(m[1]);
}

const contentOf = async (id: number) => parseStoredContent((await findPlan(h.ctx.db, id))!.content);

async function saveStep(b: Browser, id: number, step: number, form: Record<string, string | string[]>, action = 'continue') {
  return b.post(`/my/plans/${id}/edit/${step}`, { ...form, action }, { csrfFrom: `/my/plans/${id}/edit/${step}` });
}

/** Every step filled in as an officer would, in Persian digits where people type them. */
async function fillAllSteps(b: Browser, id: number) {
  const y = fa(h.fiscalYear);
  const steps: Record<number, Record<string, string | string[]>> = {
    1: {
      title: 'پیشگیری از اعتیاد نوجوانان محله مینودر',
      summary: 'آموزش مهارت‌های زندگی و نه‌گفتن به نوجوانان ۱۲ تا ۱۷ سالهٔ محله، همراه با آموزش والدین و مشاورهٔ فردی.',
      harms: ['ADDICTION'], interventionTypes: ['PREVENTION', 'EDUCATION_AWARENESS'],
    },
    2: {
      'tg.0.group': 'ADOLESCENTS', 'tg.0.female': '۱۸۰', 'tg.0.male': '۲۲۰', 'tg.0.age_0_11': '', 'tg.0.age_12_17': '۴۰۰',
      'tg.1.group': '', 'tg.1.female': '', 'tg.1.male': '',
      'tg.2.group': 'FAMILIES', 'tg.2.female': '150', 'tg.2.male': '90', 'tg.2.age_30_59': '۲۴۰',
      'tg.3.group': '', 'tg.3.female': '', 'tg.3.male': '',
    },
    4: {
      'ev.0.statement': 'نوجوانان ارجاع‌شده به مشاور مدرسه', 'ev.0.value': '۶۴ نفر', 'ev.0.year': fa(h.fiscalYear - 1), 'ev.0.source': 'گزارش مشاوران مدارس',
      'ev.1.statement': '', 'ev.1.value': '', 'ev.1.year': '', 'ev.1.source': '',
    },
    5: {
      goal: 'کاهش گرایش نوجوانان محله به مصرف مواد',
      outcomes: 'افزایش مهارت نه‌گفتن در نوجوانان', outputs: '۴۰ جلسهٔ کارگاه برگزار شد\n۳۰۰ ساعت مشاوره', activities: 'شناسایی نوجوانان\nبرگزاری کارگاه‌ها',
      assumptions: 'مدارس همکاری می‌کنند.',
      'in.0.level': 'outcome', 'in.0.statement': 'نوجوانانی که مهارت نه‌گفتن را نشان می‌دهند', 'in.0.unit': 'درصد', 'in.0.baseline': '۳۵', 'in.0.target': '۶۰', 'in.0.period': 'پایان طرح', 'in.0.mov': 'پرسش‌نامه',
      'in.1.level': 'output', 'in.1.statement': 'جلسه‌های کارگاه', 'in.1.unit': 'جلسه', 'in.1.baseline': '۰', 'in.1.target': '۴۰', 'in.1.period': 'شش‌ماهه', 'in.1.mov': 'فهرست حضور',
      'in.2.level': 'outcome', 'in.2.statement': '', 'in.2.unit': '', 'in.2.baseline': '', 'in.2.target': '', 'in.2.period': '', 'in.2.mov': '',
    },
    6: {
      'bl.0.item': 'کارگاه مهارت‌های زندگی', 'bl.0.unit': 'جلسه', 'bl.0.unitCost': '۱۸٬۰۰۰٬۰۰۰', 'bl.0.quantity': '۴۰',
      'bl.1.item': 'مشاورهٔ فردی', 'bl.1.unit': 'ساعت', 'bl.1.unitCost': '3,500,000', 'bl.1.quantity': '300',
      'bl.2.item': '', 'bl.2.unit': '', 'bl.2.unitCost': '', 'bl.2.quantity': '',
      'cf.0.source': 'شهرداری منطقه', 'cf.0.amount': '۱۰۰٬۰۰۰٬۰۰۰', 'cf.1.source': '', 'cf.1.amount': '',
      requestedTotal: '۱٬۷۷۰٬۰۰۰٬۰۰۰',
    },
    7: {
      startDate: `${y}/۱۰/۰۱`, endDate: `${h.fiscalYear}-12-20`,
      'sc.0.activity': 'برگزاری کارگاه‌ها', 'sc.0.start': `${y}/۱۰/۰۵`, 'sc.0.end': `${y}.12.15`,
      'sc.1.activity': '', 'sc.1.start': '', 'sc.1.end': '',
    },
    8: {
      'pt.0.name': 'شورایاری محلهٔ مینودر', 'pt.0.kind': 'local_council', 'pt.1.name': '', 'pt.1.kind': 'ngo',
      participationPlan: 'نمایندگان نوجوانان و والدین در طراحی کارگاه‌ها و پایش نتایج شرکت می‌کنند.',
      hasOverlap: 'no', overlapDescription: '',
    },
  };
  for (let step = 1; step <= 8; step++) {
    let form = steps[step];
    if (step === 3) {
      const page = await b.get(`/my/plans/${id}/edit/3`);
      const m = /<input type="checkbox" name="placeIds" value="(\d+)"\s*\/?>\s*<span>مینودر/.exec(page.body);
      assert.ok(m, 'the demo neighborhood in Qazvin county is offered');
      form = { placeIds: [m[1]!] };
    }
    const res = await saveStep(b, id, step, form!);
    assert.equal(res.statusCode, 303, `step ${step}: ${visibleText(res.body).replace(/\s+/g, ' ').slice(0, 600)}`);
    assert.equal(res.headers.location, `/my/plans/${id}/edit/${step + 1}`);
  }
}

describe('the workspace', () => {
  test('an officer sees the open call and starts a plan; a bad title is refused with the value kept', async () => {
    const page = await officer.get('/my/plans');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /فراخوان طرح‌های توانمندسازی محلات/);
    assertPersian('/my/plans', page.body);
    const bad = await officer.post('/my/plans', { call_id: String(h.callId), agency_id: String(h.agencyA), [`title-${h.callId}-${h.agencyA}`]: 'ط' }, { csrfFrom: '/my/plans' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /عنوان طرح باید دست‌کم ۵ نویسه باشد/);
    assert.match(bad.body, /value="ط"/);
    const id = await newPlan(officer, 'طرح آزمایشی کارگاه‌ها');
    const list = await officer.get('/my/plans');
    assert.match(list.body, new RegExp(`href="/my/plans/${id}"`));
    assert.match(list.body, /پیش‌نویس/);
    const other = await h.login('b@example.org');
    assert.doesNotMatch((await other.get('/my/plans')).body, new RegExp(`href="/my/plans/${id}"`), 'another agency does not see it');
    const step1 = await officer.get(`/my/plans/${id}/edit/1`);
    assert.equal(step1.statusCode, 200);
    assertPersian('step 1', step1.body);
  });

  test('the secretariat has no workspace and officers have no screening', async () => {
    const secretary = await h.login('secretary@example.org');
    assert.equal((await secretary.get('/my/plans')).statusCode, 403);
    assert.equal((await officer.get('/admin/screening')).statusCode, 403);
  });
});

describe('saving steps', () => {
  test('every step saves its own fields, drops blank rows and reads Persian digits and Jalali dates', async () => {
    const id = await newPlan(officer, 'طرح کامل برای آزمون گام‌ها');
    await fillAllSteps(officer, id);
    const c = await contentOf(id);
    assert.equal(c.title, 'پیشگیری از اعتیاد نوجوانان محله مینودر');
    assert.deepEqual(c.targetGroups.map((g) => [g.group, g.female, g.male, g.ageBands['12_17'], g.ageBands['30_59']]), [['ADOLESCENTS', 180, 220, 400, 0], ['FAMILIES', 150, 90, 0, 240]]);
    assert.equal(c.placeIds.length, 1);
    assert.equal(c.evidence.length, 1);
    assert.equal(c.evidence[0]!.value, '64 نفر', 'stored normalized; shown in Persian digits');
    assert.deepEqual(c.outputs, ['40 جلسهٔ کارگاه برگزار شد', '300 ساعت مشاوره']);
    assert.equal(c.indicators.length, 2);
    assert.deepEqual(c.budgetLines.map((l) => [l.unitCost, l.quantity, l.total]), [[18_000_000, 40, 720_000_000], [3_500_000, 300, 1_050_000_000]]);
    assert.equal(c.requestedTotal, 1_770_000_000);
    assert.equal(c.cofunding.length, 1);
    assert.match(c.startDate!, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(c.endDate && c.endDate > c.startDate!);
    assert.equal(c.schedule.length, 1);
    assert.equal(c.partners.length, 1);
    assert.equal(c.hasOverlap, false);

    const budget = await officer.get(`/my/plans/${id}/edit/6`);
    assert.match(budget.body, /value="۱۸٬۰۰۰٬۰۰۰"/);
    assert.match(budget.body, /۷۲۰٬۰۰۰٬۰۰۰/, 'each line total is shown');
    assert.match(budget.body, /یک میلیارد و هفتصد و هفتاد میلیون ریال/, 'the request in words');
    assertPersian('step 6', budget.body);
    const schedule = await officer.get(`/my/plans/${id}/edit/7`);
    assert.match(schedule.body, new RegExp(`value="${fa(h.fiscalYear)}/۱۰/۰۱"`));
    const review = await officer.get(`/my/plans/${id}/edit/10`);
    assert.match(review.body, /همهٔ بخش‌ها کامل است/);
    assertPersian('step 10', review.body);
    for (let s = 1; s <= 9; s++) assertPersian(`step ${s}`, (await officer.get(`/my/plans/${id}/edit/${s}`)).body);
  });

  test('«ذخیره» stays on the step; «ردیف بیشتر» saves and shows more empty rows', async () => {
    const id = await newPlan(officer, 'طرح برای ردیف‌های بیشتر');
    const saved = await saveStep(officer, id, 4, { 'ev.0.statement': 'شرح', 'ev.0.value': '۱۲', 'ev.0.year': '', 'ev.0.source': '' }, 'save');
    assert.equal(saved.headers.location, `/my/plans/${id}/edit/4`);
    const more = await saveStep(officer, id, 4, { 'ev.0.statement': 'شرح', 'ev.0.value': '۱۲', 'ev.1.statement': 'دوم', 'ev.2.statement': '', 'ev.3.statement': '' }, 'more');
    assert.equal(more.statusCode, 303);
    assert.equal(more.headers.location, `/my/plans/${id}/edit/4?blank=5`);
    assert.equal((await contentOf(id)).evidence.length, 2);
    const page = await officer.get(String(more.headers.location));
    assert.equal((page.body.match(/name="ev\.\d+\.statement"/g) ?? []).length, 7, 'two filled rows and five empty ones');
  });

  test('places: only the call\'s eligible neighborhoods and villages; a name filter keeps what was chosen', async () => {
    const id = await newPlan(officer, 'طرح برای انتخاب مکان');
    const page = await officer.get(`/my/plans/${id}/edit/3`);
    assert.match(page.body, /<span>پونک/);
    assert.match(page.body, /<span>روستای نمونهٔ الموت/, 'villages of the county too');
    assert.doesNotMatch(page.body, /محلهٔ جنوبی تاکستان/, 'another county is not offered');
    const minoodar = /value="(\d+)"\s*\/?>\s*<span>مینودر/.exec(page.body)![1]!;
    assert.equal((await saveStep(officer, id, 3, { placeIds: [minoodar] }, 'save')).statusCode, 303);
    const filtered = await officer.get(`/my/plans/${id}/edit/3?q=${encodeURIComponent('پونک')}`);
    assert.match(filtered.body, /<form method="get"/, 'the filter form is shown once a filter is in use');
    assert.match(filtered.body, /<span>پونک/);
    assert.doesNotMatch(filtered.body, /<span>بلاغی/);
    assert.match(filtered.body, new RegExp(`value="${minoodar}" checked`), 'the chosen place stays on the form, checked');
    const tampered = await saveStep(officer, id, 3, { placeIds: [minoodar, 'abc'] });
    assert.equal(tampered.statusCode, 422);
    assert.match(tampered.body, /گزینهٔ انتخاب‌شده معتبر نیست/);
  });

  test('bad input: 422 with the Persian message beside the field and every typed value kept', async () => {
    const id = await newPlan(officer, 'طرح برای خطاها');
    const res = await saveStep(officer, id, 6, {
      'bl.0.item': 'کارگاه', 'bl.0.unit': 'جلسه', 'bl.0.unitCost': 'دوازده میلیون', 'bl.0.quantity': '۴',
      'bl.1.item': 'مشاوره', 'bl.1.unit': 'ساعت', 'bl.1.unitCost': '۲٬۰۰۰٬۰۰۰', 'bl.1.quantity': 'abc',
      'cf.0.source': 'شهرداری', 'cf.0.amount': '۱۰۰', requestedTotal: '۹۹۹',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /id="bl\.0\.unitCost-error"[^>]*>مبلغ را به ریال و فقط با رقم بنویسید/);
    assert.match(res.body, /id="bl\.1\.quantity-error"[^>]*>یک عدد بنویسید/);
    for (const v of ['دوازده میلیون', 'کارگاه', 'جلسه', '۴', 'مشاوره', '۲٬۰۰۰٬۰۰۰', 'abc', 'شهرداری', '۹۹۹']) assert.match(res.body, new RegExp(`value="${v}"`), v);
    assert.match(res.body, /class="error-summary"/);
    assert.deepEqual((await contentOf(id)).budgetLines, [], 'nothing saved');

    const dates = await saveStep(officer, id, 7, { startDate: '۱۴۰۵/۱۳/۰۱', endDate: 'فردا', 'sc.0.activity': 'کارگاه', 'sc.0.start': '1405/2/31', 'sc.0.end': '' });
    assert.equal(dates.statusCode, 422);
    assert.match(dates.body, /id="startDate-error"[^>]*>چنین روزی در تقویم نیست/);
    assert.match(dates.body, /id="endDate-error"[^>]*>تاریخ را به شکل سال\/ماه\/روز بنویسید/);
    for (const v of ['۱۴۰۵/۱۳/۰۱', 'فردا', 'کارگاه', '1405/2/31']) assert.match(dates.body, new RegExp(`value="${v}"`), v);
    assert.equal((await contentOf(id)).startDate, null);
  });

  test('the step nav marks incomplete steps and a submitted plan cannot be edited', async () => {
    const id = await newPlan(officer, 'طرح ناقص برای نشانه‌ها');
    const page = await officer.get(`/my/plans/${id}/edit/2`);
    assert.equal((page.body.match(/badge-warn/g) ?? []).length, 8, 'steps 1–8 are incomplete');
    assert.match(page.body, /دست‌کم یک گروه هدف/);
    const review = await officer.get(`/my/plans/${id}/edit/10`);
    assert.match(review.body, new RegExp(`href="/my/plans/${id}/edit/6#requestedTotal"|href="/my/plans/${id}/edit/6#budgetLines"`));
    const refused = await officer.post(`/my/plans/${id}/submit`, {}, { csrfFrom: `/my/plans/${id}/edit/10` });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /طرح هنوز کامل نیست و ارسال نشد/);
    assert.equal((await findPlan(h.ctx.db, id))!.status, 'draft');
    assert.equal((await officer.get(`/my/plans/${id}/edit/11`)).statusCode, 404);
  });
});

describe('attachments', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
  let id: number;
  before(async () => {
    id = await newPlan(officer, 'طرح با پیوست‌ها');
  });
  const upload = (b: Browser, file: { name: string; type: string; data: Buffer } | null, planId = id) =>
    postFile(h.app, b, `/my/plans/${planId}/attachments`, { csrfFrom: `/my/plans/${planId}/edit/9`, file });

  test('a PNG named .pdf is stored as a PNG, outside public/, and downloads with its name and type', async () => {
    const res = await upload(officer, { name: 'گزارش نیاز.pdf', type: 'application/pdf', data: png });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const [a] = await listAttachments(h.ctx.db, id);
    assert.ok(a);
    assert.equal(a.mime, 'image/png');
    assert.equal(a.file_name, 'گزارش نیاز.pdf');
    assert.match(a.sha256, /^[a-f0-9]{64}$/);
    const path = resolve(h.uploads, a.storage_key);
    assert.deepEqual(readFileSync(path), png);
    assert.ok(!relative(h.uploads, path).startsWith('..'));
    assert.match(a.storage_key, new RegExp(`^plans/${id}/[a-f0-9]{32}$`));
    const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));
    assert.ok(relative(publicDir, path).startsWith('..'), 'not under public/');

    const page = await officer.get(`/my/plans/${id}/edit/9`);
    assert.match(page.body, /گزارش نیاز\.pdf/);
    assert.match(page.body, /تصویر PNG/);
    const dl = await officer.get(`/my/plans/${id}/attachments/${a.id}`);
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'image/png');
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    assert.match(String(dl.headers['content-disposition']), /^attachment; /);
    assert.ok(String(dl.headers['content-disposition']).includes(encodeURIComponent('گزارش نیاز.pdf')));
    assert.deepEqual(dl.rawPayload, png);
    const secretary = await h.login('secretary@example.org');
    assert.equal((await secretary.get(`/admin/screening/${id}/attachments/${a.id}`)).statusCode, 404, 'a draft is not the secretariat\'s yet');
  });

  test('a text file named .pdf is refused in Persian and nothing is stored', async () => {
    const before = (await listAttachments(h.ctx.db, id)).length;
    const res = await upload(officer, { name: 'plan.pdf', type: 'application/pdf', data: Buffer.from('this is only text pretending to be a PDF') });
    assert.equal(res.statusCode, 415);
    assert.match(res.body, /این پرونده PDF، JPEG یا PNG نیست و پذیرفته نشد/);
    assert.equal((await listAttachments(h.ctx.db, id)).length, before);
    const none = await upload(officer, null);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /پرونده‌ای برای بارگذاری انتخاب کنید/);
  });

  test('more than 10 MB is refused with 413', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const before = (await listAttachments(h.ctx.db, id)).length;
    const res = await upload(officer, { name: 'بزرگ.pdf', type: 'application/pdf', data: big });
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /حجم داده بیش از حد مجاز است/);
    assert.equal((await listAttachments(h.ctx.db, id)).length, before);
  });

  test('deleted while editable: the row and the file go', async () => {
    const res = await upload(officer, { name: 'سند.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') });
    assert.equal(res.statusCode, 303);
    const a = (await listAttachments(h.ctx.db, id)).find((x) => x.file_name === 'سند.pdf')!;
    assert.equal(a.mime, 'application/pdf');
    const del = await officer.post(`/my/plans/${id}/attachments/${a.id}/delete`, {}, { csrfFrom: `/my/plans/${id}/edit/9` });
    assert.equal(del.statusCode, 303);
    assert.equal((await listAttachments(h.ctx.db, id)).some((x) => x.id === a.id), false);
    assert.equal(existsSync(join(h.uploads, a.storage_key)), false);
  });
});

describe('another agency\'s officer', () => {
  test('gets 403 on every route of someone else\'s plan, attachments included', async () => {
    const id = await newPlan(officer, 'طرح محرمانهٔ بهزیستی');
    await saveStep(officer, id, 1, { title: 'طرح محرمانهٔ بهزیستی', summary: 'متن' }, 'save');
    const up = await postFile(h.app, officer, `/my/plans/${id}/attachments`, { csrfFrom: `/my/plans/${id}/edit/9`, file: { name: 'الف.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF') } });
    assert.equal(up.statusCode, 303);
    const [a] = await listAttachments(h.ctx.db, id);
    const other = await h.login('b@example.org');
    const before = JSON.stringify(await findPlan(h.ctx.db, id));
    const gets = [`/my/plans/${id}`, `/my/plans/${id}/edit`, `/my/plans/${id}/edit/1`, `/my/plans/${id}/edit/9`, `/my/plans/${id}/edit/10`, `/my/plans/${id}/edit/99`,
      `/my/plans/${id}/attachments/${a!.id}`, `/my/plans/${id}/attachments/999999`, `/my/plans/${id}/versions/1..draft`];
    for (const url of gets) assert.equal((await other.get(url)).statusCode, 403, url);
    const posts: [string, Record<string, string>][] = [
      [`/my/plans/${id}/edit/1`, { title: 'ربوده', action: 'save' }],
      [`/my/plans/${id}/attachments/${a!.id}/delete`, {}],
      [`/my/plans/${id}/submit`, {}],
      [`/my/plans/${id}/withdraw`, { reason: 'دلیلی ساختگی برای پس‌گرفتن' }],
    ];
    for (const [url, form] of posts) assert.equal((await other.post(url, form, { csrfFrom: '/my/plans' })).statusCode, 403, url);
    const upOther = await postFile(h.app, other, `/my/plans/${id}/attachments`, { csrfFrom: '/my/plans', file: { name: 'ب.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF') } });
    assert.equal(upOther.statusCode, 403);
    const newForOther = await other.post('/my/plans', { call_id: String(h.callId), agency_id: String(h.agencyA), [`title-${h.callId}-${h.agencyA}`]: 'طرح به نام دیگری' }, { csrfFrom: '/my/plans' });
    assert.equal(newForOther.statusCode, 403, 'nor start a plan for another agency');
    assert.equal(JSON.stringify(await findPlan(h.ctx.db, id)), before, 'nothing changed');
    assert.equal((await listAttachments(h.ctx.db, id)).length, 1);
    const anon = await h.app.inject({ method: 'GET', url: `/my/plans/${id}/attachments/${a!.id}` });
    assert.equal(anon.statusCode, 303, 'signed out: to the login page');
  });
});

describe('the whole flow without JavaScript', () => {
  test('create → fill → submit → screening → return → edit → resubmit → diff → pass', async () => {
    const id = await newPlan(officer, 'طرح برای گردش کامل');
    await fillAllSteps(officer, id);
    const pdf = await postFile(h.app, officer, `/my/plans/${id}/attachments`, { csrfFrom: `/my/plans/${id}/edit/9`, file: { name: 'نامه.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') } });
    assert.equal(pdf.statusCode, 303);
    const submitted = await officer.post(`/my/plans/${id}/submit`, {}, { csrfFrom: `/my/plans/${id}/edit/10` });
    assert.equal(submitted.statusCode, 303, visibleText(submitted.body).replace(/\s+/g, ' ').slice(0, 800));
    assert.equal(submitted.headers.location, `/my/plans/${id}`);
    let plan = (await findPlan(h.ctx.db, id))!;
    assert.equal(plan.status, 'submitted');
    assert.equal(plan.version, 1);
    const overview = await officer.get(`/my/plans/${id}`);
    assert.match(overview.body, /نسخهٔ ۱ طرح برای دبیرخانه ارسال شد/);
    assert.match(overview.body, /ارسال‌شده/);
    assertPersian('overview', overview.body);
    assert.equal((await officer.get(`/my/plans/${id}/edit/1`)).statusCode, 303, 'not editable once submitted');

    const secretary = await h.login('secretary@example.org');
    const queue = await secretary.get('/admin/screening');
    assert.match(queue.body, new RegExp(`href="/admin/screening/${id}"`));
    assertPersian('/admin/screening', queue.body);
    const screen = await secretary.get(`/admin/screening/${id}`);
    assert.match(screen.body, /آغاز غربالگری/);
    assert.match(screen.body, /کارگاه مهارت‌های زندگی/, 'the whole plan, read-only');
    assert.match(screen.body, /یک میلیارد و هفتصد و هفتاد میلیون ریال/);
    assertPersian('/admin/screening/:id', screen.body);
    const att = (await listAttachments(h.ctx.db, id))[0]!;
    assert.equal((await secretary.get(`/admin/screening/${id}/attachments/${att.id}`)).statusCode, 200, 'the secretariat downloads attachments');
    assert.equal((await secretary.post(`/admin/screening/${id}/start`, {}, { csrfFrom: `/admin/screening/${id}` })).statusCode, 303);
    assert.equal((await findPlan(h.ctx.db, id))!.status, 'screening');
    const short = await secretary.post(`/admin/screening/${id}/return`, { message: 'کم' }, { csrfFrom: `/admin/screening/${id}` });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /توضیح دهید چه چیزی باید تکمیل شود/);
    assert.match(short.body, />کم</, 'the typed message is kept');
    const message = 'شاخص برون‌داد را دقیق‌تر بنویسید و عنوان را کوتاه کنید.';
    assert.equal((await secretary.post(`/admin/screening/${id}/return`, { message }, { csrfFrom: `/admin/screening/${id}` })).statusCode, 303);
    assert.equal((await findPlan(h.ctx.db, id))!.status, 'returned');

    const step1 = await officer.get(`/my/plans/${id}/edit/1`);
    assert.equal(step1.statusCode, 200);
    assert.match(step1.body, /دبیرخانه این طرح را برای تکمیل بازگردانده است/);
    assert.ok(step1.body.includes(message));
    const edited = await saveStep(officer, id, 1, {
      title: 'پیشگیری از اعتیاد نوجوانان',
      summary: 'آموزش مهارت‌های زندگی و نه‌گفتن به نوجوانان ۱۲ تا ۱۷ سالهٔ محله، همراه با آموزش والدین و مشاورهٔ فردی.',
      harms: ['ADDICTION'], interventionTypes: ['PREVENTION', 'EDUCATION_AWARENESS'],
    });
    assert.equal(edited.statusCode, 303);
    const draftDiff = await officer.get(`/my/plans/${id}/versions/1..draft`);
    assert.equal(draftDiff.statusCode, 200);
    assert.match(draftDiff.body, /<del>پیشگیری از اعتیاد نوجوانان محله مینودر<\/del>/);
    assert.match(draftDiff.body, /<ins>پیشگیری از اعتیاد نوجوانان<\/ins>/);
    const resubmitted = await officer.post(`/my/plans/${id}/submit`, {}, { csrfFrom: `/my/plans/${id}/edit/10` });
    assert.equal(resubmitted.statusCode, 303);
    plan = (await findPlan(h.ctx.db, id))!;
    assert.equal(plan.status, 'submitted');
    assert.equal(plan.version, 2);

    const history = await officer.get(`/my/plans/${id}`);
    assert.match(history.body, new RegExp(`href="/my/plans/${id}/versions/1\\.\\.2"`));
    assert.ok(history.body.includes(message), 'the secretariat\'s message is in the timeline');
    const diff = await officer.get(`/my/plans/${id}/versions/1..2`);
    assert.equal(diff.statusCode, 200);
    assert.match(diff.body, /تفاوت نسخهٔ ۱ و ۲/);
    assert.match(diff.body, /<strong>عنوان<\/strong>/);
    assert.match(diff.body, /<del>پیشگیری از اعتیاد نوجوانان محله مینودر<\/del>/);
    assert.match(diff.body, /<ins>پیشگیری از اعتیاد نوجوانان<\/ins>/);
    assert.doesNotMatch(diff.body, /<strong>خلاصه<\/strong>/, 'unchanged fields are not listed');
    assertPersian('diff', diff.body);
    assert.equal((await officer.get(`/my/plans/${id}/versions/2..1`)).statusCode, 404);
    assert.equal((await officer.get(`/my/plans/${id}/versions/1..3`)).statusCode, 404);
    const adminDiff = await secretary.get(`/admin/screening/${id}/versions/1..2`);
    assert.equal(adminDiff.statusCode, 200);
    assert.match(adminDiff.body, /<ins>پیشگیری از اعتیاد نوجوانان<\/ins>/);

    const publicAttachment = `/plans/${id}/attachments/${att.id}`;
    assert.equal((await h.app.inject(publicAttachment)).statusCode, 404, 'not public before screening');
    assert.equal((await h.app.inject(`/plans/${id}`)).statusCode, 404);
    assert.equal((await secretary.post(`/admin/screening/${id}/start`, {}, { csrfFrom: `/admin/screening/${id}` })).statusCode, 303);
    const partial = await secretary.post(`/admin/screening/${id}/pass`, { checklist: ['in_remit', 'target_group_clear'] }, { csrfFrom: `/admin/screening/${id}` });
    assert.equal(partial.statusCode, 422);
    assert.match(partial.body, /همهٔ موارد فهرست وارسی را تأیید کنید/);
    assert.match(partial.body, /value="in_remit" checked/, 'ticked items stay ticked');
    assert.equal((await findPlan(h.ctx.db, id))!.status, 'screening');
    const all = ['in_remit', 'target_group_clear', 'places_eligible', 'budget_consistent', 'no_duplication'];
    const passed = await secretary.post(`/admin/screening/${id}/pass`, { checklist: all }, { csrfFrom: `/admin/screening/${id}` });
    assert.equal(passed.statusCode, 303);
    plan = (await findPlan(h.ctx.db, id))!;
    assert.equal(plan.status, 'in_review');
    assert.equal(plan.is_public, 1);
    const after = await secretary.get(`/admin/screening/${id}`);
    assert.match(after.body, /در حال داوری/);
    assert.doesNotMatch((await secretary.get('/admin/screening')).body, new RegExp(`href="/admin/screening/${id}"`), 'off the queue');
    const anonymous = await h.app.inject(publicAttachment);
    assert.equal(anonymous.statusCode, 200, 'public once screened, attachments included');
    assert.equal(anonymous.headers['content-type'], 'application/pdf');
    assert.equal(anonymous.headers['x-content-type-options'], 'nosniff');
  });

  test('withdrawing needs a reason; the reason typed is kept', async () => {
    const id = await newPlan(officer, 'طرحی که پس گرفته می‌شود');
    const bad = await officer.post(`/my/plans/${id}/withdraw`, { reason: 'نه', from: 'review' }, { csrfFrom: `/my/plans/${id}/edit/10` });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /دلیل پس‌گرفتن طرح را بنویسید/);
    assert.match(bad.body, />نه<\/textarea>/);
    const ok = await officer.post(`/my/plans/${id}/withdraw`, { reason: 'دستگاه طرح دیگری می‌فرستد.', from: 'review' }, { csrfFrom: `/my/plans/${id}/edit/10` });
    assert.equal(ok.statusCode, 303);
    assert.equal((await findPlan(h.ctx.db, id))!.status, 'withdrawn');
    const overview = await officer.get(`/my/plans/${id}`);
    assert.match(overview.body, /پس‌گرفته‌شده/);
    assert.match(overview.body, /دستگاه طرح دیگری می‌فرستد/);
  });
});
