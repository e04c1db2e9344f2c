/**
 * Allocation engines on real elections: `node --import tsx bench/allocation.ts [--json]`.
 *
 * Issue #4's targets: MES on the largest file of ../shared/data/pabulib/pb/ under 200 ms, and
 * every file with its own rule under 10 s. Each figure comes with a same-run baseline, the time
 * to read and parse the same files, so the ratio says how many parses an allocation costs on this
 * machine. Wall-clock and CPU time of this process are both reported: on a shared machine other
 * processes steal the core, which lengthens the first but not the second, so targets are judged
 * on CPU time (the engines are single-threaded).
 *
 * Sections are independent functions in SECTIONS; the `optimal` engine's section goes there
 * (see the marked place below). Environment: BENCH_ALLOCATION_ROUNDS (default 5; the median
 * round is reported; the slow rows use fewer). Exit code 0 always (it reports).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocateSync } from '../src/allocation/engines/index.ts';
import { methodForRule, parsePb, pbToInput, type PbFile } from '../src/allocation/pabulib.ts';
import { optimalSection } from './allocation-optimal.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const pbDir = path.resolve(root, '../shared/data/pabulib/pb');
const asJson = process.argv.includes('--json');

export interface Timing {
  /** Median over the rounds, milliseconds. */
  wallMs: number;
  cpuMs: number;
}

export interface BenchRow {
  name: string;
  detail: string;
  timing: Timing;
  baseline: { name: string; timing: Timing };
  /** Target in milliseconds, if the issue sets one; judged on CPU time (see the header). */
  targetMs?: number;
}

export interface BenchSection {
  title: string;
  run: (ctx: BenchContext) => Promise<BenchRow[]> | BenchRow[];
}

export interface BenchContext {
  files: string[];
  largest: string;
  rounds: number;
}

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Runs `baseline` and `fn` alternately `rounds` times (after one warm-up of each) and returns the
 * median wall and CPU times of each: alternating keeps both exposed to the same machine load.
 */
export async function measurePair(rounds: number, baseline: () => unknown, fn: () => unknown): Promise<{ timing: Timing; base: Timing }> {
  await baseline();
  await fn();
  const t = { wall: [] as number[], cpu: [] as number[] };
  const b = { wall: [] as number[], cpu: [] as number[] };
  const once = async (f: () => unknown, into: typeof t) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    into.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    into.cpu.push((c.user + c.system) / 1000);
  };
  for (let r = 0; r < rounds; r++) {
    await once(baseline, b);
    await once(fn, t);
  }
  return { timing: { wallMs: median(t.wall), cpuMs: median(t.cpu) }, base: { wallMs: median(b.wall), cpuMs: median(b.cpu) } };
}

const readParse = (file: string): PbFile => parsePb(readFileSync(path.join(pbDir, file), 'utf8'));

// ---------------------------------------------------------------------------------------------
// Sections

/** A row: `fn` against the `baseline` it is compared with, measured alternately. */
async function row(name: string, detail: string, rounds: number, baselineName: string, baseline: () => unknown, fn: () => unknown, targetMs?: number): Promise<BenchRow> {
  const { timing, base } = await measurePair(rounds, baseline, fn);
  return { name, detail, timing, baseline: { name: baselineName, timing: base }, ...(targetMs === undefined ? {} : { targetMs }) };
}

const mesOnLargest: BenchSection = {
  title: 'MES on the largest file',
  run: async ({ largest, rounds }) => {
    const file = readParse(largest);
    const input = pbToInput(file);
    const parse = () => readParse(largest);
    const detail = `${largest}: ${file.projects.length} projects, ${file.votes.length} voters`;
    // The engine rows include building the input from the parsed file, as a caller would.
    return [
      await row('mes', detail, rounds, 'read + parse', parse, () => allocateSync('mes', pbToInput(readParse(largest))), 200),
      await row('mes-add1', `${detail}; Add1 from ${Math.floor(input.budget / file.votes.length)} per voter in steps of 1`, Math.min(rounds, 3), 'read + parse', parse, () => allocateSync('mes-add1', pbToInput(readParse(largest)))),
    ];
  },
};

