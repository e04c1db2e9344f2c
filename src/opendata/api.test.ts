import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { ErrorSchema, IndicatorValuePageSchema, PlanPageSchema, ResultsPageSchema } from './api-schemas.ts';
import { endpoints, openApiPath } from './openapi.ts';
import { createOpenDataWorld, FORMULA_TITLE, SECRETS, type OpenDataWorld } from './opendata-test-setup.ts';

let w: OpenDataWorld;
before(async () => {
  w = await createOpenDataWorld();
});
after(() => w.close());

const get = (url: string) => w.h.app.inject({ method: 'GET', url });
const json = async (url: string, status = 200) => {
  const res = await get(url);
  assert.equal(res.statusCode, status, `${url}: ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  assert.equal(res.headers['access-control-allow-origin'], '*', url);
  return res.json() as Record<string, unknown>;
};
const parse = (schema: z.ZodType, body: unknown, url: string) => {
  const r = schema.safeParse(body);
  assert.ok(r.success, `${url}: ${r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))}`);
};

/** The full paths of the routes in the app's route tree (printRoutes), with their methods. */
function routesOf(tree: string): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    if (m[3]) out.push({ path: stack.join(''), methods: m[3].split(',').map((x) => x.trim()) });
  }
  return out;
}

describe('the JSON API', () => {
  test('every endpoint answers with what its schema says, on real data', async () => {
    const urls: Record<string, string> = {
      '/api/v1/plans': '/api/v1/plans',
      '/api/v1/plans/:id': `/api/v1/plans/${w.ids.p1}`,
      '/api/v1/allocations': '/api/v1/allocations',
      '/api/v1/allocations/:roundId': `/api/v1/allocations/${w.ids.round}`,
      '/api/v1/indicators': '/api/v1/indicators',
      '/api/v1/indicators/:code/values': '/api/v1/indicators/ADDICTION_RATE/values',
      '/api/v1/places': '/api/v1/places',
      '/api/v1/places/:code': '/api/v1/places/2603',
      '/api/v1/results': '/api/v1/results',
      '/api/v1/results/plans/:id': `/api/v1/results/plans/${w.ids.p1}`,
    };
    assert.deepEqual(Object.keys(urls).sort(), endpoints.map((e) => e.path).sort());
    for (const e of endpoints) {
      const body = await json(urls[e.path]!);
      parse(e.response, body, e.path);
      const data = (body as { data?: unknown[] }).data;
      if (data) assert.ok(data.length > 0, `${e.path} returned no rows`);
      // The documented example must be a valid answer too.
      parse(e.response, e.example.response, `${e.path} (example)`);
    }
  });

  test('every GET route under /api/v1 is in the OpenAPI document, and every documented path is a route', async () => {
    const doc = await json('/api/docs/openapi.json');
    assert.equal(doc.openapi, '3.1.0');
    const documented = Object.keys(doc.paths as object).sort();
    const routes = routesOf(w.h.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.path.startsWith('/api/v1/') && r.methods.includes('GET'))
      .map((r) => openApiPath(r.path))
      .sort();
    assert.ok(routes.length >= 10, JSON.stringify(routes));
    assert.deepEqual(routes, documented);
    // Nothing but GET (and Fastify's automatic HEAD) under /api/v1.
    const writable = routesOf(w.h.app.printRoutes({ commonPrefix: false })).filter((r) => r.path.startsWith('/api/v1') && r.methods.some((m) => !['GET', 'HEAD'].includes(m)));
    assert.deepEqual(writable, []);
    // Every response refers to a schema the document defines.
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const r of refs) assert.ok(schemas[r], `missing component ${r}`);
    assert.ok(schemas.Plan && schemas.Error && schemas.PlanResultDetail);
  });

  test('pagination: totals, per_page, next and prev links', async () => {
    const first = await json('/api/v1/plans?per_page=2');
    parse(PlanPageSchema, first, 'plans page 1');
    const meta = first.meta as { page: number; per_page: number; total: number };
    assert.deepEqual(meta, { page: 1, per_page: 2, total: 3 });
    const links = first.links as { next: string | null; prev: string | null };
    assert.equal(links.prev, null);
    assert.equal(links.next, '/api/v1/plans?page=2&per_page=2');
    const second = await json(links.next!);
    assert.equal((second.data as unknown[]).length, 1);
    assert.equal((second.links as { next: string | null }).next, null);
    assert.equal((second.links as { prev: string | null }).prev, '/api/v1/plans?page=1&per_page=2');
    const ids = [...(first.data as { id: number }[]), ...(second.data as { id: number }[])].map((p) => p.id);
    assert.deepEqual(ids, [w.ids.p1, w.ids.p2, w.ids.p3]);
    // Filters survive in the links; Persian digits are read.
    const filtered = await json('/api/v1/plans?harm=ADDICTION&per_page=۱');
    assert.equal((filtered.meta as { total: number }).total, 2);
    assert.equal((filtered.links as { next: string }).next, '/api/v1/plans?harm=ADDICTION&page=2&per_page=1');
    // Past the end: an empty page that still knows the total.
    const past = await json('/api/v1/plans?page=9');
    assert.deepEqual(past.data, []);
    assert.equal((past.meta as { total: number }).total, 3);
  });

  test('filters: harm, status, place (with everything below it), call, and value ranges', async () => {
    const ids = async (url: string) => ((await json(url)).data as { id: number }[]).map((p) => p.id);
    assert.deepEqual(await ids('/api/v1/plans?status=funded'), [w.ids.p1]);
    assert.deepEqual(await ids('/api/v1/plans?place=2603'), [w.ids.p1, w.ids.p3]);
    assert.deepEqual(await ids('/api/v1/plans?place=9260300001'), [w.ids.p1]);
    assert.deepEqual(await ids('/api/v1/plans?harm=DIVORCE'), [w.ids.p2]);
    const plan = (await json(`/api/v1/plans/${w.ids.p1}`)) as { title: string; harms: string[]; places: { code: string }[]; counties: { code: string }[]; public_at_jalali: string; url: string };
    assert.equal(plan.title, FORMULA_TITLE);
    assert.deepEqual(plan.harms, ['ADDICTION']);
    assert.deepEqual(plan.places.map((p) => p.code), ['9260300001']);
    assert.deepEqual(plan.counties.map((c) => c.code), ['2603']);
    assert.equal(plan.public_at_jalali, '1405/02/11');
    assert.equal(plan.url, `https://mahalle.example.org/plans/${w.ids.p1}`);

    const values = await json('/api/v1/indicators/ADDICTION_RATE/values?place=2603&period_type=year&from=1401&to=1402');
    parse(IndicatorValuePageSchema, values, 'values');
    assert.deepEqual((values.data as { period: string }[]).map((v) => v.period), ['1401', '1402']);
    const demoValues = await json('/api/v1/indicators/DEMO_RATE/values');
    assert.deepEqual((demoValues.data as { is_demo: boolean }[]).map((v) => v.is_demo), [true]);
    const counties = await json('/api/v1/places?kind=county&per_page=100');
    assert.equal((counties.meta as { total: number }).total, 6);
    const place = await json('/api/v1/places/9260300001');
    assert.equal(place.parent_code, '2603051595');
    assert.equal(place.is_demo, true);
    assert.equal('geometry' in place, false);
  });

  test('results count approved reports only, with the programme roll-up weighted by funding', async () => {
    const results = await json('/api/v1/results');
    parse(ResultsPageSchema, results, 'results');
    const rows = results.data as { plan_id: number; spent_rials: number; reached: number; progress_percent: number | null; last_approved_period: string | null; approved_reports: number }[];
    assert.deepEqual(rows.map((r) => r.plan_id), [w.ids.p1, w.ids.p2]);
    assert.deepEqual(rows[0], { ...rows[0], spent_rials: 500_000_000, reached: 120, progress_percent: 45, last_approved_period: '1405Q2', approved_reports: 2 });
    assert.deepEqual(rows[1], { ...rows[1], spent_rials: 0, reached: 0, progress_percent: null, last_approved_period: null, approved_reports: 0 });
    // (45 × 1e9 + 0 × 3e9) / 4e9 = 11.25 → 11.3
    assert.deepEqual(results.summary, { funded_plans: 2, funded_rials: 4_000_000_000, spent_rials: 500_000_000, reached: 120, progress_percent: 11.3 });
    const detail = (await json(`/api/v1/results/plans/${w.ids.p1}`)) as { periods: { period: string; period_label: string }[] };
    assert.deepEqual(detail.periods.map((p) => [p.period, p.period_label]), [['1405Q1', 'بهار ۱۴۰۵'], ['1405Q2', 'تابستان ۱۴۰۵']]);
    const round = (await json(`/api/v1/allocations/${w.ids.round}`)) as { outcomes: { plan_id: number; selected: boolean; reason: string }[] };
    assert.deepEqual(round.outcomes.map((o) => [o.plan_id, o.selected]), [[w.ids.p1, true], [w.ids.p2, true], [w.ids.p3, false]]);
    for (const o of round.outcomes) assert.match(o.reason, /[\u0600-\u06FF]/);
  });

  test('a bad query is a 400 with a Persian message; an unknown id is a 404', async () => {
    const bad = [
      '/api/v1/plans?per_page=101',
      '/api/v1/plans?per_page=0',
      '/api/v1/plans?page=abc',
      '/api/v1/plans?harm=NOT_A_HARM',
      '/api/v1/plans?status=draft',
      '/api/v1/plans?place=0000',
      '/api/v1/plans?harms=ADDICTION',
      '/api/v1/plans?harm=ADDICTION&harm=DIVORCE',
      '/api/v1/plans/abc',
      '/api/v1/indicators/ADDICTION_RATE/values?from=1403&to=1400',
      '/api/v1/indicators/ADDICTION_RATE/values?period_type=week',
      '/api/v1/places?kind=galaxy',
    ];
    for (const url of bad) {
      const body = await json(url, 400);
      parse(ErrorSchema, body, url);
      const error = (body as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'bad_request', url);
      assert.match(error.message, /[\u0600-\u06FF]/, url);
    }
    const missing = [
      '/api/v1/plans/999999', `/api/v1/plans/${w.ids.draft}`, `/api/v1/plans/${w.ids.submitted}`, '/api/v1/allocations/999999', `/api/v1/allocations/${w.ids.unpublishedRound}`,
      '/api/v1/indicators/NOPE/values', '/api/v1/places/0000', `/api/v1/results/plans/${w.ids.p3}`, '/api/v1/no-such-endpoint',
    ];
    for (const url of missing) {
      const body = await json(url, 404);
      parse(ErrorSchema, body, url);
      assert.match((body as { error: { message: string } }).error.message, /[\u0600-\u06FF]/, url);
    }
  });

  test('no private data in any answer', async () => {
    const urls = [
      '/api/v1/plans?per_page=100', '/api/v1/allocations', `/api/v1/allocations/${w.ids.round}`, '/api/v1/results', `/api/v1/results/plans/${w.ids.p1}`,
      '/api/v1/indicators', '/api/v1/places?per_page=100', `/api/v1/plans/${w.ids.p1}`,
    ];
    for (const url of urls) {
      const text = (await get(url)).body;
      for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(String(secret)), `${url} shows ${secret}`);
      assert.doesNotMatch(text, /"(email|mobile|phone|address|name_key|password_hash|created_by)"/, url);
    }
  });

  test('every row says whether it is demo data: a plan of a demo call is demo too', async () => {
    const isDemo = async (url: string) => ((await json(url)) as { is_demo: boolean }).is_demo;
    assert.equal(await isDemo(`/api/v1/plans/${w.ids.p1}`), false);
    assert.equal(await isDemo(`/api/v1/plans/${w.ids.p2}`), true);
    const db = w.h.ctx.db;
    const { call_id } = await db.selectFrom('plans').select('call_id').where('id', '=', w.ids.p1).executeTakeFirstOrThrow();
    await db.updateTable('calls').set({ is_demo: 1 }).where('id', '=', call_id).execute();
    try {
      assert.equal(await isDemo(`/api/v1/plans/${w.ids.p1}`), true);
      assert.equal(await isDemo(`/api/v1/results/plans/${w.ids.p1}`), true);
    } finally {
      await db.updateTable('calls').set({ is_demo: 0 }).where('id', '=', call_id).execute();
    }
  });

  test('API answers are neither page-cached nor guarded by CSRF, and cookies do not matter', async () => {
    const a = await get('/api/v1/plans');
    const b = await get('/api/v1/plans');
    assert.equal(a.headers['x-page-cache'], undefined);
    assert.equal(b.headers['x-page-cache'], undefined);
    assert.equal(a.headers['set-cookie'], undefined);
    assert.match(String(a.headers['cache-control']), /public/);
    // Nothing but GET: a write is refused (the CSRF layer answers first) with a JSON error.
    const post = await w.h.app.inject({ method: 'POST', url: '/api/v1/plans', payload: {} });
    assert.ok([403, 404].includes(post.statusCode), String(post.statusCode));
    assert.match(post.json().error.message, /[\u0600-\u06FF]/);
  });
});
