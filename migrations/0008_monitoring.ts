import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stamp = (c: any) => c.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  const float = isPostgres(db) ? 'double precision' : 'real';

  // Shapes generated for demo places are drawn like real ones but labelled «نمایشی».
  await db.schema
    .alterTable('places')
    .addColumn('geometry_illustrative', 'integer', (c) => c.notNull().defaultTo(0).check(sql`geometry_illustrative in (0,1)`))
    .execute();

  /** The indicator catalogue (DHIS2 data elements with an IATI direction). */
  await withId(db, db.schema.createTable('indicators'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('lower_better','higher_better')`))
    .addColumn('harm', 'text')
    /** The place kind values are collected at (county, neighborhood, …). */
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .execute();

  /** One value per indicator, place and Jalali period ('1403', '1403Q1', '140301'). */
  await db.schema
    .createTable('indicator_values')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_type', 'text', (c) => c.notNull().check(sql`period_type in ('year','quarter','month')`))
    /** The Jalali year of the period, for range filters. */
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', float, (c) => c.notNull())
    .addColumn('import_id', 'integer')
    .addColumn('updated_at', 'text', stamp)
    .addPrimaryKeyConstraint('indicator_values_pk', ['indicator_id', 'place_id', 'period'])
    .execute();
  await db.schema.createIndex('indicator_values_place_idx').on('indicator_values').columns(['place_id', 'indicator_id', 'year']).execute();
  await db.schema.createIndex('indicator_values_period_idx').on('indicator_values').columns(['indicator_id', 'period_type', 'year']).execute();

  /** A file import (CSV or XLSX): validated whole, then applied in one transaction or not at all. */
  await withId(db, db.schema.createTable('data_imports'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`status in ('queued','validating','importing','done','rejected','failed')`),
    )
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON: [{row, field, message}] in Persian, capped. */
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', stamp)
    .addColumn('finished_at', 'text')
    .execute();

  /** Programme-wide settings edited by staff (JSON values), e.g. the need-index weights. */
  await db.schema
    .createTable('programme_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', stamp)
    .execute();

  /** A funded plan's report for one Jalali quarter: draft → submitted → approved | returned. */
  await withId(db, db.schema.createTable('progress_reports'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    /** ISO date (Gregorian) the report is due. */
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft','submitted','approved','returned')`))
    /** JSON ProgressReportContent. */
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('progress_percent', float)
    .addColumn('spent_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('beneficiaries_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .addUniqueConstraint('progress_reports_plan_period_uq', ['plan_id', 'period'])
    .execute();
  await db.schema.createIndex('progress_reports_status_idx').on('progress_reports').columns(['status', 'due_on']).execute();
  await db.schema.createIndex('progress_reports_agency_idx').on('progress_reports').columns(['agency_id', 'status']).execute();

  await withId(db, db.schema.createTable('progress_report_files'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('progress_reports.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', stamp)
    .execute();
  await db.schema.createIndex('progress_report_files_report_idx').on('progress_report_files').column('report_id').execute();

  await withId(db, db.schema.createTable('progress_report_events'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('progress_reports.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('message', 'text')
    .addColumn('at', 'text', stamp)
    .execute();
  await db.schema.createIndex('progress_report_events_report_idx').on('progress_report_events').columns(['report_id', 'at']).execute();

  /** One reminder per plan, period and kind, so the daily sweep never repeats itself. */
  await db.schema
    .createTable('progress_reminders')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('due_soon','overdue')`))
    .addColumn('sent_at', 'text', stamp)
    .addPrimaryKeyConstraint('progress_reminders_pk', ['plan_id', 'period', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['progress_reminders', 'progress_report_events', 'progress_report_files', 'progress_reports', 'programme_settings', 'data_imports', 'indicator_values', 'indicators']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('places').dropColumn('geometry_illustrative').execute();
}
