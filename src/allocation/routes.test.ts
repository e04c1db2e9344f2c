// Allocation rounds end to end: the secretariat's form (access, Persian digits, validation with the
// values kept), a preview with every plan explained and the spending bars, infeasible constraints
// named, commit (plans funded) and publish, the public results and the `.pb` download that
// recomputes to the same selection. Also the `.pb` builder on its own: round trip and recomputation.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { insertAgency } from '../agencies/agencies.repo.ts';
import { assertPersianPage } from '../calls/calls.fixtures.ts';
import { createCommentsWorld, STAFF_PASSWORD, type CommentsWorld } from '../comments/comments-test-setup.ts';
import { insertPlace } from '../places/places.repo.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatMoney } from '../platform/persian/money.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { findPlan } from '../plans/plans.repo.ts';
import type { Browser } from '../testing/harness.ts';
import { allocate, allocateSync } from './engines/index.ts';
import type { AllocationResult } from './engines/types.ts';
import { officialSelection, parsePb, pbToInput, writePb } from './pabulib.ts';
import { allocationInput, type PlanFacts } from './plan-facts.ts';
import { roundPbFile, roundPbText, scoreScale, type RoundPbSource } from './round-pb.ts';
import { findRound } from './rounds.repo.ts';

let w: CommentsWorld;
let secretary: Browser;
let officer: Browser;
const ids = { alborz: 0, takestan: 0, a: 0, b: 0, c: 0 };
const group = (female: number, male: number, g: 'MOTHERS' | 'ADOLESCENTS' | 'CHILDREN') => ({ group: g, female, male, ageBands: { '0_11': 0, '12_17': 0, '18_29': 0, '30_59': 0, '60_PLUS': 0 } });
const tomans = (rials: number) => formatMoney(rials, 'toman');
const form = (callId: number) => `/admin/calls/${callId}/allocation`;
const roundIdOf = (location: unknown) => Number(/\/admin\/allocation\/(\d+)$/.exec(String(location))?.[1]);

async function place(parentId: number | null, kind: PlaceKind, name: string): Promise<number> {
  const now = w.h.clock.now().toISOString();
  return insertPlace(w.db, { parentId, kind, code: null, name, nameKey: matchKey(name), sortKey: persianSortKey(name), population: null, populationYear: null, lat: null, lon: null, isDemo: false }, now);
}

before(async () => {
  w = await createCommentsWorld();
  await createStaffUser(w.h.ctx, { actorId: null, name: 'دبیر ستاد', email: 'sec@example.org', password: STAFF_PASSWORD, roles: ['secretary'] });
  secretary = await w.staff('sec@example.org');
  officer = await w.staff('officer@example.org');
  const province = await place(null, 'province', 'قزوین');
  ids.alborz = await place(province, 'county', 'البرز');
  ids.takestan = await place(province, 'county', 'تاکستان');
  const nb1 = await place(ids.alborz, 'neighborhood', 'محلهٔ یک');
  const nb2 = await place(ids.takestan, 'neighborhood', 'محلهٔ دو');
  const name = 'ادارهٔ کل آموزش و پرورش استان';
  const agency2 = await insertAgency(w.db, { name, nameKey: matchKey(name), sortKey: persianSortKey(name), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, w.h.clock.now().toISOString());
  // Reach 100, 60, 50 for 6, 5, 5 billion rials: greedy by reach funds A, then neither B nor C fits in 10.
  ids.a = await w.plan('طرح الف', undefined, 'approved', {
    rials: 6_000_000_000, content: { targetGroups: [group(50, 50, 'ADOLESCENTS')] },
    tags: [{ kind: 'harm', code: 'ADDICTION' }, { kind: 'target', code: 'ADOLESCENTS' }], places: [{ placeId: nb1, countyId: ids.alborz }],
  });
  ids.b = await w.plan('طرح ب', undefined, 'approved', {
    rials: 5_000_000_000, agencyId: agency2, content: { targetGroups: [group(40, 20, 'MOTHERS')] },
    tags: [{ kind: 'harm', code: 'DIVORCE' }, { kind: 'target', code: 'MOTHERS' }], places: [{ placeId: nb2, countyId: ids.takestan }],
  });
  ids.c = await w.plan('طرح ج', undefined, 'approved', {
    rials: 5_000_000_000, content: { targetGroups: [group(25, 25, 'CHILDREN')] },
    tags: [{ kind: 'harm', code: 'ADDICTION' }, { kind: 'harm', code: 'SCHOOL_DROPOUT' }, { kind: 'target', code: 'CHILDREN' }], places: [{ placeId: nb1, countyId: ids.alborz }],
  });
});
after(() => w.close());

/** A complete form as a browser posts it: every field present, most empty. */
function posted(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    method: 'greedy', valueRule: 'beneficiaries', budget: '۱۰٬۰۰۰٬۰۰۰٬۰۰۰', mothersChildrenMinShare: '', note: '',
    [`floor_${ids.alborz}`]: '', [`cap_${ids.alborz}`]: '', [`floor_${ids.takestan}`]: '', [`cap_${ids.takestan}`]: '',
    pairA_1: '', pairB_1: '', pairA_2: '', pairB_2: '', pairA_3: '', pairB_3: '',
    ...over,
  };
}

