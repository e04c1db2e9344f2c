import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, SelectField, Table, TextAreaField, TextField, type FieldErrors, type SelectOption } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';
import { outcomeLabel, type AggregateView } from '../review-view.ts';
import { determinationOutcomes } from '../reviews.tables.ts';
import { AggregateTables, ChoiceGroup, DeterminationList, ReviewComments } from './review-parts.tsx';
import type { SupportSummaryView } from '../../plans/support-view.ts';
import { SupportSection } from '../../plans/views/support-box.tsx';

export const ADMIN_REVIEWS = '/admin/reviews';

const crumbs = (...rest: Crumb[]): Crumb[] => [
  { label: t('nav.admin'), href: '/admin' },
  ...(rest.length ? [{ label: t('reviewPage.list.title'), href: ADMIN_REVIEWS }, ...rest] : [{ label: t('reviewPage.list.title') }]),
];

// ---- the list -----------------------------------------------------------------------------------

export type ReviewListRow = {
  href: string;
  title: string;
  agency: string;
  amount: string;
  reviewers: string;
  short: boolean;
  submitted: string;
  total: string;
  discuss: boolean;
  moreInfo: boolean;
};

export type WorkloadRow = { name: string; profile: string; open: string; submitted: string; overdue: string; late: boolean };

export type ReviewListView = {
  discussOnly: boolean;
  tabs: { label: string; href: string; current: boolean }[];
  rows: ReviewListRow[];
  workload: WorkloadRow[];
};

/** /admin/reviews: plans in review with their reviewers and scores, the discussion list, reviewers' workload. */
export function ReviewListPage({ page, view }: { page: PageContext; view: ReviewListView }) {
  const title = t('reviewPage.list.title');
  return (
    <Layout page={page} title={title} breadcrumbs={crumbs()}>
      <h1>{title}</h1>
      <p class="lead">{view.discussOnly ? t('reviewPage.list.discuss_lead') : t('reviewPage.list.lead')}</p>
      <nav class="tabs" aria-label={t('reviewPage.list.tabs_label')}>
        <ul>
          {view.tabs.map((tab) => (
            <li><a href={tab.href} aria-current={tab.current ? 'page' : undefined}>{tab.label}</a></li>
          ))}
        </ul>
      </nav>
      <Table
        caption={view.discussOnly ? t('reviewPage.list.discuss', { count: view.rows.length }) : title}
        empty={view.discussOnly ? t('reviewPage.list.empty_discuss') : t('reviewPage.list.empty')}
        rows={view.rows}
        columns={[
          { header: t('reviewPage.col.plan'), cell: (r) => <a href={r.href}>{r.title}</a> },
          { header: t('reviewPage.col.agency'), cell: (r) => r.agency },
          { header: t('reviewPage.col.amount'), cell: (r) => r.amount, numeric: true },
          { header: t('reviewPage.col.reviewers'), cell: (r) => (r.short ? <Badge tone="warn">{r.reviewers}</Badge> : r.reviewers), numeric: true },
          { header: t('reviewPage.col.submitted'), cell: (r) => r.submitted, numeric: true },
          { header: t('reviewPage.col.total'), cell: (r) => r.total, numeric: true },
          {
            header: t('reviewPage.col.flags'),
            cell: (r) => (
              <>
                {r.discuss && <Badge tone="warn">{t('reviewPage.badge.discuss')}</Badge>}{' '}
                {r.moreInfo && <Badge tone="warn">{t('reviewPage.badge.more_info')}</Badge>}
              </>
            ),
          },
        ]}
      />
      <h2 id="workload">{t('reviewPage.workload.title')}</h2>
      <Table
        caption={t('reviewPage.workload.title')}
        empty={t('reviewPage.workload.empty')}
        rows={view.workload}
        columns={[
          { header: t('reviewPage.workload.col.name'), cell: (r) => <bdi>{r.name}</bdi> },
          { header: t('reviewPage.workload.col.profile'), cell: (r) => r.profile },
          { header: t('reviewPage.workload.col.open'), cell: (r) => r.open, numeric: true },
          { header: t('reviewPage.workload.col.submitted'), cell: (r) => r.submitted, numeric: true },
          { header: t('reviewPage.workload.col.overdue'), cell: (r) => (r.late ? <Badge tone="warn">{r.overdue}</Badge> : r.overdue), numeric: true },
        ]}
      />
    </Layout>
  );
}

// ---- one plan -----------------------------------------------------------------------------------

export type AssignmentLine = { reviewer: string; status: string; due: string; overdue: boolean; note: string | null };

export type ReviewPlanView = {
  id: number;
  title: string;
  publicHref: string | null;
  facts: { label: string; value: string }[];
  rubricHref: string | null;
  callTitle: string;
  /** Residents' support: the count and its geography. */
  support: SupportSummaryView;
  /** In review: reviewers can be assigned and a determination recorded. */
  open: boolean;
  assignments: AssignmentLine[];
  assign: { options: SelectOption[]; excluded: string | null; required: number; values: { reviewers: string[]; due: string } } | null;
  aggregate: AggregateView | null;
  determine: { outcome: string; reasons: string; meetingId: string; meetings: SelectOption[] } | null;
  determinations: { heading: string; reasons: string }[];
  errors: FieldErrors;
};

