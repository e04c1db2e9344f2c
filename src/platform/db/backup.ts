import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type SQLite from 'better-sqlite3';

/** Copies a live SQLite database page by page while it keeps serving (the online backup API). */
export async function backupSqlite(sqlite: SQLite.Database, target: string): Promise<number> {
  const file = resolve(target);
  mkdirSync(dirname(file), { recursive: true });
  const result = await sqlite.backup(file);
  return result.totalPages;
}
