// Allocation results in Persian: why each plan was or was not funded, what each constraint is, and
// why a set of constraints cannot hold together. Pure functions of the stored result and the plan
// facts of the round, so the secretariat's page and the public results say the same thing.

import { hasMessage, t, type MessageKey } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatMoney, formatNumber } from '../platform/persian/money.ts';
import type { RoundStatus, ValueRule } from './allocation.tables.ts';
import type { Constraints, InfeasibleConstraint, Method, ProjectOutcome } from './engines/types.ts';
import type { PlanFacts } from './plan-facts.ts';

type Detail = Readonly<Record<string, number | string>> | undefined;

export const money = (rials: number) => formatMoney(Math.round(rials), 'toman');

/** A share (0..1) as «۳۲٫۵٪». */
export const percent = (share: number) => t('allocationPage.percent', { value: formatNumber(Math.round(share * 1000) / 10) });

/** A value (score, reach or their product) with Persian digits and at most two decimals. */
export const valueText = (v: number) => formatNumber(Math.round(v * 100) / 100);

// Keys spelled out so the catalogue test sees each one in use.
const methodHintKeys: Record<Method, MessageKey> = {
  greedy: 'allocationPage.method_hint.greedy',
  'greedy-no-skip': 'allocationPage.method_hint.greedy-no-skip',
  optimal: 'allocationPage.method_hint.optimal',
  mes: 'allocationPage.method_hint.mes',
  'mes-add1': 'allocationPage.method_hint.mes-add1',
};
const valueExplainKeys: Record<ValueRule, MessageKey> = {
  score_x_beneficiaries: 'allocationPage.value_explain.score_x_beneficiaries',
  score: 'allocationPage.value_explain.score',
  beneficiaries: 'allocationPage.value_explain.beneficiaries',
};
const statusKeys: Record<RoundStatus, MessageKey> = {
  draft: 'allocationPage.status.draft',
  committed: 'allocationPage.status.committed',
  published: 'allocationPage.status.published',
};

/** A method's label («به ترتیب ارزش، …»). */
export const methodLabel = (m: Method) => t(`allocation.method.${m}`);
/** What a method does, in one plain Persian sentence. */
export const methodExplanation = (m: Method) => t(methodHintKeys[m]);
/** How a value rule values a plan, in plain Persian. */
export const valueExplanation = (r: ValueRule) => t(valueExplainKeys[r]);
export const roundStatusLabel = (s: RoundStatus) => t(statusKeys[s]);

/** Names the plans, counties and agencies of one round. */
export class RoundNames {
  private readonly plans = new Map<string, PlanFacts>();
  private readonly counties = new Map<string, string>();
  private readonly agencies = new Map<string, string>();

  constructor(facts: readonly PlanFacts[]) {
    for (const f of facts) {
      this.plans.set(String(f.id), f);
      if (f.county) this.counties.set(String(f.county.id), f.county.name);
      this.agencies.set(String(f.agencyId), f.agencyName);
    }
  }

  plan(id: string): string {
    const f = this.plans.get(id);
    return f ? toPersianDigits(f.title) : t('allocationPage.plan_number', { id: toPersianDigits(id) });
  }

  county(id: string): string {
    return toPersianDigits(this.counties.get(id) ?? t('allocationPage.county_number', { id: toPersianDigits(id) }));
  }

  agency(id: string): string {
    return toPersianDigits(this.agencies.get(id) ?? t('allocationPage.agency_number', { id: toPersianDigits(id) }));
  }

  facts(id: string): PlanFacts | undefined {
    return this.plans.get(id);
  }
}

/** A constraint's stable name (`countyFloor:12`, `incompatible:4,9`, …) in Persian, naming what it is about. */
export function constraintLabel(name: string, names: RoundNames): string {
  const colon = name.indexOf(':');
  const kind = colon < 0 ? name : name.slice(0, colon);
  const arg = colon < 0 ? '' : name.slice(colon + 1);
  switch (kind) {
    case 'budget':
      return t('allocationPage.constraint.budget');
    case 'mothersChildrenMinShare':
      return t('allocationPage.constraint.mothersChildrenMinShare');
    case 'countyFloor':
      return t('allocationPage.constraint.countyFloor', { name: names.county(arg) });
    case 'countyCap':
      return t('allocationPage.constraint.countyCap', { name: names.county(arg) });
    case 'agencyCap':
      return t('allocationPage.constraint.agencyCap', { name: names.agency(arg) });
    case 'mustFund':
      return t('allocationPage.constraint.mustFund', { title: names.plan(arg) });
    case 'incompatible': {
      const [a = '', b = ''] = arg.split(',');
      return t('allocationPage.constraint.incompatible', { a: names.plan(a), b: names.plan(b) });
    }
    default:
      return t('allocationPage.constraint.unknown', { name: toPersianDigits(name) });
  }
}

const num = (d: Detail, key: string): number | undefined => {
  const v = d?.[key];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};
