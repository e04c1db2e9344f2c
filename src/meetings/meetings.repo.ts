// The only SQL of council meetings: the meeting, its members and invited agencies, its agenda,
// attachments, and what other modules record in it (determinations), plus the few reads the
// meeting page needs from elsewhere (staff to pick, suggestions for the agenda).

import type { Db } from '../platform/db/database.ts';
import type { AgendaKind, MeetingStatus } from './meetings.tables.ts';

// ---- meetings -------------------------------------------------------------------------------------

export type MeetingRow = {
  id: number;
  title: string;
  starts_at: string;
  venue: string;
  chair: string;
  minutes: string;
  public_summary: string;
  status: MeetingStatus;
  published_at: string | null;
  created_by: number | null;
  is_demo: 0 | 1;
  created_at: string;
  updated_at: string;
};

const meetingColumns = [
  'id', 'title', 'starts_at', 'venue', 'chair', 'minutes', 'public_summary', 'status', 'published_at', 'created_by', 'is_demo', 'created_at', 'updated_at',
] as const;

export async function findMeeting(db: Db, id: number): Promise<MeetingRow | undefined> {
  return db.selectFrom('meetings').select(meetingColumns).where('id', '=', id).executeTakeFirst();
}

export async function insertMeeting(
  db: Db,
  m: { title: string; startsAt: string; venue: string; chair: string; createdBy: number | null; isDemo?: boolean; now: string },
): Promise<number> {
  const row = await db
    .insertInto('meetings')
    .values({
      title: m.title, starts_at: m.startsAt, venue: m.venue, chair: m.chair, created_by: m.createdBy, is_demo: m.isDemo ? 1 : 0,
      published_at: null, created_at: m.now, updated_at: m.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateMeetingDetails(db: Db, id: number, m: { title: string; startsAt: string; venue: string; chair: string; now: string }): Promise<void> {
  await db.updateTable('meetings').set({ title: m.title, starts_at: m.startsAt, venue: m.venue, chair: m.chair, updated_at: m.now }).where('id', '=', id).execute();
}

export async function setMinutes(db: Db, id: number, minutes: string, now: string): Promise<void> {
  await db.updateTable('meetings').set({ minutes, updated_at: now }).where('id', '=', id).execute();
}

export async function setPublicSummary(db: Db, id: number, summary: string, now: string): Promise<void> {
  await db.updateTable('meetings').set({ public_summary: summary, updated_at: now }).where('id', '=', id).execute();
}

/** Moves the status only if it is still `from`; false when someone else moved it first. */
export async function moveMeetingStatus(db: Db, id: number, from: MeetingStatus, to: MeetingStatus, now: string): Promise<boolean> {
  const r = await db
    .updateTable('meetings')
    .set({ status: to, updated_at: now, ...(to === 'published' ? { published_at: now } : {}) })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type MeetingListRow = Pick<MeetingRow, 'id' | 'title' | 'starts_at' | 'venue' | 'status' | 'is_demo'> & { resolutions: number };

/**
 * The secretariat's list: upcoming meetings (soonest first) and then a page of past ones (latest
 * first), each with its number of resolutions, in one statement per part.
 */
export async function listMeetings(db: Db, now: string, part: 'upcoming' | 'past', page: { limit: number; offset: number }): Promise<MeetingListRow[]> {
  const rows = await db
    .selectFrom('meetings as m')
    .select([
      'm.id', 'm.title', 'm.starts_at', 'm.venue', 'm.status', 'm.is_demo',
      (eb) => eb.selectFrom('resolutions as r').select((e) => e.fn.countAll<number>().as('n')).whereRef('r.meeting_id', '=', 'm.id').as('resolutions'),
    ])
    .where('m.starts_at', part === 'upcoming' ? '>=' : '<', now)
    .orderBy('m.starts_at', part === 'upcoming' ? 'asc' : 'desc')
    .orderBy('m.id', part === 'upcoming' ? 'asc' : 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ ...r, resolutions: Number(r.resolutions ?? 0) }));
}

export async function countMeetings(db: Db, now: string, part: 'upcoming' | 'past'): Promise<number> {
  const r = await db.selectFrom('meetings').select((eb) => eb.fn.countAll<number>().as('n')).where('starts_at', part === 'upcoming' ? '>=' : '<', now).executeTakeFirstOrThrow();
  return Number(r.n);
}

export type PublishedMeetingRow = Pick<MeetingRow, 'id' | 'title' | 'starts_at' | 'venue' | 'is_demo'> & { total: number };

/** A page of published meetings, latest first, with the number published, in one statement. */
export async function listPublishedMeetings(db: Db, page: { limit: number; offset: number }): Promise<PublishedMeetingRow[]> {
  const rows = await db
    .selectFrom('meetings as m')
    .select([
      'm.id', 'm.title', 'm.starts_at', 'm.venue', 'm.is_demo',
      (eb) => eb.selectFrom('meetings as c').select((e) => e.fn.countAll<number>().as('n')).where('c.status', '=', 'published').as('total'),
    ])
    .where('m.status', '=', 'published')
    .orderBy('m.starts_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ ...r, total: Number(r.total ?? 0) }));
}

/** Meetings a determination can name: the latest first. */
export async function meetingChoices(db: Db, limit = 30) {
  return db.selectFrom('meetings').select(['id', 'title', 'starts_at', 'status']).orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countDemoMeetings(db: Db): Promise<number> {
  const r = await db.selectFrom('meetings').select((eb) => eb.fn.countAll<number>().as('n')).where('is_demo', '=', 1).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countAllMeetings(db: Db): Promise<number> {
  const r = await db.selectFrom('meetings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- members ----------------------------------------------------------------------------------------

export type MemberRow = { id: number; meeting_id: number; user_id: number | null; name: string; role: string; attended: 0 | 1 | null };

export async function membersOf(db: Db, meetingId: number): Promise<MemberRow[]> {
  return db.selectFrom('meeting_members').select(['id', 'meeting_id', 'user_id', 'name', 'role', 'attended']).where('meeting_id', '=', meetingId).orderBy('id').execute();
}

export async function insertMember(db: Db, m: { meetingId: number; userId: number | null; name: string; role: string }): Promise<number> {
  const row = await db
    .insertInto('meeting_members')
    .values({ meeting_id: m.meetingId, user_id: m.userId, name: m.name, role: m.role, attended: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function deleteMember(db: Db, meetingId: number, memberId: number): Promise<boolean> {
  const r = await db.deleteFrom('meeting_members').where('id', '=', memberId).where('meeting_id', '=', meetingId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function setMemberAttendance(db: Db, meetingId: number, memberId: number, attended: 0 | 1): Promise<void> {
  await db.updateTable('meeting_members').set({ attended }).where('id', '=', memberId).where('meeting_id', '=', meetingId).execute();
}

/** Active council members and secretariat staff, to pick as members. */
export async function councilStaff(db: Db): Promise<{ id: number; name: string; role: string }[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'r.role'])
    .where('r.role', 'in', ['council_member', 'secretary'])
    .where('u.status', '=', 'active')
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  const seen = new Map<number, { id: number; name: string; role: string }>();
  for (const r of rows) if (!seen.has(r.id)) seen.set(r.id, { id: r.id, name: r.name || r.email || String(r.id), role: r.role });
  return [...seen.values()];
}

// ---- invited agencies ----------------------------------------------------------------------------------

export type MeetingAgencyRow = { agency_id: number; name: string; representative: string; attended: 0 | 1 | null; is_demo: 0 | 1 };

export async function agenciesOf(db: Db, meetingId: number): Promise<MeetingAgencyRow[]> {
  return db
    .selectFrom('meeting_agencies as ma')
    .innerJoin('agencies as a', 'a.id', 'ma.agency_id')
    .select(['ma.agency_id', 'a.name', 'ma.representative', 'ma.attended', 'a.is_demo'])
    .where('ma.meeting_id', '=', meetingId)
    .orderBy('a.sort_key')
    .execute();
}

/** Invites an agency; false when it was already invited. */
export async function insertMeetingAgency(db: Db, meetingId: number, agencyId: number, representative: string): Promise<boolean> {
  const r = await db
    .insertInto('meeting_agencies')
    .values({ meeting_id: meetingId, agency_id: agencyId, representative, attended: null })
    .onConflict((oc) => oc.columns(['meeting_id', 'agency_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteMeetingAgency(db: Db, meetingId: number, agencyId: number): Promise<boolean> {
  const r = await db.deleteFrom('meeting_agencies').where('meeting_id', '=', meetingId).where('agency_id', '=', agencyId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function setAgencyAttendance(db: Db, meetingId: number, agencyId: number, attended: 0 | 1, representative: string): Promise<void> {
  await db.updateTable('meeting_agencies').set({ attended, representative }).where('meeting_id', '=', meetingId).where('agency_id', '=', agencyId).execute();
}

// ---- agenda -------------------------------------------------------------------------------------------

export type AgendaRow = { id: number; meeting_id: number; position: number; kind: AgendaKind; ref_id: number | null; title: string; notes: string };

export async function agendaOf(db: Db, meetingId: number): Promise<AgendaRow[]> {
  return db
    .selectFrom('meeting_agenda_items')
    .select(['id', 'meeting_id', 'position', 'kind', 'ref_id', 'title', 'notes'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Appends an item at the end of the agenda. */
export async function insertAgendaItem(db: Db, a: { meetingId: number; kind: AgendaKind; refId: number | null; title: string; notes: string }): Promise<number> {
  const last = await db
    .selectFrom('meeting_agenda_items')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('meeting_id', '=', a.meetingId)
    .executeTakeFirst();
  const row = await db
    .insertInto('meeting_agenda_items')
    .values({ meeting_id: a.meetingId, position: Number(last?.p ?? 0) + 1, kind: a.kind, ref_id: a.refId, title: a.title, notes: a.notes })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function deleteAgendaItem(db: Db, meetingId: number, itemId: number): Promise<boolean> {
  const r = await db.deleteFrom('meeting_agenda_items').where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Writes the agenda's order: positions 1…n in the order of the ids given. */
export async function setAgendaOrder(db: Db, meetingId: number, ids: readonly number[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await db.updateTable('meeting_agenda_items').set({ position: i + 1 }).where('id', '=', id).where('meeting_id', '=', meetingId).execute();
  }
}

// ---- attachments ----------------------------------------------------------------------------------------

export type MeetingAttachmentRow = {
  id: number; meeting_id: number; file_name: string; storage_key: string; content_type: string; size: number; is_public: 0 | 1; uploaded_at: string;
};

const attachmentColumns = ['id', 'meeting_id', 'file_name', 'storage_key', 'content_type', 'size', 'is_public', 'uploaded_at'] as const;

export async function attachmentsOf(db: Db, meetingId: number, publicOnly = false): Promise<MeetingAttachmentRow[]> {
  const rows = await db
    .selectFrom('meeting_attachments')
    .select(attachmentColumns)
    .where('meeting_id', '=', meetingId)
    .$if(publicOnly, (q) => q.where('is_public', '=', 1))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, size: Number(r.size) }));
}

export async function findMeetingAttachment(db: Db, meetingId: number, id: number): Promise<MeetingAttachmentRow | undefined> {
  const r = await db.selectFrom('meeting_attachments').select(attachmentColumns).where('id', '=', id).where('meeting_id', '=', meetingId).executeTakeFirst();
  return r && { ...r, size: Number(r.size) };
}

export async function insertMeetingAttachment(
  db: Db,
  a: { meetingId: number; fileName: string; storageKey: string; contentType: string; size: number; sha256: string; isPublic: boolean; uploadedBy: number; now: string },
): Promise<number> {
  const row = await db
    .insertInto('meeting_attachments')
    .values({
      meeting_id: a.meetingId, file_name: a.fileName, storage_key: a.storageKey, content_type: a.contentType, size: a.size, sha256: a.sha256,
      is_public: a.isPublic ? 1 : 0, uploaded_by: a.uploadedBy, uploaded_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function deleteMeetingAttachment(db: Db, meetingId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('meeting_attachments').where('id', '=', id).where('meeting_id', '=', meetingId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function countMeetingAttachments(db: Db, meetingId: number): Promise<number> {
  const r = await db.selectFrom('meeting_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- what other modules record in a meeting --------------------------------------------------------------

export type MeetingDeterminationRow = { id: number; plan_id: number; plan_title: string; agency_name: string; outcome: string; reasons: string; decided_at: string };

/** Plan determinations recorded in this meeting (determinations.meeting_id), in order. */
export async function determinationsOfMeeting(db: Db, meetingId: number): Promise<MeetingDeterminationRow[]> {
  return db
    .selectFrom('determinations as d')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['d.id', 'd.plan_id', 'p.title as plan_title', 'a.name as agency_name', 'd.outcome', 'd.reasons', 'd.decided_at'])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.id')
    .execute();
}

// ---- agenda suggestions and references --------------------------------------------------------------------

/** Plans awaiting a determination (in review), oldest first. */
export async function plansAwaitingDetermination(db: Db, limit = 20): Promise<{ id: number; title: string; agency_name: string }[]> {
  return db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'p.title', 'a.name as agency_name'])
    .where('p.status', '=', 'in_review')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

/** Calls whose compliance report is worth discussing: every call past its draft, latest first. */
export async function callsWithCompliance(db: Db, limit = 10): Promise<{ id: number; title: string; status: string; overdue: number }[]> {
  const rows = await db
    .selectFrom('calls as c')
    .select([
      'c.id', 'c.title', 'c.status',
      (eb) => eb.selectFrom('call_agencies as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.call_id', '=', 'c.id').where('o.status', '=', 'overdue').as('overdue'),
    ])
    .where('c.status', '!=', 'draft')
    .orderBy('c.fiscal_year', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, overdue: Number(r.overdue ?? 0) }));
}

/** Residents' needs not yet answered by plans, most supported first. */
export async function needsToDiscuss(db: Db, limit = 8): Promise<{ id: number; title: string; support_count: number; place_name: string; status: string }[]> {
  const rows = await db
    .selectFrom('needs as n')
    .innerJoin('places as pl', 'pl.id', 'n.place_id')
    .select(['n.id', 'n.title', 'n.support_count', 'pl.name as place_name', 'n.status'])
    .where('n.status', 'in', ['new', 'acknowledged'])
    .orderBy('n.support_count', 'desc')
    .orderBy('n.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, support_count: Number(r.support_count) }));
}

/** The title of what an agenda item refers to, or undefined when it does not exist. */
export async function referenceTitle(db: Db, kind: AgendaKind, id: number): Promise<string | undefined> {
  switch (kind) {
    case 'plan':
      return (await db.selectFrom('plans').select('title').where('id', '=', id).executeTakeFirst())?.title;
    case 'compliance':
      return (await db.selectFrom('calls').select('title').where('id', '=', id).executeTakeFirst())?.title;
    case 'need':
      return (await db.selectFrom('needs').select('title').where('id', '=', id).executeTakeFirst())?.title;
    case 'resolution':
      return (await db.selectFrom('resolutions').select('text').where('id', '=', id).executeTakeFirst())?.text;
    default:
      return undefined;
  }
}