/** /admin/reviews/:planId: who reviews, the combined scores, the reviewers' comments, and the determination. */
export function ReviewPlanPage({ page, view }: { page: PageContext; view: ReviewPlanView }) {
  const title = t('reviewPage.plan.title', { title: view.title });
  const base = `${ADMIN_REVIEWS}/${view.id}`;
  const outcomes: SelectOption[] = determinationOutcomes.map((o) => ({ value: o, label: outcomeLabel(o) }));
  return (
    <Layout page={page} title={title} breadcrumbs={crumbs({ label: view.title })}>
      <h1>{title}</h1>
      <ErrorSummary
        errors={view.errors}
        labels={{
          reviewers: t('reviewPage.assign.reviewers'), due: t('reviewPage.assign.due'),
          outcome: t('reviewPage.determine.outcome'), reasons: t('reviewPage.determine.reasons'), meeting_id: t('meetings.determine.meeting'),
        }}
      />
      <dl class="kv card">
        {view.facts.map((f) => (
          <div><dt>{f.label}</dt><dd>{f.value}</dd></div>
        ))}
        <div>
          <dt>{t('reviewPage.plan.call')}</dt>
          <dd>{view.callTitle}{view.rubricHref && <> — <a href={view.rubricHref}>{t('reviewPage.rubric.link')}</a></>}</dd>
        </div>
      </dl>
      {view.publicHref && <p><a href={view.publicHref}>{t('reviewPage.plan.public_link')}</a></p>}
      {!view.open && <p class="flash flash-info">{t('reviewPage.plan.closed')}</p>}
      <SupportSection view={view.support} />

      <section aria-labelledby="assignments-title">
        <h2 id="assignments-title">{t('reviewPage.assignments.title')}</h2>
        <Table
          caption={t('reviewPage.assignments.title')}
          empty={t('reviewPage.assignments.empty')}
          rows={view.assignments}
          columns={[
            { header: t('reviewPage.assignments.col.reviewer'), cell: (a) => <bdi>{a.reviewer}</bdi> },
            { header: t('reviewPage.col.status'), cell: (a) => <Badge>{a.status}</Badge> },
            { header: t('reviewPage.col.due'), cell: (a) => <>{a.due}{a.overdue && <> <Badge tone="warn">{t('reviewPage.badge.overdue')}</Badge></>}</> },
            { header: t('reviewPage.assignments.col.note'), cell: (a) => a.note ?? '' },
          ]}
        />
      </section>

      {view.assign && (
        <section class="card" aria-labelledby="assign-title">
          <h2 id="assign-title">{t('reviewPage.assign.title')}</h2>
          {view.assign.excluded && <p class="meta">{view.assign.excluded}</p>}
          {view.assign.options.length === 0 ? (
            <p>{t('reviewPage.assign.none_left')}</p>
          ) : (
            <form method="post" action={`${base}/assign`} novalidate>
              <CsrfField token={page.csrfToken} />
              <ChoiceGroup
                type="checkbox" id="reviewers" name="reviewers" label={t('reviewPage.assign.reviewers')}
                hint={t('reviewPage.assign.reviewers_hint', { required: view.assign.required })}
                options={view.assign.options} values={view.assign.values.reviewers} error={view.errors.reviewers}
              />
              <TextField
                name="due" label={t('reviewPage.assign.due')} hint={t('reviewPage.assign.due_hint')} value={view.assign.values.due}
                error={view.errors.due} inputMode="numeric" maxLength={12} required
              />
              <button type="submit" class="button">{t('reviewPage.assign.submit')}</button>
            </form>
          )}
        </section>
      )}

      <section aria-labelledby="aggregate-title">
        <h2 id="aggregate-title">{t('reviewPage.aggregate.title')}</h2>
        {view.aggregate ? <AggregateTables view={view.aggregate} staff /> : <p class="empty">{t('reviewPage.aggregate.none')}</p>}
      </section>
      {view.aggregate && <ReviewComments view={view.aggregate} />}

      {view.determine && (
        <section class="card" aria-labelledby="determine-title">
          <h2 id="determine-title">{t('reviewPage.determine.title')}</h2>
          <form method="post" action={`${base}/determine`} novalidate>
            <CsrfField token={page.csrfToken} />
            <ChoiceGroup
              type="radio" id="outcome" name="outcome" label={t('reviewPage.determine.outcome')} options={outcomes}
              values={[view.determine.outcome]} error={view.errors.outcome}
            />
            <TextAreaField
              name="reasons" label={t('reviewPage.determine.reasons')} hint={t('reviewPage.determine.reasons_hint')} value={view.determine.reasons}
              error={view.errors.reasons} rows={5} maxLength={5000} required
            />
            {view.determine.meetings.length > 0 && (
              <SelectField
                name="meeting_id" label={t('meetings.determine.meeting')} hint={t('meetings.determine.meeting_hint')} placeholder={t('meetings.determine.no_meeting')}
                options={view.determine.meetings} value={view.determine.meetingId} error={view.errors.meeting_id}
              />
            )}
            <button type="submit" class="button">{t('reviewPage.determine.submit')}</button>
          </form>
        </section>
      )}

      {view.determinations.length > 0 && (
        <section aria-labelledby="determinations-title">
          <h2 id="determinations-title">{t('reviewPage.determinations.title')}</h2>
          <DeterminationList items={view.determinations} />
        </section>
      )}
    </Layout>
  );
}

