import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlanContentSchema } from '../../plans/plan-content.ts';
import { alignWithPlan, beneficiariesTotal, reportContentProblems, ReportContentSchema } from './report-content.ts';

const plan = PlanContentSchema.parse({
  activities: ['کارگاه مهارت فرزندپروری', 'مشاورهٔ خانواده'],
  indicators: [{ level: 'outcome', statement: 'نرخ ترک تحصیل', unit: 'درصد', baseline: 12, target: 8 }],
  targetGroups: [{ group: 'MOTHERS', female: 100, male: 0 }, { group: 'CHILDREN', female: 50, male: 50 }],
});
const money = { fundedRials: 1_000_000, spentBefore: 600_000 };
const content = (x: unknown) => ReportContentSchema.parse(x);

describe('report content', () => {
  it('accepts a consistent report', () => {
    const c = content({
      activities: [{ index: 0, status: 'done', percent: 100 }, { index: 1, status: 'in_progress', percent: 30 }],
      beneficiaries: [{ group: 'MOTHERS', female: 40, male: 0, ageBands: { '18_29': 10, '30_59': 30 } }],
      spentRials: 400_000,
      indicatorActuals: [{ index: 0, actual: 10 }],
    });
    assert.deepEqual(reportContentProblems(c, plan, money), {});
    assert.equal(beneficiariesTotal(c), 40);
  });
  it('refuses spending beyond what is left of the funding, naming the remainder', () => {
    const e = reportContentProblems(content({ spentRials: 400_001 }), plan, money);
    assert.match(e.spentRials ?? '', /۴۰۰٬۰۰۰ ریال/);
  });
  it('refuses age bands that do not add up to women plus men, and groups the plan does not name', () => {
    const e = reportContentProblems(content({ beneficiaries: [{ group: 'CHILDREN', female: 5, male: 5, ageBands: { '0_11': 3 } }, { group: 'ELDERLY', female: 1 }] }), plan, money);
    assert.ok(e['beneficiaries.0.female']);
    assert.ok(e['beneficiaries.1.female']);
  });
  it('refuses done activities not at 100 and unknown indices; zod refuses out-of-range values', () => {
    const e = reportContentProblems(content({ activities: [{ index: 0, status: 'done', percent: 50 }, { index: 7, status: 'in_progress', percent: 5 }] }), plan, money);
    assert.ok(e['activities.0.percent']);
    assert.ok(e['activities.7.percent']);
    assert.equal(ReportContentSchema.safeParse({ activities: [{ index: 0, percent: 101 }] }).success, false);
    assert.equal(ReportContentSchema.safeParse({ spentRials: -1 }).success, false);
    assert.equal(ReportContentSchema.safeParse({ beneficiaries: [{ group: 'MOTHERS', female: 1.5 }] }).success, false);
  });
  it('aligns rows with the plan: one per activity, indicator and target group', () => {
    const a = alignWithPlan(content({ activities: [{ index: 1, status: 'in_progress', percent: 20 }, { index: 9, status: 'done', percent: 100 }] }), plan);
    assert.deepEqual(a.activities.map((x) => [x.index, x.percent]), [[1, 20]], 'unmentioned activities stay unmentioned');
    const filled = alignWithPlan(a, plan, (index) => ({ index, status: 'done', percent: 100, note: '' }));
    assert.deepEqual(filled.activities.map((x) => [x.index, x.percent]), [[0, 100], [1, 20]]);
    assert.deepEqual(a.beneficiaries.map((g) => g.group), ['MOTHERS', 'CHILDREN']);
    assert.equal(a.indicatorActuals.length, 1);
  });
});
