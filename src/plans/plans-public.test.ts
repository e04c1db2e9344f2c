import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { insertUser } from '../accounts/accounts.repo.ts';
import { addOfficer, insertAgency } from '../agencies/agencies.repo.ts';
import { insertCall, setCallStatus } from '../calls/calls.repo.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import { insertPlace } from '../places/places.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { Browser, createHarness, type Harness } from '../testing/harness.ts';
import type { Harm, TargetGroup } from '../taxonomy/codes.ts';
import { emptyPlanContent, type PlanContent } from './plan-content.ts';
import { publicStatuses, type PlanStatus } from './plan-lifecycle.ts';
import { insertPlan, insertAttachment, setPlanStatus } from './plans.repo.ts';
import {
  countPublicPlans, ftsMatchText, listPublicPlans, parsePlanSearch, PUBLIC_PLANS_PAGE_SIZE, tsQueryText, type PublicPlanQuery,
} from './plans-public.repo.ts';
import { parsePlanListParams, planListHref } from './public-routes.tsx';

// Test data is built with the repositories' own insert functions, never with the demo seed.

let h: Harness;
const PASSWORD = 'a long enough password';
let seq = 0;
const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 8, 0) + minutes * 60_000).toISOString();

type World = {
  userId: number;
  county1: number;
  county2: number;
  city1: number;
  nbA: number;
  nbB: number;
  village: number;
  agency1: number;
  agency2: number;
  call1: number;
  call2: number;
};
let w: World;

async function place(parentId: number | null, kind: PlaceKind, name: string): Promise<number> {
  return insertPlace(
    h.ctx.db,
    { parentId, kind, code: null, name, nameKey: matchKey(name), sortKey: persianSortKey(name), population: null, populationYear: null, lat: null, lon: null, isDemo: false },
    at(0),
  );
}

async function agency(name: string): Promise<number> {
  return insertAgency(
    h.ctx.db,
    { name, nameKey: matchKey(name), sortKey: persianSortKey(name), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true },
    at(0),
  );
}

async function call(title: string): Promise<number> {
  const id = await insertCall(
    h.ctx.db,
    { fiscalYear: 1405, title, description: 'فراخوان آزمایشی', budgetRials: 50_000_000_000, deadlineAt: at(60 * 24 * 90), harms: [], targetGroups: [], createdBy: null },
    at(0),
  );
  await setCallStatus(h.ctx.db, id, 'open', at(0));
  return id;
}

type PlanSpec = {
  title: string;
  summary?: string;
  call?: number;
  agency?: number;
  harms?: Harm[];
  targets?: TargetGroup[];
  places?: { placeId: number; countyId: number | null }[];
  rials?: number;
  status?: PlanStatus;
  content?: Partial<PlanContent>;
};

/** A plan through insertPlan + setPlanStatus, public unless its status says otherwise. */
async function plan(s: PlanSpec): Promise<number> {
  const n = ++seq;
  const summary = s.summary ?? 'خلاصهٔ طرح آزمایشی برای آزمون فهرست عمومی طرح‌ها.';
  const places = s.places ?? [{ placeId: w.nbA, countyId: w.county1 }];
  const targets = s.targets ?? ['ADOLESCENTS'];
  const content: PlanContent = {
    ...emptyPlanContent(),
    title: s.title,
    summary,
    harms: s.harms ?? ['ADDICTION'],
    interventionTypes: ['PREVENTION'],
    targetGroups: targets.map((group) => ({ group, female: 10, male: 12, ageBands: { '0_11': 0, '12_17': 22, '18_29': 0, '30_59': 0, '60_PLUS': 0 } })),
    placeIds: places.map((p) => p.placeId),
    requestedTotal: s.rials ?? 1_000_000_000,
    ...s.content,
  };
  const id = await insertPlan(h.ctx.db, {
    callId: s.call ?? w.call1,
    agencyId: s.agency ?? w.agency1,
    createdBy: w.userId,
    now: at(n),
    title: content.title,
    summary: content.summary,
    searchText: matchKey(`${content.title} ${content.summary}`),
    requestedRials: content.requestedTotal,
    content: JSON.stringify(content),
    tags: [
      ...content.harms.map((code) => ({ kind: 'harm' as const, code })),
      ...targets.map((code) => ({ kind: 'target' as const, code })),
      ...content.interventionTypes.map((code) => ({ kind: 'intervention' as const, code })),
    ],
    places,
  });
  const status = s.status ?? 'in_review';
  if (status !== 'draft') {
    const moved = await setPlanStatus(h.ctx.db, id, 'draft', status, { now: at(n), isPublic: publicStatuses.includes(status) });
    assert.ok(moved);
  }
  // As every real change does, so the public page cache sees a new data version.
  await audit(h.ctx, { actorId: null, action: 'plan.test_fixture', subjectType: 'plan', subjectId: id });
  return id;
}