const allFilesWithTheirRule: BenchSection = {
  title: 'All files, each with its own rule',
  run: async ({ files, rounds }) => {
    const allocateFiles = (list: string[]) => () => {
      for (const f of list) {
        const file = readParse(f);
        const rm = methodForRule(file.meta.get('rule'));
        if (rm) allocateSync(rm.method, pbToInput(file), rm.mes);
      }
    };
    // The baseline handles one file at a time too, so both keep the same amount of memory alive.
    const parseFiles = (list: string[]) => () => {
      let projects = 0;
      for (const f of list) projects += readParse(f).projects.length;
      return projects;
    };
    const mesFiles = files.filter((f) => (readParse(f).meta.get('rule') ?? '').startsWith('equalshares'));
    return [
      await row('read + parse + allocate', `${files.length} files`, Math.min(rounds, 3), 'read + parse all', parseFiles(files), allocateFiles(files), 10_000),
      await row('of which Equal Shares', `${mesFiles.length} files: ${mesFiles.join(', ')}`, Math.min(rounds, 3), 'read + parse', parseFiles(mesFiles), allocateFiles(mesFiles)),
    ];
  },
};

// The `optimal` engine's section lives in its own module (synthetic plans, no pabulib file needed).
export const SECTIONS: BenchSection[] = [mesOnLargest, allFilesWithTheirRule, optimalSection];

// ---------------------------------------------------------------------------------------------
// Report

async function main(): Promise<void> {
  if (!existsSync(pbDir)) {
    console.log(`bench:allocation skipped: ${pbDir} is absent (the pabulib data lives outside the repository; see docs/allocation.md).`);
    return;
  }
  const files = readdirSync(pbDir).filter((f) => f.endsWith('.pb')).sort();
  const largest = files.reduce((a, b) => (statSync(path.join(pbDir, b)).size > statSync(path.join(pbDir, a)).size ? b : a));
  const ctx: BenchContext = { files, largest, rounds: envInt('BENCH_ALLOCATION_ROUNDS', 5) };
  const load0 = os.loadavg();
  const results: { title: string; rows: BenchRow[] }[] = [];
  for (const s of SECTIONS) results.push({ title: s.title, rows: await s.run(ctx) });
  const env = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', loadAverageStart: load0, loadAverageEnd: os.loadavg(), date: new Date().toISOString() };
  if (asJson) {
    console.log(JSON.stringify({ env, results }));
    return;
  }
  const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
  console.log(`bench:allocation — ${env.date}, node ${env.node}, ${env.cpus} × ${env.cpuModel}`);
  console.log(`load average at start ${load0.map((x) => x.toFixed(2)).join(' ')}, at end ${env.loadAverageEnd.map((x) => x.toFixed(2)).join(' ')}; median of ${ctx.rounds} rounds (3 for the slow rows)`);
  for (const { title, rows } of results) {
    console.log(`\n${title}`);
    console.log('  engine                    wall        CPU         baseline (wall / CPU)                ratio (CPU)  target');
    for (const r of rows) {
      const ratio = r.timing.cpuMs / Math.max(r.baseline.timing.cpuMs, 1e-3);
      const target = r.targetMs === undefined ? '' : `CPU < ${ms(r.targetMs)}: ${r.timing.cpuMs < r.targetMs ? 'PASS' : 'FAIL'}`;
      console.log(
        `  ${r.name.padEnd(24)}  ${ms(r.timing.wallMs).padStart(9)}  ${ms(r.timing.cpuMs).padStart(9)}   ${`${r.baseline.name} ${ms(r.baseline.timing.wallMs)} / ${ms(r.baseline.timing.cpuMs)}`.padEnd(35)}  ${`${ratio.toFixed(1)}×`.padStart(10)}  ${target}`,
      );
      console.log(`    ${r.detail}`);
    }
  }
}

const isEntry = process.argv[1] !== undefined && /bench[\\/]allocation\.ts$/.test(process.argv[1]);
if (isEntry) await main();
