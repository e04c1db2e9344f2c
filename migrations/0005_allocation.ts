import { sql, type Kysely } from 'kysely';
import { withId } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stamp = (c: any) => c.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  // A budget allocation over a call's approved plans: previewed as a draft, committed (plans
  // funded), then published at /results with its input so anyone can recompute it.
  await withId(db, db.schema.createTable('allocation_rounds'))
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('restrict'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','committed','published')`))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('greedy','greedy-no-skip','mes','mes-add1','optimal')`))
    .addColumn('value_rule', 'text', (c) => c.notNull())
    .addColumn('budget_rials', 'bigint', (c) => c.notNull().check(sql`budget_rials > 0`))
    /** JSON: the constraints as the secretariat set them. */
    .addColumn('constraints', 'text', (c) => c.notNull().defaultTo('{}'))
    /** JSON: the engine's input (projects with cost, value and groups) exactly as run. */
    .addColumn('input', 'text', (c) => c.notNull())
    /** JSON: the engine's result with every project's explanation. */
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', stamp)
    .addColumn('committed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('committed_at', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('allocation_rounds_call_idx').on('allocation_rounds').columns(['call_id', 'status']).execute();
  // At most one committed (or published) round per call: funding twice is impossible by construction.
  await sql`create unique index allocation_rounds_one_commit on allocation_rounds (call_id) where status <> 'draft'`.execute(db);

  await db.schema.alterTable('plans').addColumn('funded_rials', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').dropColumn('funded_rials').execute();
  await db.schema.dropTable('allocation_rounds').execute();
}