describe('allocation pages', () => {
  test('only the secretariat: anonymous visitors sign in, officers are refused', async () => {
    const anon = await w.h.app.inject({ method: 'GET', url: form(w.callId) });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/login\?next=/);
    assert.equal((await officer.get(form(w.callId))).statusCode, 403);
    assert.equal((await officer.get('/admin/allocation/1')).statusCode, 403);
    assert.equal((await secretary.get('/admin/calls/999999/allocation')).statusCode, 404);
  });

  test('the form lists the approved plans with Persian digits, a row per county and agency, and the call budget', async () => {
    const res = await secretary.get(form(w.callId));
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assertPersianPage(form(w.callId), html);
    for (const title of ['طرح الف', 'طرح ب', 'طرح ج']) assert.ok(html.includes(title), title);
    assert.ok(!html.includes('پیشگیری از اعتیاد نوجوانان در محله<'), 'the plan in review is not offered');
    assert.ok(html.includes(tomans(6_000_000_000)), 'cost in tomans');
    assert.ok(html.includes('۱۰۰'), 'reach in Persian digits');
    for (const name of [`floor_${ids.alborz}`, `cap_${ids.takestan}`, 'agencyCap_', 'mustFund', 'pairA_3', 'pairB_3']) assert.ok(html.includes(`name="${name}`), name);
    assert.ok(html.includes('value="۵۰٬۰۰۰٬۰۰۰٬۰۰۰"'), 'the call budget, in Persian digits');
    assert.ok(html.includes('پنج میلیارد تومان'), 'the budget in words');
    for (const m of ['greedy', 'greedy-no-skip', 'optimal']) assert.ok(html.includes(`value="${m}"`), m);
    assert.ok(!html.includes('value="mes"'), 'MES needs ballots, which plans do not have');
    // The call's admin page links here.
    assert.ok((await secretary.get(`/admin/calls/${w.callId}`)).body.includes(`href="${form(w.callId)}"`));
  });

  test('bad input is refused with 422, the values kept and each error linked', async () => {
    const res = await secretary.post(form(w.callId), posted({ budget: 'ده میلیارد', [`floor_${ids.alborz}`]: 'زیاد', mothersChildrenMinShare: '۱۲۰', pairA_1: String(ids.a), pairB_1: String(ids.a), note: 'یادداشت آزمایشی' }), { csrfFrom: form(w.callId) });
    assert.equal(res.statusCode, 422);
    const html = res.body;
    assert.ok(html.includes('error-summary'));
    assert.ok(html.includes(`href="#floor_${ids.alborz}"`), 'the floor error is linked');
    assert.ok(html.includes('href="#mothersChildrenMinShare"'));
    assert.ok(html.includes('href="#pairA_1"'));
    assert.ok(html.includes('value="زیاد"'), 'the typed floor is kept');
    assert.ok(html.includes('value="۱۲۰"'));
    assert.ok(html.includes('یادداشت آزمایشی'), 'the note is kept');
    assertPersianPage('422', html);

    const domain = await secretary.post(form(w.callId), posted({ method: '', budget: '' }), { csrfFrom: form(w.callId) });
    assert.equal(domain.statusCode, 422);
    assert.ok(domain.body.includes('href="#method"') && domain.body.includes('href="#budget"'));
  });

  let greedyRound = 0;
  test('a greedy preview explains every plan and charts the spending by county, harm and target group', async () => {
    const res = await secretary.post(form(w.callId), posted({ note: 'اجرای نخست' }), { csrfFrom: form(w.callId) });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    greedyRound = roundIdOf(res.headers.location);
    const page = await secretary.get(`/admin/allocation/${greedyRound}`);
    assert.equal(page.statusCode, 200);
    const html = page.body;
    assertPersianPage('round', html);
    // Every plan, selected or not, with its reason and numbers.
    assert.ok(html.includes(`در رتبهٔ ۱ به ترتیب ارزش، هزینه‌اش (${tomans(6_000_000_000)}) در اعتبار جا شد و تأمین شد؛ پس از آن ${tomans(4_000_000_000)} ماند.`), 'A selected, first');
    assert.ok(html.includes(`در رتبهٔ ۲ به ترتیب ارزش، هزینه‌اش (${tomans(5_000_000_000)}) در باقی‌ماندهٔ اعتبار (${tomans(4_000_000_000)}) جا نشد.`), 'B does not fit');
    assert.ok(html.includes('در رتبهٔ ۳ به ترتیب ارزش'), 'C explained too');
    assert.equal((html.match(/تأمین نشد</g) ?? []).length, 2);
    // Spent and share of the budget; the charts with their numbers as text and a bar each.
    assert.ok(html.includes(`${tomans(6_000_000_000)} (۶۰٪ اعتبار)`), 'spent with its share');
    assert.ok(html.includes('<meter'), 'bars');
    assert.ok(html.includes('البرز') && html.includes('۱۰۰٪'), 'all spending in one county');
    assert.ok(html.includes('اعتیاد') && html.includes('نوجوانان'), 'harm and target group labels');
    assert.ok(html.includes('با تمام هزینه‌اش در هر کدام شمرده می‌شود'), 'the note on plans counted in several groups');
    assert.ok(html.includes('اجرای نخست'), 'the note');
    assert.ok(html.includes(`action="/admin/allocation/${greedyRound}/commit"`), 'a draft can be committed');
    assert.ok(html.includes(`href="${form(w.callId)}?from=${greedyRound}#form"`), 'run again with changes');
    // The form again, prefilled from this round, and listing it.
    const again = await secretary.get(`${form(w.callId)}?from=${greedyRound}`);
    assert.ok(again.body.includes('value="greedy" checked') && again.body.includes('value="beneficiaries" checked'));
    assert.ok(again.body.includes('value="۱۰٬۰۰۰٬۰۰۰٬۰۰۰"'));
    assert.ok(again.body.includes(`href="/admin/allocation/${greedyRound}"`));
  });

  test('an optimal preview honours constraints, and infeasible ones are named with their numbers', async () => {
    const ok = await secretary.post(form(w.callId), posted({ method: 'optimal', mothersChildrenMinShare: '۴۰' }), { csrfFrom: form(w.callId) });
    assert.equal(ok.statusCode, 303);
    const round = await findRound(w.db, roundIdOf(ok.headers.location));
    const result = JSON.parse(round!.result) as AllocationResult;
    assert.deepEqual([...result.selected].sort(), [String(ids.b), String(ids.c)].sort());
    assert.deepEqual(JSON.parse(round!.constraints), { mothersChildrenMinShare: 0.4 });
    const page = (await secretary.get(`/admin/allocation/${round!.id}`)).body;
    assert.ok(page.includes('کمینهٔ سهم مادران و کودکان: دست‌کم ۴۰٪ اعتبار'), 'the constraint described');
    assert.ok(page.includes('با این طرح، این قیدها با هم شدنی نبودند: اعتبار کل، کمینهٔ سهم مادران و کودکان.'), 'A: the constraints that keep it out');
    const free = await secretary.post(form(w.callId), posted({ method: 'optimal' }), { csrfFrom: form(w.callId) });
    const freePage = (await secretary.get(`/admin/allocation/${roundIdOf(free.headers.location)}`)).body;
    assert.ok(freePage.includes('با گنجاندن آن، بهترین ترکیبِ ممکن ارزش کلی ۱۰ واحد کمتر داشت.'), 'A: what including it would cost');

    const bad = await secretary.post(
      form(w.callId),
      posted({ method: 'optimal', mustFund: [String(ids.a), String(ids.b)], [`floor_${ids.takestan}`]: '۶٬۰۰۰٬۰۰۰٬۰۰۰' }),
      { csrfFrom: form(w.callId) },
    );
    assert.equal(bad.statusCode, 303);
    const id = roundIdOf(bad.headers.location);
    const html = (await secretary.get(`/admin/allocation/${id}`)).body;
    assertPersianPage('infeasible', html);
    assert.ok(html.includes('این قیدها با هم شدنی نیستند'));
    assert.ok(html.includes(`کف اعتبار شهرستان تاکستان: کف (${tomans(6_000_000_000)}) از جمع هزینهٔ همهٔ طرح‌های این شهرستان (${tomans(5_000_000_000)}) بیشتر است.`), 'the floor named, with its numbers');
    assert.ok(html.includes(`جمع هزینهٔ طرح‌های الزامی (${tomans(11_000_000_000)}) از اعتبار (${tomans(10_000_000_000)}) بیشتر است`), 'the must-fund plans over the budget');
    assert.ok(html.includes('تأمین حتمی طرح «طرح الف»') && html.includes('تأمین حتمی طرح «طرح ب»'), 'the plans named');
    assert.ok(!html.includes(`/admin/allocation/${id}/commit`), 'no commit for an infeasible round');
  });

  test('commit needs the confirmation, then funds the selected plans; no further rounds', async () => {
    const url = `/admin/allocation/${greedyRound}`;
    const unconfirmed = await secretary.post(`${url}/commit`, {}, { csrfFrom: url });
    assert.equal(unconfirmed.statusCode, 422);
    assert.ok(unconfirmed.body.includes('برای قطعی کردن، تأیید را علامت بزنید.'));
    const res = await secretary.post(`${url}/commit`, { confirm: 'yes' }, { csrfFrom: url });
    assert.equal(res.statusCode, 303);
    assert.equal((await findPlan(w.db, ids.a))?.status, 'funded');
    assert.equal((await findPlan(w.db, ids.b))?.status, 'approved');
    const row = await w.db.selectFrom('plans').select('funded_rials').where('id', '=', ids.a).executeTakeFirstOrThrow();
    assert.equal(Number(row.funded_rials), 6_000_000_000);
    const page = (await secretary.get(url)).body;
    assert.ok(page.includes('تخصیص قطعی شد؛ ۱ طرح تأمین شد.'), 'flash');
    assert.ok(page.includes(`action="${url}/publish"`));
    assert.ok(!page.includes('?from='), 'no re-run once committed');
    const formPage = (await secretary.get(form(w.callId))).body;
    assert.ok(formPage.includes('تخصیص این فراخوان قطعی شده است') && !formPage.includes('name="method"'));
    const again = await secretary.post(`${url}/commit`, { confirm: 'yes' }, { csrfFrom: url });
    assert.equal(again.statusCode, 303, 'a second commit is refused with a message');
    assert.ok((await secretary.get(url)).body.includes('این تخصیص دیگر پیش‌نویس نیست.'));
  });

  test('not yet published: not public', async () => {
    const anon = w.h.app;
    assert.equal((await anon.inject({ method: 'GET', url: `/results/${greedyRound}` })).statusCode, 404);
    assert.equal((await anon.inject({ method: 'GET', url: `/results/${greedyRound}.pb` })).statusCode, 404);
    const list = await anon.inject({ method: 'GET', url: '/results' });
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('هنوز نتیجه‌ای منتشر نشده است.'));
  });

  test('publish: /results lists it, anyone reads the explanations and downloads a .pb that recomputes it', async () => {
    const url = `/admin/allocation/${greedyRound}`;
    assert.equal((await secretary.post(`${url}/publish`, {}, { csrfFrom: url })).statusCode, 303);
    assert.equal((await findRound(w.db, greedyRound))?.status, 'published');
    const inject = (u: string) => w.h.app.inject({ method: 'GET', url: u });

    const list = await inject('/results');
    assert.equal(list.statusCode, 200);
    assertPersianPage('/results', list.body);
    assert.ok(list.body.includes(`href="/results/${greedyRound}"`) && list.body.includes('فراخوان آزمایشی'));
    assert.ok(list.body.includes('به ترتیب ارزش، با پرش از طرح‌هایی که جا نمی‌شوند'), 'method label');
    assert.ok(list.body.includes(`${tomans(6_000_000_000)} از ${tomans(10_000_000_000)} (۶۰٪)`), 'spent of budget');
    assert.ok(list.body.includes('href="/results"'), 'the main navigation links to the results');

    const page = await inject(`/results/${greedyRound}`);
    assert.equal(page.statusCode, 200);
    assertPersianPage('/results/:id', page.body);
    assert.ok(!page.body.includes('_csrf'), 'an anonymous page without forms (cacheable)');
    for (const id of [ids.a, ids.b, ids.c]) assert.ok(page.body.includes(`href="/plans/${id}"`), `plan ${id} linked`);
    assert.ok(page.body.includes('در رتبهٔ ۲ به ترتیب ارزش'), 'explanations');
    assert.ok(page.body.includes('طرح‌ها به ترتیب ارزش بررسی می‌شوند'), 'the method in plain Persian');
    assert.ok(page.body.includes(`href="/results/${greedyRound}.pb"`));
    assert.ok(page.body.includes(`npx mahalle allocate --pb mahalle-allocation-${greedyRound}.pb --method greedy`));
    assert.ok(!page.body.includes('اجرای نخست'), 'the secretariat\'s note stays internal');
    const cached = await inject(`/results/${greedyRound}`);
    assert.equal(cached.headers['x-page-cache'], 'hit');

    const pb = await inject(`/results/${greedyRound}.pb`);
    assert.equal(pb.statusCode, 200);
    assert.equal(pb.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(pb.headers['content-disposition'], `attachment; filename="mahalle-allocation-${greedyRound}.pb"`);
    const file = parsePb(pb.body);
    assert.equal(writePb(file), pb.body, 'parse → write is byte-identical');
    assert.equal(file.meta.get('country'), 'Iran');
    assert.equal(file.meta.get('unit'), 'قزوین');
    assert.equal(file.meta.get('currency'), 'IRR');
    assert.equal(file.meta.get('rule'), 'greedy');
    assert.equal(file.meta.get('vote_type'), 'scoring');
    assert.equal(file.meta.get('budget'), '10000000000');
    assert.equal(file.meta.get('num_projects'), '3');
    assert.match(file.meta.get('comment') ?? '', /^#1: /);
    assert.deepEqual(file.projects.map((p) => [p.id, p.cost, p.score, p.selected]), [
      [String(ids.a), 6_000_000_000, 100, 1], [String(ids.b), 5_000_000_000, 60, 0], [String(ids.c), 5_000_000_000, 50, 0],
    ]);
    assert.deepEqual(file.projects[2]!.category, ['ADDICTION', 'SCHOOL_DROPOUT']);
    assert.deepEqual(file.projects[2]!.target, ['CHILDREN']);
    assert.equal(file.projects[1]!.fields.district, 'تاکستان');
    assert.equal(file.votes.length, 0);
    const stored = JSON.parse((await findRound(w.db, greedyRound))!.result) as AllocationResult;
    const recomputed = allocateSync('greedy', pbToInput(file));
    assert.deepEqual(recomputed.selected, stored.selected);
    assert.equal(recomputed.spent, stored.spent);
    assert.deepEqual(officialSelection(file), stored.selected);
  });
});

