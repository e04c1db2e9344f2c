// The only SQL of council resolutions and their progress notes.

import { sql } from 'kysely';
import type { Db, Dialect } from '../platform/db/database.ts';
import type { ResolutionStatus } from './resolutions.tables.ts';

/** A resolution as lists show it: with its agency's name and its meeting's title and date. */
export type ResolutionListRow = {
  id: number;
  meeting_id: number;
  number: number;
  text: string;
  agency_id: number;
  agency_name: string;
  /** ISO instant: the end of the deadline's Jalali day in Tehran. */
  deadline_at: string;
  status: ResolutionStatus;
  meeting_title: string;
  meeting_starts_at: string;
};

const activeStatuses: ResolutionStatus[] = ['open', 'in_progress'];

function listQuery(db: Db) {
  return db
    .selectFrom('resolutions as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .select([
      'r.id', 'r.meeting_id', 'r.number', 'r.text', 'r.agency_id', 'a.name as agency_name', 'r.deadline_at', 'r.status',
      'm.title as meeting_title', 'm.starts_at as meeting_starts_at',
    ]);
}

/** A meeting's resolutions in their numbered order. */
export async function resolutionsOfMeeting(db: Db, meetingId: number): Promise<ResolutionListRow[]> {
  return listQuery(db).where('r.meeting_id', '=', meetingId).orderBy('r.number').execute();
}

/** Resolutions still followed up (open or in progress), earliest deadline first: overdue ones lead. */
export async function openResolutions(db: Db): Promise<ResolutionListRow[]> {
  return listQuery(db).where('r.status', 'in', activeStatuses).orderBy('r.deadline_at').orderBy('r.id').execute();
}

export type ResolutionFilter = { status?: ResolutionStatus | 'overdue' | 'active'; agencyId?: number; agencyIds?: readonly number[] };

/**
 * Resolutions for the follow-up pages, filtered in SQL (overdue = active and past the deadline),
 * overdue first, then by deadline, one page at a time.
 */
export async function listResolutions(db: Db, now: string, filter: ResolutionFilter, page: { limit: number; offset?: number }): Promise<ResolutionListRow[]> {
  let q = listQuery(db);
  if (filter.agencyId !== undefined) q = q.where('r.agency_id', '=', filter.agencyId);
  if (filter.agencyIds !== undefined) {
    if (filter.agencyIds.length === 0) return [];
    q = q.where('r.agency_id', 'in', [...filter.agencyIds]);
  }
  if (filter.status === 'overdue') q = q.where('r.status', 'in', activeStatuses).where('r.deadline_at', '<=', now);
  else if (filter.status === 'active') q = q.where('r.status', 'in', activeStatuses);
  else if (filter.status === 'open' || filter.status === 'in_progress') q = q.where('r.status', '=', filter.status).where('r.deadline_at', '>', now);
  else if (filter.status) q = q.where('r.status', '=', filter.status);
  return q
    .orderBy(sql`case when r.status in ('open','in_progress') and r.deadline_at <= ${now} then 0 when r.status in ('open','in_progress') then 1 else 2 end`)
    .orderBy('r.deadline_at')
    .orderBy('r.id')
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
}

export type ResolutionCounts = { open: number; in_progress: number; overdue: number; done: number; cancelled: number; total: number };

/** Counts by displayed state (open and in_progress exclude the overdue), optionally for some agencies. */
export async function countResolutions(db: Db, now: string, filter: { agencyId?: number; agencyIds?: readonly number[] } = {}): Promise<ResolutionCounts> {
  const empty = { open: 0, in_progress: 0, overdue: 0, done: 0, cancelled: 0, total: 0 };
  if (filter.agencyIds !== undefined && filter.agencyIds.length === 0) return empty;
  const row = await db
    .selectFrom('resolutions as r')
    .select([
      sql<number>`sum(case when r.status = 'open' and r.deadline_at > ${now} then 1 else 0 end)`.as('open'),
      sql<number>`sum(case when r.status = 'in_progress' and r.deadline_at > ${now} then 1 else 0 end)`.as('in_progress'),
      sql<number>`sum(case when r.status in ('open','in_progress') and r.deadline_at <= ${now} then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when r.status = 'done' then 1 else 0 end)`.as('done'),
      sql<number>`sum(case when r.status = 'cancelled' then 1 else 0 end)`.as('cancelled'),
      (eb) => eb.fn.countAll<number>().as('total'),
    ])
    .$if(filter.agencyId !== undefined, (q) => q.where('r.agency_id', '=', filter.agencyId!))
    .$if(filter.agencyIds !== undefined, (q) => q.where('r.agency_id', 'in', [...filter.agencyIds!]))
    .executeTakeFirstOrThrow();
  return {
    open: Number(row.open ?? 0), in_progress: Number(row.in_progress ?? 0), overdue: Number(row.overdue ?? 0),
    done: Number(row.done ?? 0), cancelled: Number(row.cancelled ?? 0), total: Number(row.total ?? 0),
  };
}