const str = (d: Detail, key: string): string => (d?.[key] === undefined ? '' : String(d[key]));

/** The figures of a constraint's detail («کف ۱۲۰ تومان، جمع طرح‌های شهرستان ۸۰ تومان»). */
function figures(d: Detail): string {
  const parts: string[] = [];
  const add = (key: string, msg: MessageKey, fmt: (n: number) => string = money) => {
    const v = num(d, key);
    if (v !== undefined) parts.push(t(msg, { amount: fmt(v) }));
  };
  add('floor', 'allocationPage.fig.floor');
  add('cap', 'allocationPage.fig.cap');
  add('budget', 'allocationPage.fig.budget');
  add('share', 'allocationPage.fig.share', percent);
  add('required', 'allocationPage.fig.required');
  add('available', 'allocationPage.fig.available');
  add('cost', 'allocationPage.fig.cost');
  add('mustFundCost', 'allocationPage.fig.must_fund_cost');
  return parts.join('، ');
}

/** One infeasible constraint as a sentence with its numbers. */
export function explainInfeasible(c: InfeasibleConstraint, names: RoundNames): string {
  const label = constraintLabel(c.constraint, names);
  const d = c.detail;
  const m = (key: string) => money(num(d, key) ?? 0);
  switch (str(d, 'kind')) {
    case 'unknown_project':
      return t('allocationPage.infeasible.unknown_project', { label });
    case 'ineligible':
      return t('allocationPage.infeasible.ineligible', { label });
    case 'must_fund':
      return t('allocationPage.infeasible.must_fund', { label, cost: m('cost') });
    case 'both_must_fund':
      return t('allocationPage.infeasible.both_must_fund', { label });
    case 'must_fund_over_budget':
      return t('allocationPage.infeasible.must_fund_over_budget', { label, must: m('mustFundCost'), budget: m('budget') });
    case 'floor_above_available':
      return t('allocationPage.infeasible.floor_above_available', { label, floor: m('floor'), available: m('available') });
    case 'floor_above_cap':
      return t('allocationPage.infeasible.floor_above_cap', { label, floor: m('floor'), cap: m('cap') });
    case 'must_fund_over_cap':
      return t('allocationPage.infeasible.must_fund_over_cap', { label, must: m('mustFundCost'), cap: m('cap') });
    case 'floors_over_budget':
      return num(d, 'floorsTotal') !== undefined
        ? t('allocationPage.infeasible.floors_over_budget', { label, floors: m('floorsTotal'), budget: m('budget') })
        : t('allocationPage.infeasible.with_figures', { label, figures: figures(d) });
    case 'share_above_available':
      return t('allocationPage.infeasible.share_above_available', { label, share: percent(num(d, 'share') ?? 0), required: m('required'), available: m('available') });
    default: {
      const f = figures(d);
      return f ? t('allocationPage.infeasible.with_figures', { label, figures: f }) : label;
    }
  }
}

/** Infeasible constraints grouped by the conflict they belong to (each group cannot hold together). */
export function infeasibleGroups(list: readonly InfeasibleConstraint[], names: RoundNames): string[][] {
  const groups = new Map<number, string[]>();
  for (const c of list) {
    const k = num(c.detail, 'conflict') ?? 1;
    const g = groups.get(k) ?? [];
    g.push(explainInfeasible(c, names));
    groups.set(k, g);
  }
  return [...groups].sort(([a], [b]) => a - b).map(([, g]) => g);
}

