// The secretariat's ballot pages (issue #6 item 3): every round, a round's settings form (new and
// while it has not opened), and one round with its live counts, the actions its phase allows and,
// once counted, the result with every project explained before it is published. Thin: parse the
// form, call the round operations (which check permissions and audit), render or redirect.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { money, percent } from '../allocation/explain.ts';
import { callTitle } from '../calls/call-format.ts';
import { findCall } from '../calls/calls.repo.ts';
import { deadlineOfJalaliDay, lastDayOfDeadline } from '../calls/deadline.ts';
import { homeKinds } from '../places/place-kinds.ts';
import { HOME_CHOICES_LIMIT } from '../places/home-places.ts';
import { homePlaces, placesOfKind } from '../places/places.repo.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, submitForm, type FormBody } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime, formatJalaliNumeric, jalaliDayStartUtc, jalaliPartsOf, parseJalaliDate } from '../platform/persian/jalali.ts';
import { amountInWords, formatMoney, formatNumber, parseAmount } from '../platform/persian/money.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import type { FieldErrors } from '../platform/views/components.tsx';
import { approvalsOf, explainBallotProject, roundNamesOf } from './admin-explain.ts';
import { ballotCountsOfRounds, callsWithBallotablePlans, placesByIds } from './admin.repo.ts';
import { ballotsByPlace, countBallots, findRound, listRounds, residentsInArea, roundPlaces, roundProjects, type BallotRoundRow, type RoundProjectRow } from './ballots.repo.ts';
import { countingMethods, type CountingMethod } from './ballots.tables.ts';
import { countBallotRound, type RoundCount } from './count-round.ts';
import { publishBallotRound } from './publish-round.ts';
import { closeRoundNow, openRoundNow } from './round-clock.ts';
import { mayDo, phaseAt, type RoundPhase, type RoundSettings } from './round-rules.ts';
import { ballotablePlans, createBallotRound, updateBallotRound } from './save-round.ts';
import { RoundFormPage, type PlaceChoice, type PlaceGroup, type RoundFormValues, type RoundFormView } from './views/admin-round-form.tsx';
import { AdminRoundPage, RoundListPage, type AdminRoundView, type RoundResultView, type TurnoutRow } from './views/admin-round-pages.tsx';

// Keys spelled out so the catalogue test sees each one in use.
const phaseKeys: Record<RoundPhase, MessageKey> = {
  upcoming: 'ballotAdmin.phase.upcoming',
  open: 'ballotAdmin.phase.open',
  closed: 'ballotAdmin.phase.closed',
  counted: 'ballotAdmin.phase.counted',
  published: 'ballotAdmin.phase.published',
};
/** Phases waiting for the secretariat (count, publish) stand out. */
const phaseTone = (p: RoundPhase): 'info' | 'warn' => (p === 'closed' || p === 'counted' ? 'warn' : 'info');
const methodKeys: Record<CountingMethod, { label: MessageKey; hint: MessageKey }> = {
  'mes-add1': { label: 'ballotAdmin.method.mes-add1', hint: 'ballotAdmin.method_hint.mes-add1' },
  greedy: { label: 'ballotAdmin.method.greedy', hint: 'ballotAdmin.method_hint.greedy' },
};

const rials = (n: number) => formatMoney(n, 'rial');
const budgetWords = (n: number) => t('ballotAdmin.budget_words', { rials: rials(n), words: amountInWords(n, 'rial'), tomans: money(n) });
/** A closing instant is the end of the last day: shown as that day. */
const lastDay = (closesAt: string) => formatJalaliDate(Date.parse(closesAt) - 1);
const isDayStart = (iso: string) => jalaliDayStartUtc(jalaliPartsOf(iso)) === new Date(iso).toISOString();
/** Opening at the start of a day reads as that day; opened by hand, with the time. */
const opensText = (iso: string) => (isDayStart(iso) ? t('ballotAdmin.settings.from_day', { date: formatJalaliDate(iso) }) : formatJalaliDateTime(iso));
const closesText = (iso: string) => (isDayStart(iso) ? t('ballotAdmin.settings.to_day', { date: lastDay(iso) }) : formatJalaliDateTime(iso));

const idFrom = (raw: unknown): number | null => {
  const s = toAsciiDigits(String(raw ?? '').trim());
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
};

