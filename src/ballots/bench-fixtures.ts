// Fixtures and the kill -9 harness shared by the ballot benchmark (bench/ballots.ts) and the crash
// test (src/ballots/crash.test.ts): a province with one county of neighborhoods, an open call with
// approved plans, an open ballot round over the county, and voters signed in through the real
// session code; a client that casts ballots over HTTP keeping a ledger of what each voter was told;
// the real server started as a child process (`node --import tsx src/main.ts serve`) and killed
// with SIGKILL; and the check of the database against the ledger.
//
// BENCHMARK FIXTURES: the places, agency, call, plans and voters below are written for this file
// and exist only in temporary databases the benchmark and the test delete afterwards. Nothing comes
// from a data set.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { insertUser, replaceRoles } from '../accounts/accounts.repo.ts';
import { createSession } from '../accounts/create-session.ts';
import type { Actor } from '../accounts/permissions.ts';
import { insertAgency } from '../agencies/agencies.repo.ts';
import { insertCall, setCallStatus } from '../calls/calls.repo.ts';
import { inTransaction, type OpContext } from '../context.ts';
import { verifyAuditChain, type AuditVerification } from '../platform/audit/audit.repo.ts';
import { systemClock } from '../platform/clock.ts';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { insertPlace } from '../places/places.repo.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import { emptyPlanContent, type PlanContent } from '../plans/plan-content.ts';
import { insertPlan, setPlanStatus } from '../plans/plans.repo.ts';
import { countBallotRound } from './count-round.ts';
import { receiptCode } from './receipt.ts';
import { closeRoundNow } from './round-clock.ts';
import { createBallotRound } from './save-round.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---- a small deterministic random source ---------------------------------------------------------

export type Random = { next: () => number; int: (min: number, max: number) => number; pick: <T>(xs: readonly T[]) => T; shuffle: <T>(xs: T[]) => T[] };

/** mulberry32: the same seed gives the same fixtures and the same ballots on every run. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    shuffle: <T>(xs: T[]) => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [xs[i], xs[j]] = [xs[j]!, xs[i]!];
      }
      return xs;
    },
  };
}

/** A valid selection: between min and max distinct plans, ascending (as the server stores them). */
export function randomSelection(r: Random, planIds: readonly number[], min: number, max: number): number[] {
  const k = r.int(min, Math.min(max, planIds.length));
  return r.shuffle([...planIds]).slice(0, k).sort((a, b) => a - b);
}

// ---- fixtures -----------------------------------------------------------------------------------

/** Plans residents of a county might be offered: titles and costs (rials) written for this file. */
const PLANS: readonly { title: string; rials: number }[] = [
  { title: 'بازسازی پارک محله برای نوجوانان', rials: 4_000_000_000 },
  { title: 'کتابخانهٔ کودک در سرای محله', rials: 3_000_000_000 },
  { title: 'مشاورهٔ خانواده برای مادران', rials: 2_000_000_000 },
  { title: 'ورزش عصرگاهی نوجوانان', rials: 1_000_000_000 },
  { title: 'کارگاه مهارت‌آموزی زنان سرپرست خانوار', rials: 2_500_000_000 },
  { title: 'روشنایی کوچه‌های پشت بازار', rials: 1_500_000_000 },
  { title: 'کلاس جبرانی برای بازماندگان از تحصیل', rials: 1_200_000_000 },
  { title: 'گروه همیاری سالمندان محله', rials: 800_000_000 },
  { title: 'فضای بازی امن برای کودکان کار', rials: 1_800_000_000 },
  { title: 'مرکز مشاورهٔ ترک اعتیاد جوانان', rials: 3_500_000_000 },
];

const NEIGHBORHOODS = ['محلهٔ شمالی', 'محلهٔ جنوبی', 'محلهٔ بازار', 'محلهٔ ایستگاه', 'محلهٔ باغ‌ها', 'محلهٔ مسجد جامع', 'محلهٔ کارگران', 'محلهٔ چشمه'];

export type BenchVoter = {
  id: number;
  /** The `sid` cookie's value: a token made by createSession, whose SHA-256 only is stored. */
  token: string;
};