/** Why one plan was or was not selected, naming plans and constraints, with the numbers. */
export function explainOutcome(o: ProjectOutcome, method: Method, names: RoundNames): string {
  const d = o.detail;
  const rank = o.rank ?? 0;
  switch (o.reason) {
    case 'selected': {
      if (method === 'optimal') {
        const text = t('allocationPage.why.optimal_selected');
        return str(d, 'mustFund') ? `${text} ${t('allocationPage.why.must_fund')}` : text;
      }
      if (method === 'greedy' || method === 'greedy-no-skip') {
        return t('allocationPage.why.greedy_selected', { rank, cost: money(num(d, 'cost') ?? 0), remaining: money(num(d, 'remaining') ?? 0) });
      }
      break;
    }
    case 'over_budget':
      if (num(d, 'cost') !== undefined) {
        const text = t('allocationPage.why.over_budget', { rank, cost: money(num(d, 'cost')!), remaining: money(num(d, 'remaining') ?? 0) });
        return method === 'greedy-no-skip' ? `${text} ${t('allocationPage.why.stopped_here')}` : text;
      }
      break;
    case 'stopped':
      if (str(d, 'stoppedAt')) return t('allocationPage.why.stopped', { rank, at: names.plan(str(d, 'stoppedAt')) });
      break;
    case 'not_optimal': {
      const parts: string[] = [];
      const loss = num(d, 'valueLoss');
      const atLeast = num(d, 'valueLossAtLeast');
      // Bounded for plans the engine did not re-solve (docs/allocation-optimal.md).
      const atMost = num(d, 'valueLossAtMost');
      const extra = num(d, 'extraCost');
      if (loss !== undefined && loss > 0) parts.push(t('allocationPage.why.value_loss', { loss: valueText(loss) }));
      else if (loss === 0 && str(d, 'tieBreak') === 'id_order') parts.push(t('allocationPage.why.tie_id'));
      else if (loss === 0 && extra !== undefined) parts.push(t('allocationPage.why.extra_cost', { extra: money(extra) }));
      else if (atLeast !== undefined && atLeast > 0 && atMost !== undefined) parts.push(t('allocationPage.why.value_loss_between', { low: valueText(atLeast), high: valueText(atMost) }));
      else if (atLeast !== undefined && atLeast > 0) parts.push(t('allocationPage.why.value_loss_at_least', { loss: valueText(atLeast) }));
      else parts.push(t('allocation.reason.not_optimal'));
      const blockedBy = str(d, 'blockedBy');
      if (blockedBy) parts.push(t('allocationPage.why.blocked_by', { constraint: constraintLabel(blockedBy, names) }));
      return parts.join(' ');
    }
    case 'constraint': {
      const c = str(d, 'constraint');
      if (c === 'infeasible') return t('allocationPage.why.round_infeasible');
      if (str(d, 'kind') === 'forced_infeasible') {
        const list = c === 'combined' ? t('allocationPage.why.combined') : c.split(' & ').map((n) => constraintLabel(n, names)).join('، ');
        return t('allocationPage.why.forced_infeasible', { constraints: list });
      }
      if (c === 'budget' && num(d, 'minimumSpend') !== undefined) {
        return t('allocationPage.why.minimum_spend', { minimum: money(num(d, 'minimumSpend')!), budget: money(num(d, 'budget') ?? 0) });
      }
      if (c === 'budget') return t('allocationPage.why.cost_over_budget', { cost: money(num(d, 'cost') ?? 0), budget: money(num(d, 'budget') ?? 0) });
      if (c.startsWith('incompatible:') && str(d, 'with')) return t('allocationPage.why.incompatible_must', { other: names.plan(str(d, 'with')) });
      if ((c.startsWith('countyCap:') || c.startsWith('agencyCap:')) && num(d, 'cap') !== undefined) {
        const params = { constraint: constraintLabel(c, names), cost: money(num(d, 'cost') ?? 0), cap: money(num(d, 'cap')!) };
        const must = num(d, 'mustFundCost') ?? 0;
        return must > 0 ? t('allocationPage.why.cap_with_must', { ...params, must: money(must) }) : t('allocationPage.why.cap', params);
      }
      return t('allocation.reason.constraint', { constraint: constraintLabel(c, names) });
    }
    case 'ineligible':
      return t('allocationPage.why.ineligible');
    default:
      break;
  }
  const key = `allocation.reason.${o.reason}`;
  return hasMessage(key) ? t(key, { remaining: money(num(d, 'remaining') ?? 0), constraint: constraintLabel(str(d, 'constraint'), names) }) : t('allocationPage.why.ineligible');
}

/** The round's constraints as a list of Persian sentences («کف اعتبار شهرستان البرز: دست‌کم …»). */
export function describeConstraints(c: Constraints, budget: number, names: RoundNames): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(c.countyFloor ?? {})) out.push(t('allocationPage.describe.floor', { label: constraintLabel(`countyFloor:${k}`, names), amount: money(v) }));
  for (const [k, v] of Object.entries(c.countyCap ?? {})) out.push(t('allocationPage.describe.cap', { label: constraintLabel(`countyCap:${k}`, names), amount: money(v) }));
  for (const [k, v] of Object.entries(c.agencyCap ?? {})) out.push(t('allocationPage.describe.cap', { label: constraintLabel(`agencyCap:${k}`, names), amount: money(v) }));
  if (c.mothersChildrenMinShare) {
    out.push(t('allocationPage.describe.share', {
      label: constraintLabel('mothersChildrenMinShare', names), percent: percent(c.mothersChildrenMinShare), amount: money(Math.ceil(c.mothersChildrenMinShare * budget)),
    }));
  }
  for (const id of c.mustFund ?? []) out.push(constraintLabel(`mustFund:${id}`, names));
  for (const [a, b] of c.incompatible ?? []) out.push(t('allocationPage.describe.pair', { label: constraintLabel(`incompatible:${a},${b}`, names) }));
  return out;
}

/** Whether a round's constraints say anything at all. */
export function hasConstraints(c: Constraints): boolean {
  return (
    Object.keys(c.countyFloor ?? {}).length + Object.keys(c.countyCap ?? {}).length + Object.keys(c.agencyCap ?? {}).length + (c.mustFund ?? []).length + (c.incompatible ?? []).length > 0 ||
    Boolean(c.mothersChildrenMinShare)
  );
}
