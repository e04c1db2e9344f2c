import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { seedDemo } from '../../demo/seed-demo.ts';
import { testDialect } from '../../platform/db/testing.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';
import { loadPlanResults } from './plan-results.ts';
import { periodsOfPlan } from './report-rules.ts';
import { listReportingPlans, listReportsOfPlans } from './reports.repo.ts';
import { tehranDate, timelinessOf } from './schedule.ts';
import { seedDemoReports } from './seed-demo-reports.ts';

let h: Harness;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mahalle-reports-seed-'));
  h = await createHarness({ DATABASE_URL: `sqlite:${join(dir, 'test.db')}` });
  await seedDemo(h.ctx);
});
after(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

test(`the demo's funded plans and their reports on ${testDialect()}: approved quarters, one submitted, one returned, one missing; seeding again adds nothing`, async () => {
  const today = tehranDate(h.clock.now());
  const plans = await listReportingPlans(h.ctx.db);
  assert.equal(plans.length, 3);
  assert.ok(plans.every((p) => p.isDemo && p.fundedRials > 0 && p.fundedAt && p.fundedAt < h.clock.now().toISOString()));
  assert.equal(plans.filter((p) => p.status === 'in_progress').length, 1, 'one plan started through the plan transition');
  const reports = await listReportsOfPlans(h.ctx.db, plans.map((p) => p.id));
  assert.ok(reports.every((r) => r.isDemo));
  const statuses = reports.map((r) => r.status);
  assert.ok(statuses.filter((s) => s === 'approved').length >= 3);
  assert.equal(statuses.filter((s) => s === 'submitted').length, 1);
  assert.equal(statuses.filter((s) => s === 'returned').length, 1);
  const missing = plans.flatMap((p) => periodsOfPlan(p, today).filter((d) => timelinessOf(d, reports.find((r) => r.planId === p.id && r.period === d.period) ?? null, today) === 'missing'));
  assert.equal(missing.length, 1, 'one quarter is late');
  for (const r of reports) assert.ok(r.submittedAt! <= `${r.dueOn}T20:30:00.000Z`, 'filed inside the grace window');
  const results = (await loadPlanResults(h.ctx.db, plans[0]!.id, { today }))!;
  assert.ok(results.spentRials > 0 && results.spentRials <= results.fundedRials!);
  assert.ok(results.progressPercent !== null && results.progressPercent > 0);
  assert.equal(await seedDemoReports(h.ctx), 0);
  assert.equal((await listReportsOfPlans(h.ctx.db, plans.map((p) => p.id))).length, reports.length);
});
