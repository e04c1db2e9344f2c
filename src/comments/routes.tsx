import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { namesOfUsers } from '../accounts/accounts.repo.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import type { AppContext } from '../context.ts';
import { issueCaptcha, verifyCaptcha } from '../platform/captcha/captcha.ts';
import { dbCaptchaStore } from '../platform/captcha/captcha.repo.ts';
import { captchaErrorMessage } from '../platform/captcha/captcha-field.tsx';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { pageCount, pageFromQuery } from '../platform/views/pagination.ts';
import type { Actor } from '../accounts/permissions.ts';
import { commentSubjectTypes, reportReasons, type CommentSubjectType } from './comments.tables.ts';
import { commentsByAuthor, findComment, type CommentRow, type SubjectRef } from './comments.repo.ts';
import { deleteComment } from './delete-comment.ts';
import { editableUntil, editComment } from './edit-comment.ts';
import { commentParagraphs, subjectKey } from './load-thread.ts';
import type { Reason } from './moderation/index.ts';
import { hashIp } from './moderation-runtime.ts';
import { loadSubject, postComment } from './post-comment.ts';
import { reportComment } from './report-comment.ts';
import { subjectProvider } from './subjects.ts';
import { CommentFormPage, DeleteCommentPage, MyCommentsPage, ReportCommentPage, type MyCommentView } from './views/comment-pages.tsx';
import type { CommentFormModel } from './views/thread.tsx';

const CAPTCHA_TTL_SECONDS = 3600;
/** Used captcha keys are kept until their challenge expires; every this many posts, expired ones are dropped. */
const CAPTCHA_PURGE_EVERY = 50;

/** Longest text kept from a form: far above the 1,500-character rule, so a too-long comment comes back whole to be shortened. */
const BODY_FIELD_MAX = 20_000;

export function parseSubjectKey(raw: string): SubjectRef | null {
  const m = /^([a-z]+):(\d{1,9})$/.exec(toAsciiDigits(raw.trim()));
  if (!m || !(commentSubjectTypes as readonly string[]).includes(m[1]!)) return null;
  return { type: m[1] as CommentSubjectType, id: Number(m[2]) };
}

const idOf = (raw: unknown): number | null => {
  const s = toAsciiDigits(String(raw ?? '').trim());
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
};

/** The Persian explanation of each reason the author must act on, joined for the field error. */
const authorMessage = (reasons: readonly Reason[]) => reasons.map((r) => r.message).join(' ');

/** The comment form for a signed-in person: a fresh captcha every time it is shown. */
export function commentForm(
  ctx: AppContext,
  csrfToken: string,
  f: { action: string; subject: string | null; parentId: number | null; value: string; errors?: Record<string, string>; captcha?: boolean; submitLabel?: string },
): CommentFormModel {
  return {
    action: f.action,
    subject: f.subject,
    parentId: f.parentId,
    value: f.value,
    errors: f.errors ?? {},
    csrfToken,
    // An hour: long enough to write a considered comment before the challenge expires.
    captcha: f.captcha === false ? null : issueCaptcha({ secret: ctx.config.sessionSecret, now: ctx.clock.now(), ttlSeconds: CAPTCHA_TTL_SECONDS }),
    submitLabel: f.submitLabel ?? t('comments.form.submit'),
  };
}

