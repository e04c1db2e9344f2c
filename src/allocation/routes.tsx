// Allocation rounds in the app (issue #4 item 7): the secretariat runs a call's approved plans
// through a method and constraints, reads the result with every plan explained, commits it and
// publishes it at /results with a `.pb` file anyone can recompute it from.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { callTitle } from '../calls/call-format.ts';
import { findCall } from '../calls/calls.repo.ts';
import { placesOfKind, placeWithAncestors } from '../places/places.repo.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate } from '../platform/persian/jalali.ts';
import { amountInWords, formatNumber, parseAmount } from '../platform/persian/money.ts';
import type { FieldErrors, SelectOption } from '../platform/views/components.tsx';
import { harms, isCode, targetGroups } from '../taxonomy/codes.ts';
import { valueRules, type RoundStatus } from './allocation.tables.ts';
import type { AllocationInput, AllocationResult, Constraints } from './engines/types.ts';
import {
  constraintLabel, describeConstraints, explainOutcome, hasConstraints, infeasibleGroups, methodExplanation, methodLabel, money, percent, RoundNames, roundStatusLabel,
  valueExplanation, valueText,
} from './explain.ts';
import { spendingBy, type PlanFacts } from './plan-facts.ts';
import { pbFileName, recomputeCommand, roundPbText, scoreScale } from './round-pb.ts';
import { approvedPlanFacts, commitRound, createRound, planRoundMethods, publishRound, type RoundSpec } from './rounds.ts';
import { committedRoundOfCall, findRound, publishedRounds, roundsOfCall, type RoundRow } from './rounds.repo.ts';
import {
  AdminRoundPage, AllocationFormPage, PublicRoundPage, ResultsListPage, type AllocationFormValues, type AllocationFormView, type RoundListRow,
} from './views/allocation-pages.tsx';
import type { ChartView, ExplainedPlanRow, RoundReportView } from './views/round-report.tsx';

/** Rows of incompatible pairs read from a form (three are shown, one more than used when prefilled). */
const MAX_PAIRS = 20;
const MIN_PAIR_ROWS = 3;

const idFrom = (raw: unknown): number | null => {
  const s = toAsciiDigits(String(raw ?? '').trim());
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
};

type Stored = { input: AllocationInput; facts: PlanFacts[] };
const storedOf = (round: RoundRow): Stored => JSON.parse(round.input) as Stored;
const resultOf = (round: RoundRow): AllocationResult => JSON.parse(round.result) as AllocationResult;
const constraintsOf = (round: RoundRow): Constraints => JSON.parse(round.constraints || '{}') as Constraints;

const statusTone = (s: RoundStatus) => (s === 'draft' ? 'warn' : 'info');
const spentOf = (r: AllocationResult) => t('allocationPage.spent_of', { spent: money(r.spent), budget: money(r.budget), percent: percent(r.budget ? r.spent / r.budget : 0) });

// ---- the form's values ------------------------------------------------------------------------

function countiesOf(facts: readonly PlanFacts[]) {
  const m = new Map<string, string>();
  for (const f of facts) if (f.county) m.set(String(f.county.id), toPersianDigits(f.county.name));
  return [...m].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fa'));
}

function agenciesOf(facts: readonly PlanFacts[]) {
  const m = new Map<string, string>();
  for (const f of facts) m.set(String(f.agencyId), toPersianDigits(f.agencyName));
  return [...m].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fa'));
}

const amountValue = (rials: number) => formatNumber(rials);

function defaultValues(budgetRials: number): AllocationFormValues {
  return {
    method: 'greedy', valueRule: 'score_x_beneficiaries', budget: budgetRials > 0 ? amountValue(budgetRials) : '', share: '', note: '',
    floors: {}, caps: {}, agencyCaps: {}, mustFund: [], pairs: [],
  };
}

/** A stored round as the form's values, for «اجرای دوباره با تغییر». */
function valuesFromRound(round: RoundRow): AllocationFormValues {
  const c = constraintsOf(round);
  const amounts = (r: Readonly<Record<string, number>> | undefined) => Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, amountValue(v)]));
  return {
    method: round.method,
    valueRule: round.value_rule,
    budget: amountValue(round.budget_rials),
    share: c.mothersChildrenMinShare ? formatNumber(Math.round(c.mothersChildrenMinShare * 10_000) / 100) : '',
    note: round.note ?? '',
    floors: amounts(c.countyFloor),
    caps: amounts(c.countyCap),
    agencyCaps: amounts(c.agencyCap),
    mustFund: [...(c.mustFund ?? [])],
    pairs: (c.incompatible ?? []).map(([a, b]) => [a, b] as [string, string]),
  };
}

