// Method of Equal Shares (Peters, Pierczyński, Skowron 2021) for approval ballots with cost
// utilities, and its Add1 and utilitarian completions (reference §4.2; equalshares.net). Pure.
//
// Each of the n voters gets V/n of virtual money. In each round every remaining project is priced:
// its cost is split as equally as possible among its supporters, those who cannot pay the equal
// share paying all they have; the highest maximum share p a supporter pays gives the project's
// effective vote count cost/p (its number of supporters when all can pay equally). The project
// with the largest effective vote count is funded, its supporters pay min(their money, p), and
// the rounds go on until no remaining project can be paid by its supporters.
//
// Every decision is exact: money is held as BigInt multiples of a common denominator, so an
// exact tie between effective vote counts is a tie (settled by the tie-breaking rules, never by
// rounding) and a project its supporters can exactly afford is affordable. Doubles only steer the
// search (see SLACK). It stays fast because voters with identical ballots form one weighted group
// and the groups hold one of a limited set of amounts ("levels"): pricing a project counts its
// supporters per level, then does a few operations per level.

import { greedy } from './greedy.ts';
import type { AllocationInput, AllocationResult, ProjectOutcome } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Exact rationals

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A rational n/d with d > 0, reduced: the exact figures MES reports. */
class Q {
  private constructor(readonly n: bigint, readonly d: bigint) {}
  static of(n: bigint, d: bigint = 1n): Q {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) [n, d] = [-n, -d];
    const g = gcd(n, d);
    return g === 1n ? new Q(n, d) : new Q(n / g, d / g);
  }
  /** The value a decimal number is written as (0.1 is 1/10, not the nearest double). */
  static fromNumber(x: number): Q {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isInteger(x)) return Q.of(BigInt(x));
    const [mantissa, exp = '0'] = x.toString().split('e');
    const [int, frac = ''] = mantissa!.split('.');
    let n = BigInt(int! + frac);
    let d = 10n ** BigInt(frac.length);
    const e = Number(exp);
    if (e > 0) n *= 10n ** BigInt(e);
    else d *= 10n ** BigInt(-e);
    return Q.of(n, d);
  }
  divInt(k: bigint): Q { return Q.of(this.n, this.d * k); }
  get key(): string { return `${this.n}/${this.d}`; }
  toNumber(): number { return ratioToNumber(this.n, this.d); }
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

function bitLength(x: bigint): number {
  return (x < 0n ? -x : x).toString(16).length * 4;
}

// ---------------------------------------------------------------------------------------------
// Options

/**
 * Applied in order to projects whose effective vote counts are exactly equal:
 * `minCost`/`maxCost` keep the cheapest/dearest, `maxVotes` keeps those with most approvals,
 * `inputOrder` keeps the first in input order (always decisive).
 */
export type MesTieRule = 'minCost' | 'maxCost' | 'maxVotes' | 'inputOrder';

/**
 * Default tie-breaking: the pabulib checker's (lower cost, then more approvals), then input order
 * so that the result is always defined.
 */
export const DEFAULT_MES_TIE_BREAKING: readonly MesTieRule[] = ['minCost', 'maxVotes', 'inputOrder'];

export interface MesOptions {
  /**
   * `none`: MES with V = budget. `add1`: the Add1 completion. `utilitarian`/`add1u`: the same,
   * then the projects left are added by approvals (ties in input order) while they fit.
   * Default: `none` for `mes()`, `add1` for `mesAdd1()`.
   */
  completion?: 'none' | 'add1' | 'utilitarian' | 'add1u';
  /**
   * How Add1 raises the virtual budget V (per voter: `add1Increment`, default 1 unit):
   * - `pabulib` (default): MES with V = B first; then V = ⌊B/n⌋·n + k·increment·n for k = 1, 2, …
   *   while the outcome costs at most B; the first V whose outcome costs more ends it. This is the
   *   pabulib rule `equalshares/add1` and reproduces the official outcomes.
   * - `exhaustive`: the equalshares.net tool with options `integral` and `exhaustive`: start at
   *   V = ⌊B/n⌋·n, and also stop as soon as no unselected project fits in what is left of B.
   * Both also stop once every supported project is funded (raising V cannot add anything then).
   */
  add1Variant?: 'pabulib' | 'exhaustive';
  add1Increment?: number;
  /** Default DEFAULT_MES_TIE_BREAKING. A tie left after the rules throws MesTieError. */
  tieBreaking?: readonly MesTieRule[];
  /**
   * `satisfaction`: also compute greedy by approvals (skipping). Count the voters who approve more
   * greedy winners than MES winners, and those for whom it is the other way round; when the first
   * group is larger, return the greedy outcome (equalshares.net and pabulib's comparison step).
   */
  comparison?: 'none' | 'satisfaction';
}

