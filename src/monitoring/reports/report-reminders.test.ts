import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureReportSweepScheduled, reportReminderJobHandler, REPORT_REMINDERS_JOB, runReportReminders } from './report-reminders.ts';
import { createReportsWorld, type ReportsWorld } from './reports-test-setup.ts';
import { saveProgressReport } from './save-progress-report.ts';
import { addDays } from './schedule.ts';
import { submitProgressReport } from './submit-progress-report.ts';

describe('progress report reminder sweep', () => {
  let w: ReportsWorld;
  let planId: number;
  let periods: { period: string; dueOn: string }[];
  /** Moves the hand clock to 08:00 UTC (11:30 in Tehran) of an ISO date. */
  const setDay = (isoDate: string) => w.h.clock.advance((Date.parse(`${isoDate}T08:00:00Z`) - w.h.clock.now().getTime()) / 1000);
  const reminders = async () =>
    (await w.db.selectFrom('progress_reminders').select(['period', 'kind']).where('plan_id', '=', planId).orderBy('period').orderBy('kind').execute()).map((r) => `${r.period}:${r.kind}`);

  before(async () => {
    w = await createReportsWorld();
    planId = await w.fundedPlan({ daysAgo: 200 });
    periods = await w.periods(planId);
    assert.ok(periods.length >= 3);
  });
  after(() => w.close());

  it('sends due-soon and overdue reminders once each, even when run twice', async () => {
    // Three days before the second quarter's report is due: the first quarter's is overdue.
    setDay(addDays(periods[1]!.dueOn, -3));
    const first = await runReportReminders(w.h.ctx);
    assert.deepEqual(first, { due_soon: 1, overdue: 1 });
    const again = await runReportReminders(w.h.ctx);
    assert.deepEqual(again, { due_soon: 0, overdue: 0 });
    assert.deepEqual(await reminders(), [`${periods[0]!.period}:overdue`, `${periods[1]!.period}:due_soon`]);
    const officerInbox = await w.inbox(w.officerId);
    assert.equal(officerInbox.filter((s) => s.includes('نزدیک')).length, 1);
    assert.equal(officerInbox.filter((s) => s.includes('دیر شده')).length, 1);
    assert.equal((await w.inbox(w.secretaryId)).filter((s) => s.includes('نرسیده')).length, 1, 'the secretariat hears of overdue reports');
    assert.equal((await w.inbox(w.otherOfficerId)).length, 0);
    assert.ok((await w.auditActions()).includes('progress_report.reminded'));
  });

  it('sends nothing for a period once its report is submitted', async () => {
    const { reportId } = await saveProgressReport(w.h.ctx, w.officer, planId, periods[1]!.period, { spentRials: 1000 });
    await submitProgressReport(w.h.ctx, w.officer, reportId);
    setDay(addDays(periods[1]!.dueOn, 2));
    await runReportReminders(w.h.ctx);
    assert.ok(!(await reminders()).includes(`${periods[1]!.period}:overdue`));
  });

  it('keeps exactly one sweep queued, and each sweep queues the next day’s', async () => {
    const pending = async () =>
      (await w.db.selectFrom('jobs').select(['id', 'run_at']).where('kind', '=', REPORT_REMINDERS_JOB).where('status', '=', 'pending').execute()).length;
    assert.equal(await ensureReportSweepScheduled(w.h.ctx), true);
    assert.equal(await ensureReportSweepScheduled(w.h.ctx), false);
    assert.equal(await pending(), 1);
    // The worker marks the job running before the handler runs.
    await w.db.updateTable('jobs').set({ status: 'running' }).where('kind', '=', REPORT_REMINDERS_JOB).execute();
    await reportReminderJobHandler(w.h.ctx)({});
    const next = await w.db.selectFrom('jobs').select('run_at').where('kind', '=', REPORT_REMINDERS_JOB).where('status', '=', 'pending').execute();
    assert.equal(next.length, 1);
    assert.ok(Date.parse(next[0]!.run_at) - w.h.clock.now().getTime() >= 86_000_000, 'tomorrow');
  });
});