export type ResolutionRow = ResolutionListRow & {
  status_note: string | null;
  closed_at: string | null;
  reminded_at: string | null;
  overdue_notified_at: string | null;
  created_by: number | null;
  is_demo: 0 | 1;
  created_at: string;
  updated_at: string;
};

export async function findResolution(db: Db, id: number): Promise<ResolutionRow | undefined> {
  return listQuery(db)
    .select(['r.status_note', 'r.closed_at', 'r.reminded_at', 'r.overdue_notified_at', 'r.created_by', 'r.is_demo', 'r.created_at', 'r.updated_at'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export type ResolutionNoteRow = { id: number; body: string; status: ResolutionStatus | null; created_at: string; author_id: number | null; author_name: string | null };

/** A resolution's notes, oldest first (a timeline). */
export async function notesOfResolution(db: Db, resolutionId: number): Promise<ResolutionNoteRow[]> {
  return db
    .selectFrom('resolution_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.body', 'n.status', 'n.created_at', 'n.author_id', 'u.name as author_name'])
    .where('n.resolution_id', '=', resolutionId)
    .orderBy('n.id')
    .execute();
}

export async function findMeetingStart(db: Db, meetingId: number) {
  return db.selectFrom('meetings').select(['id', 'title', 'starts_at']).where('id', '=', meetingId).executeTakeFirst();
}

/**
 * On PostgreSQL, locks the meeting's row until the transaction ends, so resolutions recorded at
 * once for one meeting take their numbers in turn (SQLite already runs one writer at a time).
 */
export async function lockMeetingForNumbering(db: Db, dialect: Dialect, meetingId: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await db.selectFrom('meetings').select('id').where('id', '=', meetingId).forUpdate().execute();
}

/**
 * Inserts a resolution numbered next in its meeting, the number computed in the same statement.
 * Without lockMeetingForNumbering, two inserts at once may pick the same number on PostgreSQL; the
 * unique constraint refuses the second (isNumberClash), and the caller retries.
 */
export async function insertResolution(
  db: Db,
  r: { meetingId: number; text: string; agencyId: number; deadlineAt: string; createdBy: number | null; isDemo: boolean; now: string },
): Promise<{ id: number; number: number }> {
  const row = await db
    .insertInto('resolutions')
    .columns(['meeting_id', 'number', 'text', 'agency_id', 'deadline_at', 'status', 'created_by', 'is_demo', 'created_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('resolutions')
        .select([
          sql<number>`cast(${r.meetingId} as integer)`.as('meeting_id'),
          sql<number>`coalesce(max(number), 0) + 1`.as('number'),
          sql<string>`cast(${r.text} as text)`.as('text'),
          sql<number>`cast(${r.agencyId} as integer)`.as('agency_id'),
          sql<string>`cast(${r.deadlineAt} as text)`.as('deadline_at'),
          sql<ResolutionStatus>`'open'`.as('status'),
          sql<number | null>`cast(${r.createdBy} as integer)`.as('created_by'),
          sql<0 | 1>`cast(${r.isDemo ? 1 : 0} as integer)`.as('is_demo'),
          sql<string>`cast(${r.now} as text)`.as('created_at'),
          sql<string>`cast(${r.now} as text)`.as('updated_at'),
        ])
        .where('meeting_id', '=', r.meetingId),
    )
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), number: Number(row.number) };
}

/** Whether an error is the unique constraint on (meeting_id, number) refusing a duplicate number. */
export function isNumberClash(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23505') return e.constraint === 'resolutions_number';
  return typeof e?.message === 'string' && e.message.includes('UNIQUE') && e.message.includes('resolutions.number');
}

/** Moves a resolution's status only if it is still in the expected one; returns whether it did. */
export async function updateResolutionStatus(
  db: Db,
  id: number,
  from: ResolutionStatus,
  to: { status: ResolutionStatus; note: string | null; closedAt: string | null; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable('resolutions')
    .set({ status: to.status, status_note: to.note, closed_at: to.closedAt, updated_at: to.now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks an active resolution as changed (a note was added); false if it is closed meanwhile. */
export async function touchActiveResolution(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('resolutions').set({ updated_at: now }).where('id', '=', id).where('status', 'in', activeStatuses).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertResolutionNote(
  db: Db,
  n: { resolutionId: number; authorId: number | null; body: string; status: ResolutionStatus | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('resolution_notes')
    .values({ resolution_id: n.resolutionId, author_id: n.authorId, body: n.body, status: n.status, created_at: n.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Active resolutions whose deadline is within `remindBefore` (or past) and still owed a notice. */
export async function resolutionsNeedingNotice(db: Db, remindBefore: string) {
  return db
    .selectFrom('resolutions')
    .select(['id', 'meeting_id', 'number', 'text', 'agency_id', 'deadline_at', 'status', 'reminded_at', 'overdue_notified_at'])
    .where('status', 'in', activeStatuses)
    .where('deadline_at', '<=', remindBefore)
    .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('overdue_notified_at', 'is', null)]))
    .orderBy('deadline_at')
    .orderBy('id')
    .limit(500)
    .execute();
}

/** Stamps a notice only if nobody has: the one guard that makes every notice go out once. */
export async function claimResolutionNotice(db: Db, id: number, column: 'reminded_at' | 'overdue_notified_at', now: string): Promise<boolean> {
  const r = await db.updateTable('resolutions').set({ [column]: now }).where('id', '=', id).where(column, 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The status carried by each resolution's latest note (null: a plain note), for those that have notes. */
export async function latestNoteStatuses(db: Db, resolutionIds: readonly number[]): Promise<Map<number, ResolutionStatus | null>> {
  if (resolutionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('resolution_notes')
    .select(['resolution_id', 'status'])
    .where('id', 'in', (eb) =>
      eb.selectFrom('resolution_notes').select((e) => e.fn.max('id').as('id')).where('resolution_id', 'in', [...resolutionIds]).groupBy('resolution_id'),
    )
    .execute();
  return new Map(rows.map((r) => [r.resolution_id, r.status]));
}

export type AgencyResolutionCounts = { agency_id: number; agency_name: string; active: number; overdue: number; done: number; cancelled: number };

/** Per agency with resolutions: how many are active, overdue, done and cancelled; most overdue first. */
export async function countsByAgency(db: Db, now: string): Promise<AgencyResolutionCounts[]> {
  const rows = await db
    .selectFrom('resolutions as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select([
      'r.agency_id', 'a.name as agency_name', 'a.sort_key',
      sql<number>`sum(case when r.status in ('open','in_progress') then 1 else 0 end)`.as('active'),
      sql<number>`sum(case when r.status in ('open','in_progress') and r.deadline_at <= ${now} then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when r.status = 'done' then 1 else 0 end)`.as('done'),
      sql<number>`sum(case when r.status = 'cancelled' then 1 else 0 end)`.as('cancelled'),
    ])
    .groupBy(['r.agency_id', 'a.name', 'a.sort_key'])
    .execute();
  return rows
    .map((r) => ({
      agency_id: r.agency_id, agency_name: r.agency_name, sort_key: r.sort_key,
      active: Number(r.active ?? 0), overdue: Number(r.overdue ?? 0), done: Number(r.done ?? 0), cancelled: Number(r.cancelled ?? 0),
    }))
    .sort((a, b) => b.overdue - a.overdue || b.active - a.active || (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : 0))
    .map(({ sort_key: _, ...r }) => r);
}
