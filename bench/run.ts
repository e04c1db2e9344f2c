/**
 * Page throughput benchmark: `npm run bench` (add `-- --json` for machine-readable output).
 *
 * DESIGN.md "Performance budgets" asks that a public page serve at least 0.30x the
 * requests/s of a bare Node HTTP server sending the same bytes, with at most 5 SQL queries
 * per page. Both are measured here, in one process and one run, so the ratio compares the
 * app with the machine it ran on rather than with a number from another machine.
 *
 * For each page: fetch it once from the app (exact bytes and content-type), serve those bytes
 * from a bare `node:http` server, run autocannon against the bare server and then against the
 * app with the same settings, and count the SQL statements the app ran during its run.
 *
 * Environment:
 *   BENCH_SECONDS      measured seconds per run (default 5; each run has a 1 s warm-up first)
 *   BENCH_CONNECTIONS  concurrent connections (default 10)
 *   BENCH_ROUNDS       alternating bare/app rounds per page; the median round is reported (default 3)
 *   BENCH_WORKERS      autocannon worker threads generating the load (default 1 when the machine
 *                      has 2+ cores, else 0 = load generated on the server's own thread)
 *   BENCH_PLANS        0 skips the plan pages benchmark (bench/plans.ts) that runs after these pages
 *                      (with --json, each benchmark prints its own JSON document)
 *
 * The exit code is always 0 unless the benchmark itself could not run: benchmarks report,
 * they do not fail the build.
 */
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { createContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { importPlaces } from '../src/places/import-places.ts';
import { parsePlaceFile } from '../src/places/parse-place-file.ts';
import { findPlaceByCode } from '../src/places/places.repo.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

/** The DESIGN.md budgets for public pages. */
export const BUDGET = { minRatio: 0.3, maxQueries: 5 } as const;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const divisionsFile = path.resolve(repoRoot, '../shared/data/places/qazvin-divisions.json');

export const asJson = process.argv.slice(2).includes('--json');
/** Progress goes to stderr so that `--json` leaves stdout as one JSON document. */
export const progress = (msg: string) => process.stderr.write(`${msg}\n`);

function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

export const settings = {
  seconds: envInt('BENCH_SECONDS', 5, 1),
  warmupSeconds: 1,
  connections: envInt('BENCH_CONNECTIONS', 10, 1),
  workers: envInt('BENCH_WORKERS', os.availableParallelism() >= 2 ? 1 : 0, 0),
  rounds: envInt('BENCH_ROUNDS', 3, 1),
};

type Snapshot = { status: number; contentType: string; body: Buffer };

/** One plain GET with node:http, so the bytes are exactly what went over the wire (no decoding). */
function fetchRaw(url: string): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.headers['content-encoding']) {
            reject(new Error(`${url} answered with content-encoding ${res.headers['content-encoding']}; the bare server would not match`));
            return;
          }
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Counts requests a server received (a bare counter, the same cost on both servers). */
export function countRequests(server: http.Server): { value: number } {
  const counter = { value: 0 };
  server.on('request', () => {
    counter.value++;
  });
  return counter;
}

async function listenBare(snapshot: Snapshot): Promise<{ server: http.Server; url: string; received: { value: number } }> {
  const headers = { 'content-type': snapshot.contentType, 'content-length': String(snapshot.body.length) };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(snapshot.body);
  });
  const received = countRequests(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, received };
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

type Run = {
  url: string;
  reqPerSec: number;
  completed: number;
  durationSeconds: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  wireBytesPerResponse: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

async function cannon(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: settings.connections,
    duration: seconds,
    ...(settings.workers > 0 ? { workers: settings.workers } : {}),
  });
}

