import { sql, type Kysely } from 'kysely';
import { withId } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stamp = (c: any) => c.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  // Residents' needs of a neighborhood or village, supported by others and answered by the
  // secretariat (new → acknowledged → addressed → resolved, or declined with a reason).
  await withId(db, db.schema.createTable('needs'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('restrict'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** matchKey(title + body): search compares through it, never the raw text. */
    .addColumn('search_key', 'text', (c) => c.notNull())
    /** JSON arrays of harm and target-group codes. */
    .addColumn('harms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('target_groups', 'text', (c) => c.notNull().defaultTo('[]'))
    /** Stored upload (platform/files), with its sniffed type. */
    .addColumn('photo_path', 'text')
    .addColumn('photo_type', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('new').check(sql`status in ('new','acknowledged','addressed','resolved','declined')`),
    )
    /** The secretariat's message with the latest status (required when declined). */
    .addColumn('status_note', 'text')
    .addColumn('status_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status_at', 'text')
    /** Kept by the support operations so lists sort by support without counting. */
    .addColumn('support_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('needs_place_idx').on('needs').columns(['place_id', 'support_count', 'id']).execute();
  await db.schema.createIndex('needs_status_idx').on('needs').columns(['status', 'id']).execute();
  await db.schema.createIndex('needs_support_idx').on('needs').columns(['support_count', 'id']).execute();
  await db.schema.createIndex('needs_author_idx').on('needs').columns(['author_id', 'created_at']).execute();

  await db.schema
    .createTable('need_supports')
    .addColumn('need_id', 'integer', (c) => c.notNull().references('needs.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', stamp)
    .addPrimaryKeyConstraint('need_supports_pk', ['need_id', 'user_id'])
    .execute();
  await db.schema.createIndex('need_supports_user_idx').on('need_supports').columns(['user_id']).execute();

  // A plan linked to a need: cited by its agency as evidence, or named by the secretariat as
  // addressing it.
  await db.schema
    .createTable('need_plans')
    .addColumn('need_id', 'integer', (c) => c.notNull().references('needs.id').onDelete('cascade'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('evidence','addresses')`))
    .addColumn('linked_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('linked_at', 'text', stamp)
    .addPrimaryKeyConstraint('need_plans_pk', ['need_id', 'plan_id', 'kind'])
    .execute();
  await db.schema.createIndex('need_plans_plan_idx').on('need_plans').columns(['plan_id']).execute();

  // Residents of a plan's places back it; the supporter's home place at the time gives the geography.
  await db.schema
    .createTable('plan_supports')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('restrict'))
    .addColumn('created_at', 'text', stamp)
    .addPrimaryKeyConstraint('plan_supports_pk', ['plan_id', 'user_id'])
    .execute();
  await db.schema.createIndex('plan_supports_place_idx').on('plan_supports').columns(['plan_id', 'place_id']).execute();
  await db.schema.alterTable('plans').addColumn('support_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // Residency: a census list (national ID hashed with the server's key, and the place), and the
  // person's verified place, by the census or by hand.
  await withId(db, db.schema.createTable('census_imports'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('imported_at', 'text', stamp)
    .execute();
  await withId(db, db.schema.createTable('census_records'))
    .addColumn('national_id_hash', 'text', (c) => c.notNull().unique())
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('import_id', 'integer', (c) => c.notNull().references('census_imports.id').onDelete('cascade'))
    .execute();
  await db.schema.alterTable('users').addColumn('national_id_hash', 'text').execute();
  await db.schema.alterTable('users').addColumn('residency_place_id', 'integer', (c) => c.references('places.id').onDelete('set null')).execute();
  await db.schema.alterTable('users').addColumn('residency_method', 'text').execute();
  await db.schema.alterTable('users').addColumn('residency_verified_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('residency_verified_by', 'integer').execute();
  // One account per national ID.
  await db.schema.createIndex('users_national_id_idx').on('users').column('national_id_hash').unique().execute();

  // Participatory ballots for a call's resident track: scheduled → open → closed → counted → published.
  await withId(db, db.schema.createTable('ballot_rounds'))
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('restrict'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled','open','closed','counted','published')`))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('mes-add1','greedy')`))
    .addColumn('budget_rials', 'bigint', (c) => c.notNull().check(sql`budget_rials > 0`))
    .addColumn('min_approvals', 'integer', (c) => c.notNull().check(sql`min_approvals >= 1`))
    .addColumn('max_approvals', 'integer', (c) => c.notNull().check(sql`max_approvals >= min_approvals`))
    .addColumn('require_verified', 'integer', (c) => c.notNull().defaultTo(0).check(sql`require_verified in (0,1)`))
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    /** JSON: the count (engine input without ballots, result, turnout) once counted. */
    .addColumn('result', 'text')
    .addColumn('ballot_count', 'integer')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .addColumn('counted_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .execute();
  await db.schema.createIndex('ballot_rounds_call_idx').on('ballot_rounds').columns(['call_id', 'status']).execute();
  await db.schema.createIndex('ballot_rounds_status_idx').on('ballot_rounds').columns(['status', 'opens_at']).execute();

  /** The area: residents whose home lies in one of these places (a county, or neighborhoods) may vote. */
  await db.schema
    .createTable('ballot_round_places')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('ballot_rounds.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('ballot_round_places_pk', ['round_id', 'place_id'])
    .execute();

  await db.schema
    .createTable('ballot_round_projects')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('ballot_rounds.id').onDelete('cascade'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('restrict'))
    .addColumn('cost_rials', 'bigint', (c) => c.notNull().check(sql`cost_rials > 0`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ballot_round_projects_pk', ['round_id', 'plan_id'])
    .execute();

  // One ballot per person per round, by the unique index; a change rewrites the row and bumps
  // the revision. The choices are a JSON array of plan ids.
  await withId(db, db.schema.createTable('ballots'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('ballot_rounds.id').onDelete('restrict'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('restrict'))
    /** The voter's home place when the ballot was last cast: turnout by place, nothing else. */
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('restrict'))
    .addColumn('choices', 'text', (c) => c.notNull())
    /** SHA-256 of the receipt code: anyone holding the code can check the ballot was counted. */
    .addColumn('receipt_hash', 'text', (c) => c.notNull().unique())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cast_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .addUniqueConstraint('ballots_one_per_person', ['round_id', 'user_id'])
    .execute();
  await db.schema.createIndex('ballots_round_place_idx').on('ballots').columns(['round_id', 'place_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ballots', 'ballot_round_projects', 'ballot_round_places', 'ballot_rounds', 'census_records', 'census_imports', 'plan_supports', 'need_plans', 'need_supports', 'needs']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('users_national_id_idx').execute();
  for (const column of ['residency_verified_by', 'residency_verified_at', 'residency_method', 'residency_place_id', 'national_id_hash']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
  await db.schema.alterTable('plans').dropColumn('support_count').execute();
}
