import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { PlanStatus } from '../../plans/plan-lifecycle.ts';
import type { ProgressReportStatus } from '../monitoring.tables.ts';
import { reportingPlanStatuses } from './report-lifecycle.ts';

/** A funded plan as reporting sees it: money, dates and who owns it. */
export type ReportingPlanRow = {
  id: number;
  agencyId: number;
  agencyName: string;
  status: PlanStatus;
  title: string;
  content: string;
  fundedRials: number;
  /** The plan_events row that moved it to 'funded'. */
  fundedAt: string | null;
  completedAt: string | null;
  isDemo: boolean;
};

function reportingPlansQuery(db: Db) {
  return db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select((eb) => [
      'p.id', 'p.agency_id', 'a.name as agency_name', 'p.status', 'p.title', 'p.content', 'p.funded_rials', 'p.is_demo',
      eb.selectFrom('plan_events as e').select((e) => e.fn.min('e.at').as('x')).whereRef('e.plan_id', '=', 'p.id').where('e.to_status', '=', 'funded').as('funded_at'),
      eb.selectFrom('plan_events as e').select((e) => e.fn.max('e.at').as('x')).whereRef('e.plan_id', '=', 'p.id').where('e.to_status', '=', 'completed').as('completed_at'),
    ])
    .where('p.status', 'in', [...reportingPlanStatuses])
    .where('p.funded_rials', 'is not', null);
}

type RawPlan = {
  id: number; agency_id: number; agency_name: string; status: PlanStatus; title: string; content: string;
  funded_rials: number | string | null; is_demo: number; funded_at: string | null; completed_at: string | null;
};
const toPlan = (r: RawPlan): ReportingPlanRow => ({
  id: Number(r.id), agencyId: Number(r.agency_id), agencyName: r.agency_name, status: r.status, title: r.title, content: r.content,
  fundedRials: Number(r.funded_rials ?? 0), fundedAt: r.funded_at ?? null, completedAt: r.completed_at ?? null, isDemo: Number(r.is_demo) === 1,
});

/** One funded plan (funded, in progress or completed); undefined otherwise. */
export async function findReportingPlan(db: Db, planId: number): Promise<ReportingPlanRow | undefined> {
  const r = await reportingPlansQuery(db).where('p.id', '=', planId).executeTakeFirst();
  return r ? toPlan(r as RawPlan) : undefined;
}

/** Funded plans, of some agencies or of all (agencyIds undefined), oldest first. */
export async function listReportingPlans(db: Db, agencyIds?: readonly number[]): Promise<ReportingPlanRow[]> {
  if (agencyIds && agencyIds.length === 0) return [];
  let q = reportingPlansQuery(db);
  if (agencyIds) q = q.where('p.agency_id', 'in', [...agencyIds]);
  const rows = await q.orderBy('p.id').execute();
  return rows.map((r) => toPlan(r as RawPlan));
}

/** Any plan's header for public results (any status), with its funding columns. */
export async function findPlanHeader(db: Db, planId: number) {
  const r = await db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'p.agency_id', 'a.name as agency_name', 'p.status', 'p.title', 'p.content', 'p.funded_rials'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
  if (!r) return undefined;
  return { ...r, id: Number(r.id), agency_id: Number(r.agency_id), funded_rials: r.funded_rials === null ? null : Number(r.funded_rials) };
}

export type ReportRow = {
  id: number;
  planId: number;
  agencyId: number;
  period: string;
  dueOn: string;
  status: ProgressReportStatus;
  content: string;
  progressPercent: number | null;
  spentRials: number;
  beneficiariesTotal: number;
  createdBy: number | null;
  submittedBy: number | null;
  submittedAt: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
};

const reportColumns = [
  'r.id', 'r.plan_id', 'r.agency_id', 'r.period', 'r.due_on', 'r.status', 'r.content', 'r.progress_percent', 'r.spent_rials', 'r.beneficiaries_total',
  'r.created_by', 'r.submitted_by', 'r.submitted_at', 'r.decided_by', 'r.decided_at', 'r.decision_note', 'r.is_demo', 'r.created_at', 'r.updated_at',
] as const;

