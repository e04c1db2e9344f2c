import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stamp = (c: any) => c.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);

  await withId(db, db.schema.createTable('agencies'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('sort_key', 'text', (c) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('government','municipality','university','public_institution','ngo')`),
    )
    .addColumn('scope_place_id', 'integer', (c) => c.references('places.id').onDelete('set null'))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0,1)`))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .execute();

  await db.schema
    .createTable('agency_officers')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', stamp)
    .addPrimaryKeyConstraint('agency_officers_pk', ['agency_id', 'user_id'])
    .execute();
  await db.schema.createIndex('agency_officers_user_idx').on('agency_officers').column('user_id').execute();

  await withId(db, db.schema.createTable('calls'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('budget_rials', 'bigint', (c) => c.notNull().check(sql`budget_rials > 0`))
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft','open','closed','reviewing','allocating','decided','archived')`),
    )
    .addColumn('harms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('target_groups', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('calls_status_idx').on('calls').columns(['status', 'deadline_at']).execute();

  await db.schema
    .createTable('call_places')
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('call_places_pk', ['call_id', 'place_id'])
    .execute();

  await db.schema
    .createTable('call_agencies')
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
    .addColumn('credit_rials', 'bigint', (c) => c.notNull().check(sql`credit_rials >= 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('invited','submitted','overdue','exempted')`))
    .addColumn('exemption_reason', 'text')
    .addColumn('invited_at', 'text', stamp)
    .addColumn('submitted_at', 'text')
    .addColumn('overdue_at', 'text')
    .addColumn('reminded_7d_at', 'text')
    .addColumn('reminded_1d_at', 'text')
    .addPrimaryKeyConstraint('call_agencies_pk', ['call_id', 'agency_id'])
    .execute();
  await db.schema.createIndex('call_agencies_agency_idx').on('call_agencies').column('agency_id').execute();

  await withId(db, db.schema.createTable('plans'))
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('restrict'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft','submitted','screening','returned','in_review','approved','rejected','funded','in_progress','completed','withdrawn')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('requested_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_public in (0,1)`))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_at', 'text')
    .addColumn('public_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('plans_call_idx').on('plans').columns(['call_id', 'status']).execute();
  await db.schema.createIndex('plans_agency_idx').on('plans').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('plans_public_idx').on('plans').columns(['is_public', 'public_at']).execute();
  // Covers the public list's filters and sorts, so counting and paging 10k plans stays in the index.
  await db.schema
    .createIndex('plans_public_list_idx')
    .on('plans')
    .columns(['is_public', 'public_at', 'requested_rials', 'call_id', 'agency_id', 'status', 'sort_key'])
    .execute();

  await db.schema
    .createTable('plan_versions')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_at', 'text', stamp)
    .addPrimaryKeyConstraint('plan_versions_pk', ['plan_id', 'version'])
    .execute();

  await withId(db, db.schema.createTable('plan_events'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('message', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('at', 'text', stamp)
    .execute();
  await db.schema.createIndex('plan_events_plan_idx').on('plan_events').columns(['plan_id', 'id']).execute();

  await db.schema
    .createTable('plan_places')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('restrict'))
    .addColumn('county_id', 'integer', (c) => c.references('places.id').onDelete('set null'))
    .addPrimaryKeyConstraint('plan_places_pk', ['plan_id', 'place_id'])
    .execute();
  await db.schema.createIndex('plan_places_place_idx').on('plan_places').column('place_id').execute();
  await db.schema.createIndex('plan_places_county_idx').on('plan_places').columns(['county_id', 'plan_id']).execute();

  await db.schema
    .createTable('plan_tags')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('harm','target','intervention')`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_tags_pk', ['plan_id', 'kind', 'code'])
    .execute();
  await db.schema.createIndex('plan_tags_code_idx').on('plan_tags').columns(['kind', 'code', 'plan_id']).execute();

  await withId(db, db.schema.createTable('plan_attachments'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('application/pdf','image/jpeg','image/png')`))
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('plan_attachments_plan_idx').on('plan_attachments').column('plan_id').execute();

  // Full-text search over normalized title and summary: FTS5 on SQLite, tsvector on PostgreSQL.
  if (pg) {
    await sql`alter table plans add column search_vector tsvector generated always as (to_tsvector('simple', search_text)) stored`.execute(db);
    await sql`create index plans_search_idx on plans using gin (search_vector)`.execute(db);
  } else {
    await sql`create virtual table plans_fts using fts5(search_text, content='plans', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger plans_fts_insert after insert on plans begin
      insert into plans_fts(rowid, search_text) values (new.id, new.search_text); end`.execute(db);
    await sql`create trigger plans_fts_delete after delete on plans begin
      insert into plans_fts(plans_fts, rowid, search_text) values ('delete', old.id, old.search_text); end`.execute(db);
    await sql`create trigger plans_fts_update after update of search_text on plans begin
      insert into plans_fts(plans_fts, rowid, search_text) values ('delete', old.id, old.search_text);
      insert into plans_fts(rowid, search_text) values (new.id, new.search_text); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists plans_fts`.execute(db);
  for (const t of ['plan_attachments', 'plan_tags', 'plan_places', 'plan_events', 'plan_versions', 'plans', 'call_agencies', 'call_places', 'calls', 'agency_officers', 'agencies']) {
    await db.schema.dropTable(t).execute();
  }
}
