import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { examplesCsv } from './examples-csv.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { findUserById } from '../accounts/accounts.repo.ts';
import type { AppContext } from '../context.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm, type FormOutcome } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { hasMessage, t, type MessageKey } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { pageCount, pageFromQuery } from '../platform/views/pagination.ts';
import type { SelectOption } from '../platform/views/components.tsx';
import { MAX_BLOCK_DAYS, blockCommenter, liftCommenterBlock } from './block-user.ts';
import { commentSubjectTypes, type CommentStatus } from './comments.tables.ts';
import {
  activeBlock, commentsByAuthor, listActiveBlocks, listExamples, queueCounts, queuePage, reasonCounts, recentDecisionTimes,
  reportsOf, statusCounts, type QueueFilter, type QueueRow, type ReportRow,
} from './comments.repo.ts';
import { decideComments, rejectionRules, type Decision } from './decide-comments.ts';
import { highlightSegments } from './highlight.ts';
import { subjectKey } from './load-thread.ts';
import { reasonCodes, type Reason, type ReasonCode } from './moderation/types.ts';
import { parseSubjectKey } from './routes.tsx';
import { subjectProvider } from './subjects.ts';
import {
  BlockUserPage, BlocksPage, ModerationQueuePage, ModerationStatsPage,
  type BlockFormView, type QueueItemView, type QueuePageView, type QueueViewName,
} from './views/moderation-pages.tsx';

export const QUEUE_PAGE_SIZE = 20;
const BASE = '/admin/moderation';
const views: readonly QueueViewName[] = ['held', 'hidden', 'reported', 'rejected'];

/** Each reason code's label, spelled out so the catalogue test sees every key in use. */
const reasonLabelKeys: Record<ReasonCode, MessageKey> = {
  too_short: 'moderationQueue.reason.too_short',
  too_long: 'moderationQueue.reason.too_long',
  rate_limited: 'moderationQueue.reason.rate_limited',
  not_persian: 'moderationQueue.reason.not_persian',
  finglish: 'moderationQueue.reason.finglish',
  banned_word: 'moderationQueue.reason.banned_word',
  insult: 'moderationQueue.reason.insult',
  defamation: 'moderationQueue.reason.defamation',
  off_topic: 'moderationQueue.reason.off_topic',
  spam_link: 'moderationQueue.reason.spam_link',
  spam_repeat: 'moderationQueue.reason.spam_repeat',
  new_user: 'moderationQueue.reason.new_user',
  reported: 'moderationQueue.reason.reported',
  captcha_failed: 'moderationQueue.reason.captcha_failed',
  invalid_reply: 'moderationQueue.reason.invalid_reply',
};

/** The Persian label of a stored reason code (codes come from the database: unknown ones get a generic label). */
export const reasonLabel = (code: string): string =>
  Object.hasOwn(reasonLabelKeys, code) ? t(reasonLabelKeys[code as ReasonCode]) : t('moderationQueue.reason_unknown');

/** Scores shown to moderators: ratios as percentages, counts as numbers; anything else is left out. */
const scoreFormats: Record<string, { key: MessageKey; percent: boolean }> = {
  offensive: { key: 'moderationQueue.score.offensive', percent: true },
  relevance: { key: 'moderationQueue.score.relevance', percent: true },
  finglish: { key: 'moderationQueue.score.finglish', percent: true },
  letters: { key: 'moderationQueue.score.letters', percent: false },
  words: { key: 'moderationQueue.score.words', percent: false },
};

export const percent = (ratio: number) => t('moderationQueue.percent', { value: Math.round(Math.min(1, Math.max(0, ratio)) * 100) });

const viewLabelKeys: Record<QueueViewName, MessageKey> = {
  held: 'moderationQueue.view.held', hidden: 'moderationQueue.view.hidden', reported: 'moderationQueue.view.reported', rejected: 'moderationQueue.view.rejected',
};
const emptyKeys: Record<QueueViewName, MessageKey> = {
  held: 'moderationQueue.empty.held', hidden: 'moderationQueue.empty.hidden', reported: 'moderationQueue.empty.reported', rejected: 'moderationQueue.empty.rejected',
};

