import { sql, type Kysely } from 'kysely';
import { withId } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stamp = (c: any) => c.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  // One table for every thread (plans now; articles, needs and meetings later). A rejected
  // comment is kept, never shown, so moderators and statistics see what the pipeline refused.
  await withId(db, db.schema.createTable('comments'))
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('plan','article','need','meeting')`))
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('restrict'))
    /** The top-level comment of the thread (itself for a top-level comment): one query loads a page of threads. */
    .addColumn('root_id', 'integer')
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0).check(sql`depth between 0 and 3`))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending','published','held','rejected','hidden','deleted')`),
    )
    /** The pipeline's reasons and scores (JSON), kept for the moderator. */
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('scores', 'text', (c) => c.notNull().defaultTo('{}'))
    /** Why a moderator rejected or hid it, shown to the author. */
    .addColumn('moderator_note', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
    /** Published replies, kept by the operations so a thread shows counts without counting. */
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    /** HMAC of the poster's IP address: per-IP rate limits without keeping the address. */
    .addColumn('ip_hash', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_demo in (0,1)`))
    .addColumn('created_at', 'text', stamp)
    .addColumn('updated_at', 'text', stamp)
    .addColumn('edited_at', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('comments_subject_idx').on('comments').columns(['subject_type', 'subject_id', 'status', 'depth', 'id']).execute();
  await db.schema.createIndex('comments_root_idx').on('comments').columns(['root_id', 'id']).execute();
  await db.schema.createIndex('comments_author_idx').on('comments').columns(['author_id', 'created_at']).execute();
  await db.schema.createIndex('comments_ip_idx').on('comments').columns(['ip_hash', 'created_at']).execute();
  await db.schema.createIndex('comments_status_idx').on('comments').columns(['status', 'id']).execute();

  // One row per reason code of the current verdict: the queue filters and the statistics group on it.
  await db.schema
    .createTable('comment_reasons')
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_reasons_pk', ['comment_id', 'code'])
    .execute();
  await db.schema.createIndex('comment_reasons_code_idx').on('comment_reasons').columns(['code', 'comment_id']).execute();

  await withId(db, db.schema.createTable('comment_reports'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reporter_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('insult','defamation','not_persian','off_topic','spam')`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', stamp)
    .addColumn('resolved_at', 'text')
    .addUniqueConstraint('comment_reports_once', ['comment_id', 'reporter_id'])
    .execute();

  // Moderators' decisions as training data for `moderation train` (label: offensive | clean).
  await withId(db, db.schema.createTable('moderation_examples'))
    .addColumn('comment_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull().check(sql`label in ('offensive','clean')`))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', stamp)
    .execute();

  await withId(db, db.schema.createTable('comment_blocks'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', stamp)
    .addColumn('lifted_at', 'text')
    .execute();
  await db.schema.createIndex('comment_blocks_user_idx').on('comment_blocks').columns(['user_id', 'until']).execute();

  // Captcha solutions already accepted: a unique key makes every solution single-use.
  await db.schema
    .createTable('captcha_uses')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('captcha_uses_expiry_idx').on('captcha_uses').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['captcha_uses', 'comment_blocks', 'moderation_examples', 'comment_reports', 'comment_reasons', 'comments']) {
    await db.schema.dropTable(t).execute();
  }
}
