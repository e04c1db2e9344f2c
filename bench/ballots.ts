/**
 * Ballots cast over HTTP on SQLite, and a kill -9 crash run: `npm run bench:ballots`
 * (add `-- --json` for machine-readable output).
 *
 * Issue #6 and DESIGN.md "Performance budgets" ask for >= 1,000 ballots/s on SQLite with zero
 * ballots lost or counted twice under kill -9. This file measures both, in one run:
 *
 * 1. Casting over HTTP. An app on a temporary SQLite file (created and deleted here) with a round of
 *    8 projects (approve 1 to 3) over a county, and N voters living in its neighborhoods, each
 *    signed in with a session made by the real session code (createSession: a random token for the
 *    `sid` cookie, its SHA-256 stored) and each with its CSRF token fetched BEFORE the timed section
 *    (GET /ballots/:id as that voter: the `_csrf` cookie and the form's token; the tokens of
 *    @fastify/csrf-protection are stateless, so one serves all of a voter's POSTs). The timed section
 *    POSTs /ballots/:id (fields plan…, action=cast, _csrf) once per voter with a random valid
 *    selection, plus a share of changes (a second ballot from the same voter, sent only after the
 *    answer to the first, so that each voter's last acknowledged selection is known) over C
 *    keep-alive connections from a worker thread; every request's latency is recorded. Baseline: a
 *    bare node:http server that reads the same urlencoded bodies and answers 303, run before and
 *    after the app (as bench/comments.ts does). Before the measured POSTs, warm-up voters cast
 *    once (not measured). A third server shows what the platform alone costs: a route of this file
 *    added to the same app (headers, session lookup, form parser, CSRF check, rate limit) that answers
 *    303 at once, sent the same requests. Afterwards: exactly one row per voter who got a 303, each row's choices =
 *    that voter's last acknowledged selection, revision = the number of acknowledged casts, one
 *    audit entry per cast, the audit chain verifies, `pragma integrity_check` is ok.
 *    Also printed, to show where the time goes: SQL statements per ballot, the CPU time of the process
 *    per ballot, and the time inside SQLite by statement (each better-sqlite3 call timed) from a
 *    second run by other voters after the measured one, so the timing does not slow the measured run.
 *
 * 2. Kill -9. The real server as a child process (`node --import tsx src/main.ts serve`) on another
 *    temporary SQLite file; voters cast and change ballots on many connections and the server is
 *    SIGKILLed with requests in flight, several times; after each kill the database is opened here
 *    and compared with what every voter was told (src/ballots/bench-fixtures.ts runCrashCycles, the
 *    same code as src/ballots/crash.test.ts with more voters and kills). Last, a restart: receipts
 *    found over HTTP, the remaining casts, the round closed and counted.
 *
 * Bench configuration: VOTE_RATE_PER_IP_PER_MINUTE=1000000 (default 120: every POST comes from
 * 127.0.0.1, so the default would refuse a benchmark's volume; said again in the output).
 *
 * Environment:
 *   BENCH_BALLOTS_VOTERS        measured voters, one ballot each (default 5000)
 *   BENCH_BALLOTS_CHANGES       share of the measured voters who change their ballot, 0–1 (default 0.1)
 *   BENCH_BALLOTS_WARMUP        warm-up voters, one ballot each, not measured (default 300)
 *   BENCH_BALLOTS_TIMING_VOTERS voters of the run with every SQL statement timed, after the measured
 *                               one (default 1000, with the same share of changes; 0 skips it)
 *   BENCH_CONNECTIONS           keep-alive connections (default 10, as bench/run.ts)
 *   BENCH_BALLOTS_CRASH         0 skips the crash run
 *   BENCH_BALLOTS_CRASH_VOTERS  voters of the crash run (default 2000), each casting 1–3 times
 *   BENCH_BALLOTS_CRASH_KILLS   SIGKILLs in the crash run (default 4)
 *   BENCH_BALLOTS_CRASH_CONNECTIONS  connections of the crash run (default 32)
 *   BENCH_BALLOTS_PROFILE       a file name: the server thread's CPU profile of the timed app run is
 *                               written there (.cpuprofile, for Chrome DevTools or speedscope), and the
 *                               self time by package and the costliest functions are printed
 *
 * BENCHMARK FIXTURES: places, plans and voters are written for this benchmark
 * (src/ballots/bench-fixtures.ts), in temporary databases deleted afterwards.
 *
 * The exit code is always 0 unless the benchmark itself could not run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { buildApp } from '../src/app.ts';
import { createContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import {
  ballotForm, createBallotBenchWorld, crashServerEnv, inParallel, newLedger, randomSelection, runCrashCycles, seeded, signedInClient,
  verifyBallots, type BallotCheck, type CrashReport, type VoterLedger,
} from '../src/ballots/bench-fixtures.ts';
import { asJson, closeServer, progress, settings } from './run.ts';
import { fire, listenBarePost, summarize, type LoadResult, type PostRun, type PreparedRequest } from './post-load.ts';

// ---- settings ----------------------------------------------------------------------------------

function envNumber(name: string, fallback: number, ok: (n: number) => boolean, what: string): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!ok(n)) throw new Error(`${name} must be ${what}, got ${JSON.stringify(raw)}`);
  return n;
}
const int = (min: number) => (n: number) => Number.isInteger(n) && n >= min;

/** The DESIGN.md budget. */
const TARGET_BALLOTS_PER_SECOND = 1000;

