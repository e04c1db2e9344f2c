// Ballot rounds in public: /ballots (every round), /ballots/:id (the ballot while the round is
// open, the results once published), casting and changing a ballot, the receipt check and the
// `.pb` file of a published round.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { money } from '../allocation/explain.ts';
import { callTitle } from '../calls/call-format.ts';
import { findCall } from '../calls/calls.repo.ts';
import { placesOfKind } from '../places/places.repo.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { approvalsOf, explainBallotProject, roundNamesOf } from './admin-explain.ts';
import { ballotPbFileName, ballotPbText } from './ballot-pb.ts';
import { ballotByReceipt, ballotsOfRound, findBallot, findRound, listRounds, roundPlaces, roundProjects, voterFacts, type BallotRoundRow, type RoundProjectRow } from './ballots.repo.ts';
import type { CountingMethod } from './ballots.tables.ts';
import { castBallot } from './cast-ballot.ts';
import type { RoundCount } from './count-round.ts';
import { ineligibility } from './eligibility.ts';
import { formatReceipt, parseReceipt, receiptCode, receiptHash } from './receipt.ts';
import { phaseAt, type RoundPhase } from './round-rules.ts';
import { BallotListPage, ReceiptPage, RoundPage, type BallotFormView, type BallotProjectView, type ResultView, type RoundCardView, type RoundPageView } from './views/ballot-pages.tsx';

const phaseLabel = (p: RoundPhase) => t(`ballots.phase.${p}`);
const phaseTone = (p: RoundPhase): 'info' | 'warn' => (p === 'open' ? 'info' : 'warn');
const methodLabel = (m: CountingMethod) => t(`ballotAdmin.method.${m}`);
const methodHint = (m: CountingMethod) => t(`ballotAdmin.method_hint.${m}`);
/** A closing instant is the end of the last day: shown as that day. */
const lastDay = (closesAt: string) => formatJalaliDate(Date.parse(closesAt) - 1);
const excerpt = (text: string, max = 220) => {
  const s = toPersianDigits(text.replace(/\s+/g, ' ').trim());
  return s.length <= max ? s : `${s.slice(0, s.lastIndexOf(' ', max) > max / 2 ? s.lastIndexOf(' ', max) : max)}…`;
};