const query = (f: Partial<PublicPlanQuery> = {}): PublicPlanQuery => ({
  callId: null, countyId: null, placeId: null, harm: null, target: null, agencyId: null, status: null, search: null, sort: 'newest', ...f,
});

/** Ids of every public plan the query finds (all pages). */
async function ids(f: Partial<PublicPlanQuery>): Promise<number[]> {
  const r = await listPublicPlans(h.ctx.db, h.ctx.dialect, query(f), { limit: 1000, offset: 0 });
  return r.rows.map((x) => x.id);
}
const search = async (q: string, f: Partial<PublicPlanQuery> = {}) => ids({ ...f, search: parsePlanSearch(q), sort: 'relevance' });
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

before(async () => {
  h = await createHarness();
  const province = await place(null, 'province', 'قزوین');
  const county1 = await place(province, 'county', 'قزوین');
  const county2 = await place(province, 'county', 'تاکستان');
  const city1 = await place(county1, 'city', 'قزوین');
  const nbA = await place(city1, 'neighborhood', 'مینودر');
  const nbB = await place(city1, 'neighborhood', 'پونک');
  const village = await place(county2, 'village', 'نرجه');
  w = {
    userId: await insertUser(h.ctx.db, { name: 'نویسندهٔ آزمون', now: at(0) }),
    county1, county2, city1, nbA, nbB, village,
    agency1: await agency('بهزیستی استان قزوین'),
    agency2: await agency('آموزش و پرورش استان قزوین'),
    call1: await call('فراخوان توانمندسازی محلات ۱۴۰۵'),
    call2: await call('فراخوان ویژهٔ روستاها'),
  };
});
after(() => h.close());

