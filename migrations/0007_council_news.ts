import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stamp = (c: any) => c.notNull();

const rolesBefore = `'citizen','expert','agency_officer','secretary','council_member','moderator','admin'`;
const rolesAfter = `'citizen','expert','agency_officer','secretary','council_member','moderator','admin','editor'`;

/** Replaces user_roles' check of role names (SQLite cannot alter a check: the table is rebuilt). */
async function setRoleCheck(db: Kysely<any>, list: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table user_roles drop constraint if exists user_roles_role_check`.execute(db);
    await sql.raw(`alter table user_roles add constraint user_roles_role_check check (role in (${list}))`).execute(db);
    return;
  }
  await db.schema
    .createTable('user_roles_next')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql.raw(`role in (${list})`)))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();
  await sql.raw(`insert into user_roles_next (user_id, role, granted_at) select user_id, role, granted_at from user_roles where role in (${list})`).execute(db);
  await db.schema.dropTable('user_roles').execute();
  await sql`alter table user_roles_next rename to user_roles`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  // News editors write and publish the council's news.
  await setRoleCheck(db, rolesAfter);

  // Council meetings: agenda, attendance, minutes (markdown), attachments, and a public summary
  // once published. Determinations of plans can name the meeting (determinations.meeting_id).
  await withId(db, db.schema.createTable('meetings'))
    .addColumn('title', 'text', (c) => c.notNull())
    /** ISO-8601 UTC instant the meeting starts. */
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('chair', 'text', (c) => c.notNull().defaultTo(''))
    /** Markdown, no raw HTML. */
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    /** Markdown: what the public reads at /meetings/:id once published. */
    .addColumn('public_summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft','held','published')`))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('meetings_starts_idx').on('meetings').columns(['starts_at', 'id']).execute();

  /** Members (council staff with accounts, or named guests) and whether they attended. */
  await withId(db, db.schema.createTable('meeting_members'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attended', 'integer', (c) => c.check(sql`attended in (0,1)`))
    .execute();
  await db.schema.createIndex('meeting_members_meeting_idx').on('meeting_members').columns(['meeting_id']).execute();

  /** Invited agencies, with who represented each and whether they attended. */
  await db.schema
    .createTable('meeting_agencies')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
    .addColumn('representative', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attended', 'integer', (c) => c.check(sql`attended in (0,1)`))
    .addPrimaryKeyConstraint('meeting_agencies_pk', ['meeting_id', 'agency_id'])
    .execute();

  /** Agenda items in order; kind and ref_id link a plan, a call (its compliance report), a need or a resolution. */
  await withId(db, db.schema.createTable('meeting_agenda_items'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('plan','compliance','need','resolution','other')`))
    .addColumn('ref_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('meeting_agenda_meeting_idx').on('meeting_agenda_items').columns(['meeting_id', 'position']).execute();

  await withId(db, db.schema.createTable('meeting_attachments'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    /** Public attachments are listed on /meetings/:id once the meeting is published. */
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_public in (0,1)`))
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('uploaded_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('meeting_attachments_meeting_idx').on('meeting_attachments').columns(['meeting_id']).execute();

  // Resolutions (مصوبات): owned by an agency, followed up until done or cancelled; overdue is a
  // function of the deadline, not a stored state.
  await withId(db, db.schema.createTable('resolutions'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('restrict'))
    /** Number within its meeting (مصوبهٔ ۳ جلسهٔ …). */
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
    /** ISO instant: the end of the deadline's Jalali day in Tehran. */
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','in_progress','done','cancelled')`))
    .addColumn('status_note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('overdue_notified_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .addUniqueConstraint('resolutions_number', ['meeting_id', 'number'])
    .execute();
  await db.schema.createIndex('resolutions_status_idx').on('resolutions').columns(['status', 'deadline_at']).execute();
  await db.schema.createIndex('resolutions_agency_idx').on('resolutions').columns(['agency_id', 'status']).execute();

  await withId(db, db.schema.createTable('resolution_notes'))
    .addColumn('resolution_id', 'integer', (c) => c.notNull().references('resolutions.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    /** The status the note moved the resolution to, if any. */
    .addColumn('status', 'text')
    .addColumn('created_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('resolution_notes_idx').on('resolution_notes').columns(['resolution_id', 'id']).execute();

  // The news desk: draft → scheduled → published → unpublished; a unique numeric news code.
  await withId(db, db.schema.createTable('articles'))
    .addColumn('news_code', 'integer', (c) => c.notNull().unique())
    .addColumn('overline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'text', (c) => c.notNull().defaultTo(''))
    /** Markdown, no raw HTML. */
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dateline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft','scheduled','published','unpublished')`))
    /** When it goes (or went) public: set when scheduled or published. */
    .addColumn('publish_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('unpublished_at', 'text')
    .addColumn('cover_key', 'text')
    .addColumn('cover_type', 'text')
    .addColumn('cover_caption', 'text', (c) => c.notNull().defaultTo(''))
    /** matchKey(title + lead + body). */
    .addColumn('search_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('articles_public_idx').on('articles').columns(['status', 'published_at', 'id']).execute();
  await db.schema.createIndex('articles_due_idx').on('articles').columns(['status', 'publish_at']).execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    /** matchKey of the tag as typed. */
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag'])
    .execute();
  await db.schema.createIndex('article_tags_tag_idx').on('article_tags').columns(['tag', 'article_id']).execute();

  /** Related plans, meetings and places. */
  await db.schema
    .createTable('article_links')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('plan','meeting','place')`))
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_links_pk', ['article_id', 'kind', 'ref_id'])
    .execute();
  await db.schema.createIndex('article_links_ref_idx').on('article_links').columns(['kind', 'ref_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['article_links', 'article_tags', 'articles', 'resolution_notes', 'resolutions', 'meeting_attachments', 'meeting_agenda_items', 'meeting_agencies', 'meeting_members', 'meetings']) {
    await db.schema.dropTable(table).execute();
  }
  await setRoleCheck(db, rolesBefore);
}