export type BallotBenchWorld = {
  roundId: number;
  callId: number;
  planIds: number[];
  minApprovals: number;
  maxApprovals: number;
  secretary: Actor;
  voters: BenchVoter[];
  /** Places a voter's home may be: the county's neighborhoods. */
  homes: number[];
};

/**
 * Builds the world in the database behind ctx: places, an agency, an open call with approved plans,
 * a round open from yesterday to a week from now over the county, and `voters` citizens living in
 * its neighborhoods, each signed in through createSession (the real session code: a random token
 * for the cookie, its hash stored, an audit entry).
 */
export async function createBallotBenchWorld(
  ctx: OpContext,
  o: { voters: number; projects?: number; minApprovals?: number; maxApprovals?: number },
): Promise<BallotBenchWorld> {
  const projects = o.projects ?? 8;
  const minApprovals = o.minApprovals ?? 1;
  const maxApprovals = o.maxApprovals ?? 3;
  if (projects < 1 || projects > PLANS.length) throw new Error(`projects must be 1…${PLANS.length}`);
  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();

  const base = await inTransaction(ctx, async (tx) => {
    const db = tx.db;
    const place = (name: string, kind: PlaceKind, parentId: number | null, code: string) =>
      insertPlace(db, { parentId, kind, code, name, nameKey: matchKey(name), sortKey: persianSortKey(name), population: null, populationYear: null, lat: null, lon: null, isDemo: false }, now);
    const province = await place('قزوین', 'province', null, '26');
    const county = await place('البرز', 'county', province, '2601');
    const city = await place('الوند', 'city', county, '260101');
    const homes: number[] = [];
    for (const [i, name] of NEIGHBORHOODS.entries()) homes.push(await place(name, 'neighborhood', city, `92601000${String(i + 1).padStart(2, '0')}`));

    const secretaryId = await insertUser(db, { name: 'دبیرخانهٔ آزمون کارایی', email: 'bench-secretary@example.org', now });
    await replaceRoles(db, secretaryId, ['secretary'], now);
    const officerId = await insertUser(db, { name: 'کارشناس دستگاه آزمون', email: 'bench-officer@example.org', now });
    await replaceRoles(db, officerId, ['agency_officer'], now);
    const agencyName = 'ادارهٔ کل بهزیستی استان';
    const agencyId = await insertAgency(db, { name: agencyName, nameKey: matchKey(agencyName), sortKey: persianSortKey(agencyName), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, now);
    const callId = await insertCall(db, { fiscalYear: 1405, title: 'فراخوان بودجهٔ مشارکتی آزمون', description: 'فراخوان آزمون کارایی', budgetRials: 50_000_000_000, deadlineAt: now, harms: [], targetGroups: [], createdBy: null }, now);
    await setCallStatus(db, callId, 'open', now);
    const planIds: number[] = [];
    for (const p of PLANS.slice(0, projects)) {
      const summary = `${p.title}: طرحی برای ساکنان محله‌های البرز که در این آزمون به رأی گذاشته می‌شود.`;
      const content: PlanContent = { ...emptyPlanContent(), title: p.title, summary, goal: 'کاهش آسیب‌های اجتماعی در محله', harms: ['ADDICTION'] };
      const id = await insertPlan(db, {
        callId, agencyId, createdBy: officerId, now, title: p.title, summary, searchText: matchKey(`${p.title} ${summary}`), sortKey: persianSortKey(p.title),
        requestedRials: p.rials, content: JSON.stringify(content), tags: [], places: [],
      });
      if (!(await setPlanStatus(db, id, 'draft', 'approved', { now, isPublic: true }))) throw new Error(`plan ${id} not approved`);
      planIds.push(id);
    }
    return { county, homes, secretary: { id: secretaryId, roles: ['secretary'] } as Actor, callId, planIds };
  });

  const roundId = await createBallotRound(ctx, base.secretary, base.callId, {
    title: 'بودجهٔ مشارکتی محله‌های البرز (آزمون کارایی)', description: 'ساکنان البرز دربارهٔ بخشی از بودجه تصمیم می‌گیرند.', method: 'mes-add1',
    budgetRials: 10_000_000_000, minApprovals, maxApprovals, requireVerified: false,
    opensAt: new Date(nowDate.getTime() - 86_400_000).toISOString(), closesAt: new Date(nowDate.getTime() + 7 * 86_400_000).toISOString(),
    planIds: base.planIds, placeIds: [base.county],
  });

  const voters: BenchVoter[] = [];
  const batch = 500;
  for (let start = 0; start < o.voters; start += batch) {
    await inTransaction(ctx, async (tx) => {
      for (let i = start; i < Math.min(o.voters, start + batch); i++) {
        const id = await insertUser(tx.db, { name: `ساکن آزمون ${i + 1}`, mobile: `0936${String(1_000_000 + i).padStart(7, '0')}`, now });
        await replaceRoles(tx.db, id, ['citizen'], now);
        await tx.db.updateTable('users').set({ home_place_id: base.homes[i % base.homes.length]! }).where('id', '=', id).execute();
        const { token } = await createSession(tx, { userId: id, method: 'otp', days: 30, ip: null, userAgent: 'mahalle-bench' });
        voters.push({ id, token });
      }
    });
  }
  return { roundId, callId: base.callId, planIds: base.planIds, minApprovals, maxApprovals, secretary: base.secretary, voters, homes: base.homes };
}

// ---- signing in and casting over HTTP ------------------------------------------------------------

/** What a voter's browser holds: cookies (the session and the CSRF secret) and a CSRF token. */
export type VoterClient = { id: number; cookie: string; csrf: string };

/**
 * GETs the round page as the voter, as a browser would before casting: the answer sets the `_csrf`
 * cookie and carries a token in the form. Tokens of @fastify/csrf-protection are stateless, so one
 * serves every later POST of this voter (and survives a restart with the same SESSION_SECRET).
 */
export async function signedInClient(base: string, roundId: number, voter: BenchVoter, agent?: http.Agent): Promise<VoterClient> {
  const res = await request(base, { method: 'GET', path: `/ballots/${roundId}`, headers: { cookie: `sid=${voter.token}` }, agent, keepBody: true });
  if (res.status !== 200) throw new Error(`GET /ballots/${roundId} as voter ${voter.id} answered ${res.status}`);
  if (!/name="plan" value="\d+"/.test(res.body)) throw new Error(`no ballot form for voter ${voter.id}: is the session recognised and the voter eligible?`);
  const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
  if (!m?.[1]) throw new Error('no CSRF token on the round page');
  const csrfCookie = res.setCookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith('_csrf='));
  if (!csrfCookie) throw new Error('the round page set no _csrf cookie');
  return { id: voter.id, cookie: `sid=${voter.token}; ${csrfCookie}`, csrf: m[1].replace(/&amp;/g, '&') };
}