const bench = {
  voters: envNumber('BENCH_BALLOTS_VOTERS', 5000, int(1), 'an integer >= 1'),
  changes: envNumber('BENCH_BALLOTS_CHANGES', 0.1, (n) => n >= 0 && n <= 1, 'a number 0…1'),
  warmup: envNumber('BENCH_BALLOTS_WARMUP', 300, int(0), 'an integer >= 0'),
  connections: settings.connections,
  crash: process.env.BENCH_BALLOTS_CRASH !== '0',
  crashVoters: envNumber('BENCH_BALLOTS_CRASH_VOTERS', 2000, int(10), 'an integer >= 10'),
  crashKills: envNumber('BENCH_BALLOTS_CRASH_KILLS', 4, int(1), 'an integer >= 1'),
  crashConnections: envNumber('BENCH_BALLOTS_CRASH_CONNECTIONS', 32, int(1), 'an integer >= 1'),
  profile: process.env.BENCH_BALLOTS_PROFILE || null,
  timingVoters: envNumber('BENCH_BALLOTS_TIMING_VOTERS', 1000, int(0), 'an integer >= 0'),
};

/** What the bench sets on top of the environment, and why (printed with the results). */
const benchEnv = { VOTE_RATE_PER_IP_PER_MINUTE: '1000000' };

