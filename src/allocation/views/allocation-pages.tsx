// The allocation pages: the secretariat's form for a call and its rounds, one round with commit and
// publish, and the public results. Every form works without JavaScript.

import { t } from '../../platform/i18n/t.ts';
import { adminCallCrumbs } from '../../calls/views/admin-call-pages.tsx';
import {
  Badge, CsrfField, ErrorSummary, Table, TextAreaField, TextField, type FieldErrors, type SelectOption,
} from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';
import { RoundReport, type RoundReportView } from './round-report.tsx';

// ---- shared -------------------------------------------------------------------------------------

export type RoundListRow = { href: string; label: string; status: string; statusTone: 'info' | 'warn'; method: string; spent: string; funded: string; date: string };

export type Choice = { value: string; label: string; hint: string };

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** Radio buttons, each with a one-line explanation under its label. */
function RadioChoices(props: { id: string; label: string; choices: Choice[]; value: string; error?: string; hint?: string }) {
  return (
    <fieldset class={`field${props.error ? ' field-invalid' : ''}`} id={props.id} tabIndex={-1} aria-describedby={describedBy(props.id, props.hint, props.error)}>
      <legend>{props.label}</legend>
      {props.hint && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.error && <p class="field-error" id={`${props.id}-error`}>{props.error}</p>}
      {props.choices.map((c) => (
        <div>
          <label class="checkbox">
            <input type="radio" name={props.id} value={c.value} checked={props.value === c.value} aria-describedby={`${props.id}-${c.value}-hint`} />
            <span>{c.label}</span>
          </label>
          <p class="hint" id={`${props.id}-${c.value}-hint`}>{c.hint}</p>
        </div>
      ))}
    </fieldset>
  );
}