describe('public plan list: filters, sort, pagination', () => {
  let p: Record<string, number>;
  before(async () => {
    p = {
      a: await plan({ title: 'آموزش مهارت‌های زندگی به نوجوانان', harms: ['ADDICTION'], targets: ['ADOLESCENTS'], rials: 3_000_000_000 }),
      b: await plan({ title: 'بازگشت کودکان کار به مدرسه', harms: ['CHILD_LABOUR', 'SCHOOL_DROPOUT'], targets: ['CHILDREN'], places: [{ placeId: w.nbB, countyId: w.county1 }], rials: 900_000_000, status: 'approved' }),
      c: await plan({ title: 'توانمندسازی زنان سرپرست خانوار روستا', call: w.call2, agency: w.agency2, harms: ['FEMALE_HEADED_HOUSEHOLD'], targets: ['WOMEN_HEADS_OF_HOUSEHOLD'], places: [{ placeId: w.village, countyId: w.county2 }], rials: 5_000_000_000, status: 'funded' }),
      d: await plan({ title: 'مشاورهٔ پیش از ازدواج زوج‌های جوان', agency: w.agency2, harms: ['DIVORCE'], targets: ['YOUNG_COUPLES', 'FAMILIES'], places: [{ placeId: w.nbA, countyId: w.county1 }, { placeId: w.village, countyId: w.county2 }], rials: 1_500_000_000, status: 'in_progress' }),
      draft: await plan({ title: 'پیش‌نویس دیده‌نشدنی', status: 'draft' }),
      submitted: await plan({ title: 'ارسال‌شدهٔ دیده‌نشدنی', status: 'submitted' }),
      screening: await plan({ title: 'در غربالگری دیده‌نشدنی', status: 'screening' }),
    };
  });
  const mine = (xs: number[]) => sorted(xs.filter((x) => Object.values(p).includes(x)));

  test('only plans past screening are listed, newest first', async () => {
    const all = await ids({});
    assert.deepEqual(all.filter((x) => Object.values(p).includes(x)), [p.d, p.c, p.b, p.a]);
    for (const hidden of [p.draft, p.submitted, p.screening]) assert.ok(!all.includes(hidden!));
  });

  test('each filter narrows the list', async () => {
    assert.deepEqual(mine(await ids({ callId: w.call2 })), [p.c]);
    assert.deepEqual(mine(await ids({ agencyId: w.agency2 })), sorted([p.c!, p.d!]));
    assert.deepEqual(mine(await ids({ countyId: w.county2 })), sorted([p.c!, p.d!]));
    assert.deepEqual(mine(await ids({ countyId: w.county1 })), sorted([p.a!, p.b!, p.d!]));
    assert.deepEqual(mine(await ids({ harm: 'CHILD_LABOUR' })), [p.b]);
    assert.deepEqual(mine(await ids({ target: 'FAMILIES' })), [p.d]);
    assert.deepEqual(mine(await ids({ status: 'approved' })), [p.b]);
    assert.deepEqual(mine(await ids({ status: 'funded', callId: w.call2, agencyId: w.agency2 })), [p.c]);
    assert.deepEqual(mine(await ids({ harm: 'DIVORCE', countyId: w.county2 })), [p.d]);
    assert.deepEqual(mine(await ids({ harm: 'DIVORCE', callId: w.call2 })), []);
  });

  test('a place matches plans in it and anywhere below it', async () => {
    assert.deepEqual(mine(await ids({ placeId: w.nbB })), [p.b], 'a neighborhood: exact');
    assert.deepEqual(mine(await ids({ placeId: w.city1 })), sorted([p.a!, p.b!, p.d!]), 'a city: its neighborhoods');
    assert.deepEqual(mine(await ids({ placeId: w.county2 })), sorted([p.c!, p.d!]), 'a county: its villages');
    assert.deepEqual(mine(await ids({ placeId: 999_999 })), []);
  });

  test('sorts by amount both ways; a plan in two places is listed once', async () => {
    assert.deepEqual((await ids({ sort: 'amount_desc' })).filter((x) => Object.values(p).includes(x)), [p.c, p.a, p.d, p.b]);
    assert.deepEqual((await ids({ sort: 'amount_asc' })).filter((x) => Object.values(p).includes(x)), [p.b, p.d, p.a, p.c]);
    const all = await ids({});
    assert.equal(new Set(all).size, all.length);
  });

  test('rows carry call, agency, tags and places, codes and names joined once', async () => {
    const r = await listPublicPlans(h.ctx.db, h.ctx.dialect, query({ countyId: w.county2, sort: 'amount_desc' }), { limit: 20, offset: 0 });
    const d = r.rows.find((x) => x.id === p.d)!;
    assert.equal(d.agency_name, 'آموزش و پرورش استان قزوین');
    assert.equal(d.call_title, 'فراخوان توانمندسازی محلات ۱۴۰۵');
    assert.equal(d.requested_rials, 1_500_000_000);
    assert.deepEqual(d.harms?.split('\u001f'), ['DIVORCE']);
    assert.deepEqual(d.targets?.split('\u001f').sort(), ['FAMILIES', 'YOUNG_COUPLES']);
    assert.deepEqual(d.places?.split('\u001f'), ['مینودر', 'نرجه'], 'Persian order');
    assert.deepEqual(d.counties?.split('\u001f'), ['تاکستان', 'قزوین']);
  });

  test('title order', async () => {
    const t = (await listPublicPlans(h.ctx.db, h.ctx.dialect, query({ sort: 'title', callId: w.call1, agencyId: w.agency1 }), { limit: 100, offset: 0 })).rows.map((r) => r.title);
    assert.deepEqual(t.slice(0, 2), ['آموزش مهارت‌های زندگی به نوجوانان', 'بازگشت کودکان کار به مدرسه']);
  });

  test('title order is Persian alphabetical order', async () => {
    const titles = ['یاری', 'گفتگو', 'کودک', 'تئاتر', 'پارک', 'بازی'];
    const agencyId = await agency('دستگاه ترتیب الفبایی');
    for (const title of titles) await plan({ title, agency: agencyId });
    const r = await listPublicPlans(h.ctx.db, h.ctx.dialect, query({ sort: 'title', agencyId }), { limit: 20, offset: 0 });
    assert.deepEqual(r.rows.map((x) => x.title), ['بازی', 'پارک', 'تئاتر', 'کودک', 'گفتگو', 'یاری']);
  });
});

