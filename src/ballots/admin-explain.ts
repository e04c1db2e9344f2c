// Why each project of a counted ballot round was or was not funded, in Persian with its numbers,
// for the secretariat to read before publishing. Ballot counts rank by votes (greedy) or share
// the budget among voters (MES with Add1), so the allocation engine's own sentences, written for
// value-ranked expert rounds, are used only for the outcomes a ballot does not add anything to.

import { explainOutcome, money, RoundNames } from '../allocation/explain.ts';
import type { ProjectOutcome } from '../allocation/engines/types.ts';
import type { PlanFacts } from '../allocation/plan-facts.ts';
import { t } from '../platform/i18n/t.ts';
import { formatNumber } from '../platform/persian/money.ts';
import type { RoundProjectRow } from './ballots.repo.ts';
import type { CountingMethod } from './ballots.tables.ts';

/** Names for explainOutcome from the round's projects (ballot rounds carry no rubric facts). */
export function roundNamesOf(projects: readonly Pick<RoundProjectRow, 'plan_id' | 'title' | 'agency_id' | 'agency_name' | 'cost_rials'>[]): RoundNames {
  const facts: PlanFacts[] = projects.map((p) => ({
    id: p.plan_id, title: p.title, agencyId: p.agency_id, agencyName: p.agency_name, cost: p.cost_rials,
    county: null, harms: [], targets: [], beneficiaries: 0, score: null,
  }));
  return new RoundNames(facts);
}

/** Approvals of a project as the engines report them (every ballot outcome but `ineligible` carries them). */
export function approvalsOf(o: ProjectOutcome): number | null {
  const v = o.detail?.approvals;
  return typeof v === 'number' ? v : null;
}

export function explainBallotProject(o: ProjectOutcome, method: CountingMethod, names: RoundNames): string {
  const d = o.detail ?? {};
  const n = (key: string) => (typeof d[key] === 'number' ? (d[key] as number) : 0);
  // Shares are exact fractions of a rial; people read them to the toman.
  const toman = (key: string) => money(Math.round(n(key) / 10) * 10);
  const rank = formatNumber(o.rank ?? 0);
  const approvals = formatNumber(n('approvals'));
  if (o.reason === 'ineligible') return t('ballotAdmin.why.ineligible');
  if (o.reason === 'no_support') return t('ballotAdmin.why.no_support');
  if (method === 'mes-add1') {
    if (o.reason === 'selected' && d.by === 'utilitarian') return t('ballotAdmin.why.completed', { rank, approvals, cost: money(n('cost')) });
    if (o.reason === 'selected') {
      const text = t('ballotAdmin.why.mes_selected', { rank, approvals, cost: money(n('cost')), price: toman('maxPayment') });
      return n('partialPayers') > 0 ? `${text} ${t('ballotAdmin.why.mes_partial', { partial: formatNumber(n('partialPayers')) })}` : text;
    }
    if (o.reason === 'supporters_short') return t('ballotAdmin.why.supporters_short', { approvals, money: toman('supportersMoney'), cost: money(n('cost')) });
  } else {
    if (o.reason === 'selected') return t('ballotAdmin.why.greedy_selected', { rank, approvals, cost: money(n('cost')), remaining: money(n('remaining')) });
    if (o.reason === 'over_budget') return t('ballotAdmin.why.greedy_over_budget', { rank, approvals, cost: money(n('cost')), remaining: money(n('remaining')) });
  }
  return explainOutcome(o, method, names);
}
