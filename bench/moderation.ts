/**
 * Moderation pipeline throughput on one core: `node --import tsx bench/moderation.ts [--json]`.
 *
 * DESIGN.md "Performance budgets" asks for ≥ 5,000 comments/s. The same texts are run through
 * `moderate()` (every phase that needs no user history, with a subject and an IDF table, and
 * the shipped classifier) and, as a same-run baseline, through `normalizePersian` alone, so the
 * ratio says how many normalisations one moderation costs on this machine.
 *
 * Texts: the `text` column of ../shared/data/moderation/*-dev.csv / *-train.csv when present
 * (read for benchmarking only, never stored), else the seed examples and the clean hold-out.
 *
 * Environment: BENCH_MODERATION_ROUNDS (default 5; the median round is reported),
 * BENCH_MODERATION_MAX (texts per round, default 20000).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabelledCsv } from '../src/comments/moderation/cli.ts';
import { cleanHoldout } from '../src/comments/moderation/data/clean-holdout.ts';
import { moderate } from '../src/comments/moderation/pipeline.ts';
import { seedExamples } from '../src/comments/moderation/seed-examples.ts';
import { buildIdf } from '../src/comments/moderation/tfidf.ts';
import { normalizePersian } from '../src/platform/persian/index.ts';

const BUDGET = 5000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(root, '../shared/data/moderation');
const asJson = process.argv.includes('--json');

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

async function loadTexts(): Promise<{ texts: string[]; source: string }> {
  const files = ['parsoffensive-dev.csv', 'pars-off-train.csv', 'persian-abusive-words-train.csv'].filter((f) =>
    existsSync(path.join(dataDir, f)),
  );
  if (files.length > 0) {
    const texts: string[] = [];
    for (const f of files) texts.push(...(await readLabelledCsv(path.join(dataDir, f))).examples.map((e) => e.text));
    return { texts, source: files.join(', ') };
  }
  const texts = [...seedExamples.map((e) => e.text), ...cleanHoldout.flatMap((g) => g.comments)];
  return { texts, source: 'seed examples + clean hold-out (../shared/data/moderation absent)' };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const { texts: all, source } = await loadTexts();
const max = envInt('BENCH_MODERATION_MAX', 20000);
// Interleave files deterministically so a round mixes short comments and long tweets.
const texts = all.length <= max ? all : all.filter((_, i) => i % Math.ceil(all.length / max) === 0).slice(0, max);
const subject = cleanHoldout[0]!.subject;
const idf = buildIdf(cleanHoldout.map((g) => `${g.subject.title}\n${g.subject.body}`));
const rounds = envInt('BENCH_MODERATION_ROUNDS', 5);

// Warm-up: JIT, caches, the eld instance.
for (const t of texts.slice(0, 2000)) moderate({ text: t, subject, idf });

// Both wall-clock and CPU time of this process are measured: on a shared machine other
// processes steal the core, which lowers the wall-clock rate but not the CPU-time one.
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const base: number[] = [];
const mod: number[] = [];
const baseCpu: number[] = [];
const modCpu: number[] = [];
const decisions = { published: 0, held: 0, rejected: 0 };
let sink = 0;
for (let r = 0; r < rounds; r++) {
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  for (const t of texts) sink += normalizePersian(t).length;
  base.push(texts.length / ((performance.now() - t0) / 1000));
  baseCpu.push(texts.length / cpuSeconds(c0));
  t0 = performance.now();
  c0 = process.cpuUsage();
  for (const t of texts) {
    const v = moderate({ text: t, subject, idf });
    if (r === 0) decisions[v.decision]++;
  }
  mod.push(texts.length / ((performance.now() - t0) / 1000));
  modCpu.push(texts.length / cpuSeconds(c0));
}

const result = {
  texts: texts.length,
  source,
  meanChars: Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length),
  rounds,
  normalizePerSecond: Math.round(median(base)),
  moderatePerSecond: Math.round(median(mod)),
  ratio: median(mod) / median(base),
  normalizePerCpuSecond: Math.round(median(baseCpu)),
  moderatePerCpuSecond: Math.round(median(modCpu)),
  ratioCpu: median(modCpu) / median(baseCpu),
  budget: BUDGET,
  pass: median(modCpu) >= BUDGET,
  loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100),
  decisions,
  node: process.version,
};
if (sink < 0) console.log(sink);
if (asJson) console.log(JSON.stringify(result));
else {
  console.log(`moderation bench: ${result.texts} texts (${result.source}), mean ${result.meanChars} chars, ${rounds} rounds (median)`);
  console.log('                    wall clock       CPU time of this process');
  console.log(`  normalizePersian  ${result.normalizePerSecond.toLocaleString('en').padStart(9)} texts/s  ${result.normalizePerCpuSecond.toLocaleString('en').padStart(9)} texts/CPU-s   (baseline)`);
  console.log(`  moderate()        ${result.moderatePerSecond.toLocaleString('en').padStart(9)} /s       ${result.moderatePerCpuSecond.toLocaleString('en').padStart(9)} /CPU-s`);
  console.log(`  ratio moderate/normalize  wall ${result.ratio.toFixed(3)}  CPU ${result.ratioCpu.toFixed(3)}  (one moderation ≈ ${(1 / result.ratioCpu).toFixed(1)} normalisations)`);
  console.log(`  budget ≥ ${BUDGET.toLocaleString('en')} comments per core-second (CPU time): ${result.pass ? 'PASS' : 'FAIL'}`);
  console.log(`  load average ${result.loadAverage.join(' ')} on ${(await import('node:os')).cpus().length} CPUs`);
  console.log(`  decisions in round 1: ${JSON.stringify(decisions)}`);
}
