// The shared vocabulary of the allocation engines (DESIGN.md "Allocation", issue #4). Pure data:
// engines are functions of an AllocationInput with no I/O, so anyone can recompute a result.

export type Method = 'greedy' | 'greedy-no-skip' | 'mes' | 'mes-add1' | 'optimal';
export const methods: readonly Method[] = ['greedy', 'greedy-no-skip', 'mes', 'mes-add1', 'optimal'];

/** A fundable project (a plan, or a pabulib project). Costs and budgets are non-negative integers (rials, or the file's unit). */
export interface Project {
  id: string;
  cost: number;
  /** What greedy and optimal maximise when no ballots are given (e.g. rubric score × beneficiaries). */
  value?: number;
  /** Grouping keys for constraints. */
  county?: string | null;
  agency?: string | null;
  /** The plan targets mothers and children (counts toward their minimum share). */
  mothersChildren?: boolean;
  /**
   * Set when the project may not be funded whatever the votes (e.g. `withdrawn`, `below_threshold`):
   * every engine leaves it out and reports reason `ineligible` with this text as `detail.why`.
   */
  ineligible?: string;
}

/** One approval ballot: the ids of the projects a voter approved. */
export type ApprovalBallot = readonly string[];

/** Linear policy constraints of the optimal engine (DESIGN.md; reference §4.4). Amounts in the budget's unit. */
export interface Constraints {
  countyFloor?: Readonly<Record<string, number>>;
  countyCap?: Readonly<Record<string, number>>;
  /** Share of the budget (0..1) that must go to projects with mothersChildren. */
  mothersChildrenMinShare?: number;
  agencyCap?: Readonly<Record<string, number>>;
  mustFund?: readonly string[];
  incompatible?: readonly (readonly [string, string])[];
}

export interface AllocationInput {
  budget: number;
  projects: readonly Project[];
  /** Approval ballots; greedy then ranks by approvals, and MES needs them. */
  ballots?: readonly ApprovalBallot[];
  constraints?: Constraints;
  /**
   * What greedy ranks by: `approvals` counted from the ballots, or `value`. Default: `approvals`
   * when ballots are given, else `value`. Points-based pabulib files (cumulative, ordinal) set
   * `value` = the file's score, since a ballot there is more than an approval.
   */
  rankBy?: 'approvals' | 'value';
}

/**
 * Why a project was or was not selected; the app turns each code and its numbers into Persian.
 * - selected: funded (detail: rank/round, amount, for MES the price per supporter and payers)
 * - over_budget: it did not fit in what was left when its turn came (detail: remaining)
 * - stopped: greedy-no-skip stopped at an earlier project that did not fit
 * - supporters_short: MES — its supporters' remaining money could not cover it (detail: their total)
 * - no_support: nobody approved it
 * - not_optimal: optimal — a better use of the budget exists under the constraints
 * - constraint: optimal — excluded because a named constraint binds (detail: the constraint)
 * - zero_value: nothing to gain from it (value 0)
 * - ineligible: left out before the engine ran (Project.ineligible; detail.why)
 */
export type OutcomeReason =
  | 'selected' | 'over_budget' | 'stopped' | 'supporters_short' | 'no_support' | 'not_optimal' | 'constraint' | 'zero_value' | 'ineligible';

export interface ProjectOutcome {
  id: string;
  selected: boolean;
  reason: OutcomeReason;
  /** Position in the order the engine considered projects (1-based), or the MES round. */
  rank?: number;
  detail?: Readonly<Record<string, number | string>>;
}

export interface InfeasibleConstraint {
  /** Stable name, e.g. `countyFloor:12`, `mothersChildrenMinShare`, `mustFund:p7`. */
  constraint: string;
  /** What makes it impossible, with numbers (e.g. the county's projects cost less than its floor). */
  detail: Readonly<Record<string, number | string>>;
}

export interface AllocationResult {
  method: Method;
  budget: number;
  spent: number;
  /** Selected ids in the order they were selected (greedy, MES) or in input order (optimal). */
  selected: string[];
  /** One entry per input project, in input order. */
  outcomes: ProjectOutcome[];
  /** Optimal only: when the constraints cannot all hold, which ones, and nothing is selected. */
  infeasible?: InfeasibleConstraint[];
  /** Method-specific figures of the run (MES: per-voter endowment, Add1 steps, comparison counts). */
  detail?: Readonly<Record<string, number | string>>;
}