type RawReport = {
  id: number; plan_id: number; agency_id: number; period: string; due_on: string; status: ProgressReportStatus; content: string;
  progress_percent: number | string | null; spent_rials: number | string; beneficiaries_total: number | string; created_by: number | null;
  submitted_by: number | null; submitted_at: string | null; decided_by: number | null; decided_at: string | null; decision_note: string | null;
  is_demo: number; created_at: string; updated_at: string;
};
const toReport = (r: RawReport): ReportRow => ({
  id: Number(r.id), planId: Number(r.plan_id), agencyId: Number(r.agency_id), period: r.period, dueOn: r.due_on, status: r.status, content: r.content,
  progressPercent: r.progress_percent === null ? null : Number(r.progress_percent), spentRials: Number(r.spent_rials), beneficiariesTotal: Number(r.beneficiaries_total),
  createdBy: r.created_by, submittedBy: r.submitted_by, submittedAt: r.submitted_at, decidedBy: r.decided_by, decidedAt: r.decided_at,
  decisionNote: r.decision_note, isDemo: Number(r.is_demo) === 1, createdAt: r.created_at, updatedAt: r.updated_at,
});

export async function findReport(db: Db, id: number): Promise<ReportRow | undefined> {
  const r = await db.selectFrom('progress_reports as r').select(reportColumns).where('r.id', '=', id).executeTakeFirst();
  return r ? toReport(r as RawReport) : undefined;
}

export async function findReportOfPeriod(db: Db, planId: number, period: string): Promise<ReportRow | undefined> {
  const r = await db.selectFrom('progress_reports as r').select(reportColumns).where('r.plan_id', '=', planId).where('r.period', '=', period).executeTakeFirst();
  return r ? toReport(r as RawReport) : undefined;
}

/** Every report of some plans, by plan then period. */
export async function listReportsOfPlans(db: Db, planIds: readonly number[]): Promise<ReportRow[]> {
  if (planIds.length === 0) return [];
  const rows = await db.selectFrom('progress_reports as r').select(reportColumns).where('r.plan_id', 'in', [...planIds]).orderBy('r.plan_id').orderBy('r.period').execute();
  return rows.map((r) => toReport(r as RawReport));
}

/** Rials declared by a plan's other reports that have been submitted (submitted, returned or approved). */
export async function spentByOtherReports(db: Db, planId: number, exceptReportId: number | null): Promise<number> {
  let q = db
    .selectFrom('progress_reports')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('spent_rials'), eb.lit(0)).as('n'))
    .where('plan_id', '=', planId)
    .where('status', '!=', 'draft');
  if (exceptReportId !== null) q = q.where('id', '!=', exceptReportId);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertReport(
  db: Db,
  r: { planId: number; agencyId: number; period: string; dueOn: string; content: string; spentRials: number; beneficiariesTotal: number; createdBy: number; isDemo: boolean; now: string },
): Promise<number> {
  const row = await db
    .insertInto('progress_reports')
    .values({
      plan_id: r.planId, agency_id: r.agencyId, period: r.period, due_on: r.dueOn, status: 'draft', content: r.content, progress_percent: null,
      spent_rials: r.spentRials, beneficiaries_total: r.beneficiariesTotal, created_by: r.createdBy, submitted_by: null, submitted_at: null,
      decided_by: null, decided_at: null, decision_note: null, is_demo: r.isDemo ? 1 : 0, created_at: r.now, updated_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Rewrites an editable report's content; false when it is no longer in the expected state. */
export async function updateReportContent(
  db: Db,
  id: number,
  expected: ProgressReportStatus,
  r: { content: string; spentRials: number; beneficiariesTotal: number; now: string },
): Promise<boolean> {
  const res = await db
    .updateTable('progress_reports')
    .set({ content: r.content, spent_rials: r.spentRials, beneficiaries_total: r.beneficiariesTotal, updated_at: r.now })
    .where('id', '=', id)
    .where('status', '=', expected)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Moves a report to a new state only if it is still in the expected one. */
export async function setReportStatus(
  db: Db,
  id: number,
  from: ProgressReportStatus,
  to: ProgressReportStatus,
  extra: { now: string; submittedBy?: number; progressPercent?: number | null; decidedBy?: number; decisionNote?: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('progress_reports')
    .set((eb) => ({
      status: to,
      updated_at: extra.now,
      ...(extra.submittedBy !== undefined
        ? {
            submitted_by: extra.submittedBy,
            // The first submission is kept: timeliness is judged by it, and the queue orders by it.
            submitted_at: eb.fn.coalesce('submitted_at', eb.val(extra.now)),
            progress_percent: extra.progressPercent ?? null,
            decided_by: null, decided_at: null,
          }
        : {}),
      ...(extra.decidedBy !== undefined ? { decided_by: extra.decidedBy, decided_at: extra.now, decision_note: extra.decisionNote ?? null } : {}),
    }))
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertReportEvent(db: Db, e: { reportId: number; from: ProgressReportStatus | null; to: ProgressReportStatus; actorId: number | null; message?: string | null; now: string }) {
  await db.insertInto('progress_report_events').values({ report_id: e.reportId, from_status: e.from, to_status: e.to, actor_id: e.actorId, message: e.message ?? null, at: e.now }).execute();
}

export async function listReportEvents(db: Db, reportIds: readonly number[]) {
  if (reportIds.length === 0) return [];
  const rows = await db
    .selectFrom('progress_report_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.report_id', 'e.from_status', 'e.to_status', 'e.message', 'e.at', 'u.name as actor_name'])
    .where('e.report_id', 'in', [...reportIds])
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), report_id: Number(r.report_id) }));
}

export async function listPlanEventsForTimeline(db: Db, planId: number) {
  return db.selectFrom('plan_events').select(['id', 'from_status', 'to_status', 'at']).where('plan_id', '=', planId).orderBy('at').orderBy('id').execute();
}

export async function insertReportFile(
  db: Db,
  f: { reportId: number; fileName: string; mime: string; sizeBytes: number; sha256: string; storageKey: string; uploadedBy: number; now: string },
): Promise<number> {
  const row = await db
    .insertInto('progress_report_files')
    .values({ report_id: f.reportId, file_name: f.fileName, mime: f.mime, size_bytes: f.sizeBytes, sha256: f.sha256, storage_key: f.storageKey, uploaded_by: f.uploadedBy, created_at: f.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function listReportFiles(db: Db, reportId: number) {
  const rows = await db.selectFrom('progress_report_files').select(['id', 'file_name', 'mime', 'size_bytes', 'created_at']).where('report_id', '=', reportId).orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), size_bytes: Number(r.size_bytes) }));
}

