import { createHash } from 'node:crypto';
import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Dialect } from '../db/database.ts';

export type AuditEntry = {
  at: string;
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  ip: string | null;
};

const GENESIS = '0'.repeat(64);

/** The hash covers every field and the previous hash, so editing or removing a row breaks the chain. */
export function auditHash(prevHash: string, e: Omit<AuditEntry, 'data'> & { data: string }): string {
  const canonical = JSON.stringify([prevHash, e.at, e.actorId, e.action, e.subjectType, e.subjectId, e.data, e.ip]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one entry; call inside the transaction that makes the change it records. */
export async function appendAudit(db: Db, dialect: Dialect, entry: AuditEntry): Promise<void> {
  if (dialect === 'postgres') {
    // Serialises writers across processes so two entries never share a predecessor.
    await sql`select pg_advisory_xact_lock(7262001)`.execute(db);
  }
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS;
  const data = JSON.stringify(entry.data);
  const row = { ...entry, data };
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      data,
      ip: entry.ip,
      prev_hash: prevHash,
      hash: auditHash(prevHash, row),
    })
    .execute();
}

export type AuditVerification = { ok: boolean; checked: number; firstBrokenId: number | null; problem: string | null };

/** Walks the whole chain in id order, in pages, recomputing every hash. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<AuditVerification> {
  let prev = GENESIS;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked, firstBrokenId: null, problem: null };
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, firstBrokenId: r.id, problem: 'prev_hash' };
      const expected = auditHash(prev, {
        at: r.at, actorId: r.actor_id, action: r.action, subjectType: r.subject_type,
        subjectId: r.subject_id, data: r.data, ip: r.ip,
      });
      if (expected !== r.hash) return { ok: false, checked, firstBrokenId: r.id, problem: 'hash' };
      prev = r.hash;
      afterId = r.id;
      checked++;
    }
  }
}

export async function listAuditForSubject(db: Db, subjectType: string, subjectId: string, limit = 50) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'action', 'data'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function listAuditPage(db: Db, page: { limit: number; offset: number }) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'action', 'subject_type', 'subject_id'])
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countAudit(db: Db): Promise<number> {
  const r = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

const headQueries = new WeakMap<Db, CompiledQuery<{ id: number }>>();

/**
 * Id of the newest audit entry: every state change adds one, so it versions the data. Runs on
 * every cached page view, so the query is compiled once per database rather than rebuilt.
 */
export async function auditHead(db: Db): Promise<number> {
  let query = headQueries.get(db);
  if (!query) {
    query = db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).compile();
    headQueries.set(db, query);
  }
  const r = await db.executeQuery(query);
  return r.rows[0]?.id ?? 0;
}
