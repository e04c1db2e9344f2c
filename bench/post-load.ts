// POST load over HTTP shared by the benchmarks that post forms (bench/comments.ts, bench/ballots.ts):
// a worker thread sends prepared requests over keep-alive connections and times each; a bare
// node:http server that reads the body and answers 303 is the same-run baseline.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';

/** `after`: the index of a request whose answer this one waits for (a voter's change after their first ballot). */
export type PreparedRequest = { path: string; headers: Record<string, string>; body: string; after?: number };
export type LoadResult = { latencyMs: number[]; statuses: number[]; seconds: number; samples: { status: number; body: string }[]; cpuMs: number };

/**
 * Sends every request once over `connections` keep-alive connections (each takes the next request
 * when its previous answer has been read; a request waits for the answer to its `after` first),
 * timing each from write to the end of the answer.
 */
const loadWorker = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { port, requests, connections } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencyMs = new Array(requests.length).fill(0);
const statuses = new Array(requests.length).fill(0);
const answered = requests.map(() => { let resolve; const p = new Promise((r) => { resolve = r; }); return { p, resolve }; });
const samples = [];
let next = 0;
function send(i) {
  return new Promise((resolve) => {
    const r = requests[i];
    const t0 = performance.now();
    const done = (status, body) => {
      latencyMs[i] = performance.now() - t0;
      statuses[i] = status;
      if (status !== 303 && samples.length < 3) samples.push({ status, body: body.slice(0, 20000) });
      answered[i].resolve();
      resolve();
    };
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: r.path, headers: r.headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => { if (res.statusCode !== 303) chunks.push(c); });
      res.on('end', () => done(res.statusCode, Buffer.concat(chunks).toString('utf8')));
      res.on('error', (e) => done(-1, String(e)));
    });
    req.on('error', (e) => done(-1, String(e)));
    req.end(r.body);
  });
}
async function lane() {
  while (next < requests.length) {
    const i = next++;
    const after = requests[i].after;
    if (after !== undefined && after >= 0) await answered[after].p;
    await send(i);
  }
}
const t0 = performance.now();
Promise.all(Array.from({ length: connections }, lane)).then(() => {
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  parentPort.postMessage({ latencyMs, statuses, seconds, samples });
});
`;

/** Also measures the CPU time of the whole process (server and load generator) while the requests ran. */
export function fire(port: number, requests: PreparedRequest[], connections: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadWorker, { eval: true, workerData: { port, requests, connections } });
    let cpu0: NodeJS.CpuUsage | null = null;
    worker.once('online', () => {
      cpu0 = process.cpuUsage();
    });
    worker.once('message', (m: Omit<LoadResult, 'cpuMs'>) => {
      const cpu = process.cpuUsage(cpu0 ?? undefined);
      resolve({ ...m, cpuMs: (cpu.user + cpu.system) / 1000 });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Reads the body and answers 303 to `location`, as the app does on success. */
export async function listenBarePost(location: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(303, { location, 'content-length': '0' });
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

export type PostRun = {
  requests: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  statuses: Record<string, number>;
  errors: number;
  /** CPU time of the process (server, load generator, everything) per request. */
  processCpuMsPerRequest: number;
};

export function summarize(r: LoadResult): PostRun {
  const sorted = [...r.latencyMs].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  const statuses: Record<string, number> = {};
  for (const s of r.statuses) statuses[String(s)] = (statuses[String(s)] ?? 0) + 1;
  return {
    requests: r.statuses.length,
    seconds: r.seconds,
    perSecond: r.statuses.length / r.seconds,
    latencyMs: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: sorted[sorted.length - 1] ?? NaN, mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1) },
    statuses,
    errors: r.statuses.filter((s) => s !== 303).length,
    processCpuMsPerRequest: r.cpuMs / r.statuses.length,
  };
}