/** The form a browser posts to cast (or change) a ballot. */
export function ballotForm(choices: readonly number[], csrf: string): string {
  const form = new URLSearchParams();
  for (const id of choices) form.append('plan', String(id));
  form.append('action', 'cast');
  form.append('_csrf', csrf);
  return form.toString();
}

type Answer = { status: number; body: string; setCookies: string[]; error: string | null };

/** One request with node:http; status -1 when no answer came (connection refused or reset, timeout). */
export function request(
  base: string,
  r: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string; agent?: http.Agent; keepBody?: boolean; timeoutMs?: number },
): Promise<Answer> {
  return new Promise((resolve) => {
    const url = new URL(base);
    let settled = false;
    const done = (a: Answer) => {
      if (!settled) {
        settled = true;
        resolve(a);
      }
    };
    const headers: Record<string, string> = { ...r.headers };
    if (r.body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(r.body));
    }
    const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent: r.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (r.keepBody || res.statusCode !== 303) chunks.push(c);
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), setCookies: res.headers['set-cookie'] ?? [], error: null }));
      res.on('error', (e) => done({ status: -1, body: '', setCookies: [], error: String(e) }));
    });
    req.setTimeout(r.timeoutMs ?? 15_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done({ status: -1, body: '', setCookies: [], error: (e as NodeJS.ErrnoException).code ?? String(e) }));
    req.end(r.body);
  });
}

