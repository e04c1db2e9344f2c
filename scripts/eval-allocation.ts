/**
 * `npm run eval:allocation` (node --import tsx scripts/eval-allocation.ts [--json] [--strict]).
 *
 * Issue #4's check of the allocation engines against reality:
 *   - every ../shared/data/pabulib/pb/*.pb is run with the engine for the rule its META names
 *     (greedy, greedy-no-skip, equalshares/add1, equalshares/add1-comparison) and compared with
 *     the projects the city funded through that rule (`selected == 1`). Each mismatch is listed
 *     with causes computed from the file's own data (see `explainMismatch`);
 *   - every golden case of ../shared/data/pabulib/mes-reference/ (equalshares.net tool and
 *     pabutools outputs) is run with the matching options and compared winner by winner;
 *   - informative: files whose greedy outcome depends on how ties are broken (computed, and
 *     compared with catalog.tsv's `tie_order_matters`), and the parse → write round trip.
 * The data is read for evaluation only and never copied into the repository. Exit code 0 whether
 * or not everything matches (it reports), unless --strict (for CI: 1 when a file or golden case
 * differs); 0 with a message when the data is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { greedyOrder, rankingScores } from '../src/allocation/engines/greedy.ts';
import { allocateSync } from '../src/allocation/engines/index.ts';
import { MesTieError, mes, type MesOptions, type MesTieRule } from '../src/allocation/engines/mes.ts';
import type { AllocationInput, AllocationResult } from '../src/allocation/engines/types.ts';
import { methodForRule, officialSelection, parsePb, pbToInput, writePb, type PbFile } from '../src/allocation/pabulib.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const pabulibDir = path.resolve(root, '../shared/data/pabulib');

// ---------------------------------------------------------------------------------------------
// Real elections

export interface FileEval {
  file: string;
  rule: string;
  voteType: string;
  method: string;
  projects: number;
  voters: number;
  official: string[];
  ours: string[];
  identical: boolean;
  /** Computed explanations, empty when identical. */
  causes: string[];
  /** The greedy outcome changes when ties are broken against file order (greedy rules only). */
  tieSensitive: boolean | null;
  roundTrip: boolean;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;
const sum = (input: AllocationInput, ids: Iterable<string>) => {
  const cost = new Map(input.projects.map((p) => [p.id, p.cost]));
  let s = 0;
  for (const id of ids) s += cost.get(id) ?? 0;
  return s;
};

/** Greedy with ties broken against input order (a reversed tie order), for tie sensitivity. */
function greedyReversedTies(input: AllocationInput, noSkip: boolean): string[] {
  const { scores } = rankingScores(input);
  const reversed = { ...input, projects: [...input.projects].reverse() };
  const order = greedyOrder(reversed, [...scores].reverse());
  const picked: string[] = [];
  let left = input.budget;
  for (const i of order) {
    const p = reversed.projects[i]!;
    if (p.cost <= left) {
      picked.push(p.id);
      left -= p.cost;
    } else if (noSkip) break;
  }
  return picked;
}

/**
 * Why the official selection differs from the engine's, computed from the file's own data:
 * replays the official decisions down the same ranking and names each step where the official
 * outcome breaks the rule, tests whether another tie order or another Add1 variant reproduces it,
 * and checks the ranking column against the ballots.
 */
