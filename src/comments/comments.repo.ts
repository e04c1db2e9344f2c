import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { CommentStatus, CommentSubjectType, ReportReason } from './comments.tables.ts';

export type SubjectRef = { type: CommentSubjectType; id: number };

export type CommentRow = {
  id: number;
  subject_type: CommentSubjectType;
  subject_id: number;
  parent_id: number | null;
  root_id: number | null;
  depth: number;
  author_id: number;
  body: string;
  status: CommentStatus;
  reasons: string;
  scores: string;
  moderator_note: string | null;
  decided_by: number | null;
  decided_at: string | null;
  report_count: number;
  reply_count: number;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  published_at: string | null;
};

const columns = [
  'id', 'subject_type', 'subject_id', 'parent_id', 'root_id', 'depth', 'author_id', 'body', 'status', 'reasons', 'scores',
  'moderator_note', 'decided_by', 'decided_at', 'report_count', 'reply_count', 'created_at', 'updated_at', 'edited_at',
  'published_at',
] as const;

/** Statuses whose comments still take part in a conversation (count as replies, block edits). */
export const liveStatuses: readonly CommentStatus[] = ['pending', 'published', 'held'];

export async function findComment(db: Db, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').select(columns).where('id', '=', id).executeTakeFirst() as Promise<CommentRow | undefined>;
}

export async function findComments(db: Db, ids: readonly number[]): Promise<CommentRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('comments').select(columns).where('id', 'in', ids).orderBy('id').execute() as Promise<CommentRow[]>;
}