/** Posting, replying, editing, deleting and reporting comments; the author's own list. */
export async function commentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const signedIn = { preHandler: requirePermission('comment.post') };
  const captchaStore = dbCaptchaStore(ctx.db);
  let postsSincePurge = 0;

  /** The thread's subject and, for a reply, the comment answered: both must be there to answer. */
  async function formTarget(subjectRaw: string, parentRaw: unknown) {
    const subjectRef = parseSubjectKey(subjectRaw);
    if (!subjectRef) throw notFound();
    const subject = await loadSubject(ctx, subjectRef);
    const parentId = parentRaw === undefined || parentRaw === '' ? null : idOf(parentRaw);
    if (parentRaw !== undefined && parentRaw !== '' && parentId === null) throw notFound();
    const parent = parentId === null ? null : ((await findComment(ctx.db, parentId)) ?? null);
    if (parentId !== null && (!parent || parent.status !== 'published' || subjectKey({ type: parent.subject_type, id: parent.subject_id }) !== subjectKey(subjectRef))) {
      throw notFound(t('comments.parent_missing'));
    }
    return { subjectRef, subject, parent };
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    target: Awaited<ReturnType<typeof formTarget>>,
    value: string,
    errors: Record<string, string>,
    status = 200,
  ) {
    const page = pageContext(request, reply, ctx.clock);
    const form = commentForm(ctx, page.csrfToken, {
      action: '/comments', subject: subjectKey(target.subjectRef), parentId: target.parent?.id ?? null, value, errors,
    });
    const author = target.parent ? (await namesOfUsers(ctx.db, [target.parent.author_id])).get(target.parent.author_id) ?? '' : '';
    const view = {
      subject: { title: target.subject.title, href: target.subject.href },
      parent: target.parent ? { author: toPersianDigits(author), paragraphs: commentParagraphs(target.parent.body), when: formatJalaliDateTime(target.parent.created_at) } : null,
      form,
    };
    return sendPage(reply, <CommentFormPage page={page} view={view} />, status);
  }

  app.get('/comments/new', signedIn, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const target = await formTarget(field(q, 'subject', 40), q.parent);
    return renderForm(request, reply, target, '', {});
  });

  app.post('/comments', signedIn, async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body as Record<string, unknown>;
    const text = field(body, 'body', BODY_FIELD_MAX);
    const target = await formTarget(field(body, 'subject', 40), body.parent);
    const captcha = await verifyCaptcha(
      { altcha: field(body, 'altcha', 4000), token: field(body, 'captcha_token', 2000), answer: field(body, 'captcha_answer', 20) },
      { secret: ctx.config.sessionSecret, now: ctx.clock.now(), store: captchaStore },
    );
    if (++postsSincePurge >= CAPTCHA_PURGE_EVERY) {
      postsSincePurge = 0;
      await captchaStore.purgeExpired(ctx.clock.now().toISOString());
    }
    let outcome: Awaited<ReturnType<typeof postComment>>;
    try {
      outcome = await postComment(ctx, actor, {
        subject: target.subjectRef, parentId: target.parent?.id ?? null, text, captchaOk: captcha.ok, ipHash: hashIp(ctx.config.sessionSecret, request.ip),
        loaded: { subject: target.subject, parent: target.parent },
      });
    } catch (err) {
      // Whatever went wrong, the person gets their text back with the reason.
      if (err instanceof AppError && err.status < 500) return renderForm(request, reply, target, text, { body: err.detail ?? t(`error.${err.code}.title`) }, err.status);
      throw err;
    }
    if (outcome.status === 'rejected' || outcome.status === 'refused') {
      const captchaReason = outcome.reasons.find((r) => r.code === 'captcha_failed');
      const others = outcome.reasons.filter((r) => r.code !== 'captcha_failed');
      const errors: Record<string, string> = {};
      if (others.length) errors.body = authorMessage(others);
      if (captchaReason) errors.captcha = captcha.ok ? captchaReason.message : captchaErrorMessage(captcha.reason);
      const status = outcome.reasons.some((r) => r.code === 'rate_limited') ? 429 : 422;
      return renderForm(request, reply, target, text, errors, status);
    }
    const held = outcome.status === 'held';
    setFlash(reply, {
      kind: held ? 'info' : 'success',
      text: held
        ? outcome.reasons.some((r) => r.code === 'new_user') && outcome.reasons.length === 1
          ? t('comments.posted.held_new_user')
          : t('comments.posted.held')
        : target.parent ? t('comments.posted.reply') : t('comments.posted.published'),
    });
    return reply.redirect(`${target.subject.href}#comment-${outcome.id}`, 303);
  });

  /** A comment the actor may act on, with its subject (the thread must still be public). */
  async function ownTarget(request: FastifyRequest): Promise<{ comment: CommentRow; href: string; title: string }> {
    const id = idOf((request.params as { id: string }).id);
    const comment = id === null ? undefined : await findComment(ctx.db, id);
    if (!comment || comment.status === 'deleted') throw notFound();
    const provider = subjectProvider(comment.subject_type);
    const subject = provider ? await provider.load(ctx.db, comment.subject_id) : null;
    if (!subject) throw notFound();
    return { comment, href: subject.href, title: subject.title };
  }

  const mustOwn = (actor: Actor, comment: CommentRow) => {
    if (comment.author_id !== actor.id) throw notFound();
  };

  function renderEdit(request: FastifyRequest, reply: FastifyReply, target: { comment: CommentRow; href: string; title: string }, value: string, errors: Record<string, string>, status = 200) {
    const page = pageContext(request, reply, ctx.clock);
    const form = commentForm(ctx, page.csrfToken, {
      action: `/comments/${target.comment.id}/edit`, subject: null, parentId: null, value, errors, captcha: false, submitLabel: t('comments.edit.submit'),
    });
    const view = { subject: { title: target.title, href: target.href }, parent: null, form, editing: true };
    return sendPage(reply, <CommentFormPage page={page} view={view} />, status);
  }

  app.get('/comments/:id/edit', signedIn, async (request, reply) => {
    const target = await ownTarget(request);
    mustOwn(actorOf(request), target.comment);
    const until = editableUntil(target.comment, ctx.config.COMMENT_EDIT_MINUTES);
    if (!until || ctx.clock.now() > until) throw new AppError('conflict', t('comments.edit.window_over', { minutes: ctx.config.COMMENT_EDIT_MINUTES }));
    if (target.comment.reply_count > 0) throw new AppError('conflict', t('comments.edit.has_replies'));
    return renderEdit(request, reply, target, target.comment.body, {});
  });

  app.post('/comments/:id/edit', signedIn, async (request, reply) => {
    const actor = actorOf(request);
    const target = await ownTarget(request);
    mustOwn(actor, target.comment);
    const text = field(request.body, 'body', BODY_FIELD_MAX);
    try {
      const outcome = await editComment(ctx, actor, target.comment.id, text);
      if (outcome.status === 'rejected') return renderEdit(request, reply, target, text, { body: authorMessage(outcome.reasons) }, 422);
      setFlash(reply, { kind: outcome.status === 'held' ? 'info' : 'success', text: outcome.status === 'held' ? t('comments.edited_held') : t('comments.edited_published') });
      return reply.redirect(`${target.href}#comment-${target.comment.id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return renderEdit(request, reply, target, text, { body: err.detail ?? t(`error.${err.code}.title`) }, err.status);
      throw err;
    }
  });

  app.get('/comments/:id/delete', signedIn, async (request, reply) => {
    const target = await ownTarget(request);
    mustOwn(actorOf(request), target.comment);
    const page = pageContext(request, reply, ctx.clock);
    const view = { title: target.title, href: target.href, id: target.comment.id, paragraphs: commentParagraphs(target.comment.body) };
    return sendPage(reply, <DeleteCommentPage page={page} view={view} />);
  });

  app.post('/comments/:id/delete', signedIn, async (request, reply) => {
    const actor = actorOf(request);
    const target = await ownTarget(request);
    mustOwn(actor, target.comment);
    await deleteComment(ctx, actor, target.comment.id);
    setFlash(reply, { kind: 'success', text: t('comments.deleted') });
    return reply.redirect(`${target.href}#comments`, 303);
  });

  function renderReport(request: FastifyRequest, reply: FastifyReply, target: { comment: CommentRow; href: string; title: string }, values: { reason: string; note: string }, errors: Record<string, string>, status = 200) {
    const page = pageContext(request, reply, ctx.clock);
    const view = {
      title: target.title, href: target.href, id: target.comment.id, paragraphs: commentParagraphs(target.comment.body),
      reasons: reportReasons.map((r) => ({ value: r, label: t(`comments.report_reason.${r}`) })), values, errors,
    };
    return sendPage(reply, <ReportCommentPage page={page} view={view} />, status);
  }

  app.get('/comments/:id/report', signedIn, async (request, reply) => {
    const target = await ownTarget(request);
    if (target.comment.status !== 'published') throw notFound();
    if (target.comment.author_id === actorOf(request).id) throw new AppError('forbidden', t('comments.report.own'));
    return renderReport(request, reply, target, { reason: '', note: '' }, {});
  });

  app.post('/comments/:id/report', signedIn, async (request, reply) => {
    const actor = actorOf(request);
    const target = await ownTarget(request);
    const values = { reason: field(request.body, 'reason', 40), note: field(request.body, 'note', 2000) };
    try {
      const { hidden } = await reportComment(ctx, actor, target.comment.id, values);
      setFlash(reply, { kind: 'success', text: hidden ? t('comments.reported_hidden') : t('comments.reported') });
      return reply.redirect(`${target.href}#comments`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fieldErrors) return renderReport(request, reply, target, values, err.fieldErrors, err.status);
      if (err instanceof AppError && err.code === 'conflict') {
        setFlash(reply, { kind: 'info', text: err.detail ?? t('comments.report.already') });
        return reply.redirect(`${target.href}#comments`, 303);
      }
      throw err;
    }
  });

  app.get('/my/comments', signedIn, async (request, reply) => {
    const actor = actorOf(request);
    const p = pageFromQuery(field(request.query, 'page'), 20);
    const { rows, total } = await commentsByAuthor(ctx.db, actor.id, p);
    const titles = new Map<string, { title: string; href: string }>();
    for (const type of commentSubjectTypes) {
      const provider = subjectProvider(type);
      const ids = [...new Set(rows.filter((r) => r.subject_type === type).map((r) => r.subject_id))];
      if (provider && ids.length) for (const [id, v] of await provider.titles(ctx.db, ids)) titles.set(`${type}:${id}`, v);
    }
    const items: MyCommentView[] = rows.map((r) => {
      const subject = titles.get(`${r.subject_type}:${r.subject_id}`);
      const reasons = JSON.parse(r.reasons) as Reason[];
      return {
        id: r.id,
        subject: subject?.title ?? t('comments.my.subject_gone'),
        href: subject && r.status === 'published' ? `${subject.href}#comment-${r.id}` : subject?.href ?? null,
        when: formatJalaliDateTime(r.created_at),
        status: t(`comments.status.${r.status}`),
        tone: r.status === 'published' ? 'info' : r.status === 'held' || r.status === 'pending' ? 'warn' : 'demo',
        explanation:
          r.status === 'rejected'
            ? r.moderator_note ?? authorMessage(reasons)
            : r.status === 'held' || r.status === 'pending'
              ? t('comments.my.waiting')
              : r.status === 'hidden'
                ? r.moderator_note ?? t('comments.my.hidden')
                : null,
        paragraphs: commentParagraphs(r.body),
      };
    });
    const pager = { page: p.page, pages: pageCount(total, 20), hrefFor: (n: number) => `/my/comments?page=${n}` };
    return sendPage(reply, <MyCommentsPage page={pageContext(request, reply, ctx.clock)} items={items} pager={pager} />);
  });
}