export function explainMismatch(file: PbFile, input: AllocationInput, method: string, official: string[], ours: string[]): string[] {
  const causes: string[] = [];
  const off = new Set(official);
  const spentOfficial = sum(input, off);
  if (spentOfficial > input.budget) causes.push(`official selection costs ${spentOfficial}, over the budget ${input.budget}`);
  for (const p of input.projects) {
    if (off.has(p.id) && p.ineligible) causes.push(`official funds ${p.id}, which the file marks ${p.ineligible}`);
  }
  if (method === 'greedy' || method === 'greedy-no-skip') {
    const { by, scores } = rankingScores(input);
    const order = greedyOrder(input, scores);
    let left = input.budget;
    let stoppedAt: string | null = null;
    for (const i of order) {
      const p = input.projects[i]!;
      const fits = p.cost <= left;
      if (off.has(p.id)) {
        if (!fits) causes.push(`official funds ${p.id} (cost ${p.cost}) when only ${left} was left at its turn`);
        if (stoppedAt !== null) causes.push(`greedy-no-skip should stop at ${stoppedAt}, but the city went on to fund ${p.id}`);
        left -= p.cost;
      } else if (fits && stoppedAt === null) {
        causes.push(`${method === 'greedy' ? 'the city skipped' : 'the city stopped at'} ${p.id} (${by} ${scores[i]}, cost ${p.cost}) although it fit in the ${left} left`);
      } else if (!fits && method === 'greedy-no-skip' && stoppedAt === null) stoppedAt = p.id;
    }
    const reversed = greedyReversedTies(input, method === 'greedy-no-skip');
    if (sameSet(reversed, official)) causes.push('a tie in the ranking: breaking ties against file order reproduces the official selection');
    if (by === 'value' && file.projectColumns.includes('score')) {
      const points = new Map<string, number>();
      for (const v of file.votes) v.vote.forEach((id, k) => points.set(id, (points.get(id) ?? 0) + (v.points?.[k] ?? 0)));
      if (file.votes.some((v) => v.points)) {
        const off2 = file.projects.filter((p) => (points.get(p.id) ?? 0) !== p.score);
        if (off2.length) causes.push(`score column differs from the points in VOTES for ${off2.map((p) => p.id).join(', ')}`);
      }
    } else if (by === 'approvals') {
      const { scores: counted } = rankingScores(input);
      const diff = file.projects.filter((p, i) => p.votes !== null && p.votes !== counted[i]);
      if (diff.length) causes.push(`votes column differs from the ballots in VOTES for ${diff.map((p) => p.id).join(', ')}`);
    }
  } else {
    try {
      mes(input, { completion: method === 'mes-add1' ? 'add1' : 'none', tieBreaking: [] });
    } catch (e) {
      if (e instanceof MesTieError) causes.push(`an exact MES tie between ${e.ids.join(', ')} decided by the tie-breaking rule`);
      else throw e;
    }
    if (method === 'mes-add1') {
      const other = mes(input, { completion: 'add1', add1Variant: 'exhaustive' });
      if (sameSet(other.selected, official)) causes.push('the equalshares.net Add1 variant (stop when exhaustive) reproduces the official selection');
    }
  }
  const missing = official.filter((id) => !ours.includes(id));
  const extra = ours.filter((id) => !off.has(id));
  if (causes.length === 0) causes.push(`unexplained: official has ${missing.join(', ') || 'nothing'} more, the engine ${extra.join(', ') || 'nothing'} more`);
  return causes;
}

export function evaluateFile(name: string, text: string): FileEval | null {
  const file = parsePb(text);
  const rule = file.meta.get('rule') ?? '';
  const rm = methodForRule(rule);
  if (!rm) return null;
  const input = pbToInput(file);
  const result: AllocationResult = allocateSync(rm.method, input, rm.mes);
  const official = officialSelection(file);
  const identical = sameSet(result.selected, official);
  const greedyRule = rm.method === 'greedy' || rm.method === 'greedy-no-skip';
  const tieSensitive = greedyRule ? !sameSet(greedyReversedTies(input, rm.method === 'greedy-no-skip'), result.selected) : null;
  return {
    file: name,
    rule,
    voteType: file.meta.get('vote_type') ?? '',
    method: rm.method + (rm.mes?.comparison ? '+comparison' : ''),
    projects: file.projects.length,
    voters: file.votes.length,
    official,
    ours: result.selected,
    identical,
    causes: identical ? [] : explainMismatch(file, input, rm.method, official, result.selected),
    tieSensitive,
    roundTrip: writePb(file) === text,
  };
}

// ---------------------------------------------------------------------------------------------
// Golden cases

export interface GoldenCase {
  source: string;
  name: string;
  fixture: string;
  run: () => { identical: boolean; note: string };
}

