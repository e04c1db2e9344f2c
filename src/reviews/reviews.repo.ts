import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { Role } from '../accounts/roles.ts';
import type { AssignmentStatus, DeterminationOutcome, Recommendation, ReviewerKind } from './reviews.tables.ts';

// ---- settings -------------------------------------------------------------------------------------

export async function findReviewSettings(db: Db, callId: number) {
  const row = await db.selectFrom('call_review_settings').select(['call_id', 'rubric', 'three_reviewers_above_rials', 'updated_at']).where('call_id', '=', callId).executeTakeFirst();
  return row && { ...row, three_reviewers_above_rials: Number(row.three_reviewers_above_rials) };
}

export async function upsertReviewSettings(db: Db, s: { callId: number; rubric: string; threeAboveRials: number; updatedBy: number; now: string }): Promise<void> {
  await db
    .insertInto('call_review_settings')
    .values({ call_id: s.callId, rubric: s.rubric, three_reviewers_above_rials: s.threeAboveRials, updated_by: s.updatedBy, updated_at: s.now })
    .onConflict((oc) => oc.column('call_id').doUpdateSet({ rubric: s.rubric, three_reviewers_above_rials: s.threeAboveRials, updated_by: s.updatedBy, updated_at: s.now }))
    .execute();
}

// ---- reviewers ------------------------------------------------------------------------------------

/** Roles whose holders may review plans: academic experts and council staff. */
export const reviewerRoles: readonly Role[] = ['expert', 'council_member', 'secretary'];

export type ReviewerRow = {
  id: number;
  name: string;
  email: string | null;
  kind: ReviewerKind | null;
  university: string | null;
  faculty: string | null;
  field: string | null;
  conflict_agency_ids: string | null;
  /** Assignments not yet submitted or declined. */
  open: number;
  submitted: number;
  overdue: number;
};

/** Everyone who may review, with their profile and workload, in one statement. */
export async function listReviewers(db: Db, now: string): Promise<ReviewerRow[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('reviewer_profiles as p', 'p.user_id', 'u.id')
    .leftJoin('review_assignments as a', 'a.reviewer_id', 'u.id')
    .select([
      'u.id', 'u.name', 'u.email', 'p.kind', 'p.university', 'p.faculty', 'p.field', 'p.conflict_agency_ids',
      sql<number>`sum(case when a.status in ('assigned','in_progress') then 1 else 0 end)`.as('open'),
      sql<number>`sum(case when a.status = 'submitted' then 1 else 0 end)`.as('submitted'),
      sql<number>`sum(case when a.status in ('assigned','in_progress') and a.due_at < ${now} then 1 else 0 end)`.as('overdue'),
    ])
    .where('u.status', '=', 'active')
    .where('u.id', 'in', (eb) => eb.selectFrom('user_roles').select('user_id').where('role', 'in', reviewerRoles))
    .groupBy(['u.id', 'u.name', 'u.email', 'p.kind', 'p.university', 'p.faculty', 'p.field', 'p.conflict_agency_ids'])
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ ...r, open: Number(r.open ?? 0), submitted: Number(r.submitted ?? 0), overdue: Number(r.overdue ?? 0) }));
}