// ---- the .pb builder on its own ----------------------------------------------------------------

const facts = (rows: [number, string, number, number | null, number, string[], string[]][]): PlanFacts[] =>
  rows.map(([id, title, cost, score, beneficiaries, harms, targets]) => ({
    id, title, agencyId: 1, agencyName: 'دستگاه', cost, county: id % 2 ? { id: 7, name: 'البرز' } : null, harms, targets, beneficiaries, score,
  }));

async function source(f: PlanFacts[], method: 'greedy' | 'greedy-no-skip' | 'optimal', budget: number, rule: 'score_x_beneficiaries' | 'score' | 'beneficiaries'): Promise<RoundPbSource> {
  const input = allocationInput(f, { budget, rule, constraints: {} });
  const result = await allocate(method, input);
  return {
    round: {
      id: 7, method, value_rule: rule, budget_rials: budget, constraints: '{}', input: JSON.stringify({ input, facts: f }), result: JSON.stringify(result),
      created_at: '2026-05-01T10:00:00.000Z', committed_at: '2026-05-03T10:00:00.000Z', published_at: null,
    },
    call: { title: 'فراخوان 1405', fiscalYear: 1405 },
    unit: 'قزوین',
  };
}

describe('the .pb export of a round', () => {
  // Ties in value (ids 2 and 3), a name that needs quoting, a plan without reviews (score null).
  const plans = facts([
    [2, 'طرح «دو»; با نقطه‌ویرگول', 3_000, 3.25, 40, ['ADDICTION'], ['YOUTH']],
    [3, 'طرح "سه"', 3_000, 3.25, 40, [], ['MOTHERS', 'CHILDREN']],
    [5, 'طرح پنج', 5_000, 4.5, 10, ['DIVORCE', 'POVERTY_UNEMPLOYMENT'], []],
    [8, 'طرح هشت', 1_000, null, 300, [], []],
    [9, 'طرح نه', 2_500, 2.8, 35, ['BEGGING'], ['FAMILIES']],
  ]);

  for (const method of ['greedy', 'greedy-no-skip', 'optimal'] as const) {
    for (const rule of ['score_x_beneficiaries', 'score', 'beneficiaries'] as const) {
      test(`${method}, ${rule}: round trip and the same selection recomputed from the file`, async () => {
        const src = await source(plans, method, 9_000, rule);
        const built = roundPbFile(src);
        const text = writePb(built);
        assert.equal(text, roundPbText(src));
        const parsed = parsePb(text);
        assert.deepEqual(parsed, built, 'parsePb(writePb(x)) equals x');
        assert.equal(writePb(parsed), text);
        const stored = JSON.parse(src.round.result) as AllocationResult;
        const recomputed = await allocate(method, pbToInput(parsed));
        assert.deepEqual(recomputed.selected, stored.selected);
        assert.equal(recomputed.spent, stored.spent);
        assert.deepEqual([...officialSelection(parsed)].sort(), [...stored.selected].sort());
        for (const p of parsed.projects) assert.ok(Number.isInteger(p.score), 'pabulib scores are integers');
      });
    }
  }

  test('values with decimals are written × 100 and the META says so', async () => {
    const src = await source(plans, 'greedy', 9_000, 'score');
    const file = roundPbFile(src);
    assert.equal(scoreScale([3.25, 4.5, 0]), 100);
    assert.equal(scoreScale([40, 10]), 1);
    assert.deepEqual(file.projects.map((p) => p.score), [325, 325, 450, 0, 280]);
    assert.match(file.meta.get('comment')!, /× 100/);
    assert.equal(file.meta.get('date_begin'), '01.05.2026');
    assert.equal(file.meta.get('date_end'), '03.05.2026');
    assert.equal(file.meta.get('instance'), '1405');
    assert.ok(file.meta.get('description')!.includes(toPersianDigits('فراخوان 1405')) || file.meta.get('description')!.includes('فراخوان 1405'));
  });
});