interface ToolParams {
  tieBreaking: string[];
  completion: 'none' | 'utilitarian' | 'add1' | 'add1u';
  add1options: string[];
  comparison: 'none' | 'satisfaction';
  accuracy: string;
  increment: number;
}
interface ToolResult { winners: string[]; totalCost: number; endowment: number }

/** The equalshares.net tool's parameters as engine options (its arithmetic choice is moot: ours is exact). */
export function toolOptions(params: ToolParams): MesOptions {
  return {
    completion: params.completion,
    add1Variant: params.add1options.includes('exhaustive') ? 'exhaustive' : 'pabulib',
    add1Increment: params.increment,
    tieBreaking: params.tieBreaking as MesTieRule[],
    comparison: params.comparison,
  };
}

const inputCache = new Map<string, AllocationInput>();
function fixtureInput(dir: string, fixture: string): AllocationInput {
  let input = inputCache.get(fixture);
  if (!input) {
    input = pbToInput(parsePb(readFileSync(path.join(dir, 'pb', fixture), 'utf8')));
    inputCache.set(fixture, input);
  }
  return input;
}

/** Input with projects in the given order (pabutools' lexicographic tie-breaking = first in this order). */
function inOrder(input: AllocationInput, order: readonly string[]): AllocationInput {
  const pos = new Map(order.map((id, i) => [id, i]));
  return { ...input, projects: [...input.projects].sort((a, b) => (pos.get(a.id) ?? 1e9) - (pos.get(b.id) ?? 1e9)) };
}

/**
 * The equalshares.net tool keeps projects in a JavaScript object keyed by id, so it considers them
 * in property order: integer-like ids ascending, then the other ids in file order. That order is
 * its tie order wherever its rules leave one (the utilitarian completion, the comparison's greedy).
 */
export function toolOrder(input: AllocationInput): AllocationInput {
  const isIndex = (id: string) => /^(0|[1-9][0-9]*)$/.test(id) && Number(id) < 2 ** 32 - 1;
  const ints = input.projects.filter((p) => isIndex(p.id)).sort((a, b) => Number(a.id) - Number(b.id));
  return { ...input, projects: [...ints, ...input.projects.filter((p) => !isIndex(p.id))] };
}

function compareTool(input: AllocationInput, params: ToolParams, expected: { result?: ToolResult; error?: string }): { identical: boolean; note: string } {
  let r: AllocationResult;
  try {
    r = mes(toolOrder(input), toolOptions(params));
  } catch (e) {
    if (!(e instanceof MesTieError)) throw e;
    const ok = expected.error !== undefined && e.ids.every((id) => expected.error!.includes(id));
    return { identical: ok, note: ok ? `unresolved tie between ${e.ids.join(', ')}, as expected` : `unexpected ${e.message}` };
  }
  if (!expected.result) return { identical: false, note: `expected the error "${expected.error}", got ${r.selected.length} winners` };
  const want = expected.result;
  const sameOrder = want.winners.length === r.selected.length && want.winners.every((w, i) => w === r.selected[i]);
  const endowment = Number(r.detail?.endowment);
  const sameEndowment = Math.abs(endowment - want.endowment) <= 1e-9 * Math.max(1, want.endowment);
  const identical = sameOrder && r.spent === want.totalCost && sameEndowment;
  return {
    identical,
    note: identical
      ? `${r.selected.length} winners in the same order, cost ${r.spent}, endowment ${endowment}`
      : `expected ${want.winners.join(',')} (${want.totalCost}, endowment ${want.endowment}); got ${r.selected.join(',')} (${r.spent}, endowment ${endowment})`,
  };
}

