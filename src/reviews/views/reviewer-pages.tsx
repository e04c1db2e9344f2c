import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, Table, TextAreaField, type FieldErrors, type SelectOption } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';
import { ChoiceGroup } from './review-parts.tsx';
import type { SupportSummaryView } from '../../plans/support-view.ts';
import { SupportSection } from '../../plans/views/support-box.tsx';

const WORKSPACE = '/reviews';

const crumbs = (...rest: Crumb[]): Crumb[] =>
  rest.length ? [{ label: t('reviewPage.nav'), href: WORKSPACE }, ...rest] : [{ label: t('reviewPage.nav') }];

export type WorkspaceRow = { href: string; title: string; agency: string; status: string; due: string; overdue: boolean };

/** /reviews: the plans the secretariat asked this person to review. */
export function ReviewWorkspacePage({ page, rows }: { page: PageContext; rows: WorkspaceRow[] }) {
  const title = t('reviewPage.nav');
  return (
    <Layout page={page} title={title} breadcrumbs={crumbs()}>
      <h1>{title}</h1>
      <p class="lead">{t('reviewPage.workspace.lead')}</p>
      <Table
        caption={title}
        empty={t('reviewPage.workspace.empty')}
        rows={rows}
        columns={[
          { header: t('reviewPage.col.plan'), cell: (r) => <a href={r.href}>{r.title}</a> },
          { header: t('reviewPage.col.agency'), cell: (r) => r.agency },
          { header: t('reviewPage.col.status'), cell: (r) => <Badge>{r.status}</Badge> },
          { header: t('reviewPage.col.due'), cell: (r) => <>{r.due}{r.overdue && <> <Badge tone="warn">{t('reviewPage.badge.overdue')}</Badge></>}</> },
        ]}
      />
    </Layout>
  );
}

export type CriterionInput = { key: string; label: string; anchor5: string; anchor1: string; score: string; comment: string };

export type ReviewFormView = {
  blocks: { key: string; heading: string; criteria: CriterionInput[] }[];
  recommendation: string;
  comment: string;
  draftAt: string | null;
};

export type SubmittedReviewView = {
  when: string;
  criteria: { label: string; score: string; comment: string }[];
  recommendation: string;
  comment: string | null;
};

export type AssignmentPageView = {
  id: number;
  title: string;
  facts: { label: string; value: string }[];
  overdue: boolean;
  planHref: string | null;
  /** Residents' support: the count and its geography. */
  support: SupportSummaryView;
  status: string;
  /** What the page offers: answering the request, the review form, the sent review, or a note. */
  mode:
    | { kind: 'respond'; noConflict: boolean; reason: string }
    | { kind: 'form'; form: ReviewFormView }
    | { kind: 'submitted'; review: SubmittedReviewView }
    | { kind: 'note'; text: string };
  errors: FieldErrors;
  errorLabels: Record<string, string>;
};

const scoreOptions = (): SelectOption[] => [
  ...(['0', '1', '2', '3', '4', '5'] as const).map((s) => ({ value: s, label: t(`rubric.score.${s}`) })),
  { value: 'na', label: t('rubric.score.na') },
];

