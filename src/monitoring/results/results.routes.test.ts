import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KyselyPlugin } from 'kysely';
import { Browser } from '../../testing/harness.ts';
import { loadHarmResults, loadHub, loadMapPage, loadPlaceResults, loadPlanResultsPage } from './load-results-pages.ts';
import { createResultsWorld, type ResultsWorld } from './results-test-setup.ts';

const osmFile = fileURLToPath(new URL('../../../../shared/data/places/qazvin-counties-osm.geojson', import.meta.url));
/** The hub's county map needs real county shapes, read from ../shared (absent in a clone elsewhere). */
const noCountyShapes = existsSync(osmFile) ? false : `skipped: ${osmFile} is absent, so the counties have no shapes to map`;

/** The text a person reads (tags left out, entities decoded roughly). */
const visibleText = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');

function assertPersianPage(html: string, where: string) {
  assert.match(html, /<html lang="fa" dir="rtl">/, where);
  assert.doesNotMatch(visibleText(html), /[0-9]/, `${where}: Latin digits in the text`);
  assert.doesNotMatch(html, / style="/, `${where}: inline style`);
  assert.doesNotMatch(html, /<script(?! type="application\/ld\+json")/, `${where}: inline script`);
}

describe('results pages with no funded plan', () => {
  let w: ResultsWorld;
  let b: Browser;
  before(async () => {
    w = await createResultsWorld();
    b = new Browser(w.h.app);
  });
  after(() => w.close());

  test('every page answers with empty states, in Persian', async () => {
    const county = await w.placeId('2603');
    for (const url of ['/results/progress', '/results/map', '/results/map?layer=neighborhood', `/results/places/${county}`, '/results/harms/ADDICTION']) {
      const res = await b.get(url);
      assert.equal(res.statusCode, 200, url);
      assertPersianPage(res.body, url);
    }
    const hub = await b.get('/results/progress');
    assert.match(hub.body, /هنوز طرحی تخصیص نگرفته است/);
    assert.match(hub.body, /هنوز گزارشی تأیید نشده/);
    assert.match(hub.body, /داده‌ای برای نمایش نیست/, 'the harm chart says it has nothing');
  });
});

describe('results pages', () => {
  let w: ResultsWorld;
  let b: Browser;
  const ids = {} as Record<'minoodar' | 'pooneh' | 'takestan' | 'approvedOnly' | 'withdrawn' | 'hidden', number>;
  let indicatorId: number;
  let demoIndicatorId: number;

  before(async () => {
    w = await createResultsWorld({ boundariesFile: existsSync(osmFile) ? osmFile : undefined });
    b = new Browser(w.h.app);
    ids.minoodar = await w.plan({
      title: 'پیشگیری از اعتیاد نوجوانان مینودر', status: 'in_progress', fundedRials: 3_000_000_000, placeCodes: ['9260300001'], harms: ['ADDICTION'],
      targets: [{ group: 'ADOLESCENTS', female: 60, male: 40 }],
      indicators: [{ statement: 'نوجوانان آموزش‌دیده', unit: 'نفر', baseline: 0, target: 100 }, { statement: 'نرخ ترک تحصیل', unit: 'درصد', baseline: 12, target: 6 }],
    });
    ids.pooneh = await w.plan({ title: 'توانمندسازی زنان سرپرست خانوار پونک', status: 'funded', fundedRials: 1_000_000_000, placeCodes: ['9260300002'], harms: ['FEMALE_HEADED_HOUSEHOLD', 'POVERTY_UNEMPLOYMENT'], isDemo: true });
    ids.takestan = await w.plan({ title: 'کاهش طلاق در تاکستان', status: 'completed', fundedRials: 2_000_000_000, placeCodes: ['9260200001', '9260290001'], harms: ['DIVORCE'] });
    ids.approvedOnly = await w.plan({ title: 'طرح تأییدشدهٔ بی‌پول', status: 'approved', fundedRials: null, placeCodes: ['9260300003'], harms: ['ADDICTION'] });
    ids.withdrawn = await w.plan({ title: 'طرح پس‌گرفته', status: 'withdrawn', fundedRials: 500_000_000, placeCodes: ['9260300003'], harms: ['ADDICTION'], isPublic: false });
    ids.hidden = await w.plan({ title: 'طرح پنهان', status: 'funded', fundedRials: 700_000_000, placeCodes: ['9260300003'], harms: ['ADDICTION'], isPublic: false });

    await w.report(ids.minoodar, { period: '1405Q1', status: 'approved', spentRials: 500_000_000, progress: 20, beneficiaries: [{ group: 'ADOLESCENTS', female: 20, male: 10 }], actuals: [{ index: 0, actual: 30 }, { index: 1, actual: 14 }] });
    await w.report(ids.minoodar, { period: '1405Q2', status: 'approved', spentRials: 700_000_000, progress: 45, beneficiaries: [{ group: 'ADOLESCENTS', female: 15, male: 5 }], actuals: [{ index: 0, actual: 55 }] });
    // Not approved: never counted.
    await w.report(ids.minoodar, { period: '1405Q3', status: 'submitted', spentRials: 999_000_000, progress: 90, beneficiaries: [{ group: 'ADOLESCENTS', female: 500, male: 500 }] });
    await w.report(ids.takestan, { period: '1405Q1', status: 'approved', spentRials: 2_000_000_000, progress: 100, beneficiaries: [{ group: 'YOUNG_COUPLES', female: 40, male: 40 }] });
    await w.report(ids.pooneh, { period: '1405Q1', status: 'returned', spentRials: 300_000_000, progress: 10 });

    indicatorId = await w.indicator({ code: 'DIV_RATE', name: 'نسبت طلاق به ازدواج', unit: 'درصد', direction: 'lower_better', harm: 'DIVORCE', level: 'county' });
    demoIndicatorId = await w.indicator({ code: 'DEMO_NB', name: 'شاخص نمونهٔ محله', unit: 'نفر', direction: 'higher_better', harm: 'ADDICTION', level: 'neighborhood', isDemo: true });
    for (const [code, v] of [['2601', 30], ['2602', 35.5], ['2603', 28], ['2604', 25], ['2605', 31], ['2606', 20]] as const) {
      await w.value(indicatorId, code, '1402', v + 2);
      await w.value(indicatorId, code, '1403', v);
    }
    // A quarter among the years: the place's trend stays a line of years.
    await w.value(indicatorId, '2603', '1403Q4', 99);
    await w.value(demoIndicatorId, '9260300001', '1402', 4);
    await w.value(demoIndicatorId, '9260300001', '1403', 7);
  });
  after(() => w.close());

  test('the hub: totals from approved reports only, weighted progress, harms, map, plans', { skip: noCountyShapes }, async () => {
    const res = await b.get('/results/progress');
    assert.equal(res.statusCode, 200);
    assertPersianPage(res.body, 'hub');
    const html = res.body;
    // Three public funded plans: 3 + 1 + 2 billion rials.
    assert.match(html, /<dt>طرح‌های تخصیص‌یافته<\/dt><dd>۳<\/dd>/);
    assert.match(html, /<dt>مبلغ تخصیص‌یافته<\/dt><dd>۶٬۰۰۰٬۰۰۰٬۰۰۰ ریال<\/dd>/);
    // Spent: 0.5 + 0.7 + 2 billion; the submitted and returned reports are left out.
    assert.match(html, /<dt>هزینه‌شده<\/dt><dd>۳٬۲۰۰٬۰۰۰٬۰۰۰ ریال<\/dd>/);
    assert.match(html, /<dt>افراد بهره‌مند<\/dt><dd>۱۳۰<\/dd>/);
    // (45 × 3 + 0 × 1 + 100 × 2) / 6 = 55.8 → ۵۶٪
    assert.match(html, /<dt>پیشرفت<\/dt><dd>۵۶٪<\/dd>/);
    assert.match(html, /۲ طرح از ۳ طرح گزارش تأییدشده دارند/);
    // Plans that are not public, never funded or withdrawn stay out.
    for (const id of [ids.approvedOnly, ids.withdrawn, ids.hidden]) assert.doesNotMatch(html, new RegExp(`/results/plans/${id}"`));
    for (const id of [ids.minoodar, ids.pooneh, ids.takestan]) assert.match(html, new RegExp(`href="/results/plans/${id}"`));
    assert.match(html, /<progress max="100" value="45"/);
    assert.match(html, /نمونه/, 'the demo plan is badged');
    // The harm chart: the Pooneh plan's money is split between its two harms.
    assert.match(html, /href="\/results\/harms\/ADDICTION"/);
    assert.match(html, /<td class="num">۵۰۰٬۰۰۰٬۰۰۰ ریال<\/td>/, 'half of a billion for each of its two harms');
    assert.match(html, /<figure class="map">/);
    assert.match(html, /<select id="results-metric" name="metric">/);
    assert.match(html, /href="\/results\/map\?layer=neighborhood"/);
    assert.match(html, /href="\/static\/css\/monitoring.css"/);
  });

  test('the hub map follows the metric chosen in the form (no JavaScript needed)', { skip: noCountyShapes }, async () => {
    const byIndicator = await b.get(`/results/progress?metric=indicator-${indicatorId}`);
    assert.equal(byIndicator.statusCode, 200);
    assert.match(byIndicator.body, new RegExp(`<option value="indicator-${indicatorId}" selected`));
    assert.match(byIndicator.body, /نسبت طلاق به ازدواج \(درصد\)، سال ۱۴۰۳/, 'the latest period is named');
    const plans = await b.get('/results/progress?metric=plans');
    assert.match(plans.body, /<option value="plans" selected/);
    const bogus = await b.get('/results/progress?metric=indicator-99999&page=۹۹');
    assert.equal(bogus.statusCode, 200, 'an unknown metric or page falls back');
  });

  test('the map page: counties, and one city\'s illustrative neighborhoods', async () => {
    const county = await b.get('/results/map');
    assert.equal(county.statusCode, 200);
    assertPersianPage(county.body, 'map');
    const qazvin = await w.placeId('2603051595');
    const busiest = await b.get('/results/map?layer=neighborhood');
    assert.match(busiest.body, /محله‌های قزوین/, 'without a choice, the city with the most drawn neighborhoods');
    const nb = await b.get(`/results/map?layer=neighborhood&city=${qazvin}`);
    assert.equal(nb.statusCode, 200);
    assertPersianPage(nb.body, 'neighborhood map');
    assert.match(nb.body, /محله‌های قزوین/);
    assert.match(nb.body, /شکل محله‌ها نمایشی است و مرز واقعی نیست/);
    assert.equal((nb.body.slice(nb.body.indexOf('<svg'), nb.body.indexOf('</svg>')).match(/<path /g) ?? []).length, 6, 'six Qazvin neighborhoods drawn');
    const demo = await b.get(`/results/map?layer=neighborhood&city=${qazvin}&metric=indicator-${demoIndicatorId}`);
    assert.match(demo.body, /این شاخص نمونه است/);
    assert.match(demo.body, /<title>مینودر: ۷ \(نمایشی\)<\/title>/);
  });

  test('a plan\'s results: money, progress, reach by group, indicators, approved reports', async () => {
    const res = await b.get(`/results/plans/${ids.minoodar}`);
    assert.equal(res.statusCode, 200);
    assertPersianPage(res.body, 'plan');
    const html = res.body;
    assert.match(html, /<h1>پیشگیری از اعتیاد نوجوانان مینودر<\/h1>/);
    assert.match(html, /۴۰٪ خرج شده: ۱٬۲۰۰٬۰۰۰٬۰۰۰ ریال از ۳٬۰۰۰٬۰۰۰٬۰۰۰ ریال/);
    assert.match(html, /۵۰ از ۱۰۰ نفر/, 'reached of planned');
    assert.match(html, /بهار ۱۴۰۵/);
    assert.match(html, /تابستان ۱۴۰۵/);
    assert.doesNotMatch(html, /پاییز ۱۴۰۵/, 'the submitted report is not shown');
    // Indicators: 0 → 55 towards 100 is good; 12 → 14 towards 6 is bad.
    assert.match(html, /trend-good/);
    assert.match(html, /trend-bad/);
    assert.match(html, /<td class="num">۵۵<span class="meta"> \(تابستان ۱۴۰۵\)<\/span><\/td>/);
    assert.match(html, /href="\/plans\/\d+"/);
    assert.match(html, /href="\/results\/harms\/ADDICTION"/);
  });

  test('a funded plan with no approved report still has a page, with empty states', async () => {
    const res = await b.get(`/results/plans/${ids.pooneh}`);
    assert.equal(res.statusCode, 200);
    assertPersianPage(res.body, 'plan without reports');
    assert.match(res.body, /هنوز گزارشی تأیید نشده است/);
    assert.match(res.body, /نمونه/);
  });

  test('404 for plans never funded, not public or unknown', async () => {
    for (const id of [ids.approvedOnly, ids.withdrawn, ids.hidden, 999999]) {
      assert.equal((await b.get(`/results/plans/${id}`)).statusCode, 404, String(id));
    }
    assert.equal((await b.get('/results/plans/abc')).statusCode, 404);
    assert.equal((await b.get('/results/places/999999')).statusCode, 404);
    assert.equal((await b.get('/results/harms/NOT_A_HARM')).statusCode, 404);
  });

  test('a place: its plans, totals, indicator trends and a map with its neighbours', async () => {
    const county = await w.placeId('2603');
    const res = await b.get(`/results/places/${county}`);
    assert.equal(res.statusCode, 200);
    assertPersianPage(res.body, 'county');
    assert.match(res.body, /<h1>شهرستان قزوین<\/h1>/);
    assert.match(res.body, /<dt>طرح‌های تخصیص‌یافته<\/dt><dd>۲<\/dd>/, 'the two Qazvin plans');
    assert.doesNotMatch(res.body, /کاهش طلاق در تاکستان/);
    assert.match(res.body, /نسبت طلاق به ازدواج/, 'the county indicator trend');
    assert.match(res.body, /<th scope="row">سال ۱۴۰۲<\/th>/);
    assert.doesNotMatch(res.body, /زمستان ۱۴۰۳/, 'years only in the trend');

    const neighborhood = await w.placeId('9260300001');
    const nb = await b.get(`/results/places/${neighborhood}`);
    assert.equal(nb.statusCode, 200);
    assertPersianPage(nb.body, 'neighborhood');
    assert.match(nb.body, /<h1>محله مینودر<\/h1>/);
    assert.match(nb.body, /شاخص نمونهٔ محله/);
    assert.match(nb.body, /badge-demo/);
    assert.match(nb.body, /شکل محله‌ها نمایشی است/);

    const village = await w.placeId('9260290001');
    const v = await b.get(`/results/places/${village}`);
    assert.equal(v.statusCode, 200);
    assert.match(v.body, /کاهش طلاق در تاکستان/);
  });

  test('a harm: plans, money by county, and its indicators by county', async () => {
    const res = await b.get('/results/harms/DIVORCE');
    assert.equal(res.statusCode, 200);
    assertPersianPage(res.body, 'harm');
    assert.match(res.body, /<h1>نتایج طرح‌های طلاق و گسست خانواده<\/h1>/);
    assert.match(res.body, /کاهش طلاق در تاکستان/);
    assert.doesNotMatch(res.body, /پیشگیری از اعتیاد نوجوانان مینودر/);
    assert.match(res.body, /نسبت طلاق به ازدواج، سال ۱۴۰۳/);
    assert.match(res.body, /<td class="num">۳۵٫۵<\/td>/, 'Takestan\'s latest value in the table');
  });

  test('each page runs a handful of queries, whatever the data size', async () => {
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        queries++;
        return args.result;
      },
    };
    const db = w.db.withPlugin(counter);
    const count = async (load: () => Promise<unknown>) => {
      queries = 0;
      await load();
      return queries;
    };
    const qazvin = await w.placeId('2603051595');
    assert.ok((await count(() => loadHub(db, {}))) <= 5);
    assert.ok((await count(() => loadHub(db, { metric: `indicator-${indicatorId}` }))) <= 6);
    assert.ok((await count(() => loadMapPage(db, { layer: 'neighborhood', city: String(qazvin), metric: `indicator-${demoIndicatorId}` }))) <= 6);
    assert.ok((await count(() => loadPlaceResults(db, qazvin))) <= 5);
    assert.ok((await count(() => loadHarmResults(db, 'DIVORCE', {}))) <= 5);
    assert.ok((await count(() => loadPlanResultsPage(db, ids.minoodar, '2026-11-30'))) <= 7, 'two queries here, five in loadPlanResults');
  });

  test('links in: the public plan page of a funded plan and the allocation results index', async () => {
    const funded = await b.get(`/plans/${ids.minoodar}`);
    assert.equal(funded.statusCode, 200);
    assert.match(funded.body, new RegExp(`<a href="/results/plans/${ids.minoodar}">نتایج اجرا</a>`));
    const notFunded = await b.get(`/plans/${ids.approvedOnly}`);
    assert.equal(notFunded.statusCode, 200);
    assert.doesNotMatch(notFunded.body, /\/results\/plans\//);
    assert.match((await b.get('/results')).body, /<a href="\/results\/progress">/);
  });

  test('pages are cached for anonymous visitors', async () => {
    await b.get('/results/harms/ADDICTION');
    const again = await b.get('/results/harms/ADDICTION');
    assert.equal(again.headers['x-page-cache'], 'hit');
  });
});