export function goldenCases(dir = path.join(pabulibDir, 'mes-reference')): GoldenCase[] {
  const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>;
  const cases: GoldenCase[] = [];
  const wieliczka = 'poland_wieliczka_2023_green-budget.pb';
  for (const [name, c] of Object.entries(read('js_reference.json') as Record<string, { params: ToolParams; result: ToolResult }>)) {
    cases.push({ source: 'js_reference', name, fixture: wieliczka, run: () => compareTool(fixtureInput(dir, wieliczka), c.params, c) });
  }
  for (const [key, c] of Object.entries(read('pb_reference.json') as Record<string, { fixture: string; params: ToolParams; result?: ToolResult; error?: string }>)) {
    cases.push({ source: 'pb_reference', name: key.split('::')[1] ?? key, fixture: c.fixture, run: () => compareTool(fixtureInput(dir, c.fixture), c.params, c) });
  }
  const base = (p: string) => p.split('/').pop()!;
  for (const [p, c] of Object.entries(read('pabutools_reference.json') as Record<string, { lexico_order: string[]; winners: string[]; total_cost: number }>)) {
    cases.push({
      source: 'pabutools_reference', name: 'mes Cost_Sat', fixture: base(p),
      run: () => {
        const r = mes(inOrder(fixtureInput(dir, base(p)), c.lexico_order), { completion: 'none', tieBreaking: ['inputOrder'] });
        const identical = sameSet(r.selected, c.winners) && r.spent === c.total_cost;
        return { identical, note: identical ? `${r.selected.length} winners, cost ${r.spent}` : `expected ${c.winners.join(',')}; got ${[...r.selected].sort().join(',')}` };
      },
    });
  }
  for (const [p, c] of Object.entries(read('pabutools_rules_reference.json') as Record<string, { lexico_order: string[]; greedy_cost: string[] }>)) {
    cases.push({
      source: 'pabutools_rules_reference', name: 'greedy_cost', fixture: base(p),
      run: () => {
        const input = inOrder(fixtureInput(dir, base(p)), c.lexico_order);
        const r = allocateSync('greedy', { ...input, rankBy: 'approvals' });
        const identical = sameSet(r.selected, c.greedy_cost);
        return { identical, note: identical ? `${r.selected.length} winners, cost ${r.spent}` : `expected ${c.greedy_cost.join(',')}; got ${[...r.selected].sort().join(',')}` };
      },
    });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Report

function catalogTies(): Map<string, string> {
  const m = new Map<string, string>();
  const p = path.join(pabulibDir, 'catalog.tsv');
  if (!existsSync(p)) return m;
  const [head, ...lines] = readFileSync(p, 'utf8').trim().split('\n');
  const cols = head!.split('\t');
  const fi = cols.indexOf('file');
  const ti = cols.indexOf('tie_order_matters');
  for (const l of lines) {
    const f = l.split('\t');
    m.set(f[fi]!, f[ti]!);
  }
  return m;
}

function main(): number {
  const asJson = process.argv.includes('--json');
  const strict = process.argv.includes('--strict');
  const log = (s: string) => (asJson ? process.stderr : process.stdout).write(`${s}\n`);
  const pbDir = path.join(pabulibDir, 'pb');
  if (!existsSync(pbDir)) {
    log(`eval:allocation skipped: ${pbDir} is absent (the pabulib data lives outside the repository; see docs/allocation.md).`);
    return 0;
  }
  const t0 = performance.now();
  const files = readdirSync(pbDir).filter((f) => f.endsWith('.pb')).sort();
  const evals: FileEval[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    const e = evaluateFile(f, readFileSync(path.join(pbDir, f), 'utf8'));
    if (e) evals.push(e);
    else skipped.push(f);
  }
  const tFiles = performance.now() - t0;
  const t1 = performance.now();
  const golden = existsSync(path.join(pabulibDir, 'mes-reference')) ? goldenCases().map((c) => ({ source: c.source, name: c.name, fixture: c.fixture, ...c.run() })) : [];
  const tGolden = performance.now() - t1;

  const byRule = new Map<string, FileEval[]>();
  for (const e of evals) byRule.set(`${e.rule}\t${e.voteType}`, [...(byRule.get(`${e.rule}\t${e.voteType}`) ?? []), e]);
  const ties = catalogTies();
  const sensitive = evals.filter((e) => e.tieSensitive);
  const catalogYes = new Set([...ties].filter(([, v]) => v === 'yes').map(([k]) => k));
  const tieAgree = sensitive.length === catalogYes.size && sensitive.every((e) => catalogYes.has(e.file));
  const failed = evals.some((e) => !e.identical) || golden.some((g) => !g.identical);
  const code = strict && failed ? 1 : 0;

  if (asJson) {
    console.log(JSON.stringify({ files: evals, skipped, golden, seconds: { files: tFiles / 1000, golden: tGolden / 1000 } }));
    return code;
  }
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
  log(`eval:allocation — ${new Date().toISOString().slice(0, 10)}, ${files.length} files in ${pbDir}`);
  log('');
  log('rule                          vote type    method                     files  identical  match');
  log('----------------------------  -----------  -------------------------  -----  ---------  ------');
  let all = 0, same = 0;
  for (const [key, es] of [...byRule].sort()) {
    const [rule, vt] = key.split('\t');
    const n = es.filter((e) => e.identical).length;
    all += es.length;
    same += n;
    log(`${rule!.padEnd(28)}  ${vt!.padEnd(11)}  ${es[0]!.method.padEnd(25)}  ${String(es.length).padStart(5)}  ${String(n).padStart(9)}  ${pct(n, es.length).padStart(6)}`);
  }
  log(`${'all'.padEnd(28)}  ${''.padEnd(11)}  ${''.padEnd(25)}  ${String(all).padStart(5)}  ${String(same).padStart(9)}  ${pct(same, all).padStart(6)}`);
  if (skipped.length) log(`(no engine for the rule of ${skipped.length} files: ${skipped.join(', ')})`);
  log('');
  const bad = evals.filter((e) => !e.identical);
  log(bad.length === 0 ? 'mismatches: none' : `mismatches (${bad.length}):`);
  for (const e of bad) {
    log(`  ${e.file} (${e.rule}): official ${e.official.join(',')} | engine ${e.ours.join(',')}`);
    for (const c of e.causes) log(`    - ${c}`);
  }
  log('');
  log(`greedy files whose outcome depends on tie order (computed: reversed tie order changes it): ${sensitive.length}${ties.size ? `; catalog.tsv tie_order_matters=yes: ${catalogYes.size}; ${tieAgree ? 'same files' : 'DIFFERENT files'}` : ''}`);
  for (const e of sensitive) log(`  ${e.file}${e.identical ? ' (file order reproduces the official selection)' : ''}`);
  const rt = evals.filter((e) => e.roundTrip).length;
  log(`parse → write round trip byte-identical: ${rt} / ${evals.length} files`);
  for (const e of evals.filter((x) => !x.roundTrip)) {
    const text = readFileSync(path.join(pbDir, e.file), 'utf8');
    const crlf = text.split('\r\n').length - 1;
    const lf = text.split('\n').length - 1 - crlf;
    log(`  ${e.file}: ${crlf && lf ? `mixed line endings (${crlf} CR LF, ${lf} LF only); the writer uses one` : 'differs (quoting)'}`);
  }
  log('');
  if (golden.length) {
    log('golden case source          cases  identical');
    log('--------------------------  -----  ---------');
    const sources = [...new Set(golden.map((g) => g.source))];
    for (const s of sources) {
      const gs = golden.filter((g) => g.source === s);
      log(`${s.padEnd(26)}  ${String(gs.length).padStart(5)}  ${String(gs.filter((g) => g.identical).length).padStart(9)}`);
    }
    log(`${'all'.padEnd(26)}  ${String(golden.length).padStart(5)}  ${String(golden.filter((g) => g.identical).length).padStart(9)}`);
    for (const g of golden) log(`  ${g.identical ? 'ok  ' : 'FAIL'} ${g.source} ${g.fixture} ${g.name}: ${g.note}`);
  } else log('golden cases: ../shared/data/pabulib/mes-reference is absent, skipped');
  log('');
  log(`time: files ${(tFiles / 1000).toFixed(2)} s, golden cases ${(tGolden / 1000).toFixed(2)} s`);
  return code;
}

const isEntry = process.argv[1] !== undefined && /eval-allocation\.ts$/.test(process.argv[1]);
if (isEntry) process.exitCode = main();
