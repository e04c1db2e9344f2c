// The settings of a ballot round, as the secretariat writes them for a new round and while a
// round has not opened: works without JavaScript; errors sit beside their fields and the values
// come back as typed. Places are many, so neighborhoods and villages come grouped by their parent
// with a name filter that is a button of the same form (nothing typed is lost by filtering).

import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, TextAreaField, TextField, type FieldErrors } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { ballotAdminCrumbs, type Choice } from './admin-shared.tsx';

export type RoundFormValues = {
  title: string;
  description: string;
  method: string;
  budget: string;
  minApprovals: string;
  maxApprovals: string;
  requireVerified: boolean;
  opensOn: string;
  closesOn: string;
  plans: string[];
  places: string[];
  placeQuery: string;
};

export type PlanChoice = { id: string; number: string; title: string; agency: string; county: string; cost: string };
export type PlaceChoice = { id: string; label: string; isDemo: boolean };
export type PlaceGroup = { label: string; /** The parent itself, when it may be chosen as a whole (not a county: those are listed above). */ whole: PlaceChoice | null; options: PlaceChoice[] };

export type RoundFormView = {
  heading: string;
  lead: string;
  action: string;
  callTitle: string;
  callHref: string;
  /** The round being edited (breadcrumbs), or null for a new round. */
  round: { title: string; href: string } | null;
  values: RoundFormValues;
  errors: FieldErrors;
  errorLabels: Record<string, string>;
  /** Shown after the place filter was applied: nothing has been saved yet. */
  filterNote: string | null;
  methods: Choice[];
  budgetHint: string;
  budgetWords: string | null;
  plans: PlanChoice[];
  counties: PlaceChoice[];
  groups: PlaceGroup[];
  /** Chosen places the lists above do not show (filtered out, or of another kind). */
  otherChosen: PlaceChoice[];
  groupsTruncated: boolean;
  submitLabel: string;
};

function Checkbox({ name, choice, checked }: { name: string; choice: PlaceChoice; checked: boolean }) {
  return (
    <label class="checkbox">
      <input type="checkbox" name={name} value={choice.id} checked={checked} />
      <span>
        {choice.label}
        {choice.isDemo && <> <Badge tone="demo">{t('ballotAdmin.demo')}</Badge></>}
      </span>
    </label>
  );
}