function readForm(body: unknown, facts: readonly PlanFacts[]): AllocationFormValues {
  const byId = (ids: { id: string }[], prefix: string) => Object.fromEntries(ids.map(({ id }) => [id, field(body, `${prefix}_${id}`, 40)]));
  const counties = countiesOf(facts);
  const pairs: [string, string][] = [];
  for (let n = 1; n <= MAX_PAIRS; n++) pairs.push([field(body, `pairA_${n}`, 12), field(body, `pairB_${n}`, 12)]);
  while (pairs.length && !pairs[pairs.length - 1]![0] && !pairs[pairs.length - 1]![1]) pairs.pop();
  return {
    method: field(body, 'method', 30),
    valueRule: field(body, 'valueRule', 40),
    budget: field(body, 'budget', 40),
    share: field(body, 'mothersChildrenMinShare', 20),
    note: field(body, 'note', 2000),
    floors: byId(counties, 'floor'),
    caps: byId(counties, 'cap'),
    agencyCaps: byId(agenciesOf(facts), 'agencyCap'),
    mustFund: fieldList(body, 'mustFund').map((s) => toAsciiDigits(s.trim())),
    pairs,
  };
}

/** The round's spec from the form, and errors in what the domain cannot judge (constraint amounts, pairs). */
function specOf(v: AllocationFormValues): { spec: RoundSpec; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const amounts = (values: Record<string, string>, prefix: string, dropZero: boolean): Record<string, number> | undefined => {
    const out: Record<string, number> = {};
    for (const [id, raw] of Object.entries(values)) {
      if (!raw.trim()) continue;
      const n = parseAmount(raw);
      if (n === null || n < 0) errors[`${prefix}_${id}`] = t('allocationPage.amount_invalid');
      else if (n > 0 || !dropZero) out[id] = n;
    }
    return Object.keys(out).length ? out : undefined;
  };
  const constraints: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  const countyFloor = amounts(v.floors, 'floor', true);
  const countyCap = amounts(v.caps, 'cap', false);
  const agencyCap = amounts(v.agencyCaps, 'agencyCap', false);
  if (countyFloor) constraints.countyFloor = countyFloor;
  if (countyCap) constraints.countyCap = countyCap;
  if (agencyCap) constraints.agencyCap = agencyCap;

  const share = toAsciiDigits(v.share).replace(/[%٪]/g, '').trim();
  if (share) {
    const n = /^\d+(\.\d+)?$/.test(share) ? Number(share) : NaN;
    if (!(n >= 0 && n <= 100)) errors.mothersChildrenMinShare = t('allocation.share_invalid');
    else if (n > 0) constraints.mothersChildrenMinShare = n / 100;
  }
  const must = [...new Set(v.mustFund.filter(Boolean))];
  if (must.length) constraints.mustFund = must;
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  v.pairs.forEach(([a, b], i) => {
    if (!a && !b) return;
    if (!a || !b || a === b) errors[`pairA_${i + 1}`] = t('allocationPage.pair_invalid');
    else {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      if (!seen.has(key)) pairs.push([a, b]);
      seen.add(key);
    }
  });
  if (pairs.length) constraints.incompatible = pairs;
  const budget = v.budget.trim() ? parseAmount(v.budget) : null;
  return { spec: { method: v.method, valueRule: v.valueRule, budgetRials: budget, constraints, note: v.note }, errors };
}

// ---- a round as a report ----------------------------------------------------------------------

function chartLabel(by: 'county' | 'harm' | 'target', key: string, names: RoundNames): string {
  if (by === 'county') return key ? names.county(key) : t('allocationPage.no_county');
  if (by === 'harm') return isCode(harms, key) ? t(`harm.${key}`) : key ? key : t('allocationPage.no_harm');
  return isCode(targetGroups, key) ? t(`target.${key}`) : key ? key : t('allocationPage.no_target');
}