/** A stored JSON column, or the fallback when it does not parse. */
function parseJson<T>(raw: string, fallback: T): T {
  try {
    const v = JSON.parse(raw) as unknown;
    return (v ?? fallback) as T;
  } catch {
    return fallback;
  }
}

const idOf = (raw: unknown): number | null => {
  const s = toAsciiDigits(String(raw ?? '').trim());
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
};

type QueueParams = { filter: QueueFilter; page: number };

/** ?view=&reason=&subject=&page= (or the same hidden fields of the decision form), anything unknown ignored. */
export function parseQueueParams(source: unknown): QueueParams {
  const view = field(source, 'view', 20);
  const reason = field(source, 'reason', 40);
  const subject = parseSubjectKey(field(source, 'subject', 40));
  return {
    filter: {
      view: (views as readonly string[]).includes(view) ? (view as QueueViewName) : 'held',
      reason: (reasonCodes as readonly string[]).includes(reason) ? reason : null,
      subject,
    },
    page: pageFromQuery(field(source, 'page', 10), QUEUE_PAGE_SIZE).page,
  };
}

export function queueHref(f: QueueFilter, page = 1): string {
  const qs = new URLSearchParams();
  if (f.view !== 'held') qs.set('view', f.view);
  if (f.reason) qs.set('reason', f.reason);
  if (f.subject) qs.set('subject', subjectKey(f.subject));
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `${BASE}?${s}` : BASE;
}