export async function insertComment(
  db: Db,
  c: {
    subject: SubjectRef; parentId: number | null; rootId: number | null; depth: number; authorId: number; body: string;
    status: CommentStatus; reasons: string; scores: string; ipHash: string | null; isDemo?: boolean; now: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values({
      subject_type: c.subject.type, subject_id: c.subject.id, parent_id: c.parentId, root_id: c.rootId, depth: c.depth,
      author_id: c.authorId, body: c.body, status: c.status, reasons: c.reasons, scores: c.scores, ip_hash: c.ipHash,
      is_demo: c.isDemo ? 1 : 0, created_at: c.now, updated_at: c.now, published_at: c.status === 'published' ? c.now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A top-level comment is the root of its own thread.
  if (c.rootId === null) await db.updateTable('comments').set({ root_id: row.id }).where('id', '=', row.id).execute();
  return row.id;
}

export async function updateComment(
  db: Db,
  id: number,
  patch: Partial<Pick<CommentRow, 'body' | 'status' | 'reasons' | 'scores' | 'moderator_note' | 'decided_by' | 'decided_at' | 'edited_at' | 'published_at' | 'report_count'>> & { updated_at: string },
): Promise<void> {
  await db.updateTable('comments').set(patch).where('id', '=', id).execute();
}

export async function adjustReplyCount(db: Db, id: number, delta: 1 | -1): Promise<void> {
  await db.updateTable('comments').set({ reply_count: sql`reply_count + ${delta}` }).where('id', '=', id).execute();
}

export async function incrementReportCount(db: Db, id: number): Promise<number> {
  const row = await db
    .updateTable('comments')
    .set({ report_count: sql`report_count + 1` })
    .where('id', '=', id)
    .returning('report_count')
    .executeTakeFirstOrThrow();
  return Number(row.report_count);
}

export async function replaceReasons(db: Db, id: number, codes: readonly string[]): Promise<void> {
  await db.deleteFrom('comment_reasons').where('comment_id', '=', id).execute();
  const unique = [...new Set(codes)];
  if (unique.length) await db.insertInto('comment_reasons').values(unique.map((code) => ({ comment_id: id, code }))).execute();
}

/** Whether anyone is still replying to this comment (published, held or waiting). */
export async function hasLiveReplies(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('comments').select('id').where('parent_id', '=', id).where('status', 'in', liveStatuses).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** What the trust, rate-limit and repeat phases need to know about the author, in two statements. */
export async function authorHistory(
  db: Db,
  authorId: number,
  since: { rate: string; repeat: string },
): Promise<{ approvedCount: number; recentCount: number; recentTexts: string[] }> {
  const counts = await db
    .selectFrom('comments')
    .select([
      sql<number>`sum(case when status = 'published' or (status in ('hidden','deleted') and published_at is not null) then 1 else 0 end)`.as('approved'),
      sql<number>`sum(case when created_at >= ${since.rate} then 1 else 0 end)`.as('recent'),
    ])
    .where('author_id', '=', authorId)
    .executeTakeFirst();
  const texts = await db
    .selectFrom('comments')
    .select('body')
    .where('author_id', '=', authorId)
    .where('created_at', '>=', since.repeat)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return {
    approvedCount: Number(counts?.approved ?? 0),
    recentCount: Number(counts?.recent ?? 0),
    recentTexts: texts.map((r) => r.body),
  };
}

export async function countRecentFromIp(db: Db, ipHash: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip_hash', '=', ipHash)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---- blocks ---------------------------------------------------------------------------------------

export type BlockRow = { id: number; user_id: number; until: string; reason: string; created_at: string };

export async function activeBlock(db: Db, userId: number, now: string): Promise<BlockRow | undefined> {
  return db
    .selectFrom('comment_blocks')
    .select(['id', 'user_id', 'until', 'reason', 'created_at'])
    .where('user_id', '=', userId)
    .where('until', '>', now)
    .where('lifted_at', 'is', null)
    .orderBy('until', 'desc')
    .executeTakeFirst();
}

export async function insertBlock(db: Db, b: { userId: number; until: string; reason: string; createdBy: number; now: string }): Promise<number> {
  const row = await db
    .insertInto('comment_blocks')
    .values({ user_id: b.userId, until: b.until, reason: b.reason, created_by: b.createdBy, created_at: b.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function liftBlock(db: Db, id: number, now: string): Promise<number> {
  const r = await db.updateTable('comment_blocks').set({ lifted_at: now }).where('id', '=', id).where('lifted_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listActiveBlocks(db: Db, now: string): Promise<(BlockRow & { user_name: string; user_mobile: string | null })[]> {
  return db
    .selectFrom('comment_blocks as b')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .select(['b.id', 'b.user_id', 'b.until', 'b.reason', 'b.created_at', 'u.name as user_name', 'u.mobile as user_mobile'])
    .where('b.until', '>', now)
    .where('b.lifted_at', 'is', null)
    .orderBy('b.until')
    .limit(200)
    .execute();
}

// ---- reports --------------------------------------------------------------------------------------

/** Records a report; false when this person already reported this comment. */
export async function insertReport(db: Db, r: { commentId: number; reporterId: number; reason: ReportReason; note: string | null; now: string }): Promise<boolean> {
  const res = await db
    .insertInto('comment_reports')
    .values({ comment_id: r.commentId, reporter_id: r.reporterId, reason: r.reason, note: r.note, created_at: r.now })
    .onConflict((oc) => oc.columns(['comment_id', 'reporter_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function resolveReports(db: Db, commentId: number, now: string): Promise<void> {
  await db.updateTable('comment_reports').set({ resolved_at: now }).where('comment_id', '=', commentId).where('resolved_at', 'is', null).execute();
}

export type ReportRow = { comment_id: number; reason: ReportReason; note: string | null; created_at: string; resolved_at: string | null };

export async function reportsOf(db: Db, commentIds: readonly number[]): Promise<ReportRow[]> {
  if (!commentIds.length) return [];
  return db
    .selectFrom('comment_reports')
    .select(['comment_id', 'reason', 'note', 'created_at', 'resolved_at'])
    .where('comment_id', 'in', commentIds)
    .orderBy('id')
    .execute();
}

// ---- labelled examples ----------------------------------------------------------------------------

export async function insertExample(db: Db, e: { commentId: number; text: string; label: 'offensive' | 'clean'; decidedBy: number; now: string }): Promise<void> {
  await db.insertInto('moderation_examples').values({ comment_id: e.commentId, text: e.text, label: e.label, decided_by: e.decidedBy, created_at: e.now }).execute();
}

/** Forgets earlier labels of a comment (a later decision for a rule that says nothing about offensiveness). */
export async function deleteExamplesOf(db: Db, commentId: number): Promise<void> {
  await db.deleteFrom('moderation_examples').where('comment_id', '=', commentId).execute();
}

/** Every labelled example, oldest first; the latest decision on a comment wins. */
export async function listExamples(db: Db): Promise<{ comment_id: number | null; text: string; label: 'offensive' | 'clean'; created_at: string }[]> {
  return db.selectFrom('moderation_examples').select(['comment_id', 'text', 'label', 'created_at']).orderBy('id').execute();
}

// ---- threads --------------------------------------------------------------------------------------

export type ThreadRow = CommentRow & { author_name: string };

/** Comments of a thread page someone may see: published ones, their own waiting ones, and removed ones that still have replies (as placeholders). */
function visibleTo(viewerId: number | null) {
  return sql<boolean>`(c.status = 'published' or (c.status in ('hidden','deleted','rejected') and c.reply_count > 0)${
    viewerId === null ? sql`` : sql` or (c.author_id = ${viewerId} and c.status in ('pending','held'))`
  })`;
}

/**
 * One page of top-level comments with all their visible replies, in one statement: the roots are
 * chosen by a limited subquery, their replies come along through root_id.
 */
export async function threadPage(
  db: Db,
  subject: SubjectRef,
  viewerId: number | null,
  order: 'newest' | 'oldest',
  page: { limit: number; offset: number },
): Promise<ThreadRow[]> {
  const roots = db
    .selectFrom('comments as c')
    .select('c.id')
    .where('c.subject_type', '=', subject.type)
    .where('c.subject_id', '=', subject.id)
    .where('c.depth', '=', 0)
    .where(visibleTo(viewerId))
    .orderBy('c.id', order === 'newest' ? 'desc' : 'asc')
    .limit(page.limit)
    .offset(page.offset);
  // Joined rather than `root_id in (…)`: with the status condition beside an IN list, SQLite
  // chose the status index and read every published comment of the site (bench/COMMENTS.md).
  return db
    .selectFrom(roots.as('r'))
    .innerJoin('comments as c', 'c.root_id', 'r.id')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(columns.map((col) => `c.${col}` as const))
    .select('u.name as author_name')
    .where(visibleTo(viewerId))
    .orderBy('c.id')
    .execute() as Promise<ThreadRow[]>;
}

/** Top-level comments a visitor can page through, and published comments in all. */
export async function threadCounts(db: Db, subject: SubjectRef, viewerId: number | null): Promise<{ roots: number; published: number }> {
  const row = await db
    .selectFrom('comments as c')
    .select([
      sql<number>`sum(case when c.depth = 0 and ${visibleTo(viewerId)} then 1 else 0 end)`.as('roots'),
      sql<number>`sum(case when c.status = 'published' then 1 else 0 end)`.as('published'),
    ])
    .where('c.subject_type', '=', subject.type)
    .where('c.subject_id', '=', subject.id)
    .executeTakeFirst();
  return { roots: Number(row?.roots ?? 0), published: Number(row?.published ?? 0) };
}

/** Published comments per subject, for lists that show a count next to each item. */
export async function publishedCounts(db: Db, type: CommentSubjectType, ids: readonly number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('comments')
    .select(['subject_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('subject_type', '=', type)
    .where('subject_id', 'in', ids)
    .where('status', '=', 'published')
    .groupBy('subject_id')
    .execute();
  return new Map(rows.map((r) => [r.subject_id, Number(r.n)]));
}

// ---- the author's own comments --------------------------------------------------------------------

export async function commentsByAuthor(db: Db, authorId: number, page: { limit: number; offset: number }): Promise<{ rows: CommentRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.selectFrom('comments').select(columns).where('author_id', '=', authorId).orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('author_id', '=', authorId).executeTakeFirst(),
  ]);
  return { rows: rows as CommentRow[], total: Number(count?.n ?? 0) };
}

// ---- the moderation queue -------------------------------------------------------------------------

export type QueueFilter = {
  /** held: waiting after the pipeline; hidden: hidden by reports or a moderator; reported: published with open reports; rejected: refused. */
  view: 'held' | 'hidden' | 'reported' | 'rejected';
  reason: string | null;
  subject: SubjectRef | null;
};

export type QueueRow = CommentRow & { author_name: string; author_mobile: string | null; parent_body: string | null };

function queueQuery(db: Db, f: QueueFilter) {
  let q = db.selectFrom('comments as c');
  q = f.view === 'held' ? q.where('c.status', 'in', ['held', 'pending'])
    : f.view === 'hidden' ? q.where('c.status', '=', 'hidden')
      : f.view === 'rejected' ? q.where('c.status', '=', 'rejected')
        : q.where('c.status', '=', 'published').where('c.id', 'in', (eb) => eb.selectFrom('comment_reports').select('comment_id').where('resolved_at', 'is', null));
  if (f.reason) {
    const code = f.reason;
    q = q.where('c.id', 'in', (eb) => eb.selectFrom('comment_reasons').select('comment_id').where('code', '=', code));
  }
  if (f.subject) q = q.where('c.subject_type', '=', f.subject.type).where('c.subject_id', '=', f.subject.id);
  return q;
}

export async function queuePage(db: Db, f: QueueFilter, page: { limit: number; offset: number }): Promise<{ rows: QueueRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    queueQuery(db, f)
      .innerJoin('users as u', 'u.id', 'c.author_id')
      .leftJoin('comments as p', 'p.id', 'c.parent_id')
      .select(columns.map((col) => `c.${col}` as const))
      .select(['u.name as author_name', 'u.mobile as author_mobile', 'p.body as parent_body'])
      // Oldest waiting first: the queue is worked in arrival order.
      .orderBy('c.id', f.view === 'rejected' ? 'desc' : 'asc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    queueQuery(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows: rows as QueueRow[], total: Number(count?.n ?? 0) };
}

/** How many comments wait in each view of the queue. */
export async function queueCounts(db: Db): Promise<Record<QueueFilter['view'], number>> {
  const row = await db
    .selectFrom('comments as c')
    .select([
      sql<number>`sum(case when c.status in ('held','pending') then 1 else 0 end)`.as('held'),
      sql<number>`sum(case when c.status = 'hidden' then 1 else 0 end)`.as('hidden'),
      sql<number>`sum(case when c.status = 'rejected' then 1 else 0 end)`.as('rejected'),
      sql<number>`sum(case when c.status = 'published' and exists (select 1 from comment_reports r where r.comment_id = c.id and r.resolved_at is null) then 1 else 0 end)`.as('reported'),
    ])
    .executeTakeFirst();
  return { held: Number(row?.held ?? 0), hidden: Number(row?.hidden ?? 0), reported: Number(row?.reported ?? 0), rejected: Number(row?.rejected ?? 0) };
}

export async function statusCounts(db: Db): Promise<{ status: CommentStatus; n: number }[]> {
  const rows = await db.selectFrom('comments').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

export async function reasonCounts(db: Db): Promise<{ code: string; n: number }[]> {
  const rows = await db.selectFrom('comment_reasons').select(['code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('code').execute();
  return rows.map((r) => ({ code: r.code, n: Number(r.n) }));
}

/** The latest human decisions (creation and decision times), for the median time to decision. */
export async function recentDecisionTimes(db: Db, limit = 1000): Promise<{ created_at: string; decided_at: string }[]> {
  return db
    .selectFrom('comments')
    .select(['created_at', 'decided_at'])
    .where('decided_by', 'is not', null)
    .where('decided_at', 'is not', null)
    .orderBy('decided_at', 'desc')
    .limit(limit)
    .execute() as Promise<{ created_at: string; decided_at: string }[]>;
}

export async function usersByIds(db: Db, ids: readonly number[]): Promise<{ id: number; name: string; email: string | null }[]> {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids).execute();
}

export async function markCommentsDemo(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.updateTable('comments').set({ is_demo: 1 }).where('id', 'in', ids).execute();
}

export async function hasDemoComments(db: Db): Promise<boolean> {
  return (await db.selectFrom('comments').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()) !== undefined;
}