describe('pagination', () => {
  let callId: number;
  const made: number[] = [];
  before(async () => {
    callId = await call('فراخوان صفحه‌بندی');
    for (let i = 0; i < 45; i++) made.push(await plan({ title: `طرح شمارهٔ ${i + 1}`, call: callId, rials: 1_000_000 * ((i * 7) % 45) }));
  });

  test('pages of 20 with the total in the same statement; no plan twice, none skipped', async () => {
    const q = query({ callId, sort: 'amount_desc' });
    const seen: number[] = [];
    const totals: (number | null)[] = [];
    for (let page = 0; page < 3; page++) {
      const before = h.ctx.handle.queryCount();
      const r = await listPublicPlans(h.ctx.db, h.ctx.dialect, q, { limit: PUBLIC_PLANS_PAGE_SIZE, offset: page * PUBLIC_PLANS_PAGE_SIZE });
      assert.equal(h.ctx.handle.queryCount() - before, 1, 'rows and total in one statement');
      seen.push(...r.rows.map((x) => x.id));
      totals.push(r.total);
      assert.equal(r.rows.length, [20, 20, 5][page]);
    }
    assert.deepEqual(totals, [45, 45, 45]);
    assert.deepEqual(sorted(seen), sorted(made));
    const past = await listPublicPlans(h.ctx.db, h.ctx.dialect, q, { limit: 20, offset: 60 });
    assert.deepEqual(past, { rows: [], total: null });
    assert.equal(await countPublicPlans(h.ctx.db, h.ctx.dialect, q), 45);
  });

  test('the list page links every page with the filters kept', async () => {
    const res = await h.app.inject({ url: `/plans?call=${callId}&sort=amount_asc&page=2` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /۴۵ طرح/);
    assert.match(res.body, /صفحهٔ ۲ از ۳/);
    assert.ok(res.body.includes(`href="/plans?call=${callId}&amp;sort=amount_asc&amp;page=3"`), 'next keeps the query');
    assert.ok(res.body.includes(`href="/plans?call=${callId}&amp;sort=amount_asc"`), 'previous is page 1 without page=');
    const past = await h.app.inject({ url: `/plans?call=${callId}&page=9` });
    assert.equal(past.statusCode, 200);
    assert.match(past.body, /این صفحه خالی است/);
    assert.match(past.body, /۴۵ طرح/);
  });
});

describe('Persian full-text search', () => {
  let s: Record<string, number>;
  before(async () => {
    const callId = await call('فراخوان جستجو');
    const mk = (title: string, summary: string) => plan({ title, summary, call: callId });
    s = {
      arabic: await mk('كتابخانهٔ كودك در محلهٔ شيرين‌آباد', 'خواندن كتاب براي كودكان'),
      persian: await mk('کتابخانهٔ سیار روستا', 'امانت کتاب به خانواده‌ها'),
      zwnj: await mk('نوجوانان می‌خواهند ورزش کنند', 'زمین بازی محله'),
      joined: await mk('جوانان میخواهند کار کنند', 'کارگاه مهارت'),
      spaced: await mk('والدین می خواهند یاد بگیرند', 'آموزش خانواده'),
      harakat: await mk('مُشاوِرهٔ خانوادهٔ جوان', 'پیشگیری از طلاق'),
      digits: await mk('طرح سال ۱۴۰۵ محله', 'برنامهٔ ۱۲ ماهه'),
      plural: await mk('پارک‌های محله', 'بازسازی پارکها و فضای سبز'),
      often: await mk('اعتیاد، اعتیاد و باز هم اعتیاد', 'پیشگیری از اعتیاد در مدرسه با کمک خانواده و مدرسه'),
      once: await mk('برنامهٔ ورزشی محله', 'کاهش اعتیاد در کنار ورزش و بازی و تفریح و آموزش و مشاوره برای همه'),
    };
  });
  const only = (found: number[], ...expected: number[]) => assert.deepEqual(sorted(found.filter((x) => Object.values(s).includes(x))), sorted(expected));

  test('Arabic ي and ك find Persian ی and ک, both ways', async () => {
    only(await search('کتابخانه'), s.arabic!, s.persian!);
    only(await search('كتابخانه'), s.arabic!, s.persian!);
    only(await search('شيرين'), s.arabic!);
    only(await search('کودک'), s.arabic!);
    only(await search('براي'), s.arabic!, s.once!);
  });

  test('a half-space finds the joined, half-spaced and spaced spellings', async () => {
    only(await search('می‌خواهند'), s.zwnj!, s.joined!, s.spaced!);
    only(await search('میخواهند'), s.zwnj!, s.joined!, s.spaced!);
    only(await search('پارک‌ها'), s.plural!);
    only(await search('پارکها'), s.plural!);
    only(await search('نوجوانان می‌خواهند'), s.zwnj!);
  });

  test('harakat, tatweel and digits do not matter; words are prefixes', async () => {
    only(await search('مشاوره'), s.harakat!, s.once!);
    only(await search('مُشاوَره'), s.harakat!, s.once!);
    only(await search('مشـاوره'), s.harakat!, s.once!);
    only(await search('۱۴۰۵'), s.digits!);
    only(await search('1405'), s.digits!);
    only(await search('۱۲'), s.digits!);
    only(await search('پیشگ'), s.harakat!, s.often!);
    only(await search('کتابخ سیار'), s.persian!); // every word must match
  });

  test('better matches first', async () => {
    const found = (await search('اعتیاد')).filter((x) => Object.values(s).includes(x));
    assert.deepEqual(found, [s.often, s.once]);
  });

  test('search combines with filters and counts', async () => {
    const r = await listPublicPlans(h.ctx.db, h.ctx.dialect, query({ search: parsePlanSearch('کتاب'), sort: 'newest', callId: null }), { limit: 1, offset: 0 });
    assert.ok((r.total ?? 0) >= 2);
    only(await search('کتاب', { harm: 'DIVORCE' }));
  });

  const hostile = [
    '"', "'", '(', ')', '*', '-', ':', '&', '|', '!', '"کتاب', 'کتاب"', "کتاب'", '(کتاب', 'کتاب)', 'کتاب*', '-کتاب', 'کتاب:*', 'کتاب & خانه',
    'کتاب | خانه', '!کتاب', 'کتاب <-> خانه', 'NEAR(کتاب خانه)', 'AND OR NOT', 'کتاب AND', '^کتاب', 'search_text:کتاب', '"" ** ::', "'; drop table plans; --",
    '\\', '\\"', 'a\u0000b', '{کتاب}', '+کتاب', '%_', '😀 کتاب', '\u200c\u200c', 'ـــ', 'ً', 'کتاب'.repeat(80),
  ];

  test('query syntax in the text never breaks the query', async () => {
    for (const q of hostile) {
      const parsed = parsePlanSearch(q);
      for (const t of parsed.terms.flat(2)) assert.match(t, /^[\p{L}\p{M}\p{N}]+$/u, `token of ${JSON.stringify(q)}`);
      await assert.doesNotReject(search(q), `query ${JSON.stringify(q)}`);
    }
    only(await search('"کتابخانه"'), s.arabic!, s.persian!);
    only(await search('کتابخانه*)'), s.arabic!, s.persian!);
  });

  test('any text at all is safe (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), async (q) => {
        await search(q);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('"', "'", '(', ')', '*', '-', ':', '&', '|', '!', ' ', 'ک', 'ي', '\u200c', 'AND', 'NEAR', '<->', '\\', '^', 'a'), { maxLength: 12 }), async (parts) => {
        await search(parts.join(''));
      }),
      { numRuns: 150 },
    );
  });

  test('the engine query texts are built only from tokens', () => {
    const p = parsePlanSearch('می‌خواهند "کتاب" (پارکها)');
    assert.deepEqual(p.terms, [[['می', 'خواهند'], ['میخواهند']], [['کتاب']], [['پارکها'], ['پارک', 'ها']]]);
    assert.equal(ftsMatchText(p), '("می خواهند"* OR "میخواهند"*) AND "کتاب"* AND ("پارکها"* OR "پارک ها"*)');
    assert.equal(tsQueryText(p), "(('می' <-> 'خواهند':*) | ('میخواهند':*)) & (('کتاب':*)) & (('پارکها':*) | ('پارک' <-> 'ها':*))");
    assert.deepEqual(parsePlanSearch('و " * ( ا').terms, [], 'single letters and syntax alone leave nothing');
  });
});

