import { inTransaction, type AppContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { notify } from '../platform/notify/notify.ts';
import { formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import {
  activeBlock, adjustReplyCount, authorHistory, countRecentFromIp, findComment, insertComment, replaceReasons,
  usersByIds, type CommentRow, type SubjectRef,
} from './comments.repo.ts';
import { moderate, type Reason, type ReplyFacts, type Verdict } from './moderation/index.ts';
import { moderationConfig, moderationModel, spansOnStoredText, subjectIdf } from './moderation-runtime.ts';
import { subjectProvider, type CommentSubjectInfo } from './subjects.ts';

export type CommentCtx = Pick<AppContext, 'db' | 'dialect' | 'clock' | 'config'>;

/** Reasons that refuse the attempt without keeping it: nothing was said yet worth keeping. */
const refusedWithoutRecord = new Set(['captcha_failed', 'rate_limited']);

export type PostOutcome =
  | { status: 'published' | 'held'; id: number; reasons: Reason[] }
  /** Kept (for moderators and statistics) but never shown; the author sees why and keeps the text. */
  | { status: 'rejected'; id: number; reasons: Reason[] }
  /** Not kept at all (captcha, rate limit). */
  | { status: 'refused'; reasons: Reason[] };

/** The subject of a thread, or a 404 when it does not exist or is not public. */
export async function loadSubject(ctx: CommentCtx, subject: SubjectRef): Promise<CommentSubjectInfo> {
  const provider = subjectProvider(subject.type);
  const info = provider ? await provider.load(ctx.db, subject.id) : null;
  if (!info) throw notFound();
  return info;
}

/** Refuses people under a moderator's block, saying until when. */
export async function assertNotBlocked(ctx: CommentCtx, actor: Actor): Promise<void> {
  const block = await activeBlock(ctx.db, actor.id, ctx.clock.now().toISOString());
  if (block) throw new AppError('forbidden', t('comments.blocked', { until: formatJalaliDateTime(block.until), reason: block.reason }));
}


/**
 * Runs the pipeline with every fact it needs from the database: the author's history, the
 * address's recent volume, the reply target and the IDF of all subjects.
 */
export async function judge(
  ctx: CommentCtx,
  actor: Actor,
  input: { text: string; subject: CommentSubjectInfo; parent: CommentRow | null; subjectRef: SubjectRef; captchaOk?: boolean; ipHash: string | null; excludeId?: number },
): Promise<Verdict> {
  const config = moderationConfig(ctx.config);
  const now = ctx.clock.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const history = await authorHistory(ctx.db, actor.id, {
    rate: iso(now - config.rateLimitWindowSeconds * 1000),
    repeat: iso(now - config.repeatWindowSeconds * 1000),
  });
  const ipRecentCount = input.ipHash ? await countRecentFromIp(ctx.db, input.ipHash, iso(now - config.rateLimitWindowSeconds * 1000)) : undefined;
  const editing = input.excludeId !== undefined;
  const reply: ReplyFacts | undefined = input.parent
    ? {
        parentExists: input.parent.status === 'published',
        sameSubject: input.parent.subject_type === input.subjectRef.type && input.parent.subject_id === input.subjectRef.id,
        parentRejected: input.parent.status === 'rejected',
        depth: input.parent.depth + 1,
      }
    : undefined;
  return moderate(
    {
      text: input.text,
      subject: { title: input.subject.title, body: input.subject.body, names: input.subject.names },
      ...(input.captchaOk === undefined ? {} : { captchaOk: input.captchaOk }),
      ...(reply ? { reply } : {}),
      author: {
        // Staff accounts are vetted people: their comments are not pre-moderated as a newcomer's.
        approvedCount: can(actor, 'comment.trusted') ? Math.max(history.approvedCount, config.trustApprovedCount) : history.approvedCount,
        // An edit is not a new comment: it does not count against the rate, nor repeat itself.
        recentCount: editing ? 0 : history.recentCount,
        recentTexts: editing ? [] : history.recentTexts,
      },
      ...(ipRecentCount === undefined || editing ? {} : { ipRecentCount }),
      idf: await subjectIdf(ctx.db, now),
    },
    config,
    moderationModel(ctx.config),
  );
}

/** Reasons as stored: spans moved onto the stored (normalized) text. */
export function storedReasons(typed: string, reasons: readonly Reason[]): Reason[] {
  return reasons.map((r) => (r.spans?.length ? { ...r, spans: spansOnStoredText(typed, r.spans) } : r));
}

/**
 * Posts a comment or a reply. The pipeline decides: published at once, held for a moderator, or
 * rejected with the rule it broke (kept out of sight, so the author can fix the text and send it
 * again). Captcha failures and rate limits are refused without keeping anything.
 */
export async function postComment(
  ctx: CommentCtx,
  actor: Actor,
  input: {
    subject: SubjectRef; parentId: number | null; text: string; captchaOk: boolean; ipHash: string | null;
    /** The subject and parent as the caller already read them for this request (saves reading them twice). */
    loaded?: { subject: CommentSubjectInfo; parent: CommentRow | null };
  },
): Promise<PostOutcome> {
  if (!can(actor, 'comment.post')) throw new AppError('forbidden');
  await assertNotBlocked(ctx, actor);
  const subject = input.loaded?.subject ?? (await loadSubject(ctx, input.subject));
  if (!subject.open) throw new AppError('conflict', t('comments.closed'));
  const parent = input.parentId === null ? null : input.loaded?.parent?.id === input.parentId ? input.loaded.parent : ((await findComment(ctx.db, input.parentId)) ?? null);
  if (input.parentId !== null && !parent) throw new AppError('validation', t('comments.parent_missing'), { body: t('comments.parent_missing') });

  const verdict = await judge(ctx, actor, { text: input.text, subject, parent, subjectRef: input.subject, captchaOk: input.captchaOk, ipHash: input.ipHash });
  if (verdict.decision === 'rejected' && verdict.reasons.some((r) => refusedWithoutRecord.has(r.code))) {
    return { status: 'refused', reasons: verdict.reasons.filter((r) => refusedWithoutRecord.has(r.code)) };
  }
  const body = normalizePersian(input.text);
  const reasons = storedReasons(input.text, verdict.reasons);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const status = verdict.decision;
    const id = await insertComment(tx.db, {
      subject: input.subject, parentId: parent?.id ?? null, rootId: parent ? (parent.root_id ?? parent.id) : null, depth: parent ? parent.depth + 1 : 0,
      authorId: actor.id, body, status, reasons: JSON.stringify(reasons), scores: JSON.stringify(verdict.scores), ipHash: input.ipHash, now,
    });
    await replaceReasons(tx.db, id, reasons.map((r) => r.code));
    if (status === 'published' && parent) await adjustReplyCount(tx.db, parent.id, 1);
    await audit(tx, {
      actorId: actor.id, action: `comment.${status}`, subjectType: 'comment', subjectId: id,
      data: { subject: `${input.subject.type}:${input.subject.id}`, parent: parent?.id ?? null, reasons: reasons.map((r) => r.code) },
    });
    if (status === 'published' && parent && parent.author_id !== actor.id) await tellParentAuthor(tx, parent, subject, id);
    return { status, id, reasons };
  });
}

/** Someone answered you: a notification with a link to the reply. */
export async function tellParentAuthor(ctx: CommentCtx, parent: CommentRow, subject: CommentSubjectInfo, replyId: number): Promise<void> {
  const [author] = await usersByIds(ctx.db, [parent.author_id]);
  if (!author) return;
  await notify(ctx.db, ctx.clock, {
    userId: author.id, email: author.email, link: `${subject.href}#comment-${replyId}`,
    subject: t('comments.notify.reply_subject', { title: subject.title }),
    body: t('comments.notify.reply_body', { title: subject.title }),
  });
}