/** Runs fn over items with at most `concurrency` at a time. */
export async function inParallel<T, R>(items: readonly T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}

// ---- the ledger: what each voter was told --------------------------------------------------------

/**
 * One voter's casts and what the server answered. `committed` counts the casts known to be stored:
 * the acknowledged ones (303) plus casts whose answer was lost in a crash but which the database
 * shows were committed (resolved by verifyBallots). `inflight` is the selection of a cast sent
 * without an answer: it may or may not have been committed.
 */
export type VoterLedger = {
  client: VoterClient;
  /** Selections still to cast, in order. */
  todo: number[][];
  acknowledged: number;
  committed: number;
  /** The selection of the last committed cast (what the row must hold), null before any. */
  expected: number[] | null;
  inflight: number[] | null;
  /** Answers other than 303 and lost connections before the kill: each is a failure of the run. */
  unexpected: string[];
};

export function newLedger(client: VoterClient, todo: number[][]): VoterLedger {
  return { client, todo, acknowledged: 0, committed: 0, expected: null, inflight: null, unexpected: [] };
}

export type CastPhase = {
  sent: number;
  acknowledged: number;
  /** Requests sent without an answer when the server died. */
  inflightAtKill: number;
  /** Answers other than 303 (status → count); -1 is a lost connection. */
  statuses: Record<string, number>;
  seconds: number;
  killed: boolean;
  /** Unacknowledged casts at the moment of the kill (requests written, no answer yet). */
  pendingAtKill: number;
};

/**
 * Casts the ledgers' remaining selections over `connections` keep-alive connections, one request
 * at a time per voter (a voter's next cast waits for the answer to the previous one, so the order
 * of a voter's casts is known), voters interleaved. With `killAfter`, calls `kill` as soon as that
 * many casts of this phase have been acknowledged, while the other connections still have requests
 * in flight, `killDelayMs` later (the connections keep sending meanwhile), and stops sending.
 */
export async function castBallots(
  base: string,
  roundId: number,
  ledgers: readonly VoterLedger[],
  o: { connections: number; killAfter?: number; killDelayMs?: number; kill?: () => void; seed?: number },
): Promise<CastPhase> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const queue = seeded(o.seed ?? 1).shuffle(ledgers.filter((l) => l.todo.length > 0));
  const statuses: Record<string, number> = {};
  let sent = 0;
  let acknowledged = 0;
  let inflight = 0;
  let pendingAtKill = 0;
  let dead = false;
  let armed = false;
  const started = performance.now();
  const lane = async () => {
    while (!dead) {
      const v = queue.shift();
      if (!v) return;
      const choices = v.todo[0]!;
      v.inflight = choices;
      sent++;
      inflight++;
      const a = await request(base, {
        method: 'POST', path: `/ballots/${roundId}`, headers: { cookie: v.client.cookie }, body: ballotForm(choices, v.client.csrf), agent,
      });
      inflight--;
      if (a.status === 303) {
        v.todo.shift();
        v.inflight = null;
        v.acknowledged++;
        v.committed++;
        v.expected = choices;
        acknowledged++;
        if (v.todo.length) queue.push(v);
        if (o.killAfter !== undefined && acknowledged >= o.killAfter && !armed) {
          // The kill comes a few milliseconds later, with the connections still sending, so that it
          // may land anywhere: in a transaction, between the commit and the answer, in a parse…
          armed = true;
          setTimeout(() => {
            dead = true;
            pendingAtKill = inflight;
            o.kill?.();
          }, o.killDelayMs ?? 0);
        }
        continue;
      }
      statuses[String(a.status)] = (statuses[String(a.status)] ?? 0) + 1;
      // No answer after the kill: the outcome is unknown and stays in v.inflight for verifyBallots.
      // Anything else is a failure; the cast's outcome is left unknown too.
      if (!(dead && a.status === -1)) v.unexpected.push(a.status === -1 ? `no answer (${a.error})` : `${a.status}: ${a.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 200)}`);
      v.todo.shift();
    }
  };
  await Promise.all(Array.from({ length: o.connections }, lane));
  agent.destroy();
  return {
    sent, acknowledged, inflightAtKill: ledgers.filter((l) => l.inflight !== null).length, statuses, seconds: (performance.now() - started) / 1000,
    killed: dead, pendingAtKill,
  };
}