describe('pages', () => {
  let officerBrowser: Browser;
  let otherOfficerBrowser: Browser;
  let secretaryBrowser: Browser;
  let publicId: number;
  let hiddenId: number;
  let officerAgency: number;

  async function signIn(email: string): Promise<Browser> {
    const b = new Browser(h.app);
    const res = await b.post('/login/password', { email, password: PASSWORD, next: '/' }, { csrfFrom: '/login' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return b;
  }

  before(async () => {
    officerAgency = await agency('کمیتهٔ امداد امام خمینی (ره) استان قزوین');
    const otherAgency = await agency('هلال احمر استان قزوین');
    const officer = await createStaffUser(h.ctx, { actorId: null, name: 'کارشناس امداد', email: 'officer@example.org', password: PASSWORD, roles: ['agency_officer'] });
    const other = await createStaffUser(h.ctx, { actorId: null, name: 'کارشناس هلال احمر', email: 'other@example.org', password: PASSWORD, roles: ['agency_officer'] });
    await createStaffUser(h.ctx, { actorId: null, name: 'دبیر ستاد', email: 'secretary@example.org', password: PASSWORD, roles: ['secretary'] });
    await addOfficer(h.ctx.db, officerAgency, officer, at(0));
    await addOfficer(h.ctx.db, otherAgency, other, at(0));
    const content: Partial<PlanContent> = {
      evidence: [{ statement: 'نوجوانان ارجاع‌شده به مشاور', value: '64 نفر', year: '1404', source: 'گزارش مدارس' }],
      goal: 'کاهش گرایش نوجوانان به مصرف مواد',
      outcomes: ['افزایش مهارت نه‌گفتن'],
      outputs: ['۴۰ کارگاه برگزار شد'],
      activities: ['برگزاری کارگاه‌ها'],
      indicators: [
        { level: 'outcome', statement: 'سهم قبولی در پس‌آزمون', unit: 'درصد', baseline: 35, target: 70, period: 'پایان طرح', meansOfVerification: 'پرسش‌نامه' },
      ],
      assumptions: 'مدارس همکاری می‌کنند.',
      budgetLines: [{ item: 'کارگاه مهارت‌های زندگی', unit: 'جلسه', unitCost: 18_000_000, quantity: 40, total: 720_000_000 }, { item: 'هماهنگی محلی', unit: 'ماه', unitCost: 25_000_000, quantity: 6, total: 150_000_000 }],
      cofunding: [{ source: 'شهرداری منطقه', amount: 120_000_000 }],
      requestedTotal: 870_000_000,
      startDate: '2026-12-22',
      endDate: '2027-03-15',
      schedule: [{ activity: 'کارگاه‌ها', start: '2027-01-04', end: '2027-03-10' }],
      partners: [{ name: 'شورایاری محلهٔ مینودر', kind: 'local_council' }],
      participationPlan: 'نمایندگان والدین در کمیتهٔ محلی طرح عضوند.',
      hasOverlap: true,
      overlapDescription: 'با برنامهٔ مدارس سالم هماهنگ می‌شود.',
    };
    publicId = await plan({ title: 'پیشگیری از اعتیاد نوجوانان مینودر', agency: officerAgency, rials: 870_000_000, content, places: [{ placeId: w.nbA, countyId: w.county1 }, { placeId: w.nbB, countyId: w.county1 }] });
    await insertAttachment(h.ctx.db, { planId: publicId, fileName: 'گزارش-نیازسنجی.pdf', mime: 'application/pdf', size: 1000, sha256: 'a'.repeat(64), storageKey: 'k1', uploadedBy: w.userId, now: at(1) });
    hiddenId = await plan({ title: 'طرح در دست غربالگری امداد', agency: officerAgency, status: 'screening' });
    officerBrowser = await signIn('officer@example.org');
    otherOfficerBrowser = await signIn('other@example.org');
    secretaryBrowser = await signIn('secretary@example.org');
  });

  test('/plans/:id shows a public plan to anyone, in tomans, Persian digits and Jalali dates', async () => {
    const res = await h.app.inject({ url: `/plans/${publicId}` });
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.match(body, /پیشگیری از اعتیاد نوجوانان مینودر/);
    assert.match(body, /۸۷٬۰۰۰٬۰۰۰ تومان/, 'requested total in tomans');
    assert.match(body, /هشتاد و هفت میلیون تومان/, 'and in words');
    assert.match(body, /۱٬۸۰۰٬۰۰۰ تومان/, 'unit cost in tomans');
    assert.match(body, /۱۲٬۰۰۰٬۰۰۰ تومان/, 'co-funding in tomans');
    assert.match(body, /۳۵ ← ۷۰/, 'indicator baseline → target');
    assert.match(body, /از ۱ دی ۱۴۰۵ تا ۲۴ اسفند ۱۴۰۵/, 'Jalali start and end');
    assert.match(body, /۶۴ نفر/);
    assert.match(body, new RegExp(`href="/places/${w.nbA}"`));
    assert.match(body, new RegExp(`href="/plans/${publicId}/attachments/\\d+"`));
    assert.match(body, /گزارش-نیازسنجی\.pdf/);
    assert.match(body, /شورایاری محلهٔ مینودر \(شورایاری یا دهیاری\)/);
    assert.match(body, /با برنامهٔ مدارس سالم هماهنگ می‌شود/);
    assert.match(body, /اعتیاد/);
    assert.match(body, /نوجوانان/);
    assert.doesNotMatch(body.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' '), /\d/, 'no Latin digits in the text');
    assert.equal(res.headers['cache-control'], undefined);
  });

  test('404 for unknown ids and for plans the visitor may not read; 200 for the agency and the secretariat', async () => {
    for (const url of ['/plans/999999', '/plans/abc', '/plans/1e3', `/plans/${hiddenId}`]) {
      assert.equal((await h.app.inject({ url })).statusCode, 404, url);
    }
    assert.equal((await otherOfficerBrowser.get(`/plans/${hiddenId}`)).statusCode, 404, 'another agency');
    const own = await officerBrowser.get(`/plans/${hiddenId}`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /این طرح هنوز عمومی نیست/);
    assert.equal(own.headers['cache-control'], 'private, no-store');
    assert.equal(own.headers['x-page-cache'], undefined);
    assert.equal((await secretaryBrowser.get(`/plans/${hiddenId}`)).statusCode, 200);
    assert.equal((await h.app.inject({ url: `/plans/${toPersian(publicId)}` })).statusCode, 200, 'Persian digits in the address');
    // And the anonymous visitor still gets a 404 afterwards (nothing was cached for them).
    assert.equal((await h.app.inject({ url: `/plans/${hiddenId}` })).statusCode, 404);
  });

  test('/plans shows cards with Persian labels, tomans and a filter form that works without JavaScript', async () => {
    const res = await h.app.inject({ url: `/plans?agency=${officerAgency}` });
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.match(body, /<form method="get" action="\/plans"/);
    assert.match(body, /۱ طرح/);
    assert.match(body, /۸۷٬۰۰۰٬۰۰۰ تومان/);
    assert.match(body, /پونک، مینودر \(شهرستان قزوین\)/);
    assert.match(body, /اعتیاد/);
    assert.match(body, /در حال داوری/);
    assert.match(body, new RegExp(`<option value="${officerAgency}" selected>`));
    assert.match(body, /<details open/, 'a set filter shows its disclosure open');
    assert.doesNotMatch((await h.app.inject({ url: '/plans?q=x1' })).body, /<details open/);
    assert.doesNotMatch(body, /طرح در دست غربالگری امداد/);
    const anon2 = await h.app.inject({ url: `/plans?agency=${officerAgency}` });
    assert.equal(anon2.headers['x-page-cache'], 'hit', 'anonymous list pages are cached');
  });

  test('empty states explain', async () => {
    const none = await h.app.inject({ url: '/plans?q=ناموجودترین+واژه' });
    assert.match(none.body, /هیچ طرحی با این جستجو و پالایه‌ها پیدا نشد/);
    assert.match(none.body, /۰ طرح برای «ناموجودترین واژه»/);
    const noWords = await h.app.inject({ url: `/plans?q=${encodeURIComponent('"()*')}` });
    assert.equal(noWords.statusCode, 200);
    assert.match(noWords.body, /واژه‌ای برای جستجو نیست/);
    const place = await h.app.inject({ url: `/plans?place=${w.city1}` });
    assert.match(place.body, /فقط طرح‌های شهر قزوین/);
  });

  test('the list query string is parsed leniently and written back canonically', () => {
    const p = parsePlanListParams({ q: ' کتاب ', call: '۱۲', county: 'x', place: '٣', harm: 'ADDICTION', target: 'NOPE', agency: '7', status: 'draft', sort: 'title', page: '2' });
    assert.deepEqual(p, { q: 'کتاب', call: 12, county: null, place: 3, harm: 'ADDICTION', target: null, agency: 7, status: null, sort: 'title' });
    assert.equal(planListHref(p, 2), `/plans?q=${encodeURIComponent('کتاب')}&call=12&place=3&harm=ADDICTION&agency=7&sort=title&page=2`);
    assert.equal(planListHref({ ...p, sort: 'relevance' }), `/plans?q=${encodeURIComponent('کتاب')}&call=12&place=3&harm=ADDICTION&agency=7`);
  });

  test('at most 5 SQL statements per page, whatever the filters (a few hundred plans)', async () => {
    const callId = await call('فراخوان شمارش پرسش‌ها');
    const harmsList: Harm[] = ['ADDICTION', 'DIVORCE', 'POVERTY_UNEMPLOYMENT', 'SCHOOL_DROPOUT'];
    for (let i = 0; i < 300; i++) {
      await plan({
        title: `طرح ${['پیشگیری', 'آموزش', 'حمایت'][i % 3]} محله شمارهٔ ${i}`,
        call: callId,
        agency: i % 2 ? w.agency1 : w.agency2,
        harms: [harmsList[i % 4]!],
        places: [{ placeId: i % 3 ? w.nbA : w.village, countyId: i % 3 ? w.county1 : w.county2 }],
        status: (['in_review', 'approved', 'funded'] as const)[i % 3],
      });
    }
    const urls = [
      '/plans',
      '/plans?page=3',
      `/plans?q=${encodeURIComponent('پیشگیری محله')}&harm=ADDICTION&county=${w.county1}&sort=amount_desc`,
      `/plans?place=${w.city1}&agency=${w.agency1}&status=approved&call=${callId}&target=ADOLESCENTS&sort=title`,
      '/plans?page=500',
      `/plans/${publicId}`,
    ];
    const counts: Record<string, number[]> = {};
    for (const [who, get] of [
      ['anonymous', (url: string) => h.app.inject({ url })],
      ['officer', (url: string) => officerBrowser.get(url)],
    ] as const) {
      for (const url of urls) {
        const before = h.ctx.handle.queryCount();
        const res = await get(url);
        assert.equal(res.statusCode, 200, url);
        const n = h.ctx.handle.queryCount() - before;
        (counts[url] ??= []).push(n);
        assert.ok(n <= (who === 'anonymous' ? 5 : 7), `${who} ${url}: ${n} statements`);
      }
    }
    // Anonymous: the page cache's data version, then the page's own statements.
    assert.deepEqual(counts['/plans'], [3, 5], 'list: version + list + filter options; signed in: session, roles, agencies + 2');
    assert.deepEqual(counts[`/plans/${publicId}`], [5, 7], 'plan page: version + plan + places/attachments + comment thread + comment counts');
    assert.deepEqual(counts['/plans?page=500'], [4, 6], 'past the end: one more count');
  });
});

const toPersian = (n: number) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