export class MesTieError extends Error {
  constructor(readonly ids: string[]) {
    super(`Tie-breaking failed: tie between projects ${ids.join(', ')} could not be resolved`);
    this.name = 'MesTieError';
  }
}

// ---------------------------------------------------------------------------------------------
// The instance, prepared once and shared by every run of an Add1 loop

interface Prepared {
  input: AllocationInput;
  voters: number;
  /** Weight (number of voters) of each group of identical ballots. */
  weight: Float64Array;
  /** Per project (input order): its supporters' group indices. */
  supporters: Int32Array[];
  approvals: number[];
  cost: Q[];
  /** A common denominator of the costs (1 when they are whole numbers). */
  costDenominator: bigint;
  /** Projects MES can fund: eligible, cost > 0, at least one approval. */
  candidates: number[];
}

function prepare(input: AllocationInput): Prepared {
  const index = new Map(input.projects.map((p, i) => [p.id, i]));
  const eligible = input.projects.map((p) => !p.ineligible);
  const groups = new Map<string, number>();
  const weights: number[] = [];
  const members: number[][] = input.projects.map(() => []);
  const approvals = new Array<number>(input.projects.length).fill(0);
  const seen = new Int32Array(input.projects.length).fill(-1);
  let b = 0;
  for (const ballot of input.ballots ?? []) {
    b++;
    const ids: number[] = [];
    for (const id of ballot) {
      const i = index.get(id);
      if (i !== undefined && eligible[i] && seen[i] !== b) {
        seen[i] = b;
        ids.push(i);
      }
    }
    if (ids.length === 0) continue; // still counted in n: their share is simply never spent
    ids.sort((x, y) => x - y);
    const key = ids.join(',');
    let g = groups.get(key);
    if (g === undefined) {
      g = weights.length;
      groups.set(key, g);
      weights.push(0);
      for (const i of ids) members[i]!.push(g);
    }
    weights[g]!++;
    for (const i of ids) approvals[i]!++;
  }
  const candidates: number[] = [];
  input.projects.forEach((p, i) => {
    if (!p.ineligible && p.cost > 0 && approvals[i]! > 0) candidates.push(i);
  });
  const cost = input.projects.map((p) => Q.fromNumber(p.cost));
  return {
    input,
    voters: input.ballots?.length ?? 0,
    weight: Float64Array.from(weights),
    supporters: members.map((m) => Int32Array.from(m)),
    approvals,
    cost,
    costDenominator: cost.reduce((a, q) => lcm(a, q.d), 1n),
    candidates,
  };
}

interface Round {
  project: number;
  /** Exact, unreduced: reduced (gcd) only for the run that is reported. */
  maxPayment: Ratio;
  effectiveVotes: Ratio;
  fullPayers: number;
  partialPayers: number;
}

interface Run {
  virtualBudget: Q;
  rounds: Round[];
  selected: Set<number>;
  spent: number;
  /** Money each project's supporters hold at the end (for the projects not selected). */
  moneyBehind: (project: number) => Q;
}

// ---------------------------------------------------------------------------------------------
// One MES run with a fixed virtual budget

function breakTies(pre: Prepared, tied: number[], rules: readonly MesTieRule[]): number {
  let left = tied;
  for (const rule of rules) {
    if (left.length <= 1) break;
    if (rule === 'inputOrder') {
      left = [Math.min(...left)];
    } else if (rule === 'maxVotes') {
      const best = Math.max(...left.map((c) => pre.approvals[c]!));
      left = left.filter((c) => pre.approvals[c] === best);
    } else {
      const costs = left.map((c) => pre.input.projects[c]!.cost);
      const best = rule === 'minCost' ? Math.min(...costs) : Math.max(...costs);
      left = left.filter((c) => pre.input.projects[c]!.cost === best);
    }
  }
  if (left.length > 1) throw new MesTieError(left.sort((a, b) => a - b).map((c) => pre.input.projects[c]!.id));
  return left[0]!;
}

