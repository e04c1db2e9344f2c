import { Migrator, PostgresAdapter, sql, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../migrations/index.ts';
import type { Db } from './database.ts';

async function migrator(db: Db): Promise<Migrator> {
  // Kysely looks for its own tables in every schema; when several schemas share a database (tests,
  // or several deployments) it must be told which one is ours, or it finds another's and skips ours.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const result: MigrationResultSet = await (await migrator(db)).migrateToLatest();
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Name of the newest applied migration, or null on a database never migrated. */
export async function currentMigration(db: Db): Promise<string | null> {
  try {
    const row = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
    return row.rows[0]?.name ?? null;
  } catch {
    return null;
  }
}