/** A text input inside a table cell, named by its aria-label (the row and column say what it is). */
function CellInput(props: { name: string; label: string; value: string; error?: string }) {
  return (
    <>
      {props.error && <p class="field-error" id={`${props.name}-error`}>{props.error}</p>}
      <input
        type="text"
        id={props.name}
        name={props.name}
        value={props.value}
        inputMode="numeric"
        aria-label={props.label}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.name}-error` : undefined}
      />
    </>
  );
}

export function RoundsTable({ rows, caption }: { rows: RoundListRow[]; caption: string }) {
  return (
    <Table
      caption={caption}
      empty={t('allocationPage.rounds.empty')}
      rows={rows}
      columns={[
        { header: t('allocationPage.col.round'), cell: (r) => <a href={r.href}>{r.label}</a> },
        { header: t('allocationPage.col.status'), cell: (r) => <Badge tone={r.statusTone}>{r.status}</Badge> },
        { header: t('allocationPage.col.method'), cell: (r) => r.method },
        { header: t('allocationPage.col.spent'), cell: (r) => r.spent, numeric: true },
        { header: t('allocationPage.col.funded'), cell: (r) => r.funded, numeric: true },
        { header: t('allocationPage.col.date'), cell: (r) => r.date },
      ]}
    />
  );
}

// ---- the form -----------------------------------------------------------------------------------

export type AllocationFormValues = {
  method: string;
  valueRule: string;
  budget: string;
  share: string;
  note: string;
  /** By county id. */
  floors: Record<string, string>;
  caps: Record<string, string>;
  /** By agency id. */
  agencyCaps: Record<string, string>;
  mustFund: string[];
  pairs: [string, string][];
};

export type ApprovedPlanRow = { number: string; title: string; agency: string; county: string; cost: string; reach: string; score: string };

export type AllocationFormView = {
  callId: number;
  callTitle: string;
  callHref: string;
  plans: ApprovedPlanRow[];
  methods: Choice[];
  valueRules: Choice[];
  counties: { id: string; name: string }[];
  agencies: { id: string; name: string }[];
  planOptions: SelectOption[];
  values: AllocationFormValues;
  errors: FieldErrors;
  /** Labels of the fields that may carry an error, for the error summary. */
  errorLabels: Record<string, string>;
  budgetWords: string | null;
  /** The committed round of the call, when there is one (no new round may run). */
  committedHref: string | null;
  rounds: RoundListRow[];
  pairRows: number;
};

export const allocationFormCrumbs = (callTitle: string, callHref: string, ...rest: Crumb[]): Crumb[] =>
  adminCallCrumbs({ label: callTitle, href: callHref }, ...(rest.length ? rest : [{ label: t('allocationPage.link') }]));

export function AllocationFormPage({ page, view }: { page: PageContext; view: AllocationFormView }) {
  const title = t('allocationPage.form.title', { call: view.callTitle });
  const v = view.values;
  const e = view.errors;
  return (
    <Layout page={page} title={title} breadcrumbs={allocationFormCrumbs(view.callTitle, view.callHref)}>
      <h1>{title}</h1>
      <p class="lead">{t('allocationPage.form.lead')}</p>
      <h2 id="plans">{t('allocationPage.plans.title')}</h2>
      <Table
        caption={t('allocationPage.plans.title')}
        empty={t('allocationPage.plans.empty')}
        rows={view.plans}
        columns={[
          { header: t('allocationPage.col.number'), cell: (r) => r.number, numeric: true },
          { header: t('allocationPage.col.plan'), cell: (r) => r.title },
          { header: t('allocationPage.col.agency'), cell: (r) => r.agency },
          { header: t('allocationPage.col.county'), cell: (r) => r.county },
          { header: t('allocationPage.col.cost'), cell: (r) => r.cost, numeric: true },
          { header: t('allocationPage.col.reach'), cell: (r) => r.reach, numeric: true },
          { header: t('allocationPage.col.score'), cell: (r) => r.score, numeric: true },
        ]}
      />
      {view.committedHref ? (
        <p class="card">
          {t('allocationPage.committed_notice')} <a href={view.committedHref}>{t('allocationPage.committed_link')}</a>
        </p>
      ) : (
        view.plans.length > 0 && (
          <form method="post" action={`/admin/calls/${view.callId}/allocation`} class="card" id="form" noValidate>
            <h2>{t('allocationPage.form.heading')}</h2>
            <ErrorSummary errors={e} labels={view.errorLabels} />
            <CsrfField token={page.csrfToken} />
            <RadioChoices id="method" label={t('allocationPage.field.method')} choices={view.methods} value={v.method} error={e.method} />
            <RadioChoices id="valueRule" label={t('allocationPage.field.value_rule')} choices={view.valueRules} value={v.valueRule} error={e.valueRule} hint={t('allocationPage.value_hint')} />
            <TextField name="budget" label={t('allocationPage.field.budget')} hint={t('allocationPage.field.budget_hint')} value={v.budget} inputMode="numeric" error={e.budget} required />
            {view.budgetWords && <p class="meta">{view.budgetWords}</p>}

            <fieldset class={`field${e.constraints ? ' field-invalid' : ''}`} id="constraints" tabIndex={-1} aria-describedby="constraints-hint">
              <legend>{t('allocationPage.constraints.title')}</legend>
              <p class="hint" id="constraints-hint">{t('allocationPage.constraints.hint')}</p>
              {e.constraints && <p class="field-error">{e.constraints}</p>}
              {view.counties.length > 0 && (
                <Table
                  caption={t('allocationPage.constraints.county_caption')}
                  rows={view.counties}
                  columns={[
                    { header: t('allocationPage.col.county'), cell: (c) => c.name },
                    { header: t('allocationPage.col.floor'), cell: (c) => <CellInput name={`floor_${c.id}`} label={t('allocationPage.field.floor_of', { name: c.name })} value={v.floors[c.id] ?? ''} error={e[`floor_${c.id}`]} /> },
                    { header: t('allocationPage.col.cap'), cell: (c) => <CellInput name={`cap_${c.id}`} label={t('allocationPage.field.cap_of', { name: c.name })} value={v.caps[c.id] ?? ''} error={e[`cap_${c.id}`]} /> },
                  ]}
                />
              )}
              <Table
                caption={t('allocationPage.constraints.agency_caption')}
                rows={view.agencies}
                columns={[
                  { header: t('allocationPage.col.agency'), cell: (a) => a.name },
                  { header: t('allocationPage.col.cap'), cell: (a) => <CellInput name={`agencyCap_${a.id}`} label={t('allocationPage.field.agency_cap_of', { name: a.name })} value={v.agencyCaps[a.id] ?? ''} error={e[`agencyCap_${a.id}`]} /> },
                ]}
              />
              <TextField
                name="mothersChildrenMinShare" label={t('allocationPage.field.share')} hint={t('allocationPage.field.share_hint')} value={v.share} inputMode="numeric"
                error={e.mothersChildrenMinShare}
              />
              <fieldset class="field checkbox-group" id="mustFund">
                <legend>{t('allocationPage.field.must_fund')}</legend>
                {view.planOptions.map((o) => (
                  <label class="checkbox">
                    <input type="checkbox" name="mustFund" value={o.value} checked={v.mustFund.includes(o.value)} />
                    <span>{o.label}</span>
                  </label>
                ))}
              </fieldset>
              <fieldset class="field" id="pairs" aria-describedby="pairs-hint">
                <legend>{t('allocationPage.field.pairs')}</legend>
                <p class="hint" id="pairs-hint">{t('allocationPage.field.pairs_hint')}</p>
                {Array.from({ length: view.pairRows }, (_, i) => {
                  const n = i + 1;
                  const [a, b] = v.pairs[i] ?? ['', ''];
                  const err = e[`pairA_${n}`];
                  return (
                    <div class="two-columns">
                      {err && <p class="field-error" id={`pairA_${n}-error`}>{err}</p>}
                      <PairSelect name={`pairA_${n}`} label={t('allocationPage.field.pair_a', { n })} value={a} options={view.planOptions} invalid={!!err} />
                      <PairSelect name={`pairB_${n}`} label={t('allocationPage.field.pair_b', { n })} value={b} options={view.planOptions} invalid={!!err} />
                    </div>
                  );
                })}
              </fieldset>
            </fieldset>
            <TextAreaField name="note" label={t('allocationPage.field.note')} hint={t('allocationPage.field.note_hint')} value={v.note} rows={3} maxLength={2000} />
            <button type="submit" class="button">{t('allocationPage.submit')}</button>
          </form>
        )
      )}
      <h2 id="rounds">{t('allocationPage.rounds.title')}</h2>
      <RoundsTable rows={view.rounds} caption={t('allocationPage.rounds.title')} />
    </Layout>
  );
}

function PairSelect(props: { name: string; label: string; value: string; options: SelectOption[]; invalid: boolean }) {
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} aria-invalid={props.invalid ? 'true' : undefined} aria-describedby={props.invalid ? `${props.name}-error` : undefined}>
        <option value="">{t('allocationPage.pair_none')}</option>
        {props.options.map((o) => <option value={o.value} selected={o.value === props.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

// ---- one round (the secretariat) ---------------------------------------------------------------

export type AdminRoundView = {
  id: number;
  title: string;
  callTitle: string;
  callHref: string;
  formHref: string;
  status: string;
  statusTone: 'info' | 'warn';
  note: string | null;
  report: RoundReportView;
  /** Draft and feasible: the commit form. */
  canCommit: boolean;
  /** A feasible draft that funds nothing: not worth committing. */
  nothingSelected: boolean;
  selectedCount: number;
  canPublish: boolean;
  rerunHref: string | null;
  publicHref: string | null;
  errors: FieldErrors;
};

export function AdminRoundPage({ page, view }: { page: PageContext; view: AdminRoundView }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={allocationFormCrumbs(view.callTitle, view.callHref, { label: t('allocationPage.link'), href: view.formHref }, { label: view.title })}>
      <div class="place-header">
        <h1>{view.title}</h1>
        <Badge tone={view.statusTone}>{view.status}</Badge>
      </div>
      {view.note && <p class="lead">{view.note}</p>}
      <RoundReport view={view.report} />
      <h2 id="actions">{t('allocationPage.actions.title')}</h2>
      {view.canCommit && (
        <form method="post" action={`/admin/allocation/${view.id}/commit`} class="card" noValidate>
          <h3>{t('allocationPage.commit.title')}</h3>
          <ErrorSummary errors={view.errors} labels={{ confirm: t('allocationPage.commit.title') }} />
          <CsrfField token={page.csrfToken} />
          <p>{t('allocationPage.commit.lead', { count: view.selectedCount })}</p>
          <div class={`field${view.errors.confirm ? ' field-invalid' : ''}`}>
            {view.errors.confirm && <p class="field-error" id="confirm-error">{view.errors.confirm}</p>}
            <label class="checkbox">
              <input type="checkbox" id="confirm" name="confirm" value="yes" required aria-describedby={view.errors.confirm ? 'confirm-error' : undefined} />
              <span>{t('allocationPage.commit.confirm')}</span>
            </label>
          </div>
          <button type="submit" class="button">{t('allocationPage.commit.button')}</button>
        </form>
      )}
      {view.nothingSelected && <p class="card">{t('allocationPage.commit.nothing')}</p>}
      {view.canPublish && (
        <form method="post" action={`/admin/allocation/${view.id}/publish`} class="card">
          <h3>{t('allocationPage.publish.title')}</h3>
          <CsrfField token={page.csrfToken} />
          <p>{t('allocationPage.publish.lead')}</p>
          <button type="submit" class="button">{t('allocationPage.publish.button')}</button>
        </form>
      )}
      <p>
        {view.rerunHref && <><a class="button button-secondary" href={view.rerunHref}>{t('allocationPage.rerun')}</a>{' '}</>}
        {view.publicHref && <><a class="button button-secondary" href={view.publicHref}>{t('allocationPage.public_link')}</a>{' '}</>}
        <a href={view.formHref}>{t('allocationPage.back_to_form')}</a>
      </p>
    </Layout>
  );
}

// ---- public results ------------------------------------------------------------------------------

export type PublicRoundRow = { href: string; call: string; fiscalYear: string; method: string; spent: string; funded: string; date: string };

const resultsCrumbs = (...rest: Crumb[]): Crumb[] => [
  { label: t('nav.home'), href: '/' },
  ...(rest.length ? [{ label: t('allocationPage.results.title'), href: '/results' }, ...rest] : [{ label: t('allocationPage.results.title') }]),
];

export function ResultsListPage({ page, rows }: { page: PageContext; rows: PublicRoundRow[] }) {
  const title = t('allocationPage.results.title');
  return (
    <Layout page={page} title={title} breadcrumbs={resultsCrumbs()}>
      <h1>{title}</h1>
      <p class="lead">{t('allocationPage.results.lead')}</p>
      <p>
        <a href="/results/progress">{t('results.hub.link')}</a>
      </p>
      <Table
        caption={title}
        empty={t('allocationPage.results.empty')}
        rows={rows}
        columns={[
          { header: t('allocationPage.col.call'), cell: (r) => <a href={r.href}>{r.call}</a> },
          { header: t('allocationPage.col.fiscal_year'), cell: (r) => r.fiscalYear, numeric: true },
          { header: t('allocationPage.col.method'), cell: (r) => r.method },
          { header: t('allocationPage.col.spent'), cell: (r) => r.spent, numeric: true },
          { header: t('allocationPage.col.funded'), cell: (r) => r.funded, numeric: true },
          { header: t('allocationPage.results.published'), cell: (r) => r.date },
        ]}
      />
    </Layout>
  );
}

export type PublicRoundView = {
  title: string;
  callHref: string;
  callTitle: string;
  fiscalYear: string;
  published: string;
  report: RoundReportView;
  pbHref: string;
  pbName: string;
  command: string;
  scaleNote: string | null;
  constrainedNote: boolean;
};

export function PublicRoundPage({ page, view }: { page: PageContext; view: PublicRoundView }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={resultsCrumbs({ label: view.title })}>
      <h1>{view.title}</h1>
      <p class="lead">
        {t('allocationPage.results.call_line', { year: view.fiscalYear, date: view.published })} <a href={view.callHref}>{view.callTitle}</a>
      </p>
      <RoundReport view={view.report} />
      <section aria-labelledby="recompute" class="card">
        <h2 id="recompute">{t('allocationPage.pb.title')}</h2>
        <p>
          <a class="button button-secondary" href={view.pbHref} download={view.pbName}>{t('allocationPage.pb.download')}</a>{' '}
          <code>{view.pbName}</code>
        </p>
        <p>{t('allocationPage.pb.how')}</p>
        <pre dir="ltr"><code>{view.command}</code></pre>
        {view.scaleNote && <p class="hint">{view.scaleNote}</p>}
        {view.constrainedNote && <p class="hint">{t('allocationPage.pb.constraints_note')}</p>}
      </section>
    </Layout>
  );
}
