/**
 * The `optimal` engine's rows of bench/allocation.ts (issue #4: `optimal` on 1,000 synthetic plans
 * with constraints, target < 2 s). Also runs alone, without the pabulib data:
 * `node --import tsx bench/allocation-optimal.ts [--json]`.
 *
 * The plans come from a seeded generator (below), so every run times the same problem. Rows:
 * - optimal, as the app calls it (default options), against greedy on the same input;
 * - HiGHS alone solving the same model for its value only (no tie-break, no explanations), from
 *   CPLEX LP text, against writing that text: what the solver costs by itself here;
 * - optimal with 10 exact "why not" re-solves, against optimal with the default.
 * Timing follows bench/allocation.ts: alternating rounds, medians, targets judged on CPU time.
 */
import os from 'node:os';
import highsExport from 'highs';
import { greedy } from '../src/allocation/engines/greedy.ts';
import { optimal } from '../src/allocation/engines/optimal.ts';
import type { AllocationInput, Project } from '../src/allocation/engines/types.ts';
// Types only: bench/allocation.ts imports this module, so a value import back would be a cycle.
import type { BenchRow, BenchSection, Timing } from './allocation.ts';

/** mulberry32: a small seeded generator, so the synthetic round is the same on every machine. */
function seeded(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENCIES = ['health', 'welfare', 'education', 'police', 'justice', 'sport', 'culture', 'municipality'];

/**
 * A province's round: costs of 1 to 100 billion rials (whole millions), value = rubric score
 * (1.00–5.00) × beneficiaries, rounded; 10 counties of uneven size, 8 agencies, a fifth of the
 * plans for mothers and children. Budget 30% of the total asked. Constraints: each county gets at
 * least min(5% of the budget, a quarter of what it asked) and at most 25% of the budget; each
 * agency at most 20%; mothers and children at least 15%; 5 must-fund plans; 10 incompatible pairs.
 */
export function syntheticRound(n = 1000, seed = 1): AllocationInput {
  const r = seeded(seed);
  const projects: Project[] = [];
  for (let i = 0; i < n; i++) {
    const cost = (1000 + Math.floor(r() * 99_000)) * 1_000_000;
    const score = 1 + Math.floor(r() * 401) / 100;
    const beneficiaries = Math.round((cost / 1e9) * (20 + r() * 80));
    projects.push({
      id: `plan-${String(i + 1).padStart(4, '0')}`,
      cost,
      value: Math.round(score * beneficiaries),
      county: `c${String(1 + Math.floor(10 * r() * r())).padStart(2, '0')}`,
      agency: AGENCIES[Math.floor(r() * AGENCIES.length)]!,
      mothersChildren: r() < 0.2,
    });
  }
  const asked = projects.reduce((s, p) => s + p.cost, 0);
  const budget = Math.round((asked * 0.3) / 1e6) * 1e6;
  const byCounty = new Map<string, number>();
  for (const p of projects) byCounty.set(p.county!, (byCounty.get(p.county!) ?? 0) + p.cost);
  const countyFloor: Record<string, number> = {};
  const countyCap: Record<string, number> = {};
  for (const [k, total] of [...byCounty].sort()) {
    countyFloor[k] = Math.round(Math.min(budget * 0.05, total * 0.25));
    countyCap[k] = Math.round(budget * 0.25);
  }
  const agencyCap = Object.fromEntries(AGENCIES.map((a) => [a, Math.round(budget * 0.2)]));
  const pick = () => projects[Math.floor(r() * n)]!.id;
  const mustFund = [...new Set(Array.from({ length: 5 }, pick))];
  const incompatible: [string, string][] = [];
  while (incompatible.length < 10) {
    const a = pick();
    const b = pick();
    if (a !== b && !mustFund.includes(a) && !mustFund.includes(b)) incompatible.push([a, b]);
  }
  return { budget, projects, constraints: { countyFloor, countyCap, agencyCap, mothersChildrenMinShare: 0.15, mustFund, incompatible } };
}

/** The same model for HiGHS alone, in CPLEX LP text with index-based names. */
export function lpText(input: AllocationInput): string {
  const ps = input.projects;
  const cons = input.constraints ?? {};
  const terms = (pick: (p: Project) => boolean) => ps.map((p, i) => (pick(p) ? ` + ${p.cost} x${i}` : '')).join('');
  const lines = ['Maximize', ` obj:${ps.map((p, i) => ` + ${p.value ?? 0} x${i}`).join('')}`, 'Subject To', ` budget:${terms(() => true)} <= ${input.budget}`];
  const keys = (o?: Readonly<Record<string, number>>) => Object.entries(o ?? {});
  keys(cons.countyFloor).forEach(([k, v], i) => lines.push(` floor${i}:${terms((p) => p.county === k)} >= ${v}`));
  keys(cons.countyCap).forEach(([k, v], i) => lines.push(` cap${i}:${terms((p) => p.county === k)} <= ${v}`));
  keys(cons.agencyCap).forEach(([k, v], i) => lines.push(` agency${i}:${terms((p) => p.agency === k)} <= ${v}`));
  if (cons.mothersChildrenMinShare) lines.push(` mc:${terms((p) => p.mothersChildren === true)} >= ${Math.ceil(cons.mothersChildrenMinShare * input.budget - 1e-6)}`);
  const index = new Map(ps.map((p, i) => [p.id, i]));
  (cons.incompatible ?? []).forEach(([a, b], i) => lines.push(` pair${i}: x${index.get(a)} + x${index.get(b)} <= 1`));
  lines.push('Bounds', ...(cons.mustFund ?? []).map((id) => ` x${index.get(id)} = 1`));
  lines.push('Binaries', ` ${ps.map((_, i) => `x${i}`).join(' ')}`, 'End');
  return lines.join('\n');
}

type LegacySolve = (lp: string, options?: Record<string, unknown>) => { Status: string; ObjectiveValue: number };

async function plainSolve(): Promise<LegacySolve> {
  // See src/allocation/engines/optimal.ts: the default export is the loader under Node's ESM.
  const exported: unknown = highsExport;
  const loader = (typeof exported === 'function' ? exported : (exported as { default: unknown }).default) as () => Promise<{ solve: LegacySolve }>;
  const highs = await loader();
  return (lp, options) => highs.solve(lp, options);
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** As bench/allocation.ts measurePair: one warm-up each, then alternating rounds, medians. */
async function measurePair(rounds: number, baseline: () => unknown, fn: () => unknown): Promise<{ timing: Timing; base: Timing }> {
  await baseline();
  await fn();
  const t = { wall: [] as number[], cpu: [] as number[] };
  const b = { wall: [] as number[], cpu: [] as number[] };
  const once = async (f: () => unknown, into: typeof t) => {
    const c0 = cpuNow();
    const t0 = performance.now();
    await f();
    into.wall.push(performance.now() - t0);
    into.cpu.push(cpuNow() - c0);
  };
  for (let r = 0; r < rounds; r++) {
    await once(baseline, b);
    await once(fn, t);
  }
  return { timing: { wallMs: median(t.wall), cpuMs: median(t.cpu) }, base: { wallMs: median(b.wall), cpuMs: median(b.cpu) } };
}

export const optimalSection: BenchSection = {
  title: 'optimal on 1,000 synthetic plans with constraints',
  run: async ({ rounds }) => {
    const input = syntheticRound(1000, 1);
    // The first call pays for loading and compiling the WebAssembly; reported, not judged.
    const t0 = performance.now();
    const c0 = cpuNow();
    const first = await optimal(input);
    const cold = { wallMs: performance.now() - t0, cpuMs: cpuNow() - c0 };
    const solve = await plainSolve();
    const text = lpText(input);
    const plain = solve(text, { mip_rel_gap: 0, mip_abs_gap: 0.5, output_flag: false });
    if (plain.Status !== 'Optimal' || Math.round(plain.ObjectiveValue) !== first.detail?.totalValue) {
      throw new Error(`optimal and HiGHS alone disagree: ${String(first.detail?.totalValue)} vs ${plain.Status} ${plain.ObjectiveValue}`);
    }
    const reasons = new Map<string, number>();
    for (const o of first.outcomes) reasons.set(o.reason, (reasons.get(o.reason) ?? 0) + 1);
    const described =
      `1,000 plans, budget 30% of the total asked, 10 counties (floor and cap), 8 agency caps, mothers and children ≥ 15%, 5 must-fund, 10 incompatible pairs; ` +
      `${first.selected.length} selected, value ${String(first.detail?.totalValue)}, ${String(first.detail?.solves)} solver runs, ${String(first.detail?.exactExplanations)} exact re-solves; ` +
      `outcomes ${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ')}; first call in the process ${(cold.wallMs / 1000).toFixed(2)} s wall / ${(cold.cpuMs / 1000).toFixed(2)} s CPU (loads the WebAssembly)`;
    const rows: BenchRow[] = [];
    const add = async (name: string, detail: string, n: number, baselineName: string, baseline: () => unknown, fn: () => unknown, targetMs?: number) => {
      const { timing, base } = await measurePair(n, baseline, fn);
      rows.push({ name, detail, timing, baseline: { name: baselineName, timing: base }, ...(targetMs === undefined ? {} : { targetMs }) });
    };
    await add('optimal', described, rounds, 'greedy, same input', () => greedy(input), () => optimal(input), 2000);
    await add('HiGHS alone, value only', 'one default HiGHS solve of the same model from LP text (no start, no tie-break, no explanations)', Math.min(rounds, 3), 'write the LP text', () => lpText(input), () => solve(lpText(input), { mip_rel_gap: 0, mip_abs_gap: 0.5, output_flag: false }));
    await add('optimal, 10 exact', 'exactExplanations: 10 (the default re-solves none above 500 plans)', Math.min(rounds, 3), 'optimal (default)', () => optimal(input), () => optimal(input, { exactExplanations: 10 }));
    return rows;
  },
};

const isEntry = process.argv[1] !== undefined && /bench[\\/]allocation-optimal\.ts$/.test(process.argv[1]);
if (isEntry) {
  const rounds = Number(process.env.BENCH_ALLOCATION_ROUNDS) || 5;
  const load0 = os.loadavg();
  const rows = await optimalSection.run({ files: [], largest: '', rounds });
  if (process.argv.includes('--json')) console.log(JSON.stringify({ load0, load1: os.loadavg(), rows }));
  else {
    const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
    console.log(`${optimalSection.title} — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? ''}; load ${load0.map((x) => x.toFixed(2)).join(' ')} → ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; medians of ${rounds} rounds (3 for the last two rows)`);
    for (const r of rows) {
      const verdict = r.targetMs === undefined ? '' : `  CPU < ${ms(r.targetMs)}: ${r.timing.cpuMs < r.targetMs ? 'PASS' : 'FAIL'}`;
      console.log(`  ${r.name.padEnd(24)} ${ms(r.timing.wallMs).padStart(9)} wall ${ms(r.timing.cpuMs).padStart(9)} CPU   ${r.baseline.name}: ${ms(r.baseline.timing.wallMs)} / ${ms(r.baseline.timing.cpuMs)}${verdict}`);
      console.log(`    ${r.detail}`);
    }
  }
}
