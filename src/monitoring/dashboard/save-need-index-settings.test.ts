import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/http/errors.ts';
import { csrfToken, type Browser } from '../../testing/harness.ts';
import { readProgrammeSetting } from './dashboard.repo.ts';
import { createDashboardWorld, type DashboardWorld } from './dashboard-test-setup.ts';
import { loadNeedIndex } from './load-need-index.ts';
import { NEED_INDEX_SETTINGS_KEY } from './need-index.ts';
import { saveNeedIndexSettings } from './save-need-index-settings.ts';

let w: DashboardWorld;
let a: number;
let b: number;
let n1: number;
let n2: number;

before(async () => {
  w = await createDashboardWorld();
  const county = await w.place('شهرستان الف', 'county', null);
  const city = await w.place('شهر الف', 'city', county);
  n1 = await w.place('محلهٔ یک', 'neighborhood', city, 1000);
  n2 = await w.place('محلهٔ دو', 'neighborhood', city, 1000);
  a = await w.indicator('AAA', 'lower_better');
  b = await w.indicator('BBB', 'lower_better');
  // Indicator AAA says neighborhood one needs more; BBB says neighborhood two does.
  await w.value(a, n1, '1403', 10);
  await w.value(a, n2, '1403', 0);
  await w.value(b, n1, '1403', 0);
  await w.value(b, n2, '1403', 10);
});
after(() => w.close());

const auditRows = () => w.db.selectFrom('audit_log').select(['action', 'subject_type', 'subject_id', 'actor_id']).where('action', '=', 'need_index.settings_saved').execute();

async function fieldErrors(run: () => Promise<unknown>): Promise<Record<string, string>> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, 'validation');
    return err.fieldErrors ?? {};
  }
  assert.fail('expected a validation error');
}

test('invalid weights are refused in Persian and nothing is stored', async () => {
  const errors = await fieldErrors(() => saveNeedIndexSettings(w.h.ctx, w.secretary, { needs: '۱۱', population: 'زیاد', indicators: { [a]: '-1', [b]: '' } }));
  assert.equal(errors.needs, 'وزن باید عددی از ۰ تا ۱۰ باشد.');
  assert.equal(errors.population, 'وزن باید عددی از ۰ تا ۱۰ باشد.');
  assert.equal(errors[`indicator-${a}`], 'وزن باید عددی از ۰ تا ۱۰ باشد.');
  assert.equal(errors[`indicator-${b}`], 'وزن را وارد کنید.');
  const zero = await fieldErrors(() => saveNeedIndexSettings(w.h.ctx, w.secretary, { needs: '0', population: '۰', indicators: { [a]: '٠', [b]: '0.0' } }));
  assert.equal(zero.weights, 'دست‌کم یکی از وزن‌ها باید بیشتر از صفر باشد.');
  assert.equal(await readProgrammeSetting(w.db, NEED_INDEX_SETTINGS_KEY), null);
  assert.equal((await auditRows()).length, 0);
});

test('council members may not change the weights', async () => {
  await assert.rejects(() => saveNeedIndexSettings(w.h.ctx, w.council, { needs: '1', population: '1', indicators: {} }), (err: unknown) => err instanceof AppError && err.code === 'forbidden');
  const council = await w.staff('council@example.org');
  assert.equal((await council.get('/admin/need-index')).statusCode, 403);
});

test('saving weights (any digits, Persian decimal separator) is audited and changes the ranking', async () => {
  const before = await loadNeedIndex(w.db, 'home');
  assert.deepEqual(before.ranked.map((r) => r.id), [n2, n1], 'equal weights: a tie, broken by Persian name order (دو before یک)');
  const saved = await saveNeedIndexSettings(w.h.ctx, w.secretary, { needs: '۰٫۵', population: '0', indicators: { [a]: '۳', [b]: '1' } });
  assert.deepEqual(saved, { indicatorWeights: { AAA: 3, BBB: 1 }, needsWeight: 0.5, populationWeight: 0 });
  const after = await loadNeedIndex(w.db, 'home');
  assert.deepEqual(after.ranked.map((r) => r.id), [n1, n2], 'indicator AAA now weighs more');
  const rows = await auditRows();
  assert.equal(rows.length, 1);
  assert.deepEqual({ ...rows[0], actor_id: Number(rows[0]!.actor_id) }, { action: 'need_index.settings_saved', subject_type: 'need_index', subject_id: NEED_INDEX_SETTINGS_KEY, actor_id: w.secretaryId });
});

test('the settings page: method explained, errors re-rendered with the typed values, success redirects', async () => {
  const secretary: Browser = await w.staff('secretary@example.org');
  const page = await secretary.get('/admin/need-index');
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('روش محاسبه'));
  assert.ok(page.body.includes('شاخص AAA'));
  assert.match(page.body, /name="needs" type="text" value="۰٫۵"/, 'stored weights shown in Persian digits');
  const token = csrfToken(page.body);
  const bad = await secretary.post('/admin/need-index', { needs: 'x', population: '1', [`indicator-${a}`]: '2', [`indicator-${b}`]: '2' }, { csrf: token });
  assert.equal(bad.statusCode, 422);
  assert.ok(bad.body.includes('وزن باید عددی از ۰ تا ۱۰ باشد.'));
  assert.match(bad.body, /name="needs" type="text" value="x"/, 'the typed value is kept');
  const ok = await secretary.post('/admin/need-index', { needs: '1', population: '0.5', [`indicator-${a}`]: '1', [`indicator-${b}`]: '۲' }, { csrf: token });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/admin/need-index');
  const stored = JSON.parse((await readProgrammeSetting(w.db, NEED_INDEX_SETTINGS_KEY))!.value);
  assert.deepEqual(stored.indicatorWeights, { AAA: 1, BBB: 2 });
  const after = await secretary.get('/admin/need-index');
  assert.ok(after.body.includes('وزن‌های شاخص نیاز ذخیره شد.'));
});
