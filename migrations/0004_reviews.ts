import { sql, type Kysely } from 'kysely';
import { withId } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stamp = (c: any) => c.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  // A call's rubric and review settings; a call without a row uses the default rubric.
  await db.schema
    .createTable('call_review_settings')
    .addColumn('call_id', 'integer', (c) => c.primaryKey().references('calls.id').onDelete('cascade'))
    /** JSON: the rubric (blocks with weights and criteria). */
    .addColumn('rubric', 'text', (c) => c.notNull())
    /** Plans above this requested amount need three reviewers instead of two. */
    .addColumn('three_reviewers_above_rials', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', stamp)
    .execute();

  // Who reviews: academics (university, faculty, field) and council staff, with the agencies they
  // declare a conflict of interest with.
  await db.schema
    .createTable('reviewer_profiles')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('academic','council_staff')`))
    .addColumn('university', 'text')
    .addColumn('faculty', 'text')
    .addColumn('field', 'text')
    /** JSON array of agency ids the reviewer declared a conflict of interest with. */
    .addColumn('conflict_agency_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', stamp)
    .execute();

  // DESIGN.md review lifecycle: assigned → declined | in_progress → submitted.
  await withId(db, db.schema.createTable('review_assignments'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('assigned','declined','in_progress','submitted')`))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_at', 'text', stamp)
    .addColumn('responded_at', 'text')
    .addColumn('decline_reason', 'text')
    /** The reviewer declared a conflict of interest when answering (blocks the assignment). */
    .addColumn('conflict_declared', 'integer', (c) => c.notNull().defaultTo(0).check(sql`conflict_declared in (0,1)`))
    .addColumn('reminded_at', 'text')
    .addColumn('overdue_notified_at', 'text')
    .addUniqueConstraint('review_assignments_once', ['plan_id', 'reviewer_id'])
    .execute();
  await db.schema.createIndex('review_assignments_reviewer_idx').on('review_assignments').columns(['reviewer_id', 'status']).execute();
  await db.schema.createIndex('review_assignments_due_idx').on('review_assignments').columns(['status', 'due_at']).execute();

  await db.schema
    .createTable('reviews')
    .addColumn('assignment_id', 'integer', (c) => c.primaryKey().references('review_assignments.id').onDelete('cascade'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id').onDelete('restrict'))
    /** JSON: { [criterionKey]: { score: 0..5 | null (N/A), comment } }. */
    .addColumn('scores', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('recommendation', 'text', (c) => c.check(sql`recommendation in ('yes','maybe','no')`))
    .addColumn('comment', 'text')
    .addColumn('is_draft', 'integer', (c) => c.notNull().defaultTo(1).check(sql`is_draft in (0,1)`))
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('updated_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('reviews_plan_idx').on('reviews').columns(['plan_id', 'is_draft']).execute();

  await withId(db, db.schema.createTable('determinations'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('approved','rejected','returned')`))
    .addColumn('reasons', 'text', (c) => c.notNull())
    /** JSON: the aggregated scores the decision was taken on. */
    .addColumn('score_snapshot', 'text', (c) => c.notNull().defaultTo('{}'))
    /** Set when the decision is linked to a council meeting (issue #7). */
    .addColumn('meeting_id', 'integer')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('determinations_plan_idx').on('determinations').columns(['plan_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['determinations', 'reviews', 'review_assignments', 'reviewer_profiles', 'call_review_settings']) {
    await db.schema.dropTable(t).execute();
  }
}