export function RoundFormPage({ page, view }: { page: PageContext; view: RoundFormView }) {
  const v = view.values;
  const e = view.errors;
  const chosen = new Set(v.places);
  const crumbs = view.round
    ? ballotAdminCrumbs({ label: view.round.title, href: view.round.href }, { label: t('ballotAdmin.edit.crumb') })
    : ballotAdminCrumbs({ label: view.heading });
  const invalid = (name: string) => `field${e[name] ? ' field-invalid' : ''}`;
  const described = (name: string, hint: boolean) => [hint ? `${name}-hint` : '', e[name] ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Layout page={page} title={view.heading} breadcrumbs={crumbs}>
      <h1>{view.heading}</h1>
      <p class="lead">
        {view.lead} <a href={view.callHref}>{view.callTitle}</a>
      </p>
      {view.plans.length === 0 ? (
        <section class="card" aria-labelledby="no-plans">
          <h2 id="no-plans">{t('ballotAdmin.form.no_plans_title')}</h2>
          <p>{t('ballotAdmin.form.no_plans')}</p>
          <p><a href="/admin/ballots">{t('ballotAdmin.back_to_list')}</a></p>
        </section>
      ) : (
        <form method="post" action={view.action} class="card" id="form" noValidate>
          <ErrorSummary errors={e} labels={view.errorLabels} />
          {view.filterNote && <p class="flash flash-info" role="status">{view.filterNote}</p>}
          <CsrfField token={page.csrfToken} />
          <TextField name="title" label={t('ballotAdmin.field.title')} value={v.title} error={e.title} required maxLength={200} />
          <TextAreaField name="description" label={t('ballotAdmin.field.description')} hint={t('ballotAdmin.field.description_hint')} value={v.description} rows={4} maxLength={4000} error={e.description} />

          <fieldset class={invalid('method')} id="method" tabIndex={-1} aria-describedby={described('method', false)}>
            <legend>{t('ballotAdmin.field.method')}</legend>
            {e.method && <p class="field-error" id="method-error">{e.method}</p>}
            {view.methods.map((c) => (
              <div>
                <label class="checkbox">
                  <input type="radio" name="method" value={c.value} checked={v.method === c.value} aria-describedby={`method-${c.value}-hint`} />
                  <span>{c.label}</span>
                </label>
                <p class="hint" id={`method-${c.value}-hint`}>{c.hint}</p>
              </div>
            ))}
          </fieldset>

          <TextField name="budget" label={t('ballotAdmin.field.budget')} hint={view.budgetHint} value={v.budget} inputMode="numeric" error={e.budget} required />
          {view.budgetWords && <p class="meta" role="status">{view.budgetWords}</p>}

          <div class="two-columns">
            <TextField name="minApprovals" label={t('ballotAdmin.field.min')} hint={t('ballotAdmin.field.min_hint')} value={v.minApprovals} inputMode="numeric" error={e.minApprovals} required maxLength={6} />
            <TextField name="maxApprovals" label={t('ballotAdmin.field.max')} hint={t('ballotAdmin.field.max_hint')} value={v.maxApprovals} inputMode="numeric" error={e.maxApprovals} required maxLength={6} />
          </div>

          <div class="field">
            <label class="checkbox">
              <input type="checkbox" id="requireVerified" name="requireVerified" value="yes" checked={v.requireVerified} aria-describedby="requireVerified-hint" />
              <span>{t('ballotAdmin.field.verified')}</span>
            </label>
            <p class="hint" id="requireVerified-hint">{t('ballotAdmin.field.verified_hint')}</p>
          </div>

          <div class="two-columns">
            <TextField name="opensOn" label={t('ballotAdmin.field.opens')} hint={t('ballotAdmin.field.opens_hint')} value={v.opensOn} inputMode="numeric" error={e.opensOn} required maxLength={20} />
            <TextField name="closesOn" label={t('ballotAdmin.field.closes')} hint={t('ballotAdmin.field.closes_hint')} value={v.closesOn} inputMode="numeric" error={e.closesOn} required maxLength={20} />
          </div>

          <fieldset class={`${invalid('plans')} checkbox-group`} id="plans" tabIndex={-1} aria-describedby={described('plans', true)}>
            <legend>{t('ballotAdmin.field.plans')}</legend>
            <p class="hint" id="plans-hint">{t('ballotAdmin.field.plans_hint')}</p>
            {e.plans && <p class="field-error" id="plans-error">{e.plans}</p>}
            {view.plans.map((p) => (
              <label class="checkbox">
                <input type="checkbox" name="plans" value={p.id} checked={v.plans.includes(p.id)} />
                <span>
                  {t('ballotAdmin.plan_option', { number: p.number, title: p.title })}
                  <small class="meta choice-meta">{t('ballotAdmin.plan_facts', { agency: p.agency, county: p.county, cost: p.cost })}</small>
                </span>
              </label>
            ))}
          </fieldset>

          <fieldset class={invalid('places')} id="places" tabIndex={-1} aria-describedby={described('places', true)}>
            <legend>{t('ballotAdmin.field.places')}</legend>
            <p class="hint" id="places-hint">{t('ballotAdmin.field.places_hint')}</p>
            {e.places && <p class="field-error" id="places-error">{e.places}</p>}
            {view.otherChosen.length > 0 && (
              <fieldset class="checkbox-group place-choices">
                <legend>{t('ballotAdmin.places.chosen')}</legend>
                {view.otherChosen.map((c) => <Checkbox name="places" choice={c} checked />)}
              </fieldset>
            )}
            <fieldset class="checkbox-group place-choices">
              <legend>{t('ballotAdmin.places.counties')}</legend>
              {view.counties.length ? view.counties.map((c) => <Checkbox name="places" choice={c} checked={chosen.has(c.id)} />) : <p class="empty">{t('ballotAdmin.places.no_counties')}</p>}
            </fieldset>
            <div class="search-form">
              <TextField name="placeQuery" label={t('ballotAdmin.places.filter')} hint={t('ballotAdmin.places.filter_hint')} value={v.placeQuery} type="search" maxLength={80} />
              <button type="submit" name="filter" value="1" class="button button-secondary">{t('ballotAdmin.places.filter_button')}</button>
            </div>
            {view.groups.length === 0 && <p class="empty">{t('ballotAdmin.places.none_found')}</p>}
            {view.groups.map((g) => (
              <fieldset class="checkbox-group place-choices">
                <legend>{g.label}</legend>
                {g.whole && <Checkbox name="places" choice={g.whole} checked={chosen.has(g.whole.id)} />}
                {g.options.map((c) => <Checkbox name="places" choice={c} checked={chosen.has(c.id)} />)}
              </fieldset>
            ))}
            {view.groupsTruncated && <p class="hint">{t('ballotAdmin.places.truncated')}</p>}
          </fieldset>

          <button type="submit" class="button">{view.submitLabel}</button>
        </form>
      )}
    </Layout>
  );
}
