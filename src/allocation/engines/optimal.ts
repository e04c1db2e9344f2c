// The `optimal` allocation engine (issue #4; programme-management reference §4.4): the selection of
// greatest total value that respects the budget and the policy constraints, found exactly as a 0/1
// integer programme with HiGHS (npm `highs`, WebAssembly). docs/allocation-optimal.md describes
// the model, the tie-break rule, how infeasible constraints are named and how each "why (not)
// funded" is computed; the comments here say why the code is shaped the way it is.

import highsExport from 'highs';
import type { Highs, Model } from 'highs';
import { approvalCounts } from './greedy.ts';
import type { AllocationInput, AllocationResult, InfeasibleConstraint, ProjectOutcome } from './types.ts';

export interface OptimalOptions {
  /**
   * How many left-out projects, most valued first, may be re-solved for an exact `valueLoss`. The
   * others get `valueLossAtLeast` (from the LP relaxation) and `valueLossAtMost` (from a selection
   * found that includes them), or `valueLoss` when the two meet. Default: 10 up to 50 projects,
   * then fewer (⌊500 / projects⌋), none above 500.
   */
  exactExplanations?: number;
}

type Detail = Record<string, number | string>;

/**
 * How many left-out projects get an exact valueLoss by re-solving, by default: each re-solve
 * costs about as much as the allocation itself, so fewer as rounds grow: 10 up to 50 projects,
 * 5 at 100, 2 at 200, none from 501 (docs/allocation-optimal.md has the measured times).
 */
function defaultExact(n: number): number {
  return Math.min(10, Math.floor(500 / Math.max(1, n)));
}
/** Positions decided per lexicographic tie-break solve; 2^30 keeps the weights exact in a double. */
const LEX_CHUNK = 30;
/** Left-out projects (most valued first) whose loss bound comes from an LP re-solve. */
const LP_BOUNDS = 100;
/** Size of the kernel the start is improved on (see maximiseValue); larger kernels cost more than they find. */
const KERNEL = 20;

// ---------------------------------------------------------------------------------------------
// Solver loading: once per process. A failed load is forgotten so that the next call retries.

// Node loads the package's ES build, whose default export is the loader itself; its types describe
// a CommonJS module whose `default` property is the loader. Accept either reading.
type Loader = typeof highsExport.default;
const exported: unknown = highsExport;
const highsLoader = (typeof exported === 'function' ? exported : (exported as { default: Loader }).default) as Loader;

let loading: Promise<Highs> | undefined;