/** An exact positive ratio n/d kept unreduced (only compared, never printed). */
interface Ratio { n: bigint; d: bigint }
const above = (a: Ratio, b: Ratio) => a.n * b.d > b.n * a.d;

/** n/d as a double, without overflowing when both are huge. */
function ratioToNumber(n: bigint, d: bigint): number {
  if (n < HUGE && d < HUGE) return Number(n) / Number(d);
  const excess = BigInt(Math.max(bitLength(n), bitLength(d)) - 1000);
  return Number(n >> excess) / Number(d >> excess);
}
const HUGE = 1n << 1000n;

// Doubles carry the search and exact integers decide. A double computed here is within ~1e-12
// (relative) of the exact value, so a decision whose doubles are further apart than SLACK is the
// exact decision; the few closer ones (ties, a project its supporters can only just afford, the
// winner's payment) are recomputed exactly.
const SLACK = 1e-9;

function runMes(pre: Prepared, virtualBudget: Q, tieRules: readonly MesTieRule[]): Run {
  // Exact money without fractions: an amount x is held as the integer x·D. D starts as a common
  // denominator of the endowment and the costs and is multiplied by k when a payment needs it.
  // Rather than rescaling every held amount then, each amount remembers the epoch (the D) it was
  // written in, and factor[epoch] = D / D_epoch converts it.
  const n = BigInt(Math.max(pre.voters, 1));
  let D = lcm(n * virtualBudget.d, pre.costDenominator);
  // Only contenders need their cost in D units, so it is computed when asked, not kept up to date.
  const scaledCost = (c: number) => pre.cost[c]!.n * (D / pre.cost[c]!.d);
  const factor: bigint[] = [1n];
  // Level 0 is "nothing left"; every group holds one level's amount (levelOf).
  const levelNum: bigint[] = [0n, (virtualBudget.n * D) / (n * virtualBudget.d)];
  const levelEpoch: number[] = [0, 0];
  const approx: number[] = [0, ratioToNumber(levelNum[1]!, D)];
  const exact = (l: number) => levelNum[l]! * factor[levelEpoch[l]!]!;
  const levelOf = new Int32Array(pre.weight.length).fill(1);
  let count = new Float64Array(16);
  let stamp = new Int32Array(16);
  let stampNow = 0;

  /** Supporters of c per level (in `count`): the levels touched, and how many supporters. */
  const tally = (c: number): { touched: number[]; supporters: number } => {
    if (count.length < levelNum.length) {
      count = new Float64Array(levelNum.length * 2);
      stamp = new Int32Array(levelNum.length * 2);
      stampNow = 0;
    }
    stampNow++;
    const touched: number[] = [];
    let supporters = 0;
    for (const g of pre.supporters[c]!) {
      const l = levelOf[g]!;
      if (stamp[l] !== stampNow) {
        stamp[l] = stampNow;
        count[l] = 0;
        touched.push(l);
      }
      count[l]! += pre.weight[g]!;
      supporters += pre.weight[g]!;
    }
    return { touched, supporters };
  };

  // Water-filling: the maximum payment p solves p = (cost − Σ_{v<p} v·count) / #{v ≥ p}, the
  // supporters holding less than p paying all they have. Starting from the equal split and
  // moving every supporter who cannot pay the current p to the "pays all" side reaches it in a
  // few passes (p only rises), with no sorting.

  /**
   * Exact: how many pay the full share and the (scaled) amount `rest` they share, so the maximum
   * payment is rest/(D·payers); null when the supporters cannot afford the project.
   */
  const priceExact = (c: number): { payers: number; rest: bigint } | null => {
    const { touched, supporters } = tally(c);
    const m = touched.length;
    const cost = scaledCost(c);
    const costApprox = approxCost[c]!;
    const values = new Array<bigint>(m);
    let moneyApprox = 0;
    for (let i = 0; i < m; i++) {
      values[i] = exact(touched[i]!);
      moneyApprox += approx[touched[i]!]! * count[touched[i]!]!;
    }
    if (Math.abs(moneyApprox - costApprox) <= SLACK * costApprox) {
      let money = 0n;
      for (let i = 0; i < m; i++) money += values[i]! * BigInt(count[touched[i]!]!);
      if (money < cost) return null;
    } else if (moneyApprox < costApprox) return null;
    const poor = new Uint8Array(m);
    let rest = cost;
    let payers = supporters;
    for (let changed = true; changed;) {
      changed = false;
      const p = BigInt(payers);
      const r = rest;
      for (let i = 0; i < m; i++) {
        // v < r/p  ⇔  v·p < r
        if (!poor[i] && values[i]! * p < r) {
          poor[i] = 1;
          rest -= values[i]! * BigInt(count[touched[i]!]!);
          payers -= count[touched[i]!]!;
          changed = true;
        }
      }
    }
    return { payers, rest };
  };
  /** The double estimate of the maximum payment (0 when it cannot tell). */
  const waterFillApprox = (touched: number[], supporters: number, cost: number): number => {
    const m = touched.length;
    if (poorFast.length < m) poorFast = new Uint8Array(m * 2);
    poorFast.fill(0, 0, m);
    let rest = cost;
    let payers = supporters;
    for (let changed = true; changed;) {
      changed = false;
      const p = rest / payers;
      for (let i = 0; i < m; i++) {
        const l = touched[i]!;
        if (!poorFast[i] && approx[l]! < p) {
          poorFast[i] = 1;
          rest -= approx[l]! * count[l]!;
          payers -= count[l]!;
          changed = true;
        }
      }
    }
    return payers > 0 && rest > 0 ? rest / payers : 0;
  };
  /** The effective vote count as a double: 0 when unaffordable, NaN when too close to call. */
  const priceFast = (c: number): number => {
    const { touched, supporters } = tally(c);
    const cost = approxCost[c]!;
    let money = 0;
    for (const l of touched) money += approx[l]! * count[l]!;
    if (Math.abs(money - cost) <= SLACK * cost) return NaN;
    if (money < cost) return 0;
    const p = waterFillApprox(touched, supporters, cost);
    return p > 0 ? cost / p : NaN;
  };
  let poorFast = new Uint8Array(64);
  const approxCost = pre.cost.map((q) => q.toNumber());

  // Effective vote counts never rise (money only goes down), so the last one computed bounds the
  // next: projects are tried best bound first and the scan stops below the best found so far.
  const bound = new Float64Array(pre.input.projects.length);
  let alive = [...pre.candidates];
  for (const c of alive) bound[c] = pre.approvals[c]!;

  const rounds: Round[] = [];
  const selected = new Set<number>();
  let spent = 0;
  for (;;) {
    const order = alive.sort((a, b) => bound[b]! - bound[a]! || a - b);
    const dropped = new Set<number>();
    let bestFast = 0;
    const seen: { c: number; eff: number }[] = [];
    for (const c of order) {
      if (bound[c]! < bestFast * (1 - 2 * SLACK)) break;
      let eff = priceFast(c);
      if (Number.isNaN(eff)) {
        const p = priceExact(c);
        eff = p === null ? 0 : ratioToNumber(scaledCost(c) * BigInt(p.payers), p.rest);
      }
      if (eff === 0) {
        dropped.add(c); // its supporters cannot pay for it now, nor later
        continue;
      }
      bound[c] = eff * (1 + SLACK);
      seen.push({ c, eff });
      if (eff > bestFast) bestFast = eff;
    }
    // The contenders are compared exactly: effective vote count cost/(rest/payers), D cancels.
    let best: number[] = [];
    let bestEff: Ratio = { n: 0n, d: 1n };
    let bestPrice = { payers: 0, rest: 0n };
    for (const { c, eff } of seen) {
      if (eff < bestFast * (1 - 2 * SLACK)) continue;
      const p = priceExact(c);
      if (p === null) continue;
      const e = { n: scaledCost(c) * BigInt(p.payers), d: p.rest };
      if (best.length === 0 || above(e, bestEff)) {
        best = [c];
        bestEff = e;
        bestPrice = p;
      } else if (!above(bestEff, e)) best.push(c);
    }
    if (best.length === 0) break;
    let winner = best[0]!;
    if (best.length > 1) {
      winner = breakTies(pre, best, tieRules);
      bestPrice = priceExact(winner)!;
    }

    // Each full payer pays rest/payers (scaled); make D a multiple that keeps it an integer.
    const { rest } = bestPrice;
    const payersBig = BigInt(bestPrice.payers);
    const k = payersBig / gcd(rest % payersBig, payersBig);
    const maxPayment = { n: rest, d: D * payersBig };
    if (k !== 1n) {
      D *= k;
      for (let e = 0; e < factor.length; e++) factor[e]! *= k;
    }
    const share = (rest * k) / payersBig;
    const epoch = factor.length;
    factor.push(1n);
    // Supporters on the same level move to the same new level; those holding less than the
    // share (partial payers) end on level 0 with those holding exactly the share.
    const moved = new Map<number, number>();
    const short = new Set<number>();
    let fullPayers = 0;
    let partialPayers = 0;
    for (const grp of pre.supporters[winner]!) {
      const l = levelOf[grp]!;
      let to = moved.get(l);
      if (to === undefined) {
        const v = exact(l);
        if (v > share) {
          to = levelNum.length;
          levelNum.push(v - share);
          levelEpoch.push(epoch);
          approx.push(ratioToNumber(v - share, D));
        } else to = 0;
        if (v < share) short.add(l);
        moved.set(l, to);
      }
      if (short.has(l)) partialPayers += pre.weight[grp]!;
      else fullPayers += pre.weight[grp]!;
      levelOf[grp] = to;
    }
    dropped.add(winner);
    alive = alive.filter((c) => !dropped.has(c));
    selected.add(winner);
    spent += pre.input.projects[winner]!.cost;
    rounds.push({ project: winner, maxPayment, effectiveVotes: bestEff, fullPayers, partialPayers });
  }

  const moneyBehind = (c: number): Q => {
    const { touched } = tally(c);
    let sum = 0n;
    for (const l of touched) sum += exact(l) * BigInt(count[l]!);
    return Q.of(sum, D);
  };
  return { virtualBudget, rounds, selected, spent, moneyBehind };
}

