import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../platform/http/errors.ts';
import { decideProgressReport } from './decide-progress-report.ts';
import { loadPlanResults } from './plan-results.ts';
import { findReport, findReportOfPeriod, listReportEvents } from './reports.repo.ts';
import { createReportsWorld, type ReportsWorld } from './reports-test-setup.ts';
import { saveProgressReport } from './save-progress-report.ts';
import { submitProgressReport } from './submit-progress-report.ts';
import { uploadReportFile } from './upload-report-file.ts';

const code = (c: string) => (err: unknown) => err instanceof AppError && err.code === c;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

const content = (x: Record<string, unknown> = {}) => ({
  activities: [
    { index: 0, status: 'done', percent: 100, note: 'برگزار شد' },
    { index: 1, status: 'in_progress', percent: 50, note: '' },
  ],
  beneficiaries: [{ group: 'MOTHERS', female: 40, male: 0, ageBands: { '18_29': 15, '30_59': 25 } }],
  spentRials: 300_000_000,
  indicatorActuals: [{ index: 1, actual: 40, note: '' }],
  narrative: 'کارگاه‌ها برگزار شد.',
  ...x,
});

describe('progress report operations', () => {
  let w: ReportsWorld;
  let planId: number;
  let first: string;
  let second: string;
  before(async () => {
    w = await createReportsWorld();
    planId = await w.fundedPlan({ daysAgo: 200 });
    const periods = await w.periods(planId);
    assert.ok(periods.length >= 3, 'funded 200 days ago: at least three quarters');
    first = periods[0]!.period;
    second = periods[1]!.period;
  });
  after(() => w.close());

  it('refuses an officer of another agency, a citizen-less council member, and a period off the schedule', async () => {
    await assert.rejects(saveProgressReport(w.h.ctx, w.otherOfficer, planId, first, content()), code('forbidden'));
    await assert.rejects(saveProgressReport(w.h.ctx, w.council, planId, first, content()), code('forbidden'));
    await assert.rejects(saveProgressReport(w.h.ctx, w.officer, planId, '1390Q1', content()), code('validation'));
    assert.equal(await findReportOfPeriod(w.db, planId, first), undefined);
  });

  it('rejects overspending and stores nothing', async () => {
    await assert.rejects(saveProgressReport(w.h.ctx, w.officer, planId, first, content({ spentRials: 1_000_000_001 })), (err: unknown) => {
      assert.ok(err instanceof AppError && err.code === 'validation');
      assert.match(err.fieldErrors?.spentRials ?? '', /۱٬۰۰۰٬۰۰۰٬۰۰۰ ریال/);
      return true;
    });
    assert.equal(await findReportOfPeriod(w.db, planId, first), undefined);
  });

  it('saves a draft, then submit → approve updates the plan’s figures', async () => {
    const { reportId, created } = await saveProgressReport(w.h.ctx, w.officer, planId, first, content());
    assert.equal(created, true);
    assert.equal((await loadPlanResults(w.db, planId))!.spentRials, 0, 'a draft counts for nothing');
    await uploadReportFile(w.h.ctx, w.officer, reportId, { bytes: PNG, fileName: 'عکس کارگاه.png', root: w.uploads });
    await assert.rejects(uploadReportFile(w.h.ctx, w.officer, reportId, { bytes: Buffer.from('plain text'), fileName: 'x.txt', root: w.uploads }), code('unsupported_media_type'));

    const { progressPercent } = await submitProgressReport(w.h.ctx, w.officer, reportId);
    assert.equal(progressPercent, 50); // (100 + 50 + 0) / 3
    assert.ok((await w.inbox(w.secretaryId)).some((s) => s.includes('رسید')));
    await assert.rejects(saveProgressReport(w.h.ctx, w.officer, planId, first, content()), code('conflict'));
    assert.equal((await loadPlanResults(w.db, planId))!.spentRials, 0, 'a submitted report counts for nothing yet');

    await assert.rejects(decideProgressReport(w.h.ctx, w.officer, reportId, { decision: 'approve', note: '' }), code('forbidden'));
    await decideProgressReport(w.h.ctx, w.secretary, reportId, { decision: 'approve', note: '' });
    const results = (await loadPlanResults(w.db, planId))!;
    assert.equal(results.spentRials, 300_000_000);
    assert.equal(results.progressPercent, 50);
    assert.equal(results.beneficiaries.reachedTotal, 40);
    assert.equal(results.beneficiaries.byGroup.find((g) => g.group === 'MOTHERS')!.reachedFemale, 40);
    assert.equal(results.indicators[1]!.actual, 40);
    assert.equal(results.indicators[1]!.actualPeriod, first);
    assert.deepEqual(results.reports.map((r) => r.status), ['approved']);
    assert.ok(results.timeline.some((e) => e.kind === 'report'));
    assert.ok((await w.inbox(w.officerId)).some((s) => s.includes('تأیید')));
    const events = await listReportEvents(w.db, [reportId]);
    assert.deepEqual(events.map((e) => e.to_status), ['draft', 'submitted', 'approved']);
    const actions = await w.auditActions();
    for (const a of ['progress_report.created', 'progress_report.file_added', 'progress_report.submitted', 'progress_report.approved']) assert.ok(actions.includes(a), a);
  });

  it('return needs a note; a returned report is edited and submitted again', async () => {
    const { reportId } = await saveProgressReport(w.h.ctx, w.officer, planId, second, content({ spentRials: 100_000_000, activities: [{ index: 1, status: 'in_progress', percent: 80 }] }));
    await submitProgressReport(w.h.ctx, w.officer, reportId);
    await assert.rejects(decideProgressReport(w.h.ctx, w.secretary, reportId, { decision: 'return', note: '   ' }), code('validation'));
    assert.equal((await findReport(w.db, reportId))!.status, 'submitted');
    await decideProgressReport(w.h.ctx, w.secretary, reportId, { decision: 'return', note: 'فاکتورهای هزینه را پیوست کنید.' });
    const returned = (await findReport(w.db, reportId))!;
    assert.equal(returned.status, 'returned');
    assert.equal(returned.decisionNote, 'فاکتورهای هزینه را پیوست کنید.');
    // Spending of the approved quarter (300m) plus this one may not pass the funding.
    await assert.rejects(saveProgressReport(w.h.ctx, w.officer, planId, second, content({ spentRials: 700_000_001 })), code('validation'));
    await saveProgressReport(w.h.ctx, w.officer, planId, second, content({ spentRials: 700_000_000, activities: [{ index: 1, status: 'in_progress', percent: 80 }] }));
    const { progressPercent } = await submitProgressReport(w.h.ctx, w.officer, reportId);
    // Activity 0 stays done from the approved quarter; activity 1 is now 80.
    assert.equal(progressPercent, 60);
    assert.equal((await findReport(w.db, reportId))!.submittedAt, returned.submittedAt, 'the first submission is kept');
  });

  it('rejects a second report for the same quarter, even in a race', async () => {
    const periods = await w.periods(planId);
    const third = periods[2]!.period;
    const results = await Promise.allSettled([
      saveProgressReport(w.h.ctx, w.officer, planId, third, content({ spentRials: 0 })),
      saveProgressReport(w.h.ctx, w.officer, planId, third, content({ spentRials: 0 })),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled' && r.value.created);
    assert.ok(ok.length >= 1);
    const rows = await w.db.selectFrom('progress_reports').select('id').where('plan_id', '=', planId).where('period', '=', third).execute();
    assert.equal(rows.length, 1);
    for (const r of results) if (r.status === 'rejected') assert.ok(code('validation')(r.reason), String(r.reason));
  });

  it('refuses reports for a plan that is not funded', async () => {
    const other = await w.fundedPlan();
    await w.db.updateTable('plans').set({ status: 'approved' }).where('id', '=', other).execute();
    await assert.rejects(saveProgressReport(w.h.ctx, w.officer, other, first, content()), code('not_found'));
  });
});