function reportOf(round: RoundRow, publicLinks: boolean): RoundReportView {
  const { input, facts } = storedOf(round);
  const result = resultOf(round);
  const constraints = constraintsOf(round);
  const names = new RoundNames(facts);
  const selected = new Set(result.selected);
  const values = new Map(input.projects.map((p) => [p.id, p.value ?? 0]));
  const order = new Map(input.projects.map((p, i) => [p.id, i]));
  const totalValue = result.selected.reduce((s, id) => s + (values.get(id) ?? 0), 0);

  const outcomes = [...result.outcomes].sort((a, b) => {
    if (a.rank !== undefined && b.rank !== undefined) return a.rank - b.rank;
    if (a.selected !== b.selected) return a.selected ? -1 : 1;
    return (values.get(b.id) ?? 0) - (values.get(a.id) ?? 0) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  });
  const plans: ExplainedPlanRow[] = outcomes.map((o) => {
    const f = names.facts(o.id);
    return {
      number: toPersianDigits(o.id),
      title: names.plan(o.id),
      href: publicLinks ? `/plans/${o.id}` : null,
      county: f?.county ? toPersianDigits(f.county.name) : t('allocationPage.no_county'),
      value: valueText(values.get(o.id) ?? 0),
      cost: money(f?.cost ?? input.projects.find((p) => p.id === o.id)?.cost ?? 0),
      selected: o.selected,
      why: explainOutcome(o, result.method, names),
    };
  });
  const chart = (by: 'county' | 'harm' | 'target', title: string): ChartView => ({
    id: by,
    title,
    rows: spendingBy(facts, selected, by).map((r) => ({ label: chartLabel(by, r.key, names), amount: money(r.amount), share: percent(r.share), percent: Math.round(r.share * 100) })),
  });
  return {
    stats: [
      { label: t('allocationPage.round.method'), value: methodLabel(round.method) },
      { label: t('allocationPage.round.value_rule'), value: t(`allocation.value.${round.value_rule}`) },
      { label: t('allocationPage.round.budget'), value: money(result.budget) },
      { label: t('allocationPage.round.spent'), value: t('allocationPage.round.spent_value', { spent: money(result.spent), percent: percent(result.budget ? result.spent / result.budget : 0) }) },
      { label: t('allocationPage.round.left'), value: money(result.budget - result.spent) },
      { label: t('allocationPage.round.counts'), value: t('allocationPage.round.counts_value', { selected: result.selected.length, total: result.outcomes.length }) },
      { label: t('allocationPage.round.total_value'), value: valueText(totalValue) },
    ],
    methodLabel: methodLabel(round.method),
    methodExplain: methodExplanation(round.method),
    valueExplain: valueExplanation(round.value_rule),
    tieRule: round.method === 'optimal' ? t('allocationPage.tie.optimal') : t('allocationPage.tie.greedy'),
    constraints: describeConstraints(constraints, round.budget_rials, names),
    constraintsIgnored: round.method !== 'optimal' && hasConstraints(constraints),
    infeasible: infeasibleGroups(result.infeasible ?? [], names),
    plans,
    charts: [chart('county', t('allocationPage.charts.county')), chart('harm', t('allocationPage.charts.harm')), chart('target', t('allocationPage.charts.target'))],
  };
}

function roundRow(r: RoundRow, href: string): RoundListRow {
  const result = resultOf(r);
  return {
    href,
    label: t('allocationPage.round_number', { id: r.id }),
    status: roundStatusLabel(r.status),
    statusTone: statusTone(r.status),
    method: methodLabel(r.method),
    spent: spentOf(result),
    funded: formatNumber(result.selected.length),
    date: formatJalaliDate(r.created_at),
  };
}

// ---- routes -----------------------------------------------------------------------------------