// ---------------------------------------------------------------------------------------------
// Completions and the public functions

function add1(pre: Prepared, opts: MesOptions, tieRules: readonly MesTieRule[]): { run: Run; steps: number } {
  const budget = pre.input.budget;
  const n = BigInt(pre.voters);
  const increment = BigInt(Math.max(1, Math.trunc(opts.add1Increment ?? 1)));
  const variant = opts.add1Variant ?? 'pabulib';
  // Add1 works on whole units per voter: ⌊B/n⌋·n is the largest multiple of n within B.
  const base = (BigInt(Math.floor(budget)) / n) * n;
  let v = variant === 'pabulib' ? Q.fromNumber(budget) : Q.of(base);
  let run = runMes(pre, v, tieRules);
  let steps = 0;
  let next = base;
  const eligible = pre.input.projects.map((_, i) => i).filter((i) => !pre.input.projects[i]!.ineligible);
  for (;;) {
    if (run.selected.size === pre.candidates.length) break;
    if (variant === 'exhaustive' && !eligible.some((i) => !run.selected.has(i) && run.spent + pre.input.projects[i]!.cost <= budget)) break;
    next += increment * n;
    v = Q.of(next);
    const attempt = runMes(pre, v, tieRules);
    steps++;
    if (attempt.spent > budget) break;
    run = attempt;
  }
  return { run, steps };
}