function RespondForms({ page, view, noConflict, reason }: { page: PageContext; view: AssignmentPageView; noConflict: boolean; reason: string }) {
  const action = `${WORKSPACE}/${view.id}/respond`;
  const err = view.errors.noConflict;
  return (
    <div class="two-columns">
      <section class="card" aria-labelledby="accept-title">
        <h2 id="accept-title">{t('reviewPage.respond.accept_title')}</h2>
        <form method="post" action={action} novalidate>
          <CsrfField token={page.csrfToken} />
          <div class={`field${err ? ' field-invalid' : ''}`}>
            {err && <p class="field-error" id="noConflict-error">{err}</p>}
            <label class="checkbox" for="noConflict">
              <input
                type="checkbox" id="noConflict" name="noConflict" value="yes" checked={noConflict} required
                aria-invalid={err ? 'true' : undefined} aria-describedby={err ? 'noConflict-hint noConflict-error' : 'noConflict-hint'}
              />
              <span>{t('reviewPage.respond.no_conflict')}</span>
            </label>
            <p class="hint" id="noConflict-hint">{t('reviewPage.respond.no_conflict_hint')}</p>
          </div>
          <button type="submit" name="answer" value="accept" class="button">{t('reviewPage.respond.accept')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="decline-title">
        <h2 id="decline-title">{t('reviewPage.respond.decline_title')}</h2>
        <form method="post" action={action} novalidate>
          <CsrfField token={page.csrfToken} />
          <TextAreaField
            name="reason" label={t('reviewPage.respond.reason')} hint={t('reviewPage.respond.reason_hint')} value={reason}
            error={view.errors.reason} rows={3} maxLength={1000} required
          />
          <p class="moderation-quick">
            <button type="submit" name="answer" value="decline" class="button button-secondary">{t('reviewPage.respond.decline')}</button>
            <button type="submit" name="answer" value="conflict" class="button button-danger">{t('reviewPage.respond.conflict')}</button>
          </p>
        </form>
      </section>
    </div>
  );
}

function ReviewForm({ page, view, form }: { page: PageContext; view: AssignmentPageView; form: ReviewFormView }) {
  const recommendations: SelectOption[] = (['yes', 'maybe', 'no'] as const).map((r) => ({ value: r, label: t(`review.recommendation.${r}`) }));
  const options = scoreOptions();
  return (
    <section aria-labelledby="form-title">
      <h2 id="form-title">{t('reviewPage.form.title')}</h2>
      <p>{t('reviewPage.form.lead')}</p>
      {form.draftAt && <p class="meta">{form.draftAt}</p>}
      <form method="post" action={`${WORKSPACE}/${view.id}`} novalidate>
        <CsrfField token={page.csrfToken} />
        {form.blocks.map((b) => (
          <section class="card" aria-labelledby={`block-${b.key}`}>
            <h3 id={`block-${b.key}`}>{b.heading}</h3>
            {b.criteria.map((c) => (
              <div class="criterion">
                <ChoiceGroup
                  type="radio" id={`score_${c.key}`} name={`score_${c.key}`} label={c.label} options={options} values={[c.score]}
                  error={view.errors[`score_${c.key}`]} inline
                  hint={<><p>{c.anchor5}</p><p>{c.anchor1}</p></>}
                />
                <TextAreaField
                  name={`comment_${c.key}`} label={t('reviewPage.form.comment', { criterion: c.label })} value={c.comment}
                  error={view.errors[`comment_${c.key}`]} rows={2} maxLength={2000}
                />
              </div>
            ))}
          </section>
        ))}
        <section class="card">
          <ChoiceGroup
            type="radio" id="recommendation" name="recommendation" label={t('reviewPage.form.recommendation')} options={recommendations}
            values={[form.recommendation]} error={view.errors.recommendation}
          />
          <TextAreaField
            name="comment" label={t('reviewPage.form.overall_comment')} hint={t('reviewPage.form.overall_comment_hint')} value={form.comment}
            error={view.errors.comment} rows={5} maxLength={5000}
          />
        </section>
        <p class="hint">{t('reviewPage.form.submit_hint')}</p>
        <p class="moderation-quick">
          <button type="submit" name="action" value="draft" class="button button-secondary">{t('reviewPage.form.draft')}</button>
          <button type="submit" name="action" value="submit" class="button">{t('reviewPage.form.submit')}</button>
        </p>
      </form>
    </section>
  );
}

function SubmittedReview({ review }: { review: SubmittedReviewView }) {
  return (
    <section class="card" aria-labelledby="submitted-title">
      <h2 id="submitted-title">{t('reviewPage.submitted.title')}</h2>
      <p class="meta">{review.when}</p>
      <Table
        caption={t('reviewPage.submitted.title')}
        rows={review.criteria}
        columns={[
          { header: t('reviewPage.aggregate.criterion'), cell: (c) => c.label },
          { header: t('reviewPage.score'), cell: (c) => c.score, numeric: true },
          { header: t('reviewPage.assignments.col.note'), cell: (c) => c.comment },
        ]}
      />
      <p><strong>{review.recommendation}</strong></p>
      {review.comment && (
        <>
          <h3>{t('reviewPage.comments.overall')}</h3>
          <p>{review.comment}</p>
        </>
      )}
    </section>
  );
}

/** /reviews/:id: one request to review: answer it, fill in the review, or read what was sent. */
export function AssignmentPage({ page, view }: { page: PageContext; view: AssignmentPageView }) {
  const title = t('reviewPage.plan.title', { title: view.title });
  const m = view.mode;
  return (
    <Layout page={page} title={title} breadcrumbs={crumbs({ label: view.title })}>
      <h1>{title}</h1>
      <ErrorSummary errors={view.errors} labels={view.errorLabels} />
      <dl class="kv card">
        <div><dt>{t('reviewPage.col.status')}</dt><dd><Badge>{view.status}</Badge></dd></div>
        {view.facts.map((f) => (
          <div><dt>{f.label}</dt><dd>{f.value}</dd></div>
        ))}
      </dl>
      {view.overdue && <p><Badge tone="warn">{t('reviewPage.badge.overdue')}</Badge></p>}
      {view.planHref && <p><a href={view.planHref} class="button button-secondary">{t('reviewPage.assignment.read_plan')}</a></p>}
      <SupportSection view={view.support} />
      {m.kind === 'respond' && <RespondForms page={page} view={view} noConflict={m.noConflict} reason={m.reason} />}
      {m.kind === 'form' && <ReviewForm page={page} view={view} form={m.form} />}
      {m.kind === 'submitted' && <SubmittedReview review={m.review} />}
      {m.kind === 'note' && <p class="flash flash-info">{m.text}</p>}
    </Layout>
  );
}