const started = Date.now();
const step = (msg: string) => progress(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`);

// ---- the load generator: a worker thread, plain JavaScript -------------------------------------

/** A POST to send; `after` is the index of a request whose answer must have arrived first (-1: none). */
const pageText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);

// ---- time spent in SQL, by statement ---------------------------------------------------------------

type SqlStat = { sql: string; n: number; ms: number };

/**
 * Times every statement where SQLite runs it (the synchronous better-sqlite3 call, so no other
 * request's work is counted in), summed by SQL text. Unlike bench/comments.ts, which wraps every
 * prepared statement for the whole run, this replaces better-sqlite3's Statement methods only
 * while `during` runs, so the measured run carries no timing code at all.
 */
const sqlTimes = {
  async during<T>(handle: DatabaseHandle, fn: () => Promise<T>): Promise<{ result: T; statements: SqlStat[] }> {
    const sqlite = handle.sqlite;
    if (!sqlite) return { result: await fn(), statements: [] };
    const proto = Object.getPrototypeOf(sqlite.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
    const stats = new Map<string, { n: number; ms: number }>();
    const originals = new Map<string, (...args: unknown[]) => unknown>();
    for (const method of ['all', 'run', 'get', 'iterate']) {
      const original = proto[method]!;
      originals.set(method, original);
      proto[method] = function timed(this: { source: string }, ...args: unknown[]) {
        const t0 = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          const s = stats.get(this.source) ?? { n: 0, ms: 0 };
          s.n++;
          s.ms += performance.now() - t0;
          stats.set(this.source, s);
        }
      };
    }
    try {
      const result = await fn();
      return { result, statements: [...stats].map(([sql, s]) => ({ sql, ...s })).sort((a, b) => b.ms - a.ms) };
    } finally {
      for (const [method, original] of originals) proto[method] = original;
    }
  },
};

const shortSql = (s: string) => s.replace(/\s+/g, ' ').replace(/"/g, '').trim().slice(0, 140);

// ---- CPU profile of the server thread during the timed run (BENCH_BALLOTS_PROFILE) ---------------

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
type ProfileSummary = {
  file: string;
  ballots: number;
  /** Sampled milliseconds of the server thread, per ballot. */
  sampledMsPerBallot: number;
  byPackage: { name: string; msPerBallot: number; share: number }[];
  topFunctions: { name: string; where: string; msPerBallot: number; share: number }[];
};

async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return session;
}

/** Where a frame's code lives: a package under node_modules, the app's src/ folder, node itself, or the engine. */
function packageOf(url: string, fn: string): string {
  if (!url) return fn === '(garbage collector)' ? '(garbage collector)' : fn === '(program)' || fn === '(idle)' ? fn : '(native / V8)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const src = /\/src\/([^/]+)\//.exec(url);
  if (src) return `src/${src[1]}`;
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

async function stopProfile(session: Session, file: string, ballots: number): Promise<ProfileSummary> {
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
  session.disconnect();
  await writeFile(file, JSON.stringify(profile));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, { where: string; ms: number }>();
  let total = 0;
  for (const [id, ms] of self) {
    const f = nodes.get(id)!.callFrame;
    if (f.functionName === '(idle)') continue;
    total += ms;
    const pkg = packageOf(f.url, f.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const key = `${f.functionName || '(anonymous)'} ${f.url}:${f.lineNumber + 1}`;
    const e = byFunction.get(key) ?? { where: `${f.url.replace(/^.*?(node_modules\/|\/src\/)/, '$1')}:${f.lineNumber + 1}`, ms: 0 };
    e.ms += ms;
    byFunction.set(key, e);
  }
  return {
    file,
    ballots,
    sampledMsPerBallot: total / ballots,
    byPackage: [...byPackage].map(([name, ms]) => ({ name, msPerBallot: ms / ballots, share: ms / total })).sort((a, b) => b.msPerBallot - a.msPerBallot),
    topFunctions: [...byFunction].map(([k, e]) => ({ name: k.split(' ')[0]!, where: e.where, msPerBallot: e.ms / ballots, share: e.ms / total })).sort((a, b) => b.msPerBallot - a.msPerBallot).slice(0, 25),
  };
}

function printProfile(p: ProfileSummary): void {
  console.log('');
  console.log(`CPU profile of the server thread during the timed run (written to ${p.file}): ${f2(p.sampledMsPerBallot)} ms busy per ballot (idle excluded); self time by where the code lives:`);
  for (const x of p.byPackage.slice(0, 18)) console.log(`  ${f2(x.msPerBallot * 1000).padStart(8)} µs  ${(x.share * 100).toFixed(1).padStart(5)}%  ${x.name}`);
  console.log('costliest functions (self time):');
  for (const x of p.topFunctions) console.log(`  ${f2(x.msPerBallot * 1000).padStart(8)} µs  ${(x.share * 100).toFixed(1).padStart(5)}%  ${x.name}  ${x.where}`);
}

// ---- the benchmark -----------------------------------------------------------------------------

type Cast = { ledger: VoterLedger; choices: number[] };

async function main(): Promise<void> {
  const loadAtStart = os.loadavg().map((n) => Number(n.toFixed(2)));
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'mahalle-bench-ballots-'));
  const dbFile = path.join(tmpDir, 'bench-ballots.db');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: `sqlite:${dbFile}`,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(40),
    WORKER: '0',
    SEED_DEMO: 'no',
    ...benchEnv,
  });
  const ctx: AppContext = createContext(config);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let crash: CrashReport | null = null;
  try {
    step(`database: ${dbFile}`);
    await migrateToLatest(ctx.db);
    const t0 = Date.now();
    const world = await createBallotBenchWorld(ctx, { voters: bench.warmup + bench.voters + bench.timingVoters });
    const setupSeconds = (Date.now() - t0) / 1000;
    step(`round ${world.roundId}: ${world.planIds.length} projects (approve ${world.minApprovals}–${world.maxApprovals}); ${world.voters.length} voters with sessions made by createSession in ${setupSeconds.toFixed(1)} s`);

    app = await buildApp(ctx);
    // Not the app's: a route of this benchmark behind the same platform (security headers, the
    // session lookup, the form parser, the CSRF check, the vote rate limit) that answers 303 at
    // once. The difference between it and POST /ballots/:id is the route and castBallot.
    app.post('/bench/platform-only/:id', { config: { rateLimit: { max: ctx.config.VOTE_RATE_PER_IP_PER_MINUTE, timeWindow: '1 minute' } } }, async (request, reply) => {
      if (!request.actor) throw new Error('the session was not recognised');
      return reply.redirect(`/ballots/${(request.params as { id: string }).id}#receipt`, 303);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;

    step(`fetching ${world.voters.length} CSRF tokens (GET /ballots/${world.roundId} as each voter)…`);
    const t1 = Date.now();
    const csrfAgent = new http.Agent({ keepAlive: true, maxSockets: bench.connections });
    const clients = await inParallel(world.voters, bench.connections, (v) => signedInClient(base, world.roundId, v, csrfAgent));
    csrfAgent.destroy();
    const csrfSeconds = (Date.now() - t1) / 1000;
    step(`CSRF tokens fetched in ${csrfSeconds.toFixed(1)} s (${Math.round(clients.length / csrfSeconds)} pages/s)`);

    // The casts: warm-up voters once each; then every measured voter once, in random order, with
    // a share of them casting again later (a change), sent only after the first cast's answer.
    const r = seeded(1405);
    const ledgers = clients.map((c) => newLedger(c, []));
    const warmLedgers = ledgers.slice(0, bench.warmup);
    const measuredLedgers = r.shuffle(ledgers.slice(bench.warmup, bench.warmup + bench.voters));
    const timingLedgers = r.shuffle(ledgers.slice(bench.warmup + bench.voters));
    const pick = () => randomSelection(r, world.planIds, world.minApprovals, world.maxApprovals);
    const warmCasts: Cast[] = warmLedgers.map((ledger) => ({ ledger, choices: pick() }));
    /** One cast per voter in the given order, and changes from a share of them spread over the rest of the run. */
    const withChanges = (voters: VoterLedger[]): Cast[] => {
      const keyed: { key: number; cast: Cast }[] = voters.map((ledger, i) => ({ key: i, cast: { ledger, choices: pick() } }));
      for (const first of r.shuffle([...keyed]).slice(0, Math.round(bench.changes * voters.length))) {
        keyed.push({ key: first.key + 1 + r.next() * (voters.length - first.key), cast: { ledger: first.cast.ledger, choices: pick() } });
      }
      return keyed.sort((a, b) => a.key - b.key).map((k) => k.cast);
    };
    const measuredCasts = withChanges(measuredLedgers);
    const timingCasts = withChanges(timingLedgers);
    const prepare = (casts: Cast[]): PreparedRequest[] => {
      const last = new Map<VoterLedger, number>();
      return casts.map((c, i) => {
        const body = ballotForm(c.choices, c.ledger.client.csrf);
        const after = last.get(c.ledger) ?? -1;
        last.set(c.ledger, i);
        return {
          path: `/ballots/${world.roundId}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), cookie: c.ledger.client.cookie },
          body,
          after,
        };
      });
    };
    const warm = prepare(warmCasts);
    const measured = prepare(measuredCasts);
    const timing = prepare(timingCasts);
    const meanBodyBytes = Math.round(measured.reduce((a, q) => a + q.body.length, 0) / measured.length);
    const changes = measuredCasts.length - measuredLedgers.length;

    const bare = await listenBarePost(`/ballots/${world.roundId}#receipt`);
    let bareBefore: PostRun;
    let bareAfter: PostRun;
    let appRun: PostRun;
    let platformRun: PostRun;
    let platformSqlPerRequest: number;
    let appResult: LoadResult;
    let warmResult: LoadResult | null = null;
    let timingResult: LoadResult | null = null;
    let statements: SqlStat[] = [];
    let sqlPerBallot: number;
    let profile: ProfileSummary | null = null;
    try {
      step(`bare server: ${measured.length} POSTs…`);
      if (warm.length) await fire(bare.port, warm, bench.connections);
      bareBefore = summarize(await fire(bare.port, measured, bench.connections));
      step(`app, platform only: ${measured.length} POSTs…`);
      const platformRequests = measured.map((q) => ({ ...q, path: `/bench/platform-only/${world.roundId}` }));
      if (warm.length) await fire(port, warm.map((q) => ({ ...q, path: `/bench/platform-only/${world.roundId}` })), bench.connections);
      const p0 = ctx.handle.queryCount();
      platformRun = summarize(await fire(port, platformRequests, bench.connections));
      platformSqlPerRequest = (ctx.handle.queryCount() - p0) / measured.length;
      if (warm.length) {
        step(`app: ${warm.length} warm-up ballots…`);
        warmResult = await fire(port, warm, bench.connections);
      }
      step(`app: ${measured.length} POSTs (${measuredLedgers.length} ballots + ${changes} changes)…`);
      const q0 = ctx.handle.queryCount();
      const profiler = bench.profile ? await startProfile() : null;
      appResult = await fire(port, measured, bench.connections);
      sqlPerBallot = (ctx.handle.queryCount() - q0) / measured.length;
      if (profiler) profile = await stopProfile(profiler, bench.profile!, measured.length);
      appRun = summarize(appResult);
      step(`bare server again: ${measured.length} POSTs…`);
      bareAfter = summarize(await fire(bare.port, measured, bench.connections));
      if (timing.length) {
        step(`app, statements timed: ${timing.length} POSTs from ${timingLedgers.length} other voters…`);
        const timed = await sqlTimes.during(ctx.handle, () => fire(port, timing, bench.connections));
        timingResult = timed.result;
        statements = timed.statements;
      }
    } finally {
      await closeServer(bare.server);
    }

    // What each voter was told, in the order each voter's casts were sent.
    const record = (casts: Cast[], statuses: number[], samples: LoadResult['samples']) => {
      casts.forEach((c, i) => {
        const status = statuses[i]!;
        if (status === 303) {
          c.ledger.acknowledged++;
          c.ledger.committed++;
          c.ledger.expected = c.choices;
        } else {
          c.ledger.inflight = c.choices;
          const sample = samples.find((s) => s.status === status);
          c.ledger.unexpected.push(`${status}${sample ? `: ${pageText(sample.body)}` : ''}`);
        }
      });
    };
    if (warmResult) record(warmCasts, warmResult.statuses, warmResult.samples);
    record(measuredCasts, appResult.statuses, appResult.samples);
    if (timingResult) record(timingCasts, timingResult.statuses, timingResult.samples);
    step('checking the database against the answers…');
    const check = await verifyBallots(ctx.handle, world.roundId, ledgers);

    const barePerSecond = (bareBefore.perSecond + bareAfter.perSecond) / 2;
    const bareCpu = (bareBefore.processCpuMsPerRequest + bareAfter.processCpuMsPerRequest) / 2;
    const casting = {
      voters: bench.voters, warmupVoters: bench.warmup, changes, connections: bench.connections, meanFormBodyBytes: meanBodyBytes,
      setupSeconds, csrfSeconds,
      warmupStatuses: warmResult ? summarize(warmResult).statuses : {},
      bareBefore, platformOnly: platformRun, platformSqlPerRequest, app: appRun, bareAfter, barePerSecond,
      ratio: appRun.perSecond / barePerSecond,
      target: TARGET_BALLOTS_PER_SECOND,
      targetMet: appRun.perSecond >= TARGET_BALLOTS_PER_SECOND,
      sqlStatementsPerBallot: sqlPerBallot,
      timingRun: timingResult ? summarize(timingResult) : null,
      sqlMsPerBallot: statements.reduce((a, x) => a + x.ms, 0) / (timing.length || 1),
      cpuMsPerBallotOverBare: appRun.processCpuMsPerRequest - bareCpu,
      cpuMsPlatformOverBare: platformRun.processCpuMsPerRequest - bareCpu,
      sqlStatements: statements.map((s) => ({ ...s, sql: shortSql(s.sql) })),
      check,
      samples: appResult.samples.map((s) => ({ status: s.status, text: pageText(s.body) })),
      profile,
    };

    await app.close();
    app = null;

    if (bench.crash) {
      step(`crash run: ${bench.crashVoters} voters, ${bench.crashKills} SIGKILLs, ${bench.crashConnections} connections…`);
      const kills = Array.from({ length: bench.crashKills }, () => Math.round(bench.crashVoters * (0.25 + r.next() * 0.15)));
      crash = await runCrashCycles({
        voters: bench.crashVoters, castsPerVoter: [1, 3], connections: bench.crashConnections, kills, tmpDir, log: step,
      });
    }

    const machine = {
      node: process.version,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))),
    };
    if (asJson) {
      console.log(JSON.stringify({ benchmark: 'ballots', date: new Date().toISOString(), elapsedSeconds: (Date.now() - started) / 1000, machine, benchEnv, crashServerEnv, casting, crash }, null, 2));
    } else {
      printCasting(casting, machine);
      if (crash) printCrash(crash);
      else console.log('\ncrash run skipped (BENCH_BALLOTS_CRASH=0)');
      console.log(`\nwhole benchmark: ${((Date.now() - started) / 1000).toFixed(0)} s. Exit code is 0 regardless.`);
    }
  } finally {
    if (app) await app.close();
    await ctx.handle.close();
    await rm(tmpDir, { recursive: true, force: true });
  }
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

function printCasting(
  c: {
    voters: number; warmupVoters: number; changes: number; connections: number; meanFormBodyBytes: number; setupSeconds: number; csrfSeconds: number;
    warmupStatuses: Record<string, number>; bareBefore: PostRun; platformOnly: PostRun; platformSqlPerRequest: number; cpuMsPlatformOverBare: number; app: PostRun; bareAfter: PostRun; barePerSecond: number; ratio: number;
    target: number; targetMet: boolean; sqlStatementsPerBallot: number; sqlMsPerBallot: number; cpuMsPerBallotOverBare: number;
    sqlStatements: SqlStat[]; timingRun: PostRun | null; check: BallotCheck; samples: { status: number; text: string }[]; profile: ProfileSummary | null;
  },
  machine: { node: string; cpus: number; cpuModel: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] },
): void {
  console.log('');
  console.log(
    `Mahalle ballots benchmark: node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}); ` +
      `load average (1/5/15 min) at start ${machine.loadAverageAtStart.join(' ')}, at end ${machine.loadAverageAtEnd.join(' ')}`,
  );
  console.log(
    `Casting over HTTP: ${f0(c.voters)} ballots + ${f0(c.changes)} changes = ${f0(c.app.requests)} POST /ballots/:id (after ${c.warmupVoters} warm-up ballots, statuses ${JSON.stringify(c.warmupStatuses)}), ` +
      `${c.connections} keep-alive connections from a worker thread, 8 projects (approve 1–3), mean form body ${c.meanFormBodyBytes} bytes; ` +
      `sessions by createSession, CSRF tokens fetched beforehand (${f2(c.csrfSeconds)} s)`,
  );
  console.log(`bench config: ${Object.entries(benchEnv).map(([k, v]) => `${k}=${v}`).join(' ')} (default 120 a minute per IP; every POST comes from 127.0.0.1)`);
  console.log('');
  const header = ['server', 'ballots/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'CPU ms/ballot', 'statuses'];
  const line = (name: string, r: PostRun) => [
    name, f0(r.perSecond), f2(r.latencyMs.p50), f2(r.latencyMs.p90), f2(r.latencyMs.p99), f2(r.latencyMs.max), f2(r.processCpuMsPerRequest), JSON.stringify(r.statuses),
  ];
  const body = [line('bare 303, before', c.bareBefore), line('app, platform only', c.platformOnly), line('app', c.app), line('bare 303, after', c.bareAfter)];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((x, i) => (i === 0 || i === 7 ? x.padEnd(widths[i] ?? 0) : x.padStart(widths[i] ?? 0))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(fmt(row));
  console.log('');
  console.log(
    `app/bare (mean of the two bare runs, ${f0(c.barePerSecond)}/s): ${f2(c.ratio)}; target ${f0(c.target)} ballots/s on SQLite: ${c.targetMet ? 'MET' : 'NOT MET'} (${f0(c.app.perSecond)}/s); ` +
      `${f2(c.sqlStatementsPerBallot)} SQL statements per ballot; ${f2(c.cpuMsPerBallotOverBare)} ms of CPU per ballot over the bare server's ` +
      '(CPU ms/ballot is the whole process: server + load-generator thread)',
  );
  console.log(
    `platform only (a route of this benchmark behind the app's hooks: headers, session lookup, form, CSRF, rate limit; answers 303 at once): ` +
      `${f2(c.platformSqlPerRequest)} SQL statements and ${f2(c.cpuMsPlatformOverBare)} ms of CPU per request over the bare server's; ` +
      `so the route and castBallot add ${f2(c.cpuMsPerBallotOverBare - c.cpuMsPlatformOverBare)} ms of CPU and ${f2(c.sqlStatementsPerBallot - c.platformSqlPerRequest)} statements per ballot`,
  );
  if (c.timingRun) {
    const n = c.timingRun.requests;
    console.log(
      `time inside SQLite, from a second run with every statement timed (${f0(n)} POSTs of other voters, ${f0(c.timingRun.perSecond)}/s, statuses ${JSON.stringify(c.timingRun.statuses)}; ` +
        `the timing itself slows it): ${f2(c.sqlMsPerBallot)} ms per ballot; by statement (ms per ballot, executions per ballot):`,
    );
    for (const x of c.sqlStatements.slice(0, 12)) console.log(`  ${(x.ms / n).toFixed(3).padStart(7)} ms  ×${(x.n / n).toFixed(2)}  ${shortSql(x.sql)}`);
  }
  printCheck('after the run', c.check);
  for (const s of c.samples) console.log(`  answer ${s.status}: ${s.text}`);
  if (c.profile) printProfile(c.profile);
}

function printCheck(when: string, k: BallotCheck): void {
  console.log(
    `check ${when}: ${f0(k.acknowledged)} casts acknowledged for ${f0(k.votersAcknowledged)} voters; ${f0(k.rows)} rows (${f0(k.distinctVoters)} distinct voters); ` +
      `found ${f0(k.found)}, lost ${k.lost} (missing ${k.missing}, older selection ${k.stale}, revision behind ${k.revisionBehind}), duplicates ${k.duplicates}, ` +
      `revision ahead ${k.revisionAhead}, phantom ${k.phantom}; ballot audit entries ${f0(k.auditBallotEntries)} = revisions ${f0(k.revisionSum)}; ` +
      `audit chain ${k.audit.ok ? 'verifies' : 'BROKEN'} (${f0(k.audit.checked)} entries); integrity_check ${k.integrity}: ${k.ok ? 'PASS' : 'FAIL'}`,
  );
  for (const p of k.problems) console.log(`  ${p}`);
}

function printCrash(c: CrashReport): void {
  console.log('');
  console.log(
    `Kill -9: the real server (node --import tsx src/main.ts serve, ${Object.entries(crashServerEnv).map(([k, v]) => `${k}=${v}`).join(' ')}) on a temporary SQLite file; ` +
      `${f0(c.voters)} voters, ${f0(c.castsPlanned)} casts planned (1–3 per voter: a ballot and changes, each voter's casts one after another), ${c.connections} connections; ` +
      `setup ${f2(c.setupSeconds)} s`,
  );
  const header = ['cycle', 'kill after', 'delay ms', 'acked here', 'in flight at kill', 'acked total', 'voters', 'found', 'lost', 'dup', 'unanswered committed', 'rows', 'audit', 'integrity', 'start ms'];
  const rows = c.cycles.map((x, i) => [
    String(i + 1), f0(x.killAfter), String(x.killDelayMs), f0(x.phase.acknowledged), String(x.phase.pendingAtKill), f0(x.check.acknowledged), f0(x.check.votersCommitted),
    f0(x.check.found), String(x.check.lost), String(x.check.duplicates), `${x.check.inflightCommitted}/${x.check.inflightCommitted + x.check.inflightNotCommitted}`,
    f0(x.check.rows), x.check.audit.ok ? 'ok' : 'BROKEN', x.check.integrity, f0(x.startMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((x, i) => x.padStart(widths[i] ?? 0)).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(fmt(row));
  console.log(
    'kill after: acknowledgements of the cycle that armed the kill, sent "delay ms" later with the connections still sending; in flight at kill: requests written without an answer; ' +
      'voters: voters with a committed ballot; found: their rows holding their last committed selection with revision = casts committed; ' +
      'unanswered committed: casts that never got an answer and that the database shows committed / all such casts; start ms: spawn to the first /healthz answer',
  );
  const f = c.final;
  console.log(
    `restart: up in ${f0(f.startMs)} ms; ${f.receiptsFound}/${f.receiptsChecked} receipts found over HTTP; ${f0(f.phase.acknowledged)} more casts acknowledged ` +
      `(other answers ${JSON.stringify(f.phase.statuses)}); round closed and counted: ${f0(f.counted)} voters counted, turnout sums to ${f0(f.turnoutSum)}, ` +
      `${f0(f.votersWithBallot)} voters with a committed ballot, ${f0(f.check.rows)} rows`,
  );
  printCheck('after the restart', f.check);
  console.log(`crash run: ${c.ok ? 'PASS' : 'FAIL'} in ${f2(c.seconds)} s (lost must be 0, dup must be 0)`);
  for (const p of c.problems) console.log(`  ${p}`);
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