export async function findReviewerProfile(db: Db, userId: number) {
  return db.selectFrom('reviewer_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertReviewerProfile(
  db: Db,
  p: { userId: number; kind: ReviewerKind; university: string | null; faculty: string | null; field: string | null; conflictAgencyIds: number[]; now: string },
): Promise<void> {
  const values = {
    kind: p.kind, university: p.university, faculty: p.faculty, field: p.field, conflict_agency_ids: JSON.stringify(p.conflictAgencyIds), updated_at: p.now,
  };
  await db.insertInto('reviewer_profiles').values({ user_id: p.userId, ...values }).onConflict((oc) => oc.column('user_id').doUpdateSet(values)).execute();
}

/** Agencies the person is an officer of (a conflict of interest with their plans). */
export async function officerAgencyIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('agency_officers').select('agency_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.agency_id);
}

// ---- assignments ----------------------------------------------------------------------------------

export type AssignmentRow = {
  id: number;
  plan_id: number;
  reviewer_id: number;
  status: AssignmentStatus;
  due_at: string;
  assigned_at: string;
  responded_at: string | null;
  decline_reason: string | null;
  conflict_declared: 0 | 1;
  reminded_at: string | null;
  overdue_notified_at: string | null;
};

const assignmentColumns = [
  'id', 'plan_id', 'reviewer_id', 'status', 'due_at', 'assigned_at', 'responded_at', 'decline_reason', 'conflict_declared', 'reminded_at', 'overdue_notified_at',
] as const;

export async function findAssignment(db: Db, id: number): Promise<AssignmentRow | undefined> {
  return db.selectFrom('review_assignments').select(assignmentColumns).where('id', '=', id).executeTakeFirst() as Promise<AssignmentRow | undefined>;
}

export async function insertAssignment(db: Db, a: { planId: number; reviewerId: number; dueAt: string; assignedBy: number; now: string }): Promise<number> {
  const row = await db
    .insertInto('review_assignments')
    .values({ plan_id: a.planId, reviewer_id: a.reviewerId, status: 'assigned', due_at: a.dueAt, assigned_by: a.assignedBy, assigned_at: a.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Moves an assignment on only if it is still in the expected state (two tabs cannot both answer). */
export async function setAssignment(
  db: Db,
  id: number,
  from: readonly AssignmentStatus[],
  patch: Partial<Pick<AssignmentRow, 'status' | 'responded_at' | 'decline_reason' | 'conflict_declared' | 'reminded_at' | 'overdue_notified_at' | 'due_at'>>,
): Promise<boolean> {
  const r = await db.updateTable('review_assignments').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function assignmentsOfPlan(db: Db, planId: number): Promise<(AssignmentRow & { reviewer_name: string })[]> {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.reviewer_id')
    .select(assignmentColumns.map((c) => `a.${c}` as const))
    .select('u.name as reviewer_name')
    .where('a.plan_id', '=', planId)
    .orderBy('a.id')
    .execute() as Promise<(AssignmentRow & { reviewer_name: string })[]>;
}

export async function assignmentsOfReviewer(db: Db, reviewerId: number): Promise<(AssignmentRow & { plan_title: string; agency_name: string; requested_rials: number })[]> {
  const rows = await db
    .selectFrom('review_assignments as a')
    .innerJoin('plans as p', 'p.id', 'a.plan_id')
    .innerJoin('agencies as g', 'g.id', 'p.agency_id')
    .select(assignmentColumns.map((c) => `a.${c}` as const))
    .select(['p.title as plan_title', 'g.name as agency_name', 'p.requested_rials'])
    .where('a.reviewer_id', '=', reviewerId)
    .orderBy('a.due_at')
    .execute();
  return rows.map((r) => ({ ...r, requested_rials: Number(r.requested_rials) })) as (AssignmentRow & { plan_title: string; agency_name: string; requested_rials: number })[];
}

/** Assignments still open whose reminder or overdue notice is due. */
export async function assignmentsNeedingNotice(db: Db, now: string, remindBefore: string): Promise<AssignmentRow[]> {
  return db
    .selectFrom('review_assignments')
    .select(assignmentColumns)
    .where('status', 'in', ['assigned', 'in_progress'])
    .where((eb) => eb.or([
      eb.and([eb('due_at', '<=', remindBefore), eb('reminded_at', 'is', null)]),
      eb.and([eb('due_at', '<', now), eb('overdue_notified_at', 'is', null)]),
    ]))
    .orderBy('id')
    .execute() as Promise<AssignmentRow[]>;
}

// ---- reviews --------------------------------------------------------------------------------------

export type ReviewRow = {
  assignment_id: number;
  plan_id: number;
  reviewer_id: number;
  scores: string;
  recommendation: Recommendation | null;
  comment: string | null;
  is_draft: 0 | 1;
  plan_version: number;
  submitted_at: string | null;
  updated_at: string;
};

const reviewColumns = ['assignment_id', 'plan_id', 'reviewer_id', 'scores', 'recommendation', 'comment', 'is_draft', 'plan_version', 'submitted_at', 'updated_at'] as const;

export async function findReview(db: Db, assignmentId: number): Promise<ReviewRow | undefined> {
  return db.selectFrom('reviews').select(reviewColumns).where('assignment_id', '=', assignmentId).executeTakeFirst() as Promise<ReviewRow | undefined>;
}

export async function upsertReview(
  db: Db,
  r: { assignmentId: number; planId: number; reviewerId: number; scores: string; recommendation: Recommendation | null; comment: string | null; isDraft: boolean; planVersion: number; now: string },
): Promise<void> {
  const values = {
    scores: r.scores, recommendation: r.recommendation, comment: r.comment, is_draft: (r.isDraft ? 1 : 0) as 0 | 1, plan_version: r.planVersion,
    submitted_at: r.isDraft ? null : r.now, updated_at: r.now,
  };
  await db
    .insertInto('reviews')
    .values({ assignment_id: r.assignmentId, plan_id: r.planId, reviewer_id: r.reviewerId, ...values })
    .onConflict((oc) => oc.column('assignment_id').doUpdateSet(values))
    .execute();
}

/** Submitted reviews of a plan with their reviewers' names (names are for programme staff only). */
export async function submittedReviews(db: Db, planId: number): Promise<(ReviewRow & { reviewer_name: string })[]> {
  return db
    .selectFrom('reviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewer_id')
    .select(reviewColumns.map((c) => `r.${c}` as const))
    .select('u.name as reviewer_name')
    .where('r.plan_id', '=', planId)
    .where('r.is_draft', '=', 0)
    .orderBy('r.submitted_at')
    .execute() as Promise<(ReviewRow & { reviewer_name: string })[]>;
}

export async function submittedReviewsOfPlans(db: Db, planIds: readonly number[]): Promise<ReviewRow[]> {
  if (!planIds.length) return [];
  return db.selectFrom('reviews').select(reviewColumns).where('plan_id', 'in', planIds).where('is_draft', '=', 0).execute() as Promise<ReviewRow[]>;
}

// ---- the secretariat's list -----------------------------------------------------------------------

export type PlanInReviewRow = {
  id: number;
  title: string;
  call_id: number;
  agency_id: number;
  agency_name: string;
  requested_rials: number;
  status: string;
  assigned: number;
  submitted: number;
  declined: number;
};

/** Plans in review (or decided) with their assignment counts, one statement. */
export async function plansForReview(db: Db, statuses: readonly string[]): Promise<PlanInReviewRow[]> {
  const rows = await db
    .selectFrom('plans as p')
    .innerJoin('agencies as g', 'g.id', 'p.agency_id')
    .leftJoin('review_assignments as a', 'a.plan_id', 'p.id')
    .select([
      'p.id', 'p.title', 'p.call_id', 'p.agency_id', 'g.name as agency_name', 'p.requested_rials', 'p.status',
      sql<number>`sum(case when a.status in ('assigned','in_progress','submitted') then 1 else 0 end)`.as('assigned'),
      sql<number>`sum(case when a.status = 'submitted' then 1 else 0 end)`.as('submitted'),
      sql<number>`sum(case when a.status = 'declined' then 1 else 0 end)`.as('declined'),
    ])
    .where('p.status', 'in', statuses as never)
    .groupBy(['p.id', 'p.title', 'p.call_id', 'p.agency_id', 'g.name', 'p.requested_rials', 'p.status'])
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    ...r, requested_rials: Number(r.requested_rials), assigned: Number(r.assigned ?? 0), submitted: Number(r.submitted ?? 0), declined: Number(r.declined ?? 0),
  }));
}

// ---- determinations -------------------------------------------------------------------------------

export async function insertDetermination(
  db: Db,
  d: { planId: number; outcome: DeterminationOutcome; reasons: string; scoreSnapshot: string; decidedBy: number; meetingId?: number | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('determinations')
    .values({ plan_id: d.planId, outcome: d.outcome, reasons: d.reasons, score_snapshot: d.scoreSnapshot, meeting_id: d.meetingId ?? null, decided_by: d.decidedBy, decided_at: d.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function determinationsOfPlan(db: Db, planId: number) {
  return db
    .selectFrom('determinations')
    .select(['id', 'outcome', 'reasons', 'score_snapshot', 'decided_at', 'meeting_id'])
    .where('plan_id', '=', planId)
    .orderBy('id', 'desc')
    .execute();
}

export async function usersWithEmail(db: Db, ids: readonly number[]): Promise<{ id: number; name: string; email: string | null }[]> {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids).execute();
}

/** Stamps a notice time only if it was not stamped yet; false when another sweep got there first. */
export async function claimNotice(db: Db, id: number, column: 'reminded_at' | 'overdue_notified_at', now: string): Promise<boolean> {
  const r = await db.updateTable('review_assignments').set({ [column]: now }).where('id', '=', id).where(column, 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