// ---- checking the database against the ledger ----------------------------------------------------

export type BallotCheck = {
  /** Casts acknowledged with a 303 so far (every phase). */
  acknowledged: number;
  /** Voters with at least one acknowledged cast. */
  votersAcknowledged: number;
  /** Voters with a committed cast: acknowledged, or in flight at a kill and found committed. */
  votersCommitted: number;
  rows: number;
  distinctVoters: number;
  /** Voters with an acknowledged cast whose row is there, with their last acknowledged selection or a later one. */
  found: number;
  /** Voters with an acknowledged cast and no row. */
  missing: number;
  /** Rows holding a selection older than the voter's last acknowledged one, or another voter's. */
  stale: number;
  /** Rows whose revision is below the casts acknowledged (an acknowledged change lost). */
  revisionBehind: number;
  /** Rows whose revision is above every cast that may have been committed (a cast counted twice). */
  revisionAhead: number;
  /** Lost = missing + stale + revisionBehind: must be 0. */
  lost: number;
  /** Rows beyond one per voter in the round: must be 0 (the unique index). */
  duplicates: number;
  /** Rows of voters who never sent a cast: must be 0. */
  phantom: number;
  /** Casts sent without an answer that the database shows committed / not committed. */
  inflightCommitted: number;
  inflightNotCommitted: number;
  /** Audit entries of ballots (cast + changed) and the sum of the rows' revisions: must be equal. */
  auditBallotEntries: number;
  revisionSum: number;
  audit: AuditVerification;
  integrity: string;
  problems: string[];
  ok: boolean;
};

const same = (a: readonly number[] | null, b: readonly number[]) => a !== null && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Compares the round's rows with the ledgers and settles each in-flight cast (committed or not,
 * from the row's revision); also verifies the audit chain and SQLite's integrity.
 */
