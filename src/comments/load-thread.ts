import { can, type Actor } from '../accounts/permissions.ts';
import type { AppContext } from '../context.ts';
import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { pageCount } from '../platform/views/pagination.ts';
import { threadCounts, threadPage, type SubjectRef, type ThreadRow } from './comments.repo.ts';
import { editableUntil } from './edit-comment.ts';
import type { CommentView, ThreadView } from './views/thread.tsx';

export const THREAD_PAGE_SIZE = 20;
export type ThreadOrder = 'newest' | 'oldest';

export const subjectKey = (s: SubjectRef) => `${s.type}:${s.id}`;

/** Comment text for display: paragraphs, Persian digits. */
export const commentParagraphs = (body: string) => toPersianDigits(body).split(/\n+/).map((p) => p.trim()).filter(Boolean);

/** ?corder= and ?cpage= of the page that shows a thread. */
export function threadParams(query: unknown): { order: ThreadOrder; page: number } {
  const q = (query ?? {}) as Record<string, unknown>;
  const order: ThreadOrder = q.corder === 'oldest' ? 'oldest' : 'newest';
  const n = Number.parseInt(String(q.cpage ?? '1').replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))), 10);
  return { order, page: Number.isFinite(n) && n >= 1 && n <= 100_000 ? n : 1 };
}

/**
 * A page of a subject's thread as the views need it, in two statements: the page of top-level
 * comments with their replies, and the counts.
 */
export async function loadThread(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  subject: SubjectRef & { href: string; open: boolean },
  params: { order: ThreadOrder; page: number },
): Promise<ThreadView> {
  const viewerId = actor?.id ?? null;
  const offset = (params.page - 1) * THREAD_PAGE_SIZE;
  const [rows, counts] = await Promise.all([
    threadPage(ctx.db, subject, viewerId, params.order, { limit: THREAD_PAGE_SIZE, offset }),
    threadCounts(ctx.db, subject, viewerId),
  ]);
  const now = ctx.clock.now();
  const key = subjectKey(subject);
  const hrefWith = (order: ThreadOrder, page: number) => {
    const qs = new URLSearchParams();
    if (order !== 'newest') qs.set('corder', order);
    if (page > 1) qs.set('cpage', String(page));
    const s = qs.toString();
    return `${subject.href}${s ? `?${s}` : ''}#comments`;
  };

  const view = (r: ThreadRow): CommentView => {
    const own = viewerId === r.author_id;
    const shown = r.status === 'published' || (own && (r.status === 'held' || r.status === 'pending'));
    const until = own ? editableUntil(r, ctx.config.COMMENT_EDIT_MINUTES) : null;
    return {
      id: r.id,
      author: shown ? r.author_name || t('comments.anonymous_author') : '',
      when: formatJalaliDateTime(r.created_at),
      whenIso: r.created_at,
      edited: r.edited_at !== null,
      paragraphs: shown ? commentParagraphs(r.body) : [],
      state: shown ? (r.status === 'published' ? 'published' : 'waiting') : 'removed',
      removedLabel: r.status === 'deleted' ? t('comments.removed.deleted') : t('comments.removed.moderated'),
      own,
      replyHref: subject.open && actor && r.status === 'published' && r.depth < 3 ? `/comments/new?subject=${key}&parent=${r.id}` : null,
      editHref: until && now < until && r.reply_count === 0 ? `/comments/${r.id}/edit` : null,
      deleteHref: own && r.status !== 'deleted' ? `/comments/${r.id}/delete` : null,
      reportHref: actor && !own && r.status === 'published' && can(actor, 'comment.report', { authorId: r.author_id }) ? `/comments/${r.id}/report` : null,
      replies: [],
    };
  };

  // Replies arrive in id order, so each parent is placed before its children.
  const byId = new Map<number, CommentView>();
  const roots: CommentView[] = [];
  for (const r of rows) {
    const v = view(r);
    byId.set(r.id, v);
    if (r.depth === 0) roots.push(v);
    else byId.get(r.parent_id ?? -1)?.replies.push(v);
  }
  if (params.order === 'newest') roots.reverse();

  return {
    subject: key,
    heading: t('comments.heading', { count: formatNumber(counts.published) }),
    count: counts.published,
    order: params.order,
    orderLinks: (['newest', 'oldest'] as const).map((o) => ({ label: t(`comments.order.${o}`), href: hrefWith(o, 1), current: o === params.order })),
    items: roots,
    pager: { page: params.page, pages: pageCount(counts.roots, THREAD_PAGE_SIZE), hrefFor: (n) => hrefWith(params.order, n) },
    open: subject.open,
    signInHref: actor ? null : `/login?next=${encodeURIComponent(`${subject.href}#comment-form`)}`,
    newHref: `/comments/new?subject=${key}`,
  };
}
