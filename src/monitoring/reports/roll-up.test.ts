import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRollupMode, planProgress, progressFromActivities, progressFromBudget, weightedProgress, type RollupReport } from './roll-up.ts';

const r = (period: string, activities: RollupReport['activities'], spentRials = 0): RollupReport => ({ period, spentRials, activities });

describe('plan progress', () => {
  it('averages each activity’s latest percent, done counting 100 and unreported 0', () => {
    const reports = [
      r('1405Q1', [{ index: 0, status: 'in_progress', percent: 40 }, { index: 1, status: 'in_progress', percent: 20 }]),
      // Newer report mentions only activity 0; activity 1 keeps 20; activity 2 was never reported.
      r('1405Q2', [{ index: 0, status: 'done', percent: 90 }]),
    ];
    assert.equal(progressFromActivities(3, reports), 40); // (100 + 20 + 0) / 3
  });
  it('takes the newest report by period, whatever the order given', () => {
    const a = r('1405Q2', [{ index: 0, status: 'in_progress', percent: 80 }]);
    const b = r('1405Q1', [{ index: 0, status: 'in_progress', percent: 30 }]);
    assert.equal(progressFromActivities(1, [a, b]), 80);
  });
  it('budget mode: cumulative spending over funding, capped at 100', () => {
    assert.equal(progressFromBudget(1000, [r('1405Q1', [], 250), r('1405Q2', [], 250)]), 50);
    assert.equal(progressFromBudget(1000, [r('1405Q1', [], 1500)]), 100);
    assert.equal(progressFromBudget(0, [r('1405Q1', [], 10)]), null);
  });
  it('follows the setting, and falls back to budget for a plan without activities', () => {
    const reports = [r('1405Q1', [{ index: 0, status: 'in_progress', percent: 10 }], 600)];
    assert.equal(planProgress('activities', { activityCount: 1, fundedRials: 1000 }, reports), 10);
    assert.equal(planProgress('budget', { activityCount: 1, fundedRials: 1000 }, reports), 60);
    assert.equal(planProgress('activities', { activityCount: 0, fundedRials: 1000 }, reports), 60);
    assert.equal(parseRollupMode('"budget"'), 'budget');
    assert.equal(parseRollupMode('budget'), 'budget');
    assert.equal(parseRollupMode('nonsense'), 'activities');
    assert.equal(parseRollupMode(null), 'activities');
  });
});

describe('weighted progress across plans', () => {
  it('weights by funded rials (Decidim)', () => {
    assert.equal(weightedProgress([{ progress: 100, weight: 3 }, { progress: 0, weight: 1 }]), 75);
  });
  it('counts a plan with no progress as 0 but null when nothing reported', () => {
    assert.equal(weightedProgress([{ progress: 80, weight: 1 }, { progress: null, weight: 1 }]), 40);
    assert.equal(weightedProgress([{ progress: null, weight: 5 }]), null);
    assert.equal(weightedProgress([]), null);
    assert.equal(weightedProgress([{ progress: 50, weight: 0 }]), null);
  });
});
