import { t } from '../../platform/i18n/t.ts';
import { formatNumber } from '../../platform/persian/money.ts';
import { CaptchaField } from '../../platform/captcha/captcha-field.tsx';
import type { CaptchaChallenge } from '../../platform/captcha/captcha.ts';
import { CsrfField, ErrorSummary, Pager, TextAreaField, type FieldErrors, type PagerModel } from '../../platform/views/components.tsx';

export type CommentView = {
  id: number;
  author: string;
  when: string;
  whenIso: string;
  edited: boolean;
  paragraphs: string[];
  /** waiting: the author's own comment, not yet public; removed: a placeholder kept for its replies. */
  state: 'published' | 'waiting' | 'removed';
  removedLabel: string;
  own: boolean;
  replyHref: string | null;
  editHref: string | null;
  deleteHref: string | null;
  reportHref: string | null;
  replies: CommentView[];
};

export type ThreadView = {
  subject: string;
  heading: string;
  count: number;
  order: 'newest' | 'oldest';
  orderLinks: { label: string; href: string; current: boolean }[];
  items: CommentView[];
  pager: PagerModel;
  open: boolean;
  /** For visitors: where to sign in and come back to the form. */
  signInHref: string | null;
  newHref: string;
};

export type CommentFormModel = {
  action: string;
  subject: string | null;
  parentId: number | null;
  value: string;
  errors: FieldErrors;
  csrfToken: string;
  captcha: CaptchaChallenge | null;
  submitLabel: string;
};

export const COMMENT_MAX_CHARS = 1500;

/** The publishing rules, shown above every comment form. */
export function CommentRules() {
  return (
    <div class="comment-rules">
      <p>{t('comments.rules.lead')}</p>
      <ul>
        <li>{t('comments.rules.insult')}</li>
        <li>{t('comments.rules.defamation')}</li>
        <li>{t('comments.rules.persian')}</li>
        <li>{t('comments.rules.topic')}</li>
        <li>{t('comments.rules.spam')}</li>
      </ul>
      <p class="meta">{t('comments.rules.criticism')}</p>
    </div>
  );
}

export function CommentForm({ form }: { form: CommentFormModel }) {
  return (
    <form method="post" action={form.action} class="comment-form" id="comment-form" novalidate>
      <CsrfField token={form.csrfToken} />
      {form.subject && <input type="hidden" name="subject" value={form.subject} />}
      {form.parentId !== null && <input type="hidden" name="parent" value={String(form.parentId)} />}
      <ErrorSummary errors={form.errors} labels={{ body: t('comments.form.body'), captcha: t('comments.form.captcha') }} />
      <TextAreaField
        name="body"
        label={t('comments.form.body')}
        hint={t('comments.form.body_hint', { max: formatNumber(COMMENT_MAX_CHARS) })}
        value={form.value}
        rows={5}
        required
        error={form.errors.body}
      />
      {form.captcha && <CaptchaField challenge={form.captcha} error={form.errors.captcha} />}
      {form.captcha && <script src="/static/js/captcha.js" defer />}
      <button type="submit" class="button">{form.submitLabel}</button>
    </form>
  );
}

function CommentItem({ c, depth }: { c: CommentView; depth: number }) {
  return (
    <li class={`comment comment-${c.state}`} id={`comment-${c.id}`}>
      <article aria-label={c.state === 'removed' ? c.removedLabel : t('comments.item_label', { author: c.author })}>
        {c.state === 'removed' ? (
          <p class="comment-removed">{c.removedLabel}</p>
        ) : (
          <>
            <header class="comment-head">
              <strong>{c.author}</strong>
              <time datetime={c.whenIso}>{c.when}</time>
              {c.edited && <span class="meta">{t('comments.edited')}</span>}
              {c.state === 'waiting' && <span class="badge badge-warn">{t('comments.waiting')}</span>}
            </header>
            <div class="comment-body">
              {c.paragraphs.map((p) => (
                <p>{p}</p>
              ))}
            </div>
            <p class="comment-actions">
              {c.replyHref && <a href={c.replyHref}>{t('comments.reply')}</a>}
              {c.editHref && <a href={c.editHref}>{t('comments.edit')}</a>}
              {c.deleteHref && <a href={c.deleteHref}>{t('comments.delete')}</a>}
              {c.reportHref && <a href={c.reportHref}>{t('comments.report')}</a>}
            </p>
          </>
        )}
      </article>
      {c.replies.length > 0 && (
        <ol class="comment-replies" aria-label={t('comments.replies_label')}>
          {c.replies.map((r) => (
            <CommentItem c={r} depth={depth + 1} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** A subject's comments with the form (signed in) or a sign-in link (visitors). */
export function CommentThread({ thread, form }: { thread: ThreadView; form: CommentFormModel | null }) {
  return (
    <section id="comments" class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{thread.heading}</h2>
      {thread.count > 0 && (
        <nav class="comment-order" aria-label={t('comments.order.label')}>
          {thread.orderLinks.map((l) => (
            <a href={l.href} aria-current={l.current ? 'true' : undefined}>
              {l.label}
            </a>
          ))}
        </nav>
      )}
      {thread.items.length ? (
        <ol class="comment-list">
          {thread.items.map((c) => (
            <CommentItem c={c} depth={0} />
          ))}
        </ol>
      ) : (
        <p class="meta">{t('comments.empty')}</p>
      )}
      {thread.pager.pages > 1 && <Pager pager={thread.pager} />}
      <h3>{t('comments.form.heading')}</h3>
      {!thread.open ? (
        <p class="meta">{t('comments.closed')}</p>
      ) : form ? (
        <>
          <CommentRules />
          <CommentForm form={form} />
        </>
      ) : (
        <>
          <CommentRules />
          <p id="comment-form">
            <a class="button" href={thread.signInHref ?? '/login'}>{t('comments.sign_in')}</a>
          </p>
        </>
      )}
    </section>
  );
}