export async function verifyBallots(handle: DatabaseHandle, roundId: number, ledgers: readonly VoterLedger[]): Promise<BallotCheck> {
  const db = handle.db;
  const rows = await db.selectFrom('ballots').select(['user_id', 'choices', 'revision']).where('round_id', '=', roundId).execute();
  const byUser = new Map<number, { choices: number[]; revision: number }[]>();
  for (const r of rows) {
    const list = byUser.get(r.user_id) ?? [];
    list.push({ choices: JSON.parse(r.choices) as number[], revision: Number(r.revision) });
    byUser.set(r.user_id, list);
  }
  const problems: string[] = [];
  const note = (s: string) => {
    if (problems.length < 20) problems.push(s);
  };
  let found = 0;
  let missing = 0;
  let stale = 0;
  let revisionBehind = 0;
  let revisionAhead = 0;
  let inflightCommitted = 0;
  let inflightNotCommitted = 0;
  const known = new Set<number>();
  for (const l of ledgers) {
    known.add(l.client.id);
    const row = byUser.get(l.client.id)?.[0];
    const flying = l.inflight;
    if (!row) {
      if (l.committed > 0) {
        missing++;
        note(`voter ${l.client.id}: ${l.committed} casts committed (${l.acknowledged} acknowledged), no row`);
      } else if (flying) inflightNotCommitted++;
      l.inflight = null;
      continue;
    }
    if (flying && row.revision === l.committed + 1 && same(flying, row.choices)) {
      // The cast in flight when the server died was committed: from now on it is what the row must hold.
      inflightCommitted++;
      l.committed++;
      l.expected = flying;
      l.inflight = null;
      found++;
      continue;
    }
    if (flying) inflightNotCommitted++;
    l.inflight = null;
    if (l.committed === 0) {
      if (!flying) note(`voter ${l.client.id}: a row (revision ${row.revision}) without any cast committed`);
      else note(`voter ${l.client.id}: row revision ${row.revision} ${JSON.stringify(row.choices)} matches no cast (in flight ${JSON.stringify(flying)})`);
      stale++;
      continue;
    }
    let ok = true;
    if (row.revision < l.committed) {
      revisionBehind++;
      ok = false;
      note(`voter ${l.client.id}: revision ${row.revision} < ${l.committed} casts committed`);
    } else if (row.revision > l.committed) {
      revisionAhead++;
      ok = false;
      note(`voter ${l.client.id}: revision ${row.revision} > ${l.committed} casts committed`);
    }
    if (!same(l.expected, row.choices)) {
      stale++;
      ok = false;
      note(`voter ${l.client.id}: row holds ${JSON.stringify(row.choices)}, last committed ${JSON.stringify(l.expected)}`);
    }
    if (ok) found++;
  }
  let phantom = 0;
  for (const [userId] of byUser) {
    if (!known.has(userId)) {
      phantom++;
      note(`a row for user ${userId}, who sent no cast`);
    }
  }
  const duplicates = rows.length - byUser.size;
  if (duplicates) note(`${duplicates} rows beyond one per voter`);

  const audited = await sql<{ n: number }>`
    select count(*) as n from audit_log where subject_type = 'ballot_round' and subject_id = ${String(roundId)} and action in ('ballot.cast', 'ballot.changed')`.execute(db);
  const auditBallotEntries = Number(audited.rows[0]?.n ?? 0);
  const revisionSum = rows.reduce((s, r) => s + Number(r.revision), 0);
  if (auditBallotEntries !== revisionSum) note(`${auditBallotEntries} ballot audit entries, revisions sum to ${revisionSum}`);
  const audit = await verifyAuditChain(db);
  if (!audit.ok) note(`audit chain broken at ${audit.firstBrokenId} (${audit.problem})`);
  let integrity = 'not checked (PostgreSQL)';
  if (handle.sqlite) {
    const r = handle.sqlite.pragma('integrity_check') as { integrity_check: string }[];
    integrity = r.map((x) => x.integrity_check).join('; ');
    if (integrity !== 'ok') note(`integrity_check: ${integrity}`);
  }
  const unexpected = ledgers.flatMap((l) => l.unexpected.map((u) => `voter ${l.client.id}: ${u}`));
  for (const u of unexpected.slice(0, 5)) note(u);
  if (unexpected.length > 5) note(`… ${unexpected.length} unexpected answers in all`);
  const lost = missing + stale + revisionBehind;
  return {
    acknowledged: ledgers.reduce((s, l) => s + l.acknowledged, 0),
    votersAcknowledged: ledgers.filter((l) => l.acknowledged > 0).length,
    votersCommitted: ledgers.filter((l) => l.committed > 0).length,
    rows: rows.length,
    distinctVoters: byUser.size,
    found, missing, stale, revisionBehind, revisionAhead, lost, duplicates, phantom, inflightCommitted, inflightNotCommitted,
    auditBallotEntries, revisionSum, audit, integrity, problems,
    ok: lost === 0 && duplicates === 0 && phantom === 0 && revisionAhead === 0 && auditBallotEntries === revisionSum && audit.ok && (integrity === 'ok' || !handle.sqlite) && unexpected.length === 0,
  };
}

// ---- the real server as a child process ---------------------------------------------------------

export type ServerChild = {
  base: string;
  pid: number;
  /** SIGKILL: no chance to finish anything; resolves when the process is gone. */
  kill: () => Promise<void>;
  /** SIGTERM: the server's own shutdown (closes the app and the database). */
  stop: () => Promise<void>;
  exited: () => boolean;
  output: () => string;
};