function outcomesOf(pre: Prepared, run: Run, completed: number[]): ProjectOutcome[] {
  const outcomes = pre.input.projects.map((p, i): ProjectOutcome => {
    if (p.ineligible) return { id: p.id, selected: false, reason: 'ineligible', detail: { why: p.ineligible } };
    if (pre.approvals[i] === 0) return { id: p.id, selected: false, reason: 'no_support', detail: { approvals: 0 } };
    if (p.cost <= 0) return { id: p.id, selected: false, reason: 'zero_value', detail: { why: 'cost 0 gives no utility under cost satisfaction' } };
    return {
      id: p.id, selected: false, reason: 'supporters_short',
      detail: { approvals: pre.approvals[i]!, cost: p.cost, supportersMoney: run.moneyBehind(i).toNumber() },
    };
  });
  run.rounds.forEach((r, k) => {
    const p = pre.input.projects[r.project]!;
    outcomes[r.project] = {
      id: p.id, selected: true, reason: 'selected', rank: k + 1,
      detail: {
        approvals: pre.approvals[r.project]!,
        cost: p.cost,
        maxPayment: Q.of(r.maxPayment.n, r.maxPayment.d).toNumber(),
        effectiveVotes: Q.of(r.effectiveVotes.n, r.effectiveVotes.d).toNumber(),
        fullPayers: r.fullPayers,
        partialPayers: r.partialPayers,
      },
    };
  });
  completed.forEach((c, k) => {
    const p = pre.input.projects[c]!;
    outcomes[c] = {
      id: p.id, selected: true, reason: 'selected', rank: run.rounds.length + k + 1,
      detail: { approvals: pre.approvals[c]!, cost: p.cost, by: 'utilitarian' },
    };
  });
  return outcomes;
}