/** A 1 s warm-up, then the measured run; `between` runs after the warm-up, before measuring. */
async function measure(url: string, between: () => Promise<void> = async () => {}): Promise<Run> {
  await cannon(url, settings.warmupSeconds);
  await between();
  const r = await cannon(url, settings.seconds);
  return {
    url,
    reqPerSec: r.requests.total / r.duration,
    completed: r.requests.total,
    durationSeconds: r.duration,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.mean, max: r.latency.max },
    wireBytesPerResponse: r.requests.total ? r.throughput.total / r.requests.total : 0,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** Waits until the app has finished the requests still in flight when the load stopped. */
async function settle(queryCount: () => number): Promise<void> {
  let last = queryCount();
  for (let i = 0; i < 40; i++) {
    await sleep(50);
    const now = queryCount();
    if (now === last && i >= 2) return;
    last = now;
  }
}

export type Row = {
  page: string;
  path: string;
  bodyBytes: number;
  contentType: string;
  queriesSingleFetch: number;
  bare: Run;
  app: Run;
  ratio: number;
  queriesPerRequest: number;
  appRequestsReceived: number;
  appQueries: number;
  pass: boolean;
  problems: string[];
};

/** One page to measure: its path on an app listening at base, whose received requests are counted. */
export type PageSpec = { page: string; path: string; base: string; received: { value: number }; judged: boolean };

/**
 * Measures each page against a bare server sending its bytes: alternating bare/app rounds, the
 * median round reported, SQL statements counted through queryCount.
 */
export async function measurePages(queryCount: () => number, pages: PageSpec[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const p of pages) {
    const appBase = p.base;
    const appReceived = p.received;
    const before = queryCount();
    const snapshot = await fetchRaw(appBase + p.path);
    await settle(queryCount);
    const queriesSingleFetch = queryCount() - before;
    const problems: string[] = [];
    if (snapshot.status !== 200) problems.push(`first fetch answered ${snapshot.status}`);

    progress(`${p.path}: ${snapshot.body.length} bytes, ${queriesSingleFetch} queries on a single fetch; bare server…`);
    // Bare and app runs alternate for several rounds and the median round is reported: the
    // bare server's rate swings with whatever else the machine is doing.
    const bareServer = await listenBare(snapshot);
    const rounds: { bare: Run; app: Run }[] = [];
    let appQueries = 0;
    let appRequestsReceived = 0;
    try {
      for (let round = 1; round <= settings.rounds; round++) {
        progress(`${p.path}: round ${round}/${settings.rounds}, bare server…`);
        const bareRun = await measure(bareServer.url);
        progress(`${p.path}: round ${round}/${settings.rounds}, app…`);
        let q0 = 0;
        let n0 = 0;
        const appRound = await measure(appBase + p.path, async () => {
          await settle(queryCount);
          q0 = queryCount();
          n0 = appReceived.value;
        });
        await settle(queryCount);
        appQueries += queryCount() - q0;
        appRequestsReceived += appReceived.value - n0;
        rounds.push({ bare: bareRun, app: appRound });
      }
    } finally {
      await closeServer(bareServer.server);
    }
    rounds.sort((x, y) => x.app.reqPerSec / x.bare.reqPerSec - y.app.reqPerSec / y.bare.reqPerSec);
    const median = rounds[Math.floor(rounds.length / 2)]!;
    const bare = median.bare;
    const appRun = median.app;
    // Every request the app received ran to the end (a closed socket does not stop the handler),
    // so dividing by the requests it received is exact; autocannon's completed count leaves out
    // the few still in flight when it stopped.
    const queriesPerRequest = appRequestsReceived ? appQueries / appRequestsReceived : NaN;

    for (const [name, run] of [['bare', bare], ['app', appRun]] as const) {
      if (run.non2xx || run.errors || run.timeouts) {
        problems.push(`${name} run: ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts`);
      }
    }
    const ratio = bare.reqPerSec ? appRun.reqPerSec / bare.reqPerSec : NaN;
    // Rows without the cache are informational for throughput; the query budget holds for both.
    if (p.judged && !(ratio >= BUDGET.minRatio)) problems.push(`ratio ${ratio.toFixed(3)} < ${BUDGET.minRatio.toFixed(2)}`);
    if (!(queriesPerRequest <= BUDGET.maxQueries)) problems.push(`${queriesPerRequest.toFixed(3)} queries/request > ${BUDGET.maxQueries}`);
    rows.push({
      page: p.page,
      path: p.path,
      bodyBytes: snapshot.body.length,
      contentType: snapshot.contentType,
      queriesSingleFetch,
      bare,
      app: appRun,
      ratio,
      queriesPerRequest,
      appRequestsReceived,
      appQueries,
      pass: problems.length === 0,
      problems,
    });
  }
  return rows;
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg().map((n) => Number(n.toFixed(2)));
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'mahalle-bench-'));
  const dbFile = path.join(tmpDir, 'bench.db');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: `sqlite:${dbFile}`,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(40),
    WORKER: '0',
  });
  const ctx = createContext(config);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let uncachedApp: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    progress(`database: ${dbFile}`);
    await migrateToLatest(ctx.db);
    const seeded = await seedDemo(ctx);
    progress(`demo seed: ${seeded.places.inserted} places inserted, ${seeded.users} staff accounts`);
    let divisions: { file: string; inserted: number; updated: number } | null = null;
    if (existsSync(divisionsFile)) {
      const parsed = parsePlaceFile(await readFile(divisionsFile, 'utf8'), divisionsFile);
      if (parsed.problems.length) throw new Error(`${divisionsFile}: ${JSON.stringify(parsed.problems.slice(0, 5))}`);
      const report = await importPlaces(ctx, parsed.records, { actorId: null });
      if (!report.ok) throw new Error(`importing ${divisionsFile} failed: ${JSON.stringify(report.problems.slice(0, 5))}`);
      divisions = { file: divisionsFile, inserted: report.inserted, updated: report.updated };
      progress(`imported ${divisionsFile}: ${report.inserted} inserted, ${report.updated} updated`);
    } else {
      progress(`${divisionsFile} not found: county page has only the demo children`);
    }

    const county = await findPlaceByCode(ctx.db, '2603');
    if (!county) throw new Error('county 2603 (Qazvin) is missing after seeding');

    app = await buildApp(ctx);
    const appReceived = countRequests(app.server);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const appBase = `http://127.0.0.1:${port}`;
    // The same app without the public page cache shows what rendering costs on every miss.
    uncachedApp = await buildApp({ ...ctx, config: { ...ctx.config, PAGE_CACHE: false } });
    const uncachedReceived = countRequests(uncachedApp.server);
    await uncachedApp.listen({ port: 0, host: '127.0.0.1' });
    const uncachedBase = `http://127.0.0.1:${(uncachedApp.server.address() as AddressInfo).port}`;
    progress(
      `app: ${appBase}; ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s per run, ` +
        `load from ${settings.workers > 0 ? `${settings.workers} worker thread(s)` : 'the main thread'}`,
    );

    const pages = [
      { page: 'home', path: '/', base: appBase, received: appReceived, judged: true },
      { page: 'county 2603 (Qazvin)', path: `/places/${county.id}`, base: appBase, received: appReceived, judged: true },
      { page: 'home, no page cache', path: '/', base: uncachedBase, received: uncachedReceived, judged: false },
      { page: 'county, no page cache', path: `/places/${county.id}`, base: uncachedBase, received: uncachedReceived, judged: false },
    ];
    const rows = await measurePages(ctx.handle.queryCount, pages);

    const machine = {
      node: process.version,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))),
    };
    if (asJson) {
      console.log(JSON.stringify({ date: new Date().toISOString(), machine, settings, budget: BUDGET, divisions, rows }, null, 2));
    } else {
      printTable(rows, machine);
    }
  } finally {
    if (app) await app.close();
    if (uncachedApp) await uncachedApp.close();
    await ctx.handle.close();
    await rm(tmpDir, { recursive: true, force: true });
  }
}