async function freePort(): Promise<number> {
  const s = net.createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** What the child server is started with, on top of the environment (said again in the outputs). */
export const crashServerEnv = {
  SEED_DEMO: 'no', WORKER: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production', VOTE_RATE_PER_IP_PER_MINUTE: '1000000',
} as const;

/**
 * Starts `node --import tsx src/main.ts serve` on the SQLite file, on a free port, and waits until
 * /healthz answers. The variable names are those of src/config.ts.
 */
export async function startServer(o: { dbFile: string; secret: string; timeoutMs?: number }): Promise<ServerChild> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('NODE_TEST')) env[k] = v;
  Object.assign(env, crashServerEnv, { DATABASE_URL: `sqlite:${o.dbFile}`, PORT: String(port), HOST: '127.0.0.1', SESSION_SECRET: o.secret });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString('utf8')).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let gone = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    gone = true;
    resolve();
  }));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  for (;;) {
    if (gone) throw new Error(`the server exited before answering /healthz:\n${out}`);
    const a = await request(base, { method: 'GET', path: '/healthz', timeoutMs: 2000 });
    if (a.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz within ${o.timeoutMs ?? 30_000} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const signal = async (s: NodeJS.Signals) => {
    if (!gone) child.kill(s);
    await exit;
  };
  return { base, pid: child.pid!, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM'), exited: () => gone, output: () => out };
}

// ---- the crash run: kill -9 while ballots are cast, restart, check, count --------------------------

export type CrashCycle = {
  /** Acknowledgements in this cycle after which the kill was armed, and the delay (ms) until it. */
  killAfter: number;
  killDelayMs: number;
  /** Milliseconds from spawning the server to its first /healthz answer. */
  startMs: number;
  phase: CastPhase;
  check: BallotCheck;
};

export type CrashReport = {
  voters: number;
  castsPlanned: number;
  connections: number;
  setupSeconds: number;
  cycles: CrashCycle[];
  final: {
    startMs: number;
    /** Receipt codes of voters with a committed ballot, checked through GET /ballots/:id/receipt after the restart. */
    receiptsChecked: number;
    receiptsFound: number;
    phase: CastPhase;
    check: BallotCheck;
    /** countBallotRound after closing the round: voters counted, and the turnout by place summed. */
    counted: number;
    turnoutSum: number;
    votersWithBallot: number;
  };
  seconds: number;
  ok: boolean;
  problems: string[];
};

/**
 * The whole crash run on a fresh temporary SQLite file (deleted afterwards): fixtures made in this
 * process, then for each entry of `kills` the real server is started as a child process, the voters
 * cast (each voter's casts one after another, voters interleaved, changes included) and the server
 * is SIGKILLed after that many acknowledgements with requests in flight; the database is then
 * opened here and checked against what every voter was told. Last, the server is started once more,
 * receipts are checked over HTTP, the remaining casts are made, the server is stopped, and the round
 * is closed and counted.
 */
export async function runCrashCycles(o: {
  voters: number;
  /** Casts per voter, drawn uniformly: the first is the ballot, the others are changes. */
  castsPerVoter: [number, number];
  connections: number;
  kills: number[];
  tmpDir: string;
  secret?: string;
  log?: (msg: string) => void;
}): Promise<CrashReport> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const secret = o.secret ?? 'crash-test-secret-'.padEnd(48, 'x');
  const dbFile = path.join(o.tmpDir, 'ballots-crash.db');
  const withDb = async <T>(fn: (handle: DatabaseHandle, ctx: OpContext) => Promise<T>): Promise<T> => {
    const handle = openDatabase({ url: `sqlite:${dbFile}` });
    try {
      return await fn(handle, { db: handle.db, dialect: handle.dialect, clock: systemClock });
    } finally {
      await handle.close();
    }
  };

  const world = await withDb(async (handle, ctx) => {
    await migrateToLatest(handle.db);
    return createBallotBenchWorld(ctx, { voters: o.voters });
  });
  const setupSeconds = (performance.now() - started) / 1000;
  log(`crash run: ${o.voters} voters with sessions in ${dbFile} (${setupSeconds.toFixed(1)} s)`);

  const r = seeded(2026);
  const problems: string[] = [];
  const cycles: CrashCycle[] = [];
  let ledgers: VoterLedger[] = [];
  let castsPlanned = 0;
  let server: ServerChild | null = null;
  const start = async () => {
    const t0 = performance.now();
    server = await startServer({ dbFile, secret });
    return Math.round(performance.now() - t0);
  };
  try {
    for (const [i, killAfter] of o.kills.entries()) {
      const startMs = await start();
      const s: ServerChild = server!;
      if (i === 0) {
        const clients = await inParallel(world.voters, 8, (v) => signedInClient(s.base, world.roundId, v));
        ledgers = clients.map((c) => newLedger(c, Array.from({ length: r.int(o.castsPerVoter[0], o.castsPerVoter[1]) }, () => randomSelection(r, world.planIds, world.minApprovals, world.maxApprovals))));
        castsPlanned = ledgers.reduce((a, l) => a + l.todo.length, 0);
        log(`crash run: server pid ${s.pid} up in ${startMs} ms; ${clients.length} CSRF tokens fetched; ${castsPlanned} casts planned`);
      }
      const killDelayMs = r.int(0, 8);
      const phase = await castBallots(s.base, world.roundId, ledgers, { connections: o.connections, killAfter, killDelayMs, kill: () => void s.kill(), seed: 100 + i });
      await s.kill();
      if (!phase.killed) problems.push(`cycle ${i + 1}: the casts ran out before ${killAfter} acknowledgements; nothing was killed`);
      const check = await withDb((handle) => verifyBallots(handle, world.roundId, ledgers));
      cycles.push({ killAfter, killDelayMs, startMs, phase, check });
      if (!check.ok) problems.push(`cycle ${i + 1}: ${check.problems.join('; ')}`);
      log(
        `crash run: cycle ${i + 1}: SIGKILL ${killDelayMs} ms after the ${killAfter}th acknowledgement (${phase.acknowledged} in all) with ${phase.pendingAtKill} requests in flight; ` +
          `acknowledged so far ${check.acknowledged}, voters ${check.votersAcknowledged}, found ${check.found}, lost ${check.lost}, duplicates ${check.duplicates}, ` +
          `in flight committed ${check.inflightCommitted} / not ${check.inflightNotCommitted}, audit ${check.audit.ok ? 'ok' : 'BROKEN'}, integrity ${check.integrity}`,
      );
    }

    // Restart: the acknowledged ballots are visible over HTTP, casting goes on, and the count sees each voter once.
    const startMs = await start();
    const s: ServerChild = server!;
    const withBallot = ledgers.filter((l) => l.committed > 0);
    const sample = seeded(7).shuffle([...withBallot]).slice(0, 25);
    let receiptsFound = 0;
    for (const l of sample) {
      const code = receiptCode(secret, world.roundId, l.client.id);
      const a = await request(s.base, { method: 'GET', path: `/ballots/${world.roundId}/receipt?code=${code}`, keepBody: true });
      if (a.status === 200 && a.body.includes('ثبت شده است')) receiptsFound++;
      else problems.push(`receipt of voter ${l.client.id} not found after the restart (${a.status})`);
    }
    const phase = await castBallots(s.base, world.roundId, ledgers, { connections: o.connections, seed: 999 });
    await s.stop();
    const { check, count } = await withDb(async (handle, ctx) => {
      const check = await verifyBallots(handle, world.roundId, ledgers);
      await closeRoundNow(ctx, world.secretary, world.roundId);
      const count = await countBallotRound(ctx, world.secretary, world.roundId);
      return { check, count };
    });
    if (!check.ok) problems.push(`after the restart: ${check.problems.join('; ')}`);
    const votersWithBallot = ledgers.filter((l) => l.committed > 0).length;
    const turnoutSum = count.turnout.reduce((a, t) => a + t.ballots, 0);
    if (count.voters !== votersWithBallot || count.voters !== check.rows || turnoutSum !== count.voters) {
      problems.push(`count: ${count.voters} voters counted, ${turnoutSum} in the turnout, ${check.rows} rows, ${votersWithBallot} voters with a committed ballot`);
    }
    log(
      `crash run: restarted in ${startMs} ms; ${receiptsFound}/${sample.length} receipts found over HTTP; ${phase.acknowledged} more casts acknowledged; ` +
        `final: ${check.rows} rows for ${votersWithBallot} voters, lost ${check.lost}, duplicates ${check.duplicates}; counted ${count.voters} voters`,
    );
    return {
      voters: o.voters, castsPlanned,
      connections: o.connections, setupSeconds, cycles,
      final: { startMs, receiptsChecked: sample.length, receiptsFound, phase, check, counted: count.voters, turnoutSum, votersWithBallot },
      seconds: (performance.now() - started) / 1000,
      ok: problems.length === 0,
      problems,
    };
  } finally {
    const s = server as ServerChild | null;
    if (s && !s.exited()) await s.kill();
  }
}