/**
 * MES with cost utilities. Options choose the completion (default none), the Add1 variant, the
 * tie-breaking and the comparison step; `method` in the result is `mes-add1` when Add1 ran.
 */
export function mes(input: AllocationInput, options: MesOptions = {}): AllocationResult {
  const completion = options.completion ?? 'none';
  const withAdd1 = completion === 'add1' || completion === 'add1u';
  const method = withAdd1 ? 'mes-add1' : 'mes';
  const tieRules = options.tieBreaking ?? DEFAULT_MES_TIE_BREAKING;
  const pre = prepare(input);
  if (pre.voters === 0) {
    return {
      method, budget: input.budget, spent: 0, selected: [],
      outcomes: input.projects.map((p): ProjectOutcome => (p.ineligible
        ? { id: p.id, selected: false, reason: 'ineligible', detail: { why: p.ineligible } }
        : { id: p.id, selected: false, reason: 'no_support', detail: { approvals: 0 } })),
    };
  }
  let run: Run;
  let steps = 0;
  if (withAdd1) ({ run, steps } = add1(pre, options, tieRules));
  else run = runMes(pre, Q.fromNumber(input.budget), tieRules);

  const completed: number[] = [];
  let spent = run.spent;
  if (completion === 'utilitarian' || completion === 'add1u') {
    const byApprovals = input.projects.map((_, i) => i).filter((i) => !input.projects[i]!.ineligible && !run.selected.has(i));
    byApprovals.sort((a, b) => pre.approvals[b]! - pre.approvals[a]!);
    for (const i of byApprovals) {
      if (spent + input.projects[i]!.cost <= input.budget) {
        completed.push(i);
        spent += input.projects[i]!.cost;
      }
    }
  }
  const endowment = run.virtualBudget.divInt(BigInt(pre.voters));
  const detail: Record<string, number | string> = {
    voters: pre.voters,
    virtualBudget: run.virtualBudget.toNumber(),
    endowment: endowment.toNumber(),
    endowmentExact: endowment.key,
    rounds: run.rounds.length,
  };
  if (withAdd1) detail.add1Steps = steps;
  if (completed.length > 0) detail.completedByApprovals = completed.length;
  const result: AllocationResult = {
    method, budget: input.budget, spent,
    selected: [...run.rounds.map((r) => input.projects[r.project]!.id), ...completed.map((c) => input.projects[c]!.id)],
    outcomes: outcomesOf(pre, run, completed),
    detail,
  };
  if ((options.comparison ?? 'none') === 'none') return result;

  const g = greedy({ ...input, rankBy: 'approvals' });
  const { prefersMes, prefersGreedy } = compareSatisfaction(input, result.selected, g.selected);
  const compared = { ...detail, comparison: 'satisfaction', prefersMes, prefersGreedy };
  if (prefersGreedy > prefersMes) return { ...g, method, detail: { ...compared, kept: 'greedy' } };
  return { ...result, detail: { ...compared, kept: 'mes' } };
}

/** MES with the Add1 completion (pabulib variant unless options say otherwise). */
export function mesAdd1(input: AllocationInput, options: MesOptions = {}): AllocationResult {
  return mes(input, { ...options, completion: options.completion ?? 'add1' });
}

/** Voters who approve more winners of `a` than of `b`, and the other way round. */
export function compareSatisfaction(input: AllocationInput, a: readonly string[], b: readonly string[]): { prefersMes: number; prefersGreedy: number } {
  const inA = new Set(a);
  const inB = new Set(b);
  let prefersMes = 0;
  let prefersGreedy = 0;
  for (const ballot of input.ballots ?? []) {
    let sa = 0;
    let sb = 0;
    for (const id of new Set(ballot)) {
      if (inA.has(id)) sa++;
      if (inB.has(id)) sb++;
    }
    if (sa > sb) prefersMes++;
    else if (sb > sa) prefersGreedy++;
  }
  return { prefersMes, prefersGreedy };
}