// ---- a call's rubric ----------------------------------------------------------------------------

export type RubricFormView = {
  callId: number;
  callTitle: string;
  callHref: string;
  custom: boolean;
  blocks: { key: string; label: string; weight: string; criteria: SelectOption[] }[];
  criteria: string[];
  minBlockMean: string;
  spreadThreshold: string;
  threeAbove: string;
  threeAboveHint: string;
  errors: FieldErrors;
};

/** /admin/calls/:id/rubric: block weights, the criteria in use, the thresholds and the three-reviewer amount. */
export function RubricPage({ page, view }: { page: PageContext; view: RubricFormView }) {
  const title = t('reviewPage.rubric.title', { title: view.callTitle });
  const labels: Record<string, string> = {
    weights: t('reviewPage.rubric.weights'),
    criteria: t('reviewPage.rubric.criteria'),
    minBlockMean: t('reviewPage.rubric.min_block_mean'),
    spreadThreshold: t('reviewPage.rubric.spread'),
    threeAbove: t('reviewPage.rubric.three_above'),
  };
  for (const b of view.blocks) labels[`weight_${b.key}`] = t('reviewPage.rubric.weight_of', { block: b.label });
  return (
    <Layout
      page={page} title={title}
      breadcrumbs={[{ label: t('nav.admin'), href: '/admin' }, { label: view.callTitle, href: view.callHref }, { label: t('reviewPage.rubric.link') }]}
    >
      <h1>{title}</h1>
      <p class="lead">{t('reviewPage.rubric.lead')}</p>
      {!view.custom && <p class="meta">{t('reviewPage.rubric.default_note')}</p>}
      <ErrorSummary errors={view.errors} labels={labels} />
      <form method="post" action={`/admin/calls/${view.callId}/rubric`} novalidate>
        <CsrfField token={page.csrfToken} />
        <fieldset class={`card${view.errors.weights ? ' field-invalid' : ''}`} id="weights" tabIndex={-1} aria-describedby={view.errors.weights ? 'weights-error' : undefined}>
          <legend>{t('reviewPage.rubric.weights')}</legend>
          {view.errors.weights && <p class="field-error" id="weights-error">{view.errors.weights}</p>}
          {view.blocks.map((b) => (
            <TextField
              name={`weight_${b.key}`} label={t('reviewPage.rubric.weight_of', { block: b.label })} value={b.weight}
              error={view.errors[`weight_${b.key}`]} inputMode="numeric" maxLength={3} required
            />
          ))}
        </fieldset>
        <div
          class={`card${view.errors.criteria ? ' field-invalid' : ''}`} id="criteria" tabIndex={-1} role="group" aria-label={t('reviewPage.rubric.criteria')}
          aria-describedby={view.errors.criteria ? 'criteria-error' : undefined}
        >
          {view.errors.criteria && <p class="field-error" id="criteria-error">{view.errors.criteria}</p>}
          {view.blocks.map((b) => (
            <ChoiceGroup
              type="checkbox" id={`criteria_${b.key}`} name="criteria" label={t('reviewPage.rubric.criteria_of', { block: b.label })}
              options={b.criteria} values={view.criteria}
            />
          ))}
        </div>
        <TextField
          name="minBlockMean" label={t('reviewPage.rubric.min_block_mean')} hint={t('reviewPage.rubric.min_block_mean_hint')} value={view.minBlockMean}
          error={view.errors.minBlockMean} inputMode="text" maxLength={6} required
        />
        <TextField
          name="spreadThreshold" label={t('reviewPage.rubric.spread')} hint={t('reviewPage.rubric.spread_hint')} value={view.spreadThreshold}
          error={view.errors.spreadThreshold} inputMode="text" maxLength={6} required
        />
        <TextField
          name="threeAbove" label={t('reviewPage.rubric.three_above')} hint={view.threeAboveHint} value={view.threeAbove}
          error={view.errors.threeAbove} inputMode="numeric" maxLength={30} required
        />
        <button type="submit" class="button">{t('reviewPage.rubric.submit')}</button> <a href={view.callHref}>{t('call.cancel')}</a>
      </form>
    </Layout>
  );
}