/** Median of the time from posting to a moderator's decision, in Persian hours and minutes; «—» when there is none. */
export function medianDecisionTime(rows: readonly { created_at: string; decided_at: string }[]): string {
  const ms = rows.map((r) => Date.parse(r.decided_at) - Date.parse(r.created_at)).filter((x) => Number.isFinite(x) && x >= 0).sort((a, b) => a - b);
  if (!ms.length) return '—';
  const mid = Math.floor(ms.length / 2);
  const median = ms.length % 2 ? ms[mid]! : (ms[mid - 1]! + ms[mid]!) / 2;
  const minutes = Math.round(median / 60_000);
  if (minutes < 1) return t('moderationQueue.duration.under_minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('moderationQueue.duration.minutes', { minutes: rest });
  if (rest === 0) return t('moderationQueue.duration.hours', { hours: formatNumber(hours) });
  return t('moderationQueue.duration.hours_minutes', { hours: formatNumber(hours), minutes: rest });
}

const ruleOptions = (): SelectOption[] =>
  rejectionRules.map((r) => ({ value: r, label: r === 'other' ? t('moderationQueue.rule_other') : t(`comments.report_reason.${r}`) }));

const excerpt = (text: string, max = 240) => toPersianDigits(text.length > max ? `${text.slice(0, max).trimEnd()}…` : text);

function itemView(
  r: QueueRow,
  view: QueueViewName,
  titles: Map<string, { title: string; href: string }>,
  reports: readonly ReportRow[],
  checked: ReadonlySet<number>,
): QueueItemView {
  const subject = { type: r.subject_type, id: r.subject_id };
  const found = titles.get(subjectKey(subject));
  const reasons = parseJson<Reason[]>(r.reasons, []);
  const list = Array.isArray(reasons) ? reasons.filter((x) => x && typeof x.code === 'string') : [];
  const spans = list.flatMap((x) => (Array.isArray(x.spans) ? x.spans : []));
  const scores = parseJson<Record<string, unknown>>(r.scores, {});
  const byReason = new Map<string, number>();
  for (const rep of reports) byReason.set(rep.reason, (byReason.get(rep.reason) ?? 0) + 1);
  return {
    id: r.id,
    checked: checked.has(r.id),
    subject: {
      title: found?.title ?? t('moderationQueue.subject_gone'),
      href: found?.href ?? null,
      filterHref: queueHref({ view, reason: null, subject }),
    },
    author: {
      name: r.author_name || t('comments.anonymous_author'),
      mobile: r.author_mobile ? toPersianDigits(r.author_mobile) : null,
      blockHref: `${BASE}/users/${r.author_id}/block`,
    },
    when: formatJalaliDateTime(r.created_at),
    whenIso: r.created_at,
    status: t(`comments.status.${r.status}`),
    parentExcerpt: r.parent_body === null ? null : excerpt(r.parent_body),
    body: highlightSegments(r.body, spans).map((s) => ({ text: toPersianDigits(s.text), marked: s.marked })),
    reasons: list.map((x) => ({ label: reasonLabel(x.code), message: toPersianDigits(String(x.message ?? '')) })),
    scores: Object.entries(scoreFormats).flatMap(([name, f]) => {
      const v = scores && typeof scores === 'object' ? scores[name] : undefined;
      if (typeof v !== 'number' || !Number.isFinite(v)) return [];
      return [{ label: t(f.key), value: f.percent ? percent(v) : formatNumber(Math.round(v)) }];
    }),
    reports: {
      total: reports.length,
      byReason: [...byReason].map(([reason, count]) => {
        const key = `comments.report_reason.${reason}`;
        return { label: hasMessage(key) ? t(key) : t('moderationQueue.reason_unknown'), count };
      }),
      notes: reports.map((x) => x.note?.trim() ?? '').filter(Boolean).map((n) => toPersianDigits(n)),
    },
    moderatorNote: r.moderator_note ? toPersianDigits(r.moderator_note) : null,
    decidedAt: r.decided_at && r.decided_by !== null ? formatJalaliDateTime(r.decided_at) : null,
    canReject: r.status !== 'rejected',
  };
}

/** The moderation queue, decisions, blocks, statistics and the training export (issue #5). */
export async function moderationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const guard = { preHandler: requirePermission('comment.moderate') };

  async function queueView(
    params: QueueParams,
    kept: { checked: readonly number[]; rule: string; note: string; errors: Record<string, string> } = { checked: [], rule: '', note: '', errors: {} },
  ): Promise<QueuePageView> {
    const { filter } = params;
    const offset = (params.page - 1) * QUEUE_PAGE_SIZE;
    const [counts, { rows, total }] = await Promise.all([queueCounts(ctx.db), queuePage(ctx.db, filter, { limit: QUEUE_PAGE_SIZE, offset })]);
    const reports = await reportsOf(ctx.db, rows.map((r) => r.id));
    // Titles of every subject on the page (and of the one filtered on), one statement per kind.
    const refs = [...rows.map((r) => ({ type: r.subject_type, id: r.subject_id })), ...(filter.subject ? [filter.subject] : [])];
    const titles = new Map<string, { title: string; href: string }>();
    for (const type of commentSubjectTypes) {
      const provider = subjectProvider(type);
      const ids = [...new Set(refs.filter((s) => s.type === type).map((s) => s.id))];
      if (provider && ids.length) for (const [id, v] of await provider.titles(ctx.db, ids)) titles.set(subjectKey({ type, id }), v);
    }
    const checked = new Set(kept.checked);
    const subjectOptions: SelectOption[] = [{ value: '', label: t('moderationQueue.filter.subject_all') }];
    const seen = new Set<string>();
    for (const s of refs) {
      const key = subjectKey(s);
      if (seen.has(key)) continue;
      seen.add(key);
      subjectOptions.push({ value: key, label: titles.get(key)?.title ?? t('moderationQueue.subject_gone') });
    }
    const filtered = filter.reason !== null || filter.subject !== null;
    return {
      view: filter.view,
      tabs: views.map((v) => ({
        label: t(viewLabelKeys[v], { count: counts[v] }),
        href: queueHref({ view: v, reason: null, subject: null }),
        current: v === filter.view,
      })),
      filter: {
        reason: filter.reason ?? '',
        subject: filter.subject ? subjectKey(filter.subject) : '',
        reasonOptions: [{ value: '', label: t('moderationQueue.filter.reason_all') }, ...reasonCodes.map((c) => ({ value: c, label: reasonLabel(c) }))],
        subjectOptions,
        active: filtered,
        clearHref: queueHref({ view: filter.view, reason: null, subject: null }),
      },
      back: {
        view: filter.view, reason: filter.reason ?? '', subject: filter.subject ? subjectKey(filter.subject) : '', page: String(params.page),
      },
      items: rows.map((r) => itemView(r, filter.view, titles, reports.filter((x) => x.comment_id === r.id), checked)),
      pager: { page: params.page, pages: pageCount(total, QUEUE_PAGE_SIZE), hrefFor: (n: number) => queueHref(filter, n) },
      ruleOptions: ruleOptions(),
      values: { rule: kept.rule, note: kept.note },
      errors: kept.errors,
      emptyText: filtered ? t('moderationQueue.empty_filtered') : t(emptyKeys[filter.view]),
    };
  }

  app.get(BASE, guard, async (request, reply) => {
    const params = parseQueueParams(request.query);
    const view = await queueView(params);
    // Decisions shrink the queue: a page past the end goes to the last one that has comments.
    if (view.items.length === 0 && params.page > view.pager.pages) return reply.redirect(queueHref(params.filter, view.pager.pages), 303);
    return sendPage(reply, <ModerationQueuePage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  app.post(`${BASE}/decide`, guard, async (request, reply) => {
    const body = request.body;
    const params = parseQueueParams(body);
    const selected = fieldList(body, 'ids').map(idOf).filter((x): x is number => x !== null);
    const rule = field(body, 'rule', 40);
    const note = field(body, 'note', 2000);
    // A button on one comment («only» = approve:12) decides that comment alone; the bulk buttons decide the selection.
    const only = /^(approve|reject):(\d{1,9})$/.exec(toAsciiDigits(field(body, 'only', 30)));
    const action = only ? only[1] : field(body, 'action', 20);
    const ids = only ? [Number(only[2])] : selected;
    if (action !== 'approve' && action !== 'reject') throw new AppError('bad_request');
    const decision: Decision = action === 'approve' ? { action } : { action, rule, note };
    let outcome: FormOutcome<{ changed: number }>;
    try {
      outcome = await submitForm(() => decideComments(ctx, actorOf(request), ids, decision));
    } catch (err) {
      // Everything selected was deleted by its author meanwhile: nothing to do, say so.
      if (err instanceof AppError && err.code === 'conflict') {
        setFlash(reply, { kind: 'info', text: err.detail ?? t('moderation.nothing_to_decide') });
        return reply.redirect(queueHref(params.filter, params.page), 303);
      }
      throw err;
    }
    if (!outcome.ok) {
      const view = await queueView(params, { checked: selected, rule, note, errors: outcome.errors });
      return sendPage(reply, <ModerationQueuePage page={pageContext(request, reply, ctx.clock)} view={view} />, outcome.status);
    }
    const { changed } = outcome.value;
    setFlash(reply, {
      kind: changed ? 'success' : 'info',
      text: !changed ? t('moderationQueue.unchanged') : action === 'approve' ? t('moderationQueue.approved', { count: changed }) : t('moderationQueue.rejected', { count: changed }),
    });
    return reply.redirect(queueHref(params.filter, params.page), 303);
  });

  // ---- blocks -------------------------------------------------------------------------------------

  const userParam = async (request: FastifyRequest) => {
    const id = idOf((request.params as { id: string }).id);
    const user = id === null ? undefined : await findUserById(ctx.db, id);
    if (!user) throw notFound();
    return user;
  };

  async function renderBlockForm(request: FastifyRequest, reply: FastifyReply, userId: number, values: BlockFormView['values'], errors: Record<string, string>, status = 200) {
    const user = await findUserById(ctx.db, userId);
    if (!user) throw notFound();
    const [{ total }, block] = await Promise.all([
      commentsByAuthor(ctx.db, user.id, { limit: 1, offset: 0 }),
      activeBlock(ctx.db, user.id, ctx.clock.now().toISOString()),
    ]);
    const view: BlockFormView = {
      userId: user.id,
      name: user.name || t('comments.anonymous_author'),
      mobile: user.mobile ? toPersianDigits(user.mobile) : null,
      commentCount: formatNumber(total),
      activeUntil: block ? formatJalaliDateTime(block.until) : null,
      max: MAX_BLOCK_DAYS,
      values,
      errors,
    };
    return sendPage(reply, <BlockUserPage page={pageContext(request, reply, ctx.clock)} view={view} />, status);
  }

  app.get(`${BASE}/users/:id/block`, guard, async (request, reply) => {
    const user = await userParam(request);
    return renderBlockForm(request, reply, user.id, { days: '', reason: '' }, {});
  });

  app.post(`${BASE}/users/:id/block`, guard, async (request, reply) => {
    const user = await userParam(request);
    const values = { days: field(request.body, 'days', 10), reason: field(request.body, 'reason', 2000) };
    const result = await submitForm(() => blockCommenter(ctx, actorOf(request), { userId: user.id, ...values }));
    if (!result.ok) return renderBlockForm(request, reply, user.id, values, result.errors, result.status);
    setFlash(reply, { kind: 'success', text: t('moderationQueue.block.done', { name: user.name, until: formatJalaliDateTime(result.value.until) }) });
    return reply.redirect(`${BASE}/blocks`, 303);
  });

  app.get(`${BASE}/blocks`, guard, async (request, reply) => {
    const blocks = await listActiveBlocks(ctx.db, ctx.clock.now().toISOString());
    const rows = blocks.map((b) => ({
      id: b.id,
      name: b.user_name || t('comments.anonymous_author'),
      mobile: b.user_mobile ? toPersianDigits(b.user_mobile) : '—',
      until: formatJalaliDateTime(b.until),
      since: formatJalaliDateTime(b.created_at),
      reason: toPersianDigits(b.reason),
    }));
    return sendPage(reply, <BlocksPage page={pageContext(request, reply, ctx.clock)} rows={rows} />);
  });

  app.post(`${BASE}/blocks/:id/lift`, guard, async (request, reply) => {
    const id = idOf((request.params as { id: string }).id);
    if (id === null) throw notFound();
    await liftCommenterBlock(ctx, actorOf(request), id);
    setFlash(reply, { kind: 'success', text: t('moderationQueue.blocks.lifted') });
    return reply.redirect(`${BASE}/blocks`, 303);
  });

  // ---- statistics and the training export ---------------------------------------------------------

  app.get(`${BASE}/stats`, guard, async (request, reply) => {
    const [statuses, reasons, times, counts] = await Promise.all([statusCounts(ctx.db), reasonCounts(ctx.db), recentDecisionTimes(ctx.db), queueCounts(ctx.db)]);
    const total = statuses.reduce((sum, s) => sum + s.n, 0);
    const byStatus = [...statuses].sort((a, b) => b.n - a.n).map((s) => ({ label: t(`comments.status.${s.status as CommentStatus}`), count: formatNumber(s.n) }));
    const byReason = [...reasons].sort((a, b) => b.n - a.n).map((r) => ({ label: reasonLabel(r.code), count: formatNumber(r.n) }));
    const view = {
      stats: [
        { label: t('moderationQueue.stats.total'), value: formatNumber(total) },
        { label: t('moderationQueue.stats.waiting'), value: formatNumber(counts.held) },
        { label: t('moderationQueue.stats.reported'), value: formatNumber(counts.reported) },
        { label: t('moderationQueue.stats.median'), value: medianDecisionTime(times) },
      ],
      medianBasis: times.length ? t('moderationQueue.stats.median_basis', { count: formatNumber(times.length) }) : null,
      byStatus,
      byReason,
    };
    return sendPage(reply, <ModerationStatsPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  app.get(`${BASE}/examples.csv`, guard, async (_request, reply) => {
    const csv = examplesCsv(await listExamples(ctx.db));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="moderation-examples.csv"')
      .header('cache-control', 'private, no-store')
      .send(csv);
  });
}