export async function allocationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const manage = { preHandler: requirePermission('allocation.manage') };
  const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, ctx.clock);
  const param = (request: FastifyRequest, name: string) => idFrom((request.params as Record<string, string>)[name]);

  async function callOf(request: FastifyRequest) {
    const id = param(request, 'id');
    const call = id === null ? undefined : await findCall(ctx.db, id);
    if (!call) throw notFound();
    return { ...call, budget_rials: Number(call.budget_rials) };
  }

  async function roundOf(request: FastifyRequest): Promise<RoundRow> {
    const id = param(request, 'roundId');
    const round = id === null ? undefined : await findRound(ctx.db, id);
    if (!round) throw notFound();
    return round;
  }

  async function renderForm(request: FastifyRequest, reply: FastifyReply, call: Awaited<ReturnType<typeof callOf>>, values: AllocationFormValues | null, errors: FieldErrors = {}, status = 200) {
    const [facts, rounds, committed] = await Promise.all([approvedPlanFacts(ctx, call.id), roundsOfCall(ctx.db, call.id), committedRoundOfCall(ctx.db, call.id)]);
    let v = values;
    if (!v) {
      const fromId = idFrom(field(request.query, 'from', 12));
      const from = fromId === null ? undefined : rounds.find((r) => r.id === fromId);
      v = from ? valuesFromRound(from) : defaultValues(call.budget_rials);
    }
    const counties = countiesOf(facts);
    const agencies = agenciesOf(facts);
    const planOptions: SelectOption[] = facts.map((f) => ({ value: String(f.id), label: t('allocationPage.plan_option', { id: f.id, title: toPersianDigits(f.title) }) }));
    const names = new RoundNames(facts);
    const errorLabels: Record<string, string> = {
      method: t('allocationPage.field.method'),
      valueRule: t('allocationPage.field.value_rule'),
      budget: t('allocationPage.field.budget'),
      mothersChildrenMinShare: t('allocationPage.field.share'),
      constraints: t('allocationPage.constraints.title'),
      ...Object.fromEntries(counties.flatMap((c) => [[`floor_${c.id}`, constraintLabel(`countyFloor:${c.id}`, names)], [`cap_${c.id}`, constraintLabel(`countyCap:${c.id}`, names)]])),
      ...Object.fromEntries(agencies.map((a) => [`agencyCap_${a.id}`, constraintLabel(`agencyCap:${a.id}`, names)])),
      ...Object.fromEntries(Array.from({ length: MAX_PAIRS }, (_, i) => [`pairA_${i + 1}`, t('allocationPage.field.pair_row', { n: i + 1 })])),
    };
    const budget = parseAmount(v.budget);
    const view: AllocationFormView = {
      callId: call.id,
      callTitle: callTitle(call.title),
      callHref: `/admin/calls/${call.id}`,
      plans: facts.map((f) => ({
        number: toPersianDigits(f.id),
        title: toPersianDigits(f.title),
        agency: toPersianDigits(f.agencyName),
        county: f.county ? toPersianDigits(f.county.name) : t('allocationPage.no_county'),
        cost: money(f.cost),
        reach: formatNumber(f.beneficiaries),
        score: f.score === null ? t('allocationPage.no_score') : valueText(f.score),
      })),
      methods: planRoundMethods.map((m) => ({ value: m, label: t(`allocation.method.${m}`), hint: methodExplanation(m) })),
      valueRules: valueRules.map((r) => ({ value: r, label: t(`allocation.value.${r}`), hint: valueExplanation(r) })),
      counties,
      agencies,
      planOptions,
      values: v,
      errors,
      errorLabels,
      budgetWords: budget !== null && budget > 0 ? t('allocationPage.budget_words', { tomans: money(budget), words: amountInWords(budget, 'toman') }) : null,
      committedHref: committed ? `/admin/allocation/${committed.id}` : null,
      rounds: rounds.map((r) => roundRow(r, `/admin/allocation/${r.id}`)),
      pairRows: Math.max(MIN_PAIR_ROWS, v.pairs.length + 1),
    };
    return sendPage(reply, <AllocationFormPage page={page(request, reply)} view={view} />, status);
  }

  async function renderRound(request: FastifyRequest, reply: FastifyReply, round: RoundRow, errors: FieldErrors = {}, status = 200) {
    const call = await findCall(ctx.db, round.call_id);
    if (!call) throw notFound();
    const committed = await committedRoundOfCall(ctx.db, round.call_id);
    const result = resultOf(round);
    const title = t('allocationPage.round.title', { id: round.id, call: callTitle(call.title) });
    return sendPage(
      reply,
      <AdminRoundPage
        page={page(request, reply)}
        view={{
          id: round.id,
          title,
          callTitle: callTitle(call.title),
          callHref: `/admin/calls/${call.id}`,
          formHref: `/admin/calls/${call.id}/allocation`,
          status: roundStatusLabel(round.status),
          statusTone: statusTone(round.status),
          note: round.note ? toPersianDigits(round.note) : null,
          report: reportOf(round, false),
          canCommit: round.status === 'draft' && !result.infeasible?.length && !committed && result.selected.length > 0,
          nothingSelected: round.status === 'draft' && !result.infeasible?.length && result.selected.length === 0,
          selectedCount: result.selected.length,
          canPublish: round.status === 'committed',
          rerunHref: committed ? null : `/admin/calls/${call.id}/allocation?from=${round.id}#form`,
          publicHref: round.status === 'published' ? `/results/${round.id}` : null,
          errors,
        }}
      />,
      status,
    );
  }

  // ---- the secretariat ----

  app.get('/admin/calls/:id/allocation', manage, async (request, reply) => renderForm(request, reply, await callOf(request), null));

  app.post('/admin/calls/:id/allocation', manage, async (request, reply) => {
    const call = await callOf(request);
    const values = readForm(request.body, await approvedPlanFacts(ctx, call.id));
    const { spec, errors } = specOf(values);
    if (Object.keys(errors).length) return renderForm(request, reply, call, values, errors, 422);
    const outcome = await submitForm(() => createRound(ctx, actorOf(request), call.id, spec));
    if (!outcome.ok) return renderForm(request, reply, call, values, outcome.errors, outcome.status);
    return reply.redirect(`/admin/allocation/${outcome.value.id}`, 303);
  });

  app.get('/admin/allocation/:roundId', manage, async (request, reply) => renderRound(request, reply, await roundOf(request)));

  /** Commit and publish refuse with a Persian reason (someone else moved first, a plan changed): shown as a flash on the round. */
  const attempt = async (reply: FastifyReply, roundId: number, run: () => Promise<string>) => {
    try {
      setFlash(reply, { kind: 'success', text: await run() });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      setFlash(reply, { kind: 'error', text: err.detail ?? t('error.conflict.body') });
    }
    return reply.redirect(`/admin/allocation/${roundId}`, 303);
  };

  app.post('/admin/allocation/:roundId/commit', manage, async (request, reply) => {
    const round = await roundOf(request);
    if (field(request.body, 'confirm', 10) !== 'yes') return renderRound(request, reply, round, { confirm: t('allocationPage.commit.confirm_required') }, 422);
    return attempt(reply, round.id, async () => t('allocationPage.commit.done', { count: (await commitRound(ctx, actorOf(request), round.id)).funded }));
  });

  app.post('/admin/allocation/:roundId/publish', manage, async (request, reply) => {
    const round = await roundOf(request);
    return attempt(reply, round.id, async () => {
      await publishRound(ctx, actorOf(request), round.id);
      return t('allocationPage.publish.done');
    });
  });

  // ---- public results ----

  async function publishedRound(request: FastifyRequest) {
    const round = await roundOf(request);
    if (round.status !== 'published') throw notFound();
    const call = await findCall(ctx.db, round.call_id);
    if (!call) throw notFound();
    return { round, call };
  }

  app.get('/results', { config: { publicPage: true } }, async (request, reply) => {
    const rounds = await publishedRounds(ctx.db);
    const rows = rounds.map((r) => {
      const result = resultOf(r);
      return {
        href: `/results/${r.id}`,
        call: callTitle(r.call_title),
        fiscalYear: toPersianDigits(r.fiscal_year),
        method: methodLabel(r.method),
        spent: spentOf(result),
        funded: formatNumber(result.selected.length),
        date: formatJalaliDate(r.published_at ?? r.created_at),
      };
    });
    return sendPage(reply, <ResultsListPage page={page(request, reply)} rows={rows} />);
  });

  app.get('/results/:roundId', { config: { publicPage: true } }, async (request, reply) => {
    const { round, call } = await publishedRound(request);
    const { input } = storedOf(round);
    const scale = scoreScale(input.projects.map((p) => p.value ?? 0));
    const name = pbFileName(round.id);
    return sendPage(
      reply,
      <PublicRoundPage
        page={page(request, reply)}
        view={{
          title: t('allocationPage.results.round_title', { call: callTitle(call.title) }),
          callHref: `/calls/${call.id}`,
          callTitle: callTitle(call.title),
          fiscalYear: toPersianDigits(call.fiscal_year),
          published: formatJalaliDate(round.published_at ?? round.created_at),
          report: reportOf(round, true),
          pbHref: `/results/${round.id}.pb`,
          pbName: name,
          command: recomputeCommand(name, round.method),
          scaleNote: scale === 1 ? null : t('allocationPage.pb.scale_note', { scale }),
          constrainedNote: round.method === 'optimal' && hasConstraints(constraintsOf(round)),
        }}
      />,
    );
  });

  /** Not a cached page: the cache keeps the body and content type only, and this needs its disposition. */
  app.get('/results/:roundId.pb', async (request, reply) => {
    const { round, call } = await publishedRound(request);
    const unit = await provinceOf(ctx, storedOf(round).facts);
    const text = roundPbText({ round, call: { title: call.title, fiscalYear: call.fiscal_year }, unit });
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="${pbFileName(round.id)}"`)
      .send(text);
  });
}

/** pabulib's `unit`: the province of the round's plans (the first with a county), else the only province. */
async function provinceOf(ctx: AppContext, facts: readonly PlanFacts[]): Promise<string> {
  const county = facts.find((f) => f.county)?.county;
  if (county) {
    const province = (await placeWithAncestors(ctx.db, county.id)).find((p) => p.kind === 'province');
    if (province) return province.name;
  }
  const provinces = await placesOfKind(ctx.db, 'province', 2);
  return provinces.length === 1 ? provinces[0]!.name : t('allocationPage.pb.unit_unknown');
}
