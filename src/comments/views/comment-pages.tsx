import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, Pager, TextAreaField, type FieldErrors, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { CommentForm, CommentRules, type CommentFormModel } from './thread.tsx';

type SubjectLink = { title: string; href: string };

export type CommentFormPageView = {
  subject: SubjectLink;
  parent: { author: string; paragraphs: string[]; when: string } | null;
  form: CommentFormModel;
  editing?: boolean;
};

const crumbs = (subject: SubjectLink, label: string) => [{ label: t('nav.home'), href: '/' }, { label: subject.title, href: subject.href }, { label }];

/** A comment or reply form on its own page: for replies without JavaScript, edits, and any refusal (text kept). */
export function CommentFormPage({ page, view }: { page: PageContext; view: CommentFormPageView }) {
  const title = view.editing ? t('comments.edit.title') : view.parent ? t('comments.reply.title') : t('comments.new.title');
  return (
    <Layout page={page} title={title} breadcrumbs={crumbs(view.subject, title)}>
      <h1>{title}</h1>
      <p>
        {t('comments.about')} <a href={view.subject.href}>{view.subject.title}</a>
      </p>
      {view.parent && (
        <blockquote class="comment-quote">
          <p class="meta">{view.parent.author ? t('comments.reply.to_author', { author: view.parent.author, when: view.parent.when }) : t('comments.reply.to', { when: view.parent.when })}</p>
          {view.parent.paragraphs.map((p) => (
            <p>{p}</p>
          ))}
        </blockquote>
      )}
      {view.editing && <p class="meta">{t('comments.edit.hint')}</p>}
      <CommentRules />
      <CommentForm form={view.form} />
      <p>
        <a href={view.subject.href}>{t('comments.back')}</a>
      </p>
    </Layout>
  );
}

export function DeleteCommentPage({ page, view }: { page: PageContext; view: { title: string; href: string; id: number; paragraphs: string[] } }) {
  return (
    <Layout page={page} title={t('comments.delete.title')} breadcrumbs={crumbs(view, t('comments.delete.title'))}>
      <h1>{t('comments.delete.title')}</h1>
      <blockquote class="comment-quote">
        {view.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
      </blockquote>
      <p>{t('comments.delete.confirm')}</p>
      <form method="post" action={`/comments/${view.id}/delete`}>
        <CsrfField token={page.csrfToken} />
        <button type="submit" class="button button-danger">{t('comments.delete.submit')}</button> <a href={view.href}>{t('comments.cancel')}</a>
      </form>
    </Layout>
  );
}

export type ReportPageView = {
  title: string;
  href: string;
  id: number;
  paragraphs: string[];
  reasons: { value: string; label: string }[];
  values: { reason: string; note: string };
  errors: FieldErrors;
};

export function ReportCommentPage({ page, view }: { page: PageContext; view: ReportPageView }) {
  return (
    <Layout page={page} title={t('comments.report.title')} breadcrumbs={crumbs(view, t('comments.report.title'))}>
      <h1>{t('comments.report.title')}</h1>
      <blockquote class="comment-quote">
        {view.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
      </blockquote>
      <ErrorSummary errors={view.errors} labels={{ reason: t('comments.report.reason'), note: t('comments.report.note') }} />
      <form method="post" action={`/comments/${view.id}/report`} novalidate>
        <CsrfField token={page.csrfToken} />
        <fieldset class="field" aria-describedby={view.errors.reason ? 'reason-error' : undefined}>
          <legend>{t('comments.report.reason')}</legend>
          {view.errors.reason && (
            <p class="field-error" id="reason-error">
              {view.errors.reason}
            </p>
          )}
          {view.reasons.map((r) => (
            <label class="choice">
              <input type="radio" name="reason" value={r.value} checked={view.values.reason === r.value} required /> {r.label}
            </label>
          ))}
        </fieldset>
        <TextAreaField name="note" label={t('comments.report.note')} hint={t('comments.report.note_hint')} value={view.values.note} rows={3} maxLength={500} error={view.errors.note} />
        <button type="submit" class="button">{t('comments.report.submit')}</button> <a href={view.href}>{t('comments.cancel')}</a>
      </form>
    </Layout>
  );
}

export type MyCommentView = {
  id: number;
  subject: string;
  href: string | null;
  when: string;
  status: string;
  tone: 'info' | 'warn' | 'demo';
  explanation: string | null;
  paragraphs: string[];
};

export function MyCommentsPage({ page, items, pager }: { page: PageContext; items: MyCommentView[]; pager: PagerModel }) {
  return (
    <Layout page={page} title={t('comments.my.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('comments.my.title') }]}>
      <h1>{t('comments.my.title')}</h1>
      {items.length === 0 ? (
        <p class="meta">{t('comments.my.empty')}</p>
      ) : (
        <ol class="my-comments">
          {items.map((c) => (
            <li class="card" id={`comment-${c.id}`}>
              <p>
                <Badge tone={c.tone}>{c.status}</Badge> {c.href ? <a href={c.href}>{c.subject}</a> : c.subject} <span class="meta">{c.when}</span>
              </p>
              <div class="comment-body">
                {c.paragraphs.map((p) => (
                  <p>{p}</p>
                ))}
              </div>
              {c.explanation && <p class="comment-explanation">{c.explanation}</p>}
            </li>
          ))}
        </ol>
      )}
      {pager.pages > 1 && <Pager pager={pager} />}
    </Layout>
  );
}