/** Every value of a repeated field (checkboxes): forms.ts fieldList stops at 100, and a county has more neighborhoods. */
function allValues(body: unknown, name: string, max = 2000): string[] {
  const v = (body as FormBody | undefined)?.[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string').slice(0, max).map((s) => toAsciiDigits(s.trim()).slice(0, 12));
}

// ---- the settings form -----------------------------------------------------------------------

const emptyValues = (): RoundFormValues => ({
  title: '', description: '', method: 'mes-add1', budget: '', minApprovals: '۱', maxApprovals: '', requireVerified: false,
  opensOn: '', closesOn: '', plans: [], places: [], placeQuery: '',
});

function readValues(body: unknown): RoundFormValues {
  return {
    title: field(body, 'title', 400),
    description: field(body, 'description', 8000),
    method: field(body, 'method', 20),
    budget: field(body, 'budget', 40),
    minApprovals: field(body, 'minApprovals', 12),
    maxApprovals: field(body, 'maxApprovals', 12),
    requireVerified: field(body, 'requireVerified', 5) === 'yes',
    opensOn: field(body, 'opensOn', 30),
    closesOn: field(body, 'closesOn', 30),
    plans: allValues(body, 'plans'),
    places: allValues(body, 'places'),
    placeQuery: field(body, 'placeQuery', 80),
  };
}

function valuesOfRound(round: BallotRoundRow, projects: readonly RoundProjectRow[], places: readonly { id: number }[]): RoundFormValues {
  return {
    // Stored text has its digits unified to ASCII (normalizePersian): shown back in Persian digits.
    title: toPersianDigits(round.title),
    description: toPersianDigits(round.description),
    method: round.method,
    budget: formatNumber(round.budget_rials),
    minApprovals: formatNumber(round.min_approvals),
    maxApprovals: formatNumber(round.max_approvals),
    requireVerified: round.require_verified === 1,
    opensOn: formatJalaliNumeric(jalaliPartsOf(round.opens_at)),
    closesOn: formatJalaliNumeric(lastDayOfDeadline(round.closes_at)),
    plans: projects.map((p) => String(p.plan_id)),
    places: places.map((p) => String(p.id)),
    placeQuery: '',
  };
}

/** The form as the round operations take it; what cannot be read becomes null and is refused there, beside its field. */
export function settingsOf(v: RoundFormValues): RoundSettings {
  const count = (s: string) => {
    const a = toAsciiDigits(s).trim();
    return /^\d{1,6}$/.test(a) ? Number(a) : null;
  };
  const day = (s: string, end: boolean) => {
    const r = parseJalaliDate(s);
    if (!r.ok) return null;
    return end ? deadlineOfJalaliDay(r.value) : jalaliDayStartUtc(r.value);
  };
  const ids = (list: readonly string[]) => list.map(idFrom).filter((n): n is number => n !== null);
  return {
    title: v.title,
    description: v.description,
    method: v.method,
    budgetRials: v.budget.trim() ? parseAmount(v.budget) : null,
    minApprovals: count(v.minApprovals),
    maxApprovals: count(v.maxApprovals),
    requireVerified: v.requireVerified,
    opensAt: day(v.opensOn, false),
    closesAt: day(v.closesOn, true),
    planIds: ids(v.plans),
    placeIds: ids(v.places),
  };
}

const formErrorLabels = (): Record<string, string> => ({
  title: t('ballotAdmin.field.title'),
  description: t('ballotAdmin.field.description'),
  method: t('ballotAdmin.field.method'),
  budget: t('ballotAdmin.field.budget'),
  minApprovals: t('ballotAdmin.field.min'),
  maxApprovals: t('ballotAdmin.field.max'),
  opensOn: t('ballotAdmin.field.opens'),
  closesOn: t('ballotAdmin.field.closes'),
  plans: t('ballotAdmin.field.plans'),
  places: t('ballotAdmin.field.places'),
});

// ---- routes ----------------------------------------------------------------------------------

export async function ballotAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const manage = { preHandler: requirePermission('ballot.manage') };
  const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, ctx.clock);

  async function callOf(request: FastifyRequest) {
    const id = idFrom((request.params as { id?: string }).id);
    const call = id === null ? undefined : await findCall(ctx.db, id);
    if (!call) throw notFound();
    return { ...call, budget_rials: Number(call.budget_rials) };
  }

  async function roundOf(request: FastifyRequest): Promise<BallotRoundRow> {
    const id = idFrom((request.params as { id?: string }).id);
    const round = id === null ? undefined : await findRound(ctx.db, id);
    if (!round) throw notFound();
    return round;
  }

  /** Counties, and neighborhoods and villages grouped by their parent (filtered by name), plus chosen places neither shows. */
  async function placeChoices(values: RoundFormValues) {
    const key = values.placeQuery.trim() ? matchKey(values.placeQuery) : '';
    const [counties, homes] = await Promise.all([placesOfKind(ctx.db, 'county', 500), homePlaces(ctx.db, homeKinds, key || null, HOME_CHOICES_LIMIT + 1)]);
    const countyIds = new Set(counties.map((c) => c.id));
    const shown = new Set<string>(counties.map((c) => String(c.id)));
    const groups = new Map<number, PlaceGroup>();
    for (const h of homes.slice(0, HOME_CHOICES_LIMIT)) {
      let g = groups.get(h.parent_id);
      if (!g) {
        const parentName = toPersianDigits(h.parent_name);
        g = { label: parentName, whole: countyIds.has(h.parent_id) ? null : { id: String(h.parent_id), label: t('ballotAdmin.places.whole', { name: parentName }), isDemo: false }, options: [] };
        groups.set(h.parent_id, g);
        shown.add(String(h.parent_id));
      }
      g.options.push({ id: String(h.id), label: toPersianDigits(h.name), isDemo: h.is_demo === 1 });
      shown.add(String(h.id));
    }
    const hidden = values.places.filter((id) => !shown.has(id)).map(idFrom).filter((n): n is number => n !== null);
    const others = await placesByIds(ctx.db, hidden);
    const otherChosen: PlaceChoice[] = others.map((p) => ({
      id: String(p.id),
      label: t('ballotAdmin.places.other', { name: toPersianDigits(p.name), kind: t(`place.kind.${p.kind}`), parent: toPersianDigits(p.parent_name ?? '—') }),
      isDemo: p.is_demo === 1,
    }));
    return {
      counties: counties.map((c): PlaceChoice => ({ id: String(c.id), label: toPersianDigits(c.name), isDemo: c.is_demo === 1 })),
      groups: [...groups.values()],
      otherChosen,
      truncated: homes.length > HOME_CHOICES_LIMIT,
    };
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { call: Awaited<ReturnType<typeof callOf>>; round: BallotRoundRow | null; values: RoundFormValues; errors?: FieldErrors; filtered?: boolean; status?: number },
  ) {
    const { call, round, values } = o;
    const [plans, places] = await Promise.all([ballotablePlans(ctx, call.id, round?.id ?? null), placeChoices(values)]);
    const budget = parseAmount(values.budget);
    const heading = round ? t('ballotAdmin.edit.title', { title: toPersianDigits(round.title) }) : t('ballotAdmin.new.title', { call: callTitle(call.title) });
    const view: RoundFormView = {
      heading,
      lead: round ? t('ballotAdmin.edit.lead') : t('ballotAdmin.new.lead'),
      action: round ? `/admin/ballots/${round.id}/edit` : `/admin/calls/${call.id}/ballots/new`,
      callTitle: callTitle(call.title),
      callHref: `/admin/calls/${call.id}`,
      round: round ? { title: toPersianDigits(round.title), href: `/admin/ballots/${round.id}` } : null,
      values,
      errors: o.errors ?? {},
      errorLabels: formErrorLabels(),
      filterNote: o.filtered ? t('ballotAdmin.places.filtered', { query: values.placeQuery.trim() || '—' }) : null,
      methods: countingMethods.map((m) => ({ value: m, label: t(methodKeys[m].label), hint: t(methodKeys[m].hint) })),
      budgetHint: t('ballotAdmin.field.budget_hint', { call: rials(call.budget_rials) }),
      budgetWords: budget !== null && budget > 0 ? budgetWords(budget) : null,
      plans: plans.map((p) => ({
        id: String(p.id),
        number: toPersianDigits(p.id),
        title: toPersianDigits(p.title),
        agency: toPersianDigits(p.agencyName),
        county: p.county ? toPersianDigits(p.county.name) : t('ballotAdmin.no_county'),
        cost: money(p.cost),
      })),
      counties: places.counties,
      groups: places.groups,
      otherChosen: places.otherChosen,
      groupsTruncated: places.truncated,
      submitLabel: round ? t('ballotAdmin.edit.submit') : t('ballotAdmin.new.submit'),
    };
    return sendPage(reply, <RoundFormPage page={page(request, reply)} view={view} />, o.status ?? 200);
  }

  // ---- one round ----

  function turnoutRows(rows: readonly { name: string; isDemo: boolean; ballots: number; residents: number }[]): TurnoutRow[] {
    return rows.map((r) => ({
      place: toPersianDigits(r.name),
      isDemo: r.isDemo,
      ballots: formatNumber(r.ballots),
      residents: formatNumber(r.residents),
      share: r.residents > 0 ? percent(r.ballots / r.residents) : '—',
    }));
  }

  function resultView(round: BallotRoundRow, count: RoundCount, projects: readonly RoundProjectRow[]): RoundResultView {
    const names = roundNamesOf(projects);
    const r = count.result;
    const cost = new Map(count.projects.map((p) => [p.id, p.cost]));
    const outcomes = [...r.outcomes].sort((a, b) => {
      if (a.selected !== b.selected) return a.selected ? -1 : 1;
      if (a.selected && b.selected) return (a.rank ?? 0) - (b.rank ?? 0);
      return (approvalsOf(b) ?? -1) - (approvalsOf(a) ?? -1);
    });
    const method = t(methodKeys[count.method].label);
    const methodLine = count.method === 'mes-add1' && count.add1Increment !== null
      ? `${t('ballotAdmin.result.method_line', { method, hint: t(methodKeys[count.method].hint) })} ${t('ballotAdmin.result.add1_step', { step: money(count.add1Increment) })}`
      : t('ballotAdmin.result.method_line', { method, hint: t(methodKeys[count.method].hint) });
    return {
      stats: [
        { label: t('ballotAdmin.result.ballots'), value: formatNumber(count.voters) },
        { label: t('ballotAdmin.result.winners_count'), value: t('ballotAdmin.result.winners_of', { selected: formatNumber(r.selected.length), total: formatNumber(r.outcomes.length) }) },
        { label: t('ballotAdmin.result.spent'), value: t('ballotAdmin.result.spent_of', { spent: money(r.spent), budget: money(r.budget), percent: percent(r.budget ? r.spent / r.budget : 0) }) },
        { label: t('ballotAdmin.result.left'), value: money(r.budget - r.spent) },
      ],
      methodLine,
      winners: r.selected.map((id) => ({ title: names.plan(id), cost: money(cost.get(id) ?? 0) })),
      rows: outcomes.map((o) => ({
        number: toPersianDigits(o.id),
        title: names.plan(o.id),
        href: `/plans/${o.id}`,
        cost: money(cost.get(o.id) ?? 0),
        approvals: approvalsOf(o) === null ? '—' : formatNumber(approvalsOf(o)!),
        selected: o.selected,
        why: explainBallotProject(o, count.method, names),
      })),
      turnout: turnoutRows(count.turnout),
      published: round.status === 'published',
    };
  }

  async function renderRound(request: FastifyRequest, reply: FastifyReply, round: BallotRoundRow, errors: FieldErrors = {}, status = 200) {
    const now = ctx.clock.now();
    const phase = phaseAt(round, now);
    const count = round.result ? (JSON.parse(round.result) as RoundCount) : null;
    const [call, projects, area] = await Promise.all([findCall(ctx.db, round.call_id), roundProjects(ctx.db, round.id), roundPlaces(ctx.db, round.id)]);
    if (!call) throw notFound();
    let live: AdminRoundView['live'] = null;
    if (!count && phase !== 'upcoming') {
      const [ballots, byPlace, residents] = await Promise.all([countBallots(ctx.db, round.id), ballotsByPlace(ctx.db, round.id), residentsInArea(ctx.db, round.id)]);
      const residentsOf = new Map(residents.map((r) => [r.place_id, r.residents]));
      const rows = byPlace
        .map((p) => ({ name: p.name, isDemo: p.is_demo === 1, ballots: p.ballots, residents: Math.max(residentsOf.get(p.id) ?? 0, p.ballots) }))
        .sort((a, b) => b.ballots - a.ballots || a.name.localeCompare(b.name, 'fa'));
      live = { ballots: formatNumber(ballots), turnout: turnoutRows(rows) };
    }
    const published = round.status === 'published';
    const settings = [
      { label: t('ballotAdmin.field.method'), value: t(methodKeys[round.method].label) },
      { label: t('ballotAdmin.settings.budget'), value: budgetWords(round.budget_rials) },
      { label: t('ballotAdmin.settings.approvals'), value: t('ballotAdmin.settings.approvals_value', { min: formatNumber(round.min_approvals), max: formatNumber(round.max_approvals) }) },
      { label: t('ballotAdmin.settings.voters'), value: round.require_verified ? t('ballotAdmin.settings.verified_only') : t('ballotAdmin.settings.all_residents') },
      { label: t('ballotAdmin.settings.opens'), value: opensText(round.opens_at) },
      { label: t('ballotAdmin.settings.closes'), value: closesText(round.closes_at) },
      ...(round.counted_at ? [{ label: t('ballotAdmin.settings.counted_at'), value: formatJalaliDateTime(round.counted_at) }] : []),
      ...(round.published_at ? [{ label: t('ballotAdmin.settings.published_at'), value: formatJalaliDateTime(round.published_at) }] : []),
    ];
    const view: AdminRoundView = {
      id: round.id,
      title: toPersianDigits(round.title),
      phase: t(phaseKeys[phase]),
      phaseTone: phaseTone(phase),
      isDemo: round.is_demo === 1,
      callTitle: callTitle(call.title),
      callHref: `/admin/calls/${call.id}`,
      description: round.description ? toPersianDigits(round.description) : null,
      settings,
      area: area.map((p) => t('ballotAdmin.settings.area_place', { name: toPersianDigits(p.name), kind: t(`place.kind.${p.kind}`) })),
      projects: projects.map((p) => ({
        number: toPersianDigits(p.plan_id),
        title: toPersianDigits(p.title),
        href: `/plans/${p.plan_id}`,
        agency: toPersianDigits(p.agency_name),
        cost: money(p.cost_rials),
        note: !published && p.status !== 'approved' ? t('ballotAdmin.projects.not_approved') : null,
      })),
      live,
      actions: {
        editHref: mayDo('edit', phase) ? `/admin/ballots/${round.id}/edit` : null,
        openNow: mayDo('open_now', phase),
        closeNow: mayDo('close_now', phase),
        count: mayDo('count', phase),
        publish: mayDo('publish', phase),
      },
      errors,
      result: count ? resultView(round, count, projects) : null,
      publicHref: `/ballots/${round.id}`,
    };
    return sendPage(reply, <AdminRoundPage page={page(request, reply)} view={view} />, status);
  }

  // ---- every round ----

  app.get('/admin/ballots', manage, async (request, reply) => {
    const now = ctx.clock.now();
    const [rounds, calls] = await Promise.all([listRounds(ctx.db), callsWithBallotablePlans(ctx.db)]);
    const live = await ballotCountsOfRounds(ctx.db, rounds.filter((r) => r.ballot_count === null).map((r) => r.id));
    const rows = rounds.map((r) => {
      const phase = phaseAt(r, now);
      return {
        href: `/admin/ballots/${r.id}`,
        title: toPersianDigits(r.title),
        call: callTitle(r.call_title),
        phase: t(phaseKeys[phase]),
        phaseTone: phaseTone(phase),
        opens: formatJalaliDate(r.opens_at),
        closes: lastDay(r.closes_at),
        ballots: formatNumber(r.ballot_count ?? live.get(r.id) ?? 0),
        isDemo: r.is_demo === 1,
      };
    });
    const newLinks = calls.map((c) => ({ href: `/admin/calls/${c.id}/ballots/new`, call: callTitle(c.title), plans: formatNumber(c.plans) }));
    return sendPage(reply, <RoundListPage page={page(request, reply)} view={{ rows, calls: newLinks }} />);
  });

  // ---- a new round ----

  app.get('/admin/calls/:id/ballots/new', manage, async (request, reply) => renderForm(request, reply, { call: await callOf(request), round: null, values: emptyValues() }));

  app.post('/admin/calls/:id/ballots/new', manage, async (request, reply) => {
    const call = await callOf(request);
    const values = readValues(request.body);
    if (field(request.body, 'filter', 2)) return renderForm(request, reply, { call, round: null, values, filtered: true });
    const outcome = await submitForm(() => createBallotRound(ctx, actorOf(request), call.id, settingsOf(values)));
    if (!outcome.ok) return renderForm(request, reply, { call, round: null, values, errors: outcome.errors, status: outcome.status });
    setFlash(reply, { kind: 'success', text: t('ballotAdmin.new.done') });
    return reply.redirect(`/admin/ballots/${outcome.value}`, 303);
  });

  // ---- one round ----

  app.get('/admin/ballots/:id', manage, async (request, reply) => renderRound(request, reply, await roundOf(request)));

  const frozen = (reply: FastifyReply, roundId: number) => {
    setFlash(reply, { kind: 'error', text: t('ballotAdmin.edit.frozen') });
    return reply.redirect(`/admin/ballots/${roundId}`, 303);
  };

  app.get('/admin/ballots/:id/edit', manage, async (request, reply) => {
    const round = await roundOf(request);
    if (!mayDo('edit', phaseAt(round, ctx.clock.now()))) return frozen(reply, round.id);
    const call = await findCall(ctx.db, round.call_id);
    if (!call) throw notFound();
    const [projects, places] = await Promise.all([roundProjects(ctx.db, round.id), roundPlaces(ctx.db, round.id)]);
    return renderForm(request, reply, { call: { ...call, budget_rials: Number(call.budget_rials) }, round, values: valuesOfRound(round, projects, places) });
  });

  app.post('/admin/ballots/:id/edit', manage, async (request, reply) => {
    const round = await roundOf(request);
    const call = await findCall(ctx.db, round.call_id);
    if (!call) throw notFound();
    const c = { ...call, budget_rials: Number(call.budget_rials) };
    const values = readValues(request.body);
    if (field(request.body, 'filter', 2)) return renderForm(request, reply, { call: c, round, values, filtered: true });
    try {
      const outcome = await submitForm(() => updateBallotRound(ctx, actorOf(request), round.id, settingsOf(values)));
      if (!outcome.ok) return renderForm(request, reply, { call: c, round, values, errors: outcome.errors, status: outcome.status });
    } catch (err) {
      // Opened (by the clock or by hand) while the form was being filled in.
      if (err instanceof AppError && err.code === 'conflict') return frozen(reply, round.id);
      throw err;
    }
    setFlash(reply, { kind: 'success', text: t('ballotAdmin.edit.done') });
    return reply.redirect(`/admin/ballots/${round.id}`, 303);
  });

  /**
   * One action of the round's clock or count: confirmed with a ticked box, then a flash with what
   * happened, or with the Persian reason the operation refused (someone else moved first).
   */
  const action = (path: string, confirmId: string, run: (request: FastifyRequest, roundId: number) => Promise<string>) =>
    app.post(`/admin/ballots/:id/${path}`, manage, async (request, reply) => {
      const round = await roundOf(request);
      if (field(request.body, 'confirm', 5) !== 'yes') return renderRound(request, reply, round, { [confirmId]: t('ballotAdmin.confirm_required') }, 422);
      try {
        setFlash(reply, { kind: 'success', text: await run(request, round.id) });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
        setFlash(reply, { kind: 'error', text: err.detail ?? t('error.conflict.body') });
      }
      return reply.redirect(`/admin/ballots/${round.id}`, 303);
    });

  action('open', 'confirmOpen', async (request, id) => {
    await openRoundNow(ctx, actorOf(request), id);
    return t('ballotAdmin.open.done');
  });
  action('close', 'confirmClose', async (request, id) => {
    await closeRoundNow(ctx, actorOf(request), id);
    return t('ballotAdmin.close.done');
  });
  action('count', 'confirmCount', async (request, id) => {
    const count = await countBallotRound(ctx, actorOf(request), id);
    return t('ballotAdmin.count.done', { ballots: formatNumber(count.voters), selected: formatNumber(count.result.selected.length) });
  });
  action('publish', 'confirmPublish', async (request, id) => {
    const r = await publishBallotRound(ctx, actorOf(request), id);
    return t('ballotAdmin.publish.done', { funded: formatNumber(r.funded), notified: formatNumber(r.notified) });
  });
}