export async function countReportFiles(db: Db, reportId: number): Promise<number> {
  const r = await db.selectFrom('progress_report_files').select((eb) => eb.fn.countAll<number>().as('n')).where('report_id', '=', reportId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findReportFile(db: Db, reportId: number, fileId: number) {
  return db.selectFrom('progress_report_files').selectAll().where('report_id', '=', reportId).where('id', '=', fileId).executeTakeFirst();
}

export async function readSetting(db: Db, key: string): Promise<string | null> {
  const r = await db.selectFrom('programme_settings').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value ?? null;
}

/** Claims a reminder; false when one was already sent (the primary key decides, on both dialects). */
export async function claimReminder(db: Db, r: { planId: number; period: string; kind: 'due_soon' | 'overdue'; now: string }): Promise<boolean> {
  const res = await db
    .insertInto('progress_reminders')
    .values({ plan_id: r.planId, period: r.period, kind: r.kind, sent_at: r.now })
    .onConflict((oc) => oc.columns(['plan_id', 'period', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Whether a job of this kind is waiting to run (pending), or with orRunning also running. */
export async function hasPendingJob(db: Db, kind: string, options: { orRunning?: boolean } = {}): Promise<boolean> {
  const r = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where('status', 'in', options.orRunning ? ['pending', 'running'] : ['pending'])
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

export type QueueRow = ReportRow & { planTitle: string; agencyName: string };

/** Reports in some states with their plan and agency, oldest submission first. */
export async function listReportsByStatus(db: Db, statuses: readonly ProgressReportStatus[], page: { limit: number; offset: number }): Promise<{ rows: QueueRow[]; total: number }> {
  const base = db.selectFrom('progress_reports as r').innerJoin('plans as p', 'p.id', 'r.plan_id').innerJoin('agencies as a', 'a.id', 'r.agency_id').where('r.status', 'in', [...statuses]);
  const rows = await base
    .select([...reportColumns, 'p.title as plan_title', 'a.name as agency_name'])
    .orderBy(sql`coalesce(r.submitted_at, r.updated_at)`)
    .orderBy('r.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows: rows.map((r) => ({ ...toReport(r as RawReport), planTitle: r.plan_title, agencyName: r.agency_name })), total: Number(total.n) };
}

/** Whether an error is the unique constraint on (plan_id, period) refusing a second report for a quarter. */
export function isReportClash(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23505') return String(e.constraint ?? e.message ?? '').includes('progress_reports');
  return typeof e?.message === 'string' && e.message.includes('UNIQUE') && e.message.includes('progress_reports.');
}

/** Whether the demo's reports have been seeded. */
export async function hasDemoReports(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('progress_reports').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst());
}

/** Marks the demo's funded plans and their reports as demo rows (shown with «نمونه»). */
export async function markDemoReports(db: Db, planIds: readonly number[]): Promise<void> {
  if (planIds.length === 0) return;
  await db.updateTable('plans').set({ is_demo: 1 }).where('id', 'in', [...planIds]).execute();
  await db.updateTable('progress_reports').set({ is_demo: 1 }).where('plan_id', 'in', [...planIds]).execute();
}
