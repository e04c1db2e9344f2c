import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent, type SqliteDatabase } from 'kysely';
import { sqlitePath } from '../../config.ts';
import type { Database } from '../../schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;

export type DatabaseHandle = {
  db: Db;
  dialect: Dialect;
  /** The SQLite connection, for the online backup API; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** Number of SQL statements run since the handle was opened (benchmarks read it). */
  queryCount: () => number;
  close: () => Promise<void>;
};

export type OpenOptions = {
  url: string;
  /** PostgreSQL schema to use instead of public (tests isolate themselves this way). */
  pgSchema?: string;
  onQuery?: (event: LogEvent) => void;
};

// pg returns int8/numeric as strings; money and counts here are integers well inside 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens SQLite (WAL, busy_timeout, foreign keys) or PostgreSQL from a DATABASE_URL. */
export function openDatabase(options: OpenOptions): DatabaseHandle {
  let queries = 0;
  const log = (event: LogEvent) => {
    queries++;
    options.onQuery?.(event);
  };
  const file = sqlitePath(options.url);
  if (file !== null) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log });
    return { db, dialect: 'sqlite', sqlite, queryCount: () => queries, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: 10,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return { db, dialect: 'postgres', sqlite: null, queryCount: () => queries, close: () => db.destroy() };
}

const STATEMENT_CACHE_LIMIT = 2000;

/**
 * Kysely prepares every statement anew; preparing costs as much as running a small query, and
 * the app runs a fixed set of SQL texts, so prepared statements are kept by their text.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}