export function printTable(
  rows: Row[],
  machine: { node: string; cpus: number; cpuModel: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] },
): void {
  const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
  const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
  const header = ['page', 'path', 'bare req/s', 'app req/s', 'app/bare', 'app p50 ms', 'app p99 ms', 'bytes/resp', 'SQL/req', 'budget'];
  const body = rows.map((r) => [
    r.page,
    r.path,
    f0(r.bare.reqPerSec),
    f0(r.app.reqPerSec),
    f2(r.ratio),
    f2(r.app.latencyMs.p50),
    f2(r.app.latencyMs.p99),
    f0(r.bodyBytes),
    f2(r.queriesPerRequest),
    r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log('');
  console.log(
    `Mahalle page benchmark: node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}); ` +
      `${settings.connections} connections, ${settings.seconds} s per run after ${settings.warmupSeconds} s warm-up, ` +
      `load from ${settings.workers > 0 ? `${settings.workers} autocannon worker thread(s)` : 'the server thread'}`,
  );
  console.log(
    `load average (1/5/15 min) at start ${machine.loadAverageAtStart.join(' ')}, at end ${machine.loadAverageAtEnd.join(' ')}` +
      ' (other processes on the machine skew both servers, and each run differently)',
  );
  console.log(`budget (DESIGN.md): app/bare >= ${BUDGET.minRatio.toFixed(2)}, SQL/req <= ${BUDGET.maxQueries}`);
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
  console.log('');
  for (const r of rows) {
    console.log(
      `${r.path}: bare ${r.bare.completed} responses in ${f2(r.bare.durationSeconds)} s (p50 ${f2(r.bare.latencyMs.p50)} ms, p99 ${f2(r.bare.latencyMs.p99)} ms); ` +
        `app ${r.app.completed} responses, ${r.appQueries} SQL statements for ${r.appRequestsReceived} requests received; ` +
        `${r.queriesSingleFetch} on a single fetch; app wire bytes/resp ${f0(r.app.wireBytesPerResponse)} vs bare ${f0(r.bare.wireBytesPerResponse)}`,
    );
    for (const p of r.problems) console.log(`  FAIL: ${p}`);
  }
  console.log('');
  console.log('bytes/resp is the body; SQL/req = SQL statements run during the app run / requests the app received. Exit code is 0 regardless.');
}

// Run when started as a script (not when bench/plans.ts imports the helpers above); the plans
// benchmark (10,000 plans, bench/plans.ts) follows unless BENCH_PLANS=0.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main()
    .then(async () => {
      if (process.env.BENCH_PLANS !== '0') await (await import('./plans.ts')).main();
    })
    .then(
      () => {
        process.exitCode = 0;
      },
      (err: unknown) => {
        console.error(err);
        process.exitCode = 1;
      },
    );
}