function loadHighs(): Promise<Highs> {
  const promise = (loading ??= highsLoader().catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
  return promise;
}

// ---------------------------------------------------------------------------------------------
// The problem in exact integers, columns in canonical (id) order.

/** One linear row: integer coefficients and bounds, so that any selection can be checked exactly. */
interface Row {
  cols: number[];
  coefs: number[];
  lo: number;
  hi: number;
  /** The solver sees coef / scale, which keeps its coefficients near 1..10^4 whatever the unit. */
  scale: number;
}

/** A named constraint: one side of a row, or a must-fund column. */
interface Named {
  name: string;
  /** Its own figures, used when it is reported as part of a conflict. */
  detail: Detail;
  row?: number;
  side?: 'lo' | 'hi';
  col?: number;
}

interface Problem {
  n: number;
  /** Input index of each column. */
  proj: number[];
  ids: string[];
  /** Costs in rials (the input unit) and in units of g, the gcd of all costs. */
  cost: number[];
  c: number[];
  g: number;
  /** Values as given (or approvals) and as integers in units of 10^-digits. */
  value: number[];
  w: number[];
  digits: number;
  measure: 'approvals' | 'value';
  budget: number;
  must: Uint8Array;
  ineligible: Uint8Array;
  lo0: Uint8Array;
  hi0: Uint8Array;
  rows: Row[];
  named: Named[];
  budgetRow: number;
  valueRow: number;
  /** Column → (row, coefficient) lists. */
  colRows: number[][];
  colCoefs: number[][];
  county: (string | null)[];
  agency: (string | null)[];
  mothersChildren: Uint8Array;
  floor: Map<string, number>;
  countyCap: Map<string, number>;
  agencyCap: Map<string, number>;
  /** Required mothers-and-children spending in rials (0 when there is no such constraint). */
  required: number;
  incompatible: { a: number; b: number; name: string }[];
}

interface Conflict {
  items: InfeasibleConstraint[];
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The smallest power of ten that brings `max` to at most `limit`. */
function powerScale(max: number, limit: number): number {
  let s = 1;
  while (max / s > limit) s *= 10;
  return s;
}

function checkAmount(what: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new RangeError(`optimal: ${what} must be a non-negative number, got ${String(x)}`);
  return x;
}

/**
 * Values as integers: the fewest decimals (0..6) that represent every value exactly, else values
 * rounded to 6 decimals. Integer values make "same total value" an exact comparison.
 */
function integerValues(values: readonly number[]): { w: number[]; digits: number } {
  let digits = 6;
  for (let d = 0; d <= 6; d++) {
    const f = 10 ** d;
    if (values.every((v) => Math.abs(v * f - Math.round(v * f)) <= 1e-9 * Math.max(1, v * f))) {
      digits = d;
      break;
    }
  }
  const f = 10 ** digits;
  const w = values.map((v) => Math.round(v * f));
  if (w.reduce((a, b) => a + b, 0) > Number.MAX_SAFE_INTEGER) throw new RangeError('optimal: the values are too large to add up exactly');
  return { w, digits };
}

/** ⌈share × budget⌉, ignoring the last-bit error of the float product (0.3 × 10^11 is 3·10^10). */
function requiredAmount(share: number, budget: number): number {
  const r = share * budget;
  const near = Math.round(r);
  return Math.abs(r - near) <= r * 1e-12 + 1e-9 ? near : Math.ceil(r);
}

type Prepared = { problem: Problem } | { conflicts: Conflict[] };

function prepare(input: AllocationInput): Prepared {
  const budget = input.budget;
  if (!Number.isSafeInteger(budget) || budget < 0) throw new RangeError(`optimal: budget must be a non-negative integer, got ${String(budget)}`);
  const projects = input.projects;
  const seen = new Set<string>();
  let totalCost = 0;
  for (const p of projects) {
    if (typeof p.id !== 'string') throw new TypeError('optimal: project ids must be strings');
    if (seen.has(p.id)) throw new RangeError(`optimal: duplicate project id ${JSON.stringify(p.id)}`);
    seen.add(p.id);
    if (!Number.isSafeInteger(p.cost) || p.cost < 0) throw new RangeError(`optimal: cost of ${p.id} must be a non-negative integer, got ${String(p.cost)}`);
    totalCost += p.cost;
  }
  if (totalCost > Number.MAX_SAFE_INTEGER) throw new RangeError('optimal: the costs are too large to add up exactly');

  const measure = input.rankBy ?? (input.ballots ? 'approvals' : 'value');
  const rawValues = measure === 'approvals' ? approvalCounts(input) : projects.map((p) => checkAmount(`value of ${p.id}`, p.value ?? 0));
  const cons = input.constraints ?? {};
  const share = cons.mothersChildrenMinShare === undefined ? 0 : checkAmount('mothersChildrenMinShare', cons.mothersChildrenMinShare);
  if (share > 1) throw new RangeError(`optimal: mothersChildrenMinShare must be between 0 and 1, got ${share}`);
  // Spending is a whole number of rials, so a floor of 10.5 means 11 and a cap of 10.5 means 10.
  const floor = new Map(Object.entries(cons.countyFloor ?? {}).map(([k, v]) => [k, Math.ceil(checkAmount(`countyFloor:${k}`, v))] as const).filter(([, v]) => v > 0));
  const countyCap = new Map(Object.entries(cons.countyCap ?? {}).map(([k, v]) => [k, Math.floor(checkAmount(`countyCap:${k}`, v))] as const));
  const agencyCap = new Map(Object.entries(cons.agencyCap ?? {}).map(([k, v]) => [k, Math.floor(checkAmount(`agencyCap:${k}`, v))] as const));
  const required = share > 0 ? requiredAmount(share, budget) : 0;

  // Canonical column order (ids by UTF-16 code units) makes the model, and therefore the solver's
  // path, independent of the order in which the caller listed the projects.
  const proj = projects.map((_, i) => i).sort((a, b) => (projects[a]!.id < projects[b]!.id ? -1 : 1));
  const n = proj.length;
  const colOf = new Map(proj.map((i, j) => [projects[i]!.id, j]));
  const P = (j: number) => projects[proj[j]!]!;
  const ids = proj.map((i) => projects[i]!.id);
  const cost = proj.map((i) => projects[i]!.cost);
  const value = proj.map((i) => rawValues[i]!);
  const { w, digits } = integerValues(value);
  const g = cost.reduce((a, b) => gcd(a, b), 0) || 1;
  const c = cost.map((x) => x / g);
  const county = proj.map((i) => projects[i]!.county ?? null);
  const agency = proj.map((i) => projects[i]!.agency ?? null);
  const mothersChildren = Uint8Array.from(proj, (i) => (projects[i]!.mothersChildren ? 1 : 0));
  const ineligible = Uint8Array.from(proj, (i) => (projects[i]!.ineligible !== undefined ? 1 : 0));
  const must = new Uint8Array(n);

  // ---- Cheap checks that prove infeasibility, with the numbers that show it.
  const conflicts: Conflict[] = [];
  const mustCols: number[] = [];
  for (const id of new Set(cons.mustFund ?? [])) {
    const j = colOf.get(id);
    if (j === undefined) conflicts.push({ items: [{ constraint: `mustFund:${id}`, detail: { kind: 'unknown_project' } }] });
    else if (ineligible[j]) conflicts.push({ items: [{ constraint: `mustFund:${id}`, detail: { kind: 'ineligible', why: P(j).ineligible ?? '' } }] });
    else {
      must[j] = 1;
      mustCols.push(j);
    }
  }
  mustCols.sort((a, b) => a - b);
  const mustItems = (cols: number[]) => cols.map((j) => ({ constraint: `mustFund:${ids[j]}`, detail: { kind: 'must_fund', cost: cost[j]! } }));

  const incompatible: Problem['incompatible'] = [];
  const pairSeen = new Set<string>();
  for (const [x, y] of cons.incompatible ?? []) {
    if (x === y) throw new RangeError(`optimal: project ${JSON.stringify(x)} cannot be incompatible with itself`);
    const a = colOf.get(x);
    const b = colOf.get(y);
    // A pair naming an unknown project cannot be violated, so it is left out.
    if (a === undefined || b === undefined) continue;
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    if (pairSeen.has(key)) continue;
    pairSeen.add(key);
    const name = `incompatible:${x},${y}`;
    incompatible.push({ a, b, name });
    if (must[a] && must[b]) conflicts.push({ items: [{ constraint: name, detail: { kind: 'both_must_fund' } }, ...mustItems([a, b].sort((p, q) => p - q))] });
  }

  const mustCost = mustCols.reduce((s, j) => s + cost[j]!, 0);
  if (mustCost > budget) conflicts.push({ items: [{ constraint: 'budget', detail: { kind: 'must_fund_over_budget', budget, mustFundCost: mustCost } }, ...mustItems(mustCols)] });

  const groupTotals = (key: (j: number) => string | null, only: (j: number) => boolean) => {
    const m = new Map<string, number>();
    for (let j = 0; j < n; j++) {
      const k = key(j);
      if (k !== null && only(j)) m.set(k, (m.get(k) ?? 0) + cost[j]!);
    }
    return m;
  };
  const availableByCounty = groupTotals((j) => county[j]!, (j) => !ineligible[j]);
  const mustByCounty = groupTotals((j) => county[j]!, (j) => must[j] === 1);
  const mustByAgency = groupTotals((j) => agency[j]!, (j) => must[j] === 1);
  for (const [k, L] of [...floor].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const available = availableByCounty.get(k) ?? 0;
    if (L > available) conflicts.push({ items: [{ constraint: `countyFloor:${k}`, detail: { kind: 'floor_above_available', floor: L, available } }] });
    const U = countyCap.get(k);
    if (U !== undefined && L > U) conflicts.push({ items: [{ constraint: `countyFloor:${k}`, detail: { kind: 'floor_above_cap', floor: L, cap: U } }, { constraint: `countyCap:${k}`, detail: { kind: 'floor_above_cap', floor: L, cap: U } }] });
  }
  const capChecks = (caps: Map<string, number>, musts: Map<string, number>, label: string, key: (j: number) => string | null) => {
    for (const [k, U] of [...caps].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const m = musts.get(k) ?? 0;
      if (m > U) conflicts.push({ items: [{ constraint: `${label}:${k}`, detail: { kind: 'must_fund_over_cap', cap: U, mustFundCost: m } }, ...mustItems(mustCols.filter((j) => key(j) === k))] });
    }
  };
  capChecks(countyCap, mustByCounty, 'countyCap', (j) => county[j]!);
  capChecks(agencyCap, mustByAgency, 'agencyCap', (j) => agency[j]!);
  const floorsTotal = [...floor.values()].reduce((a, b) => a + b, 0);
  if (floorsTotal > budget) {
    conflicts.push({
      items: [
        { constraint: 'budget', detail: { kind: 'floors_over_budget', budget, floorsTotal } },
        ...[...floor].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, L]) => ({ constraint: `countyFloor:${k}`, detail: { kind: 'floors_over_budget', floor: L } })),
      ],
    });
  }
  const mcAvailable = cost.reduce((s, x, j) => s + (mothersChildren[j] && !ineligible[j] ? x : 0), 0);
  if (required > mcAvailable) conflicts.push({ items: [{ constraint: 'mothersChildrenMinShare', detail: { kind: 'share_above_available', share, required, available: mcAvailable } }] });
  if (conflicts.length > 0) return { conflicts };

  // ---- Rows. Cost rows are in units of g, so every row activity of a 0/1 selection is an
  // integer: with the solver's tolerances at 1e-9 of a scaled unit, a selection it accepts cannot
  // be a whole unit outside a bound, and every answer is re-checked in exact integers anyway.
  const rows: Row[] = [];
  const named: Named[] = [];
  const maxC = c.reduce((a, b) => Math.max(a, b), 0);
  const costScale = powerScale(maxC, 1e4);
  const costRow = (cols: number[], lo: number, hi: number): number => {
    const nz = cols.filter((j) => c[j]! > 0);
    rows.push({ cols: nz, coefs: nz.map((j) => c[j]!), lo: lo === -Infinity ? lo : Math.ceil(lo / g), hi: hi === Infinity ? hi : Math.floor(hi / g), scale: costScale });
    return rows.length - 1;
  };
  const all = Array.from({ length: n }, (_, j) => j);
  const budgetRow = costRow(all, -Infinity, budget);
  const byKey = (key: (j: number) => string | null, k: string) => all.filter((j) => key(j) === k);
  const floorNamed: Named[] = [];
  const capNamed: Named[] = [];
  for (const k of [...new Set([...floor.keys(), ...countyCap.keys()])].sort()) {
    const L = floor.get(k);
    const U = countyCap.get(k);
    const r = costRow(byKey((j) => county[j]!, k), L ?? -Infinity, U ?? Infinity);
    if (L !== undefined) floorNamed.push({ name: `countyFloor:${k}`, detail: { kind: 'conflict', floor: L, available: availableByCounty.get(k) ?? 0 }, row: r, side: 'lo' });
    if (U !== undefined) capNamed.push({ name: `countyCap:${k}`, detail: { kind: 'conflict', cap: U }, row: r, side: 'hi' });
  }
  named.push({ name: 'budget', detail: { kind: 'conflict', budget }, row: budgetRow, side: 'hi' });
  if (required > 0) {
    const r = costRow(all.filter((j) => mothersChildren[j]), required, Infinity);
    named.push({ name: 'mothersChildrenMinShare', detail: { kind: 'conflict', share, required, available: mcAvailable }, row: r, side: 'lo' });
  }
  named.push(...floorNamed, ...capNamed);
  for (const k of [...agencyCap.keys()].sort()) {
    const r = costRow(byKey((j) => agency[j]!, k), -Infinity, agencyCap.get(k)!);
    named.push({ name: `agencyCap:${k}`, detail: { kind: 'conflict', cap: agencyCap.get(k)! }, row: r, side: 'hi' });
  }
  for (const j of mustCols) named.push({ name: `mustFund:${ids[j]}`, detail: { kind: 'conflict', cost: cost[j]! }, col: j });
  for (const { a, b, name } of incompatible) {
    rows.push({ cols: [a, b].sort((p, q) => p - q), coefs: [1, 1], lo: -Infinity, hi: 1, scale: 1 });
    named.push({ name, detail: { kind: 'conflict' }, row: rows.length - 1, side: 'hi' });
  }
  // The value row is free until the tie-break stages hold the value at its optimum.
  const valueCols = all.filter((j) => w[j]! > 0);
  rows.push({ cols: valueCols, coefs: valueCols.map((j) => w[j]!), lo: -Infinity, hi: Infinity, scale: powerScale(w.reduce((a, b) => Math.max(a, b), 0), 1e6) });
  const valueRow = rows.length - 1;

  const colRows: number[][] = Array.from({ length: n }, () => []);
  const colCoefs: number[][] = Array.from({ length: n }, () => []);
  rows.forEach((row, r) => row.cols.forEach((j, k) => {
    colRows[j]!.push(r);
    colCoefs[j]!.push(row.coefs[k]!);
  }));

  // A project with neither value nor cost changes nothing; fixing it out keeps the optimum unique.
  const lo0 = Uint8Array.from(must);
  const hi0 = Uint8Array.from({ length: n }, (_, j) => (ineligible[j] || (!must[j] && w[j] === 0 && cost[j] === 0) ? 0 : 1));
  return {
    problem: {
      n, proj, ids, cost, c, g, value, w, digits, measure, budget, must, ineligible, lo0, hi0, rows, named, budgetRow, valueRow,
      colRows, colCoefs, county, agency, mothersChildren, floor, countyCap, agencyCap, required, incompatible,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The solver bridge: one persistent HiGHS model per call, with exact mirrors of its bounds.

type Objective = 'value' | 'cost' | 'zero' | { weights: Map<number, number> };

interface Solved {
  status: 'optimal' | 'infeasible';
  /** Primal values as the solver returned them. */
  raw: Float64Array;
  /** Rounded 0/1 selection (MIP) — empty for an infeasible run. */
  x: Uint8Array;
  objective: number;
  colDual: Float64Array;
}

interface ValueSolve {
  status: 'optimal' | 'infeasible';
  x: Uint8Array;
  /** The LP relaxation it started from, for the reduced-cost bounds of the explanations. */
  lp: Solved;
  lpObjective: number;
}

class Bridge {
  readonly model: Model;
  readonly colLo: Uint8Array;
  readonly colHi: Uint8Array;
  readonly rowLo: number[];
  readonly rowHi: number[];
  runs = 0;
  /** All columns by value per unit of cost, best first (ties by column), for the heuristics. */
  readonly ratioOrder: number[];
  private integral = true;
  private readonly costScale: number;
  private readonly valueScale: number;

  constructor(
    private readonly highs: Highs,
    private readonly p: Problem,
  ) {
    const { n, rows } = p;
    this.colLo = Uint8Array.from(p.lo0);
    this.colHi = Uint8Array.from(p.hi0);
    this.rowLo = rows.map((r) => r.lo);
    this.rowHi = rows.map((r) => r.hi);
    this.costScale = rows[p.budgetRow]!.scale;
    const { w, c } = p;
    this.ratioOrder = Array.from({ length: n }, (_, j) => j).sort((a, b) => {
      const l = w[a]! * c[b]!;
      const r = w[b]! * c[a]!;
      return l > r ? -1 : l < r ? 1 : a - b;
    });
    this.valueScale = rows[p.valueRow]!.scale;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const row of rows) {
      row.cols.forEach((j, k) => {
        indices.push(j);
        values.push(row.coefs[k]! / row.scale);
      });
      starts.push(indices.length);
    }
    this.model = highs.createModel({
      numCols: n,
      numRows: rows.length,
      sense: highs.constants.objectiveSense.maximize,
      colCost: p.w.map((x) => x / this.valueScale),
      colLower: Array.from(this.colLo),
      colUpper: Array.from(this.colHi),
      rowLower: rows.map((r, i) => this.scaledLo(i, r.lo)),
      rowUpper: rows.map((r, i) => this.scaledHi(i, r.hi)),
      matrix: { format: 'csr', numRows: rows.length, numCols: n, starts, indices, values },
      integrality: new Array<0 | 1>(n).fill(1),
    });
    this.model.options.set({
      output_flag: false,
      mip_rel_gap: 0,
      // Tight tolerances keep an accepted, rounded 0/1 selection within every integer bound.
      mip_feasibility_tolerance: 1e-9,
      primal_feasibility_tolerance: 1e-9,
      random_seed: 0,
      // A restart re-presolves after HiGHS's own reduced-cost fixing; the projects are already
      // held that way before each solve here, and the restarts measured slower.
      mip_allow_restart: false,
    });
    this.setHeuristics(false);
  }

  /**
   * HiGHS's sub-MIP heuristics (RINS, RENS, root reduced cost) find good selections fast on a
   * small problem but cost far more than they save once a near-optimal start is known, which is
   * the case for every solve here except the kernel one.
   */
  setHeuristics(on: boolean): void {
    this.model.options.set({ mip_heuristic_run_rins: on, mip_heuristic_run_rens: on, mip_heuristic_run_root_reduced_cost: on } as never);
  }

  private scaledLo(r: number, lo: number): number {
    return lo === -Infinity ? -this.highs.infinity : lo / this.p.rows[r]!.scale;
  }

  private scaledHi(r: number, hi: number): number {
    return hi === Infinity ? this.highs.infinity : hi / this.p.rows[r]!.scale;
  }

  setCol(j: number, lo: number, hi: number): void {
    if (this.colLo[j] === lo && this.colHi[j] === hi) return;
    this.colLo[j] = lo;
    this.colHi[j] = hi;
    this.model.changeColBounds(j, lo, hi);
  }

  setRow(r: number, lo: number, hi: number): void {
    if (this.rowLo[r] === lo && this.rowHi[r] === hi) return;
    this.rowLo[r] = lo;
    this.rowHi[r] = hi;
    this.model.changeRowBounds(r, this.scaledLo(r, lo), this.scaledHi(r, hi));
  }

  resetBounds(): void {
    for (let j = 0; j < this.p.n; j++) this.setCol(j, this.p.lo0[j]!, this.p.hi0[j]!);
    this.p.rows.forEach((row, r) => this.setRow(r, row.lo, row.hi));
  }

  setIntegral(on: boolean): void {
    if (this.integral === on) return;
    this.integral = on;
    this.model.changeColsIntegrality({ kind: 'range', from: 0, to: this.p.n - 1 }, new Array<0 | 1>(this.p.n).fill(on ? 1 : 0));
  }

  setObjective(objective: Objective): void {
    const { n, w, c } = this.p;
    const { maximize, minimize } = this.highs.constants.objectiveSense;
    let costs: number[];
    // The absolute gap is half of the objective's integer unit: a better selection would be a
    // whole unit better, so stopping within half a unit of the bound proves optimality.
    let gap: number;
    if (objective === 'value') {
      this.model.changeObjectiveSense(maximize);
      costs = w.map((x) => x / this.valueScale);
      gap = 0.5 / this.valueScale;
    } else if (objective === 'cost') {
      this.model.changeObjectiveSense(minimize);
      costs = c.map((x) => x / this.costScale);
      gap = 0.5 / this.costScale;
    } else if (objective === 'zero') {
      this.model.changeObjectiveSense(minimize);
      costs = new Array<number>(n).fill(0);
      gap = 0.5;
    } else {
      this.model.changeObjectiveSense(maximize);
      costs = Array.from({ length: n }, (_, j) => objective.weights.get(j) ?? 0);
      gap = 0.5;
    }
    this.model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, costs);
    this.model.options.set({ mip_abs_gap: gap });
  }

  solve(start?: Uint8Array | null): Solved {
    if (start && this.integral) this.model.setSolution({ colValue: Array.from(start) });
    this.runs++;
    this.model.run();
    const status = this.model.getModelStatus();
    const { modelStatus } = this.highs.constants;
    if (status === modelStatus.infeasible || status === modelStatus.unboundedOrInfeasible) {
      return { status: 'infeasible', raw: new Float64Array(0), x: new Uint8Array(0), objective: NaN, colDual: new Float64Array(0) };
    }
    if (status !== modelStatus.optimal) throw new Error(`optimal: HiGHS ended with model status ${status}`);
    const sol = this.model.getSolution();
    const x = Uint8Array.from(sol.colValue, (v) => (v > 0.5 ? 1 : 0));
    if (this.integral) this.assertFeasible(x);
    return { status: 'optimal', raw: sol.colValue, x, objective: this.model.getObjectiveValue(), colDual: sol.colDual };
  }

  /** The first current bound a selection breaks, checked in exact integers; null when none. */
  violation(x: Uint8Array): string | null {
    const { p } = this;
    for (let j = 0; j < p.n; j++) if (x[j]! < this.colLo[j]! || x[j]! > this.colHi[j]!) return `the bounds of ${p.ids[j]}`;
    for (let r = 0; r < p.rows.length; r++) {
      const row = p.rows[r]!;
      let act = 0;
      row.cols.forEach((j, k) => {
        if (x[j]) act += row.coefs[k]!;
      });
      if (act < this.rowLo[r]! || act > this.rowHi[r]!) {
        const name = p.named.find((q) => q.row === r)?.name ?? (r === p.valueRow ? 'value' : `row ${r}`);
        return `${name} (${act} outside [${this.rowLo[r]}, ${this.rowHi[r]}] in units of ${row.scale === 1 ? 1 : p.g})`;
      }
    }
    return null;
  }

  /** The solver's answer is never used unchecked: a broken bound beyond rounding is an error. */
  assertFeasible(x: Uint8Array): void {
    const broken = this.violation(x);
    if (broken !== null) throw new Error(`optimal: the solver's selection breaks ${broken}`);
  }

  /**
   * The greatest total value under the current bounds, exactly. The LP relaxation comes first;
   * then a start: the best of a greedy selection, the caller's hint, and the optimum of a small
   * "kernel" problem. Then every project whose reduced cost shows that flipping it from its LP
   * state would fall below the start's value is held at that state, and HiGHS branches only on
   * the projects left in doubt. (HiGHS does the same fixing at its root, but reaching a good
   * incumbent on its own costs it several times more than the whole solve with one.) Every
   * maximum-value selection agrees with the held states, so the tie-break stages stay exact.
   */
  maximiseValue(hint: Uint8Array | null = null): ValueSolve {
    const { p } = this;
    this.setObjective('value');
    this.setIntegral(false);
    const lp = this.solve();
    this.setIntegral(true);
    if (lp.status === 'infeasible') return { status: 'infeasible', x: lp.x, lp, lpObjective: NaN };
    const lpObjective = lp.objective * this.valueScale;
    const tol = 1e-6 * Math.max(1, Math.abs(lpObjective));
    const reduced = (j: number) => Math.abs(lp.colDual[j]! * this.valueScale);
    const side = (j: number): 0 | 1 => (lp.raw[j]! > 0.5 ? 1 : 0);
    const holdable = (j: number, lb: number) => {
      const xj = lp.raw[j]!;
      if (this.colLo[j] === this.colHi[j] || (xj > 1e-9 && xj < 1 - 1e-9)) return false;
      return lpObjective - reduced(j) + tol < lb;
    };
    const valueOf = (x: Uint8Array) => x.reduce((a, xi, j) => a + (xi ? p.w[j]! : 0), 0);
    let start: Uint8Array | null = null;
    let lb = -Infinity;
    for (const candidate of [hint, this.greedyStart(lp.raw)]) {
      if (candidate && this.violation(candidate) === null && valueOf(candidate) > lb) {
        start = candidate;
        lb = valueOf(candidate);
      }
    }

    // The kernel: the KERNEL undecided projects with the smallest reduced costs stay free and
    // every other project is held at its LP state. HiGHS, with its own heuristics on, solves
    // this small problem fast, and its optimum is feasible for the whole.
    const free = Array.from({ length: p.n }, (_, j) => j).filter((j) => this.colLo[j] !== this.colHi[j] && !holdable(j, lb));
    if (free.length > KERNEL) {
      const kernel = new Set([...free].sort((a, b) => reduced(a) - reduced(b) || a - b).slice(0, KERNEL));
      const saved: [number, number, number][] = [];
      for (let j = 0; j < p.n; j++) {
        if (this.colLo[j] === this.colHi[j] || kernel.has(j)) continue;
        saved.push([j, this.colLo[j]!, this.colHi[j]!]);
        this.setCol(j, side(j), side(j));
      }
      this.setHeuristics(true);
      const k = this.solve();
      this.setHeuristics(false);
      for (const [j, lo, hi] of saved) this.setCol(j, lo, hi);
      if (k.status === 'optimal' && valueOf(k.x) > lb) {
        start = k.x;
        lb = valueOf(k.x);
      }
    }

    const held: [number, number, number][] = [];
    if (start) {
      for (let j = 0; j < p.n; j++) {
        if (start[j] === side(j) && holdable(j, lb)) {
          held.push([j, this.colLo[j]!, this.colHi[j]!]);
          this.setCol(j, side(j), side(j));
        }
      }
    }
    // Without a start, HiGHS's own heuristics are the way to an incumbent.
    if (!start) this.setHeuristics(true);
    const mip = this.solve(start);
    this.setHeuristics(false);
    for (const [j, lo, hi] of held) this.setCol(j, lo, hi);
    return { status: mip.status, x: mip.x, lp, lpObjective };
  }

  /**
   * A selection that includes j, built from `base` (the optimum): add j, drop the others with the
   * worst value per cost where a row overflows (never below a floor), then refill. Its value
   * bounds the best value with j from below, so valueLoss ≤ optimum − its value.
   */
  withProject(base: Uint8Array, baseAct: readonly number[], j: number): Uint8Array | null {
    const { p } = this;
    const s = this.selection(base, baseAct);
    if (!s.x[j]) s.flip(j, 1);
    const bestFirst = this.ratioOrder.filter((k) => k !== j && !this.colLo[k] && this.colHi[k]);
    for (let i = bestFirst.length - 1; i >= 0 && s.overUpper(); i--) {
      const d = bestFirst[i]!;
      if (s.x[d] && p.colRows[d]!.some((r) => s.act[r]! > this.rowHi[r]!) && s.canDrop(d)) s.flip(d, 0);
    }
    if (s.overUpper()) return null;
    for (const k of bestFirst) if (!s.x[k] && p.w[k]! > 0 && s.fits(k)) s.flip(k, 1);
    return this.violation(s.x) === null ? s.x : null;
  }

  /** Row activities of a selection, exactly. */
  activities(x: Uint8Array): number[] {
    const act = new Array<number>(this.p.rows.length).fill(0);
    this.p.rows.forEach((row, r) => {
      row.cols.forEach((j, k) => {
        if (x[j]) act[r]! += row.coefs[k]!;
      });
    });
    return act;
  }

  /** A selection with its exact row activities, for the start heuristics. */
  private selection(x0?: Uint8Array, act0?: readonly number[]) {
    const { p } = this;
    const x = x0 ? Uint8Array.from(x0) : new Uint8Array(p.n);
    const act = act0 ? [...act0] : new Array<number>(p.rows.length).fill(0);
    const lo = this.rowLo;
    const hi = this.rowHi;
    return {
      x,
      act,
      fits: (j: number) => p.colRows[j]!.every((r, k) => act[r]! + p.colCoefs[j]![k]! <= hi[r]!),
      canDrop: (j: number) => p.colRows[j]!.every((r, k) => act[r]! - p.colCoefs[j]![k]! >= lo[r]!),
      flip: (j: number, on: 0 | 1) => {
        x[j] = on;
        p.colRows[j]!.forEach((r, k) => {
          act[r]! += on ? p.colCoefs[j]![k]! : -p.colCoefs[j]![k]!;
        });
      },
      overUpper: () => act.some((a, r) => a > hi[r]!),
      underLower: () => act.some((a, r) => a < lo[r]!),
    };
  }

  /**
   * Must-funds, then the floors topped up best ratio first, then what the LP selects whole, then
   * a greedy fill. Null when the floors cannot be met this way.
   */
  greedyStart(lpX: Float64Array): Uint8Array | null {
    const { p } = this;
    const s = this.selection();
    for (let j = 0; j < p.n; j++) if (this.colLo[j]) s.flip(j, 1);
    if (s.overUpper()) return null;
    const order = this.ratioOrder.filter((j) => !this.colLo[j] && this.colHi[j]);
    p.rows.forEach((row, r) => {
      if (s.act[r]! >= this.rowLo[r]!) return;
      const inRow = new Set(row.cols);
      for (const j of order) {
        if (s.act[r]! >= this.rowLo[r]!) break;
        if (!s.x[j] && inRow.has(j) && s.fits(j)) s.flip(j, 1);
      }
    });
    for (const j of order) if (!s.x[j] && lpX[j]! > 1 - 1e-6 && s.fits(j)) s.flip(j, 1);
    for (const j of order) if (!s.x[j] && p.w[j]! > 0 && s.fits(j)) s.flip(j, 1);
    return s.underLower() ? null : s.x;
  }

  dispose(): void {
    this.model.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Naming conflicts: a deletion filter over the named constraints.

function relax(b: Bridge, p: Problem, q: Named, on: boolean): void {
  if (q.col !== undefined) {
    b.setCol(q.col, on ? p.lo0[q.col]! : 0, b.colHi[q.col]!);
    return;
  }
  const r = q.row!;
  const row = p.rows[r]!;
  if (q.side === 'lo') b.setRow(r, on ? row.lo : -Infinity, b.rowHi[r]!);
  else b.setRow(r, b.rowLo[r]!, on ? row.hi : Infinity);
}

/**
 * A minimal set of named constraints that cannot hold together (with `forced` selected, when
 * given): drop each constraint in turn and keep it dropped if what remains is still infeasible.
 * What is left is infeasible, and dropping any one of it makes the rest feasible.
 */
function deletionFilter(b: Bridge, p: Problem, forced: number | null, relaxation = false): Named[] {
  b.resetBounds();
  b.setIntegral(!relaxation);
  b.setObjective('zero');
  if (forced !== null) b.setCol(forced, 1, 1);
  const kept: Named[] = [];
  for (const q of p.named) {
    if (q.col !== undefined && q.col === forced) continue;
    relax(b, p, q, false);
    if (b.solve().status === 'optimal') {
      relax(b, p, q, true);
      kept.push(q);
    }
  }
  b.resetBounds();
  b.setIntegral(true);
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Results.

function infeasibleResult(input: AllocationInput, conflicts: Conflict[]): AllocationResult {
  const infeasible: InfeasibleConstraint[] = [];
  conflicts.forEach((conflict, k) => {
    for (const item of conflict.items) infeasible.push({ constraint: item.constraint, detail: { ...item.detail, conflict: k + 1 } });
  });
  const outcomes = input.projects.map((p): ProjectOutcome =>
    p.ineligible !== undefined
      ? { id: p.id, selected: false, reason: 'ineligible', detail: { why: p.ineligible } }
      : { id: p.id, selected: false, reason: 'constraint', detail: { constraint: 'infeasible', conflicts: conflicts.length } },
  );
  return { method: 'optimal', budget: input.budget, spent: 0, selected: [], outcomes, infeasible };
}

/** Checks a selection against the input in plain integers; returns the names of broken constraints. */
function brokenConstraints(input: AllocationInput, selected: ReadonlySet<string>): string[] {
  const broken: string[] = [];
  const cons = input.constraints ?? {};
  const chosen = input.projects.filter((p) => selected.has(p.id));
  const spent = chosen.reduce((s, p) => s + p.cost, 0);
  if (spent > input.budget) broken.push('budget');
  const sumBy = (key: (p: (typeof chosen)[number]) => string | null | undefined, k: string) => chosen.filter((p) => key(p) === k).reduce((s, p) => s + p.cost, 0);
  for (const [k, L] of Object.entries(cons.countyFloor ?? {})) if (sumBy((p) => p.county, k) < L) broken.push(`countyFloor:${k}`);
  for (const [k, U] of Object.entries(cons.countyCap ?? {})) if (sumBy((p) => p.county, k) > U) broken.push(`countyCap:${k}`);
  for (const [k, U] of Object.entries(cons.agencyCap ?? {})) if (sumBy((p) => p.agency, k) > U) broken.push(`agencyCap:${k}`);
  const share = cons.mothersChildrenMinShare ?? 0;
  if (share > 0 && chosen.filter((p) => p.mothersChildren).reduce((s, p) => s + p.cost, 0) < requiredAmount(share, input.budget)) broken.push('mothersChildrenMinShare');
  for (const id of cons.mustFund ?? []) if (!selected.has(id)) broken.push(`mustFund:${id}`);
  for (const [a, b] of cons.incompatible ?? []) if (selected.has(a) && selected.has(b)) broken.push(`incompatible:${a},${b}`);
  for (const p of chosen) if (p.ineligible !== undefined) broken.push(`ineligible:${p.id}`);
  return broken;
}

/** valueLoss and friends are reported in the value's own unit, not in the internal integers. */
function toValue(p: Problem, units: number): number {
  return p.digits === 0 ? units : Number((units / 10 ** p.digits).toFixed(p.digits));
}

// ---------------------------------------------------------------------------------------------

/**
 * Maximum total value under the budget and the constraints, solved exactly with HiGHS.
 * Ties: the greatest value first, then the lowest total cost, then the selection that includes
 * the project with the earliest id (ids compared by UTF-16 code units), and so on down the ids.
 * When the constraints cannot all hold, `infeasible` names them and nothing is selected.
 */
export async function optimal(input: AllocationInput, options: OptimalOptions = {}): Promise<AllocationResult> {
  const prepared = prepare(input);
  if ('conflicts' in prepared) return infeasibleResult(input, prepared.conflicts);
  const p = prepared.problem;
  if (p.n === 0) return { method: 'optimal', budget: input.budget, spent: 0, selected: [], outcomes: [], detail: { valueMeasure: p.measure, totalValue: 0, exactExplanations: 0, solves: 0 } };

  const highs = await loadHighs();
  const b = new Bridge(highs, p);
  try {
    return solveAndExplain(input, p, b, options);
  } catch (error) {
    // A WebAssembly trap leaves the runtime unusable; load a fresh one next time.
    if (error instanceof WebAssembly.RuntimeError) loading = undefined;
    throw error;
  } finally {
    b.dispose();
  }
}

function solveAndExplain(input: AllocationInput, p: Problem, b: Bridge, options: OptimalOptions): AllocationResult {
  const { n, w, c } = p;
  const sumW = (x: Uint8Array) => x.reduce((s, xi, j) => s + (xi ? w[j]! : 0), 0);
  const sumC = (x: Uint8Array) => x.reduce((s, xi, j) => s + (xi ? c[j]! : 0), 0);
  const conflictResult = (forced: null) => {
    const kept = deletionFilter(b, p, forced);
    return infeasibleResult(input, [{ items: kept.map((q) => ({ constraint: q.name, detail: q.detail })) }]);
  };

  // ---- Stage 1: the greatest total value. The LP relaxation gives the start and, through its
  // reduced costs, a bound on what forcing each project in or out can be worth.
  const s1 = b.maximiseValue();
  if (s1.status === 'infeasible') return conflictResult(null);
  const { lp, lpObjective } = s1;
  const best = sumW(s1.x);

  // Upper bound (in value units) on the best value with project j held at t (0 or 1):
  // LP* − |d_j|·|t − x_j^LP| by LP duality (d_j its reduced cost). A bound below the optimum for
  // t = the other state proves that j has its stage-1 state in every maximum-value selection.
  const tol = 1e-6 * Math.max(1, Math.abs(lpObjective));
  const boundWith = (j: number, t: number) => lpObjective - Math.abs(lp.colDual[j]! * p.rows[p.valueRow]!.scale) * Math.abs(t - lp.raw[j]!);
  const settled = new Uint8Array(n);
  for (let j = 0; j < n; j++) if (p.lo0[j] === p.hi0[j] || boundWith(j, 1 - s1.x[j]!) + tol < best) settled[j] = 1;
  const candidates = Array.from({ length: n }, (_, j) => j).filter((j) => !settled[j]);

  // ---- Stage 2: among maximum-value selections, the cheapest. Another maximum-value selection
  // must add an unsettled project or drop a zero-value one; without either, this is the only one.
  let current = s1.x;
  let bestCost = sumC(current);
  const tieStages = candidates.some((j) => !current[j] || w[j] === 0);
  if (tieStages) {
    for (let j = 0; j < n; j++) if (settled[j]) b.setCol(j, current[j]!, current[j]!);
    b.setRow(p.valueRow, best, Infinity);
    b.setObjective('cost');
    const s2 = b.solve(current);
    if (s2.status !== 'optimal') throw new Error('optimal: the cheapest maximum-value selection was not found');
    current = s2.x;
    bestCost = sumC(current);
    // ---- Stage 3: among those, lexicographic by id: decide the unsettled projects in id order,
    // LEX_CHUNK at a time, each with weight 2^(LEX_CHUNK-1-k) so that an earlier id outweighs all
    // later ones together.
    // Another cheapest selection would have to add an unsettled project (dropping one would lower
    // the value or the cost), so without one left out there is nothing to order.
    b.setRow(p.budgetRow, b.rowLo[p.budgetRow]!, Math.min(b.rowHi[p.budgetRow]!, bestCost));
    if (candidates.some((j) => !current[j])) {
      for (let from = 0; from < candidates.length; from += LEX_CHUNK) {
        const chunk = candidates.slice(from, from + LEX_CHUNK);
        const weights = new Map(chunk.map((j, k) => [j, 2 ** (LEX_CHUNK - 1 - k)]));
        b.setObjective({ weights });
        const s3 = b.solve(current);
        if (s3.status !== 'optimal') throw new Error('optimal: the tie-break stage lost feasibility');
        current = s3.x;
        for (const j of chunk) b.setCol(j, current[j]!, current[j]!);
      }
    }
    b.resetBounds();
  }
  if (sumW(current) !== best || sumC(current) !== bestCost) throw new Error('optimal: the tie-break changed the value or the cost');

  const x = current;
  const selectedSet = new Set<string>();
  for (let j = 0; j < n; j++) if (x[j]) selectedSet.add(p.ids[j]!);
  const broken = brokenConstraints(input, selectedSet);
  if (broken.length > 0) throw new Error(`optimal: the solver's selection breaks ${broken.join(', ')}`);

  // ---- Explanations.
  const spent = p.cost.reduce((s, k, j) => s + (x[j] ? k : 0), 0);
  const outcomes = new Array<ProjectOutcome>(n);
  const explain = explainer(p, x, spent);
  const open: number[] = [];
  for (let j = 0; j < n; j++) {
    const id = p.ids[j]!;
    const project = input.projects[p.proj[j]!]!;
    if (x[j]) {
      outcomes[p.proj[j]!] = { id, selected: true, reason: 'selected', detail: { value: p.value[j]!, cost: p.cost[j]!, ...(p.must[j] ? { mustFund: 'yes' } : {}) } };
    } else if (p.ineligible[j]) {
      outcomes[p.proj[j]!] = { id, selected: false, reason: 'ineligible', detail: { why: project.ineligible ?? '' } };
    } else if (w[j] === 0) {
      outcomes[p.proj[j]!] = { id, selected: false, reason: 'zero_value', detail: { value: p.value[j]!, cost: p.cost[j]! } };
    } else {
      const blocked = explain.cheapBlock(j);
      if (blocked) outcomes[p.proj[j]!] = { id, selected: false, reason: 'constraint', detail: blocked };
      else open.push(j);
    }
  }
  const limit = options.exactExplanations ?? defaultExact(n);
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError('optimal: exactExplanations must be a non-negative integer');
  // Bounds without an integer solve: valueLoss ≥ optimum − (LP bound with j in), and
  // valueLoss ≤ optimum − (value of some selection with j in). When they meet, the loss is exact.
  // The LP bound is the LP re-solved with j in for the LP_BOUNDS most valued projects (about a
  // millisecond each), else the reduced-cost bound of the first LP (free, looser).
  const byValue = [...open].sort((a, b2) => w[b2]! - w[a]! || a - b2);
  const bounds = new Map<number, { atLeast: number; atMost: number | null; hint: Uint8Array | null }>();
  const lpInfeasible: number[] = [];
  const baseAct = b.activities(x);
  const valueScale = p.rows[p.valueRow]!.scale;
  b.setObjective('value');
  b.setIntegral(false);
  for (const [k, j] of byValue.entries()) {
    let upper = boundWith(j, 1);
    let hint = b.withProject(x, baseAct, j);
    if (k < LP_BOUNDS) {
      b.setCol(j, 1, 1);
      const r = b.solve();
      if (r.status === 'infeasible') lpInfeasible.push(j);
      else {
        upper = Math.min(upper, r.objective * valueScale);
        const greedy = b.greedyStart(r.raw);
        if (greedy && (!hint || sumW(greedy) > sumW(hint))) hint = greedy;
      }
      b.setCol(j, p.lo0[j]!, p.hi0[j]!);
    }
    bounds.set(j, { atLeast: Math.max(0, best - Math.floor(upper + tol)), atMost: hint ? best - sumW(hint) : null, hint });
  }
  b.setIntegral(true);
  for (const j of lpInfeasible) {
    const kept = deletionFilter(b, p, j, true);
    outcomes[p.proj[j]!] = { id: p.ids[j]!, selected: false, reason: 'constraint', detail: { constraint: kept.map((q) => q.name).join(' & '), kind: 'forced_infeasible' } };
  }
  const unsettled = new Set(lpInfeasible);
  // The most valued projects that were left out are the ones people ask about first.
  const exact = new Set(
    byValue
      .filter((j) => !unsettled.has(j) && (bounds.get(j)!.atLeast !== bounds.get(j)!.atMost || bounds.get(j)!.atMost === 0))
      .slice(0, limit),
  );
  for (const j of open) {
    if (unsettled.has(j)) continue;
    const id = p.ids[j]!;
    const blockedBy = explain.blockedBy(j);
    const { atLeast, atMost, hint } = bounds.get(j)!;
    const also: Detail = blockedBy ? { blockedBy } : {};
    if (!exact.has(j)) {
      let detail: Detail;
      if (atLeast === atMost) {
        detail = { valueLoss: toValue(p, atLeast) };
        // A tie on value not re-solved: the selection found with j costs this much more at most.
        if (atMost === 0 && hint) detail.extraCostAtMost = (sumC(hint) - bestCost) * p.g;
      } else {
        detail = { valueLossAtLeast: toValue(p, atLeast), ...(atMost === null ? {} : { valueLossAtMost: toValue(p, atMost) }) };
      }
      outcomes[p.proj[j]!] = { id, selected: false, reason: 'not_optimal', detail: { ...detail, ...also } };
      continue;
    }
    // Forced in, everything else kept: the best value then, and the loss against the optimum.
    b.setCol(j, 1, 1);
    const forced = b.maximiseValue(hint);
    if (forced.status === 'infeasible') {
      // An LP-infeasible conflict is named on the LP (fast); otherwise on the integer programme.
      const kept = deletionFilter(b, p, j, forced.lp.status === 'infeasible');
      outcomes[p.proj[j]!] = { id, selected: false, reason: 'constraint', detail: { constraint: kept.map((q) => q.name).join(' & '), kind: 'forced_infeasible' } };
      continue;
    }
    const lossUnits = best - sumW(forced.x);
    const detail: Detail = { valueLoss: toValue(p, lossUnits) };
    if (lossUnits === 0) {
      // A tie on value: it lost on cost, or on id order at equal cost.
      b.setRow(p.valueRow, best, Infinity);
      b.setObjective('cost');
      const tie = b.solve(forced.x);
      b.setRow(p.valueRow, -Infinity, Infinity);
      if (tie.status !== 'optimal') throw new Error('optimal: the tie check lost feasibility');
      const extra = (sumC(tie.x) - bestCost) * p.g;
      detail.extraCost = extra;
      if (extra === 0) detail.tieBreak = 'id_order';
    }
    b.setCol(j, p.lo0[j]!, p.hi0[j]!);
    outcomes[p.proj[j]!] = { id, selected: false, reason: 'not_optimal', detail: { ...detail, ...also } };
  }

  const selected = input.projects.filter((q) => selectedSet.has(q.id)).map((q) => q.id);
  return {
    method: 'optimal',
    budget: input.budget,
    spent,
    selected,
    outcomes,
    detail: { valueMeasure: p.measure, totalValue: toValue(p, best), exactExplanations: exact.size, solves: b.runs },
  };
}

/** Explanations that need no solve: proofs that a constraint keeps a project out, and what it collides with. */
function explainer(p: Problem, x: Uint8Array, spent: number) {
  const { n, cost, county, agency } = p;
  const sum = (key: (j: number) => string | null, only: (j: number) => boolean) => {
    const m = new Map<string, number>();
    for (let j = 0; j < n; j++) {
      const k = key(j);
      if (k !== null && only(j)) m.set(k, (m.get(k) ?? 0) + cost[j]!);
    }
    return m;
  };
  const isMust = (j: number) => p.must[j] === 1;
  const mustCounty = sum((j) => county[j]!, isMust);
  const mustAgency = sum((j) => agency[j]!, isMust);
  const selCounty = sum((j) => county[j]!, (j) => x[j] === 1);
  const selAgency = sum((j) => agency[j]!, (j) => x[j] === 1);
  const partners: { other: number; name: string }[][] = Array.from({ length: n }, () => []);
  for (const { a, b, name } of p.incompatible) {
    partners[a]!.push({ other: b, name });
    partners[b]!.push({ other: a, name });
  }
  let mustCost = 0;
  let mustMc = 0;
  for (let j = 0; j < n; j++) {
    if (!isMust(j)) continue;
    mustCost += cost[j]!;
    if (p.mothersChildren[j]) mustMc += cost[j]!;
  }

  return {
    /** A proof, without solving, that no selection satisfying the constraints can include j. */
    cheapBlock(j: number): Detail | null {
      const cj = cost[j]!;
      if (cj > p.budget) return { constraint: 'budget', cost: cj, budget: p.budget };
      for (const { other, name } of partners[j]!) if (isMust(other)) return { constraint: name, with: p.ids[other]! };
      const k = county[j]!;
      if (k !== null && p.countyCap.has(k) && cj + (mustCounty.get(k) ?? 0) > p.countyCap.get(k)!) {
        return { constraint: `countyCap:${k}`, cost: cj, cap: p.countyCap.get(k)!, mustFundCost: mustCounty.get(k) ?? 0 };
      }
      const a = agency[j]!;
      if (a !== null && p.agencyCap.has(a) && cj + (mustAgency.get(a) ?? 0) > p.agencyCap.get(a)!) {
        return { constraint: `agencyCap:${a}`, cost: cj, cap: p.agencyCap.get(a)!, mustFundCost: mustAgency.get(a) ?? 0 };
      }
      // The least any selection with j must spend: each floored county at least its floor, and
      // at least the required mothers-and-children amount on top of what is already committed.
      let floors = 0;
      const committed = mustCost + cj;
      for (const [kk, L] of p.floor) {
        let inCounty = kk === k ? cj : 0;
        inCounty += mustCounty.get(kk) ?? 0;
        if (L > inCounty) floors += L - inCounty;
      }
      const minimum = Math.max(committed + floors, committed + Math.max(0, p.required - mustMc - (p.mothersChildren[j] ? cj : 0)));
      if (minimum > p.budget) return { constraint: 'budget', cost: cj, budget: p.budget, minimumSpend: minimum };
      return null;
    },
    /** The first constraint that adding j to the chosen selection would break. */
    blockedBy(j: number): string | null {
      for (const { other, name } of partners[j]!) if (x[other]) return name;
      const cj = cost[j]!;
      const k = county[j]!;
      if (k !== null && p.countyCap.has(k) && (selCounty.get(k) ?? 0) + cj > p.countyCap.get(k)!) return `countyCap:${k}`;
      const a = agency[j]!;
      if (a !== null && p.agencyCap.has(a) && (selAgency.get(a) ?? 0) + cj > p.agencyCap.get(a)!) return `agencyCap:${a}`;
      if (spent + cj > p.budget) return 'budget';
      return null;
    },
  };
}