function idParam(request: FastifyRequest): number {
  const raw = toAsciiDigits((request.params as { id: string }).id);
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

export async function ballotRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, ctx.clock);
  const opCtx = { ...ctx, secret: ctx.config.sessionSecret };
  const voteLimit = { rateLimit: { max: ctx.config.VOTE_RATE_PER_IP_PER_MINUTE, timeWindow: '1 minute' } };

  async function loadRound(request: FastifyRequest) {
    const round = await findRound(ctx.db, idParam(request));
    if (!round) throw notFound();
    const call = await findCall(ctx.db, round.call_id);
    if (!call) throw notFound();
    return { round, call };
  }

  app.get('/ballots', { config: { publicPage: true } }, async (request, reply) => {
    const now = ctx.clock.now();
    const rounds = await listRounds(ctx.db);
    const card = (r: (typeof rounds)[number]): RoundCardView => {
      const phase = phaseAt(r, now);
      return {
        href: `/ballots/${r.id}`, title: toPersianDigits(r.title), call: callTitle(r.call_title), phase: phaseLabel(phase), tone: phaseTone(phase),
        dates: t('ballots.list.dates', { opens: formatJalaliDate(r.opens_at), closes: lastDay(r.closes_at) }),
        projects: r.ballot_count !== null ? t('ballots.list.ballots', { n: formatNumber(r.ballot_count) }) : '',
        isDemo: r.is_demo === 1,
      };
    };
    const of = (...phases: RoundPhase[]) => rounds.filter((r) => phases.includes(phaseAt(r, now))).map(card);
    return sendPage(reply, <BallotListPage page={page(request, reply)} groups={[
      { id: 'open', title: t('ballots.list.open'), rounds: of('open') },
      { id: 'upcoming', title: t('ballots.list.upcoming'), rounds: of('upcoming') },
      { id: 'counting', title: t('ballots.list.counting'), rounds: of('closed', 'counted') },
      { id: 'published', title: t('ballots.list.published'), rounds: of('published') },
    ]} />);
  });

  function projectViews(projects: RoundProjectRow[], chosen: ReadonlySet<number>): BallotProjectView[] {
    return projects.map((p) => ({
      id: p.plan_id, title: toPersianDigits(p.title), href: `/plans/${p.plan_id}`, agency: toPersianDigits(p.agency_name), summary: excerpt(p.summary),
      cost: money(p.cost_rials), costRials: p.cost_rials, checked: chosen.has(p.plan_id),
    }));
  }

  function resultView(round: BallotRoundRow, count: RoundCount, projects: RoundProjectRow[]): ResultView {
    const titles = new Map(projects.map((p) => [String(p.plan_id), toPersianDigits(p.title)]));
    const names = roundNamesOf(projects);
    return {
      stats: [
        { label: t('ballots.results.ballots'), value: formatNumber(count.voters) },
        { label: t('ballots.results.funded'), value: formatNumber(count.result.selected.length) },
        { label: t('ballots.results.spent'), value: t('ballots.results.spent_of', { spent: money(count.result.spent), budget: money(count.budget) }) },
      ],
      method: methodLabel(count.method),
      methodExplain: methodHint(count.method),
      projects: count.result.outcomes.map((o) => {
        const cost = count.projects.find((p) => p.id === o.id)?.cost ?? 0;
        return {
          title: titles.get(o.id) ?? t('allocationPage.plan_number', { id: toPersianDigits(o.id) }), href: `/plans/${o.id}`, cost: money(cost),
          approvals: approvalsOf(o) === null ? '—' : formatNumber(approvalsOf(o)!), selected: o.selected, why: explainBallotProject(o, count.method, names),
        };
      }).sort((a, b) => Number(b.selected) - Number(a.selected)),
      turnout: count.turnout.map((r) => {
        const share = r.residents ? r.ballots / r.residents : 0;
        return {
          place: toPersianDigits(r.name) + (r.isDemo ? ` (${t('places.demo_badge')})` : ''), ballots: formatNumber(r.ballots), residents: formatNumber(r.residents),
          share: t('allocationPage.percent', { value: formatNumber(Math.round(share * 1000) / 10) }), percent: Math.round(share * 100),
        };
      }),
      pbHref: `/ballots/${round.id}.pb`,
      pbName: ballotPbFileName(round.id),
      command: `npx mahalle allocate --pb ${ballotPbFileName(round.id)} --method ${round.method}`,
    };
  }

  /** The round page for this visitor; `form` overrides the ballot form's state after a POST. */
  async function roundPage(request: FastifyRequest, round: BallotRoundRow, call: { id: number; title: string }, override?: { chosen: number[]; error: string | null }): Promise<RoundPageView> {
    const now = ctx.clock.now();
    const phase = phaseAt(round, now);
    const [projects, places] = await Promise.all([roundProjects(ctx.db, round.id), roundPlaces(ctx.db, round.id)]);
    const actor = request.actor;
    let notice: RoundPageView['notice'] = null;
    let form: BallotFormView | null = null;
    if (phase === 'upcoming') notice = { text: t('ballots.page.opens_on', { date: formatJalaliDate(round.opens_at) }), link: null };
    else if (phase === 'closed') notice = { text: t('ballots.page.closed_notice'), link: null };
    else if (phase === 'counted') notice = { text: t('ballots.page.counted_notice'), link: null };
    else if (phase === 'open' && !actor) notice = { text: t('ballots.page.sign_in'), link: { href: `/login?next=${encodeURIComponent(`/ballots/${round.id}`)}`, label: t('ballots.page.sign_in_link') } };
    else if (phase === 'open' && actor) {
      const [voter, ballot] = await Promise.all([voterFacts(ctx.db, round.id, actor.id), findBallot(ctx.db, round.id, actor.id)]);
      const why = voter ? ineligibility(voter, round.require_verified === 1) : 'no_home';
      if (why) {
        const link = why === 'unverified' ? { href: '/my/residency', label: t('ballots.page.verify_link') } : why === 'no_home' ? { href: '/profile', label: t('ballots.page.profile_link') } : null;
        notice = { text: t(`ballots.eligibility.${why}`), link };
      } else {
        const chosen = new Set(override?.chosen ?? (ballot ? (JSON.parse(ballot.choices) as number[]) : []));
        const cost = projects.filter((p) => chosen.has(p.plan_id)).reduce((s, p) => s + p.cost_rials, 0);
        form = {
          action: `/ballots/${round.id}`,
          projects: projectViews(projects, chosen),
          limits: round.min_approvals === round.max_approvals
            ? t('ballots.page.limits_exact', { n: toPersianDigits(round.min_approvals) })
            : t('ballots.page.limits', { min: toPersianDigits(round.min_approvals), max: toPersianDigits(round.max_approvals) }),
          min: round.min_approvals, max: round.max_approvals, budgetRials: round.budget_rials,
          selectedCount: formatNumber(chosen.size), selectedCost: money(cost), overBudget: cost > round.budget_rials,
          error: override?.error ?? null,
          cast: ballot ? { receipt: formatReceipt(receiptCode(opCtx.secret, round.id, actor.id)), updated: formatJalaliDateTime(ballot.updated_at), revision: toPersianDigits(ballot.revision) } : null,
          closes: lastDay(round.closes_at),
        };
      }
    }
    const count = round.status === 'published' && round.result ? (JSON.parse(round.result) as RoundCount) : null;
    return {
      title: toPersianDigits(round.title), isDemo: round.is_demo === 1,
      description: toPersianDigits(round.description).split(/\n+/).map((p) => p.trim()).filter(Boolean),
      call: { title: callTitle(call.title), href: `/calls/${call.id}` },
      phase: phaseLabel(phase), phaseTone: phaseTone(phase),
      facts: [
        { label: t('ballots.page.budget'), value: money(round.budget_rials) },
        { label: t('ballots.page.dates'), value: t('ballots.list.dates', { opens: formatJalaliDate(round.opens_at), closes: lastDay(round.closes_at) }) },
        { label: t('ballots.page.project_count'), value: formatNumber(projects.length) },
      ],
      // Names alone are ambiguous (Qazvin is a province, a county and a city): each comes with its kind.
      area: places.map((p) => `${t(`place.kind.${p.kind}`)} ${toPersianDigits(p.name)}`).join('، '),
      method: methodLabel(round.method), methodExplain: methodHint(round.method),
      verifiedOnly: round.require_verified === 1,
      notice, form,
      projects: projectViews(projects, new Set()),
      result: count ? resultView(round, count, projects) : null,
      receiptAction: `/ballots/${round.id}/receipt`,
    };
  }

  app.get('/ballots/:id', { config: { publicPage: true } }, async (request, reply) => {
    const { round, call } = await loadRound(request);
    return sendPage(reply, <RoundPage page={page(request, reply)} view={await roundPage(request, round, call)} />);
  });

  app.post('/ballots/:id', { config: voteLimit }, async (request, reply) => {
    const round = await findRound(ctx.db, idParam(request));
    if (!round) throw notFound();
    const loadCall = async () => {
      const call = await findCall(ctx.db, round.call_id);
      if (!call) throw notFound();
      return call;
    };
    if (!request.actor) return reply.redirect(`/login?next=${encodeURIComponent(`/ballots/${round.id}`)}`, 303);
    const chosen = fieldList(request.body, 'plan').map((v) => Number(toAsciiDigits(v))).filter((n) => Number.isSafeInteger(n));
    if (field(request.body, 'action', 20) === 'preview') {
      return sendPage(reply, <RoundPage page={page(request, reply)} view={await roundPage(request, round, await loadCall(), { chosen, error: null })} />);
    }
    try {
      const cast = await castBallot(opCtx, request.actor, round, chosen);
      // The code is isolated left to right: inside a right-to-left sentence its dash-separated groups would be reordered.
      setFlash(reply, { kind: 'success', text: t(cast.revision === 1 ? 'ballots.flash.cast' : 'ballots.flash.changed', { receipt: `\u2066${formatReceipt(cast.receipt)}\u2069` }) });
      return reply.redirect(`/ballots/${round.id}#receipt`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fieldErrors?.plans) {
        return sendPage(reply, <RoundPage page={page(request, reply)} view={await roundPage(request, round, await loadCall(), { chosen, error: err.fieldErrors.plans })} />, err.status);
      }
      throw err;
    }
  });

  app.get('/ballots/:id/receipt', async (request, reply) => {
    const { round } = await loadRound(request);
    const raw = field(request.query, 'code', 60);
    let outcome: { tone: 'success' | 'error'; text: string; detail: string | null } | null = null;
    if (raw.trim()) {
      const code = parseReceipt(raw);
      const ballot = code ? await ballotByReceipt(ctx.db, receiptHash(round.id, code)) : undefined;
      if (!code) outcome = { tone: 'error', text: t('ballots.receipt.malformed'), detail: null };
      else if (!ballot || ballot.round_id !== round.id) outcome = { tone: 'error', text: t('ballots.receipt.not_found'), detail: null };
      else {
        const counted = round.status === 'counted' || round.status === 'published';
        outcome = {
          tone: 'success',
          text: t(counted ? 'ballots.receipt.counted' : 'ballots.receipt.recorded', { updated: formatJalaliDateTime(ballot.updated_at) }),
          detail: round.status === 'published' ? t('ballots.receipt.in_file', { id: receiptHash(round.id, code).slice(0, 12) }) : null,
        };
      }
    }
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <ReceiptPage page={page(request, reply)} round={{ title: toPersianDigits(round.title), href: `/ballots/${round.id}` }} code={raw} outcome={outcome} />);
  });

  /** Not page-cached: it needs its content disposition. */
  app.get('/ballots/:id.pb', async (request, reply) => {
    const { round } = await loadRound(request);
    if (round.status !== 'published' || !round.result) throw notFound();
    const [projects, ballots, provinces] = await Promise.all([roundProjects(ctx.db, round.id), ballotsOfRound(ctx.db, round.id), placesOfKind(ctx.db, 'province', 2)]);
    const text = ballotPbText({
      round, count: JSON.parse(round.result) as RoundCount, ballots,
      titles: new Map(projects.map((p) => [String(p.plan_id), p.title])),
      unit: provinces.length === 1 ? provinces[0]!.name : t('allocationPage.pb.unit_unknown'),
    });
    return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${ballotPbFileName(round.id)}"`).send(text);
  });
}
