// The residents' ballot pages: the list of rounds, one round (the ballot form while it is open,
// the results once published), and the receipt check. Every step works without JavaScript; the
// script only keeps the running total up to date as boxes are ticked.

import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, StatList, Table, type Stat } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export type RoundCardView = { href: string; title: string; call: string; phase: string; tone: 'info' | 'warn' | 'demo'; dates: string; projects: string; isDemo: boolean };

export function BallotListPage(props: { page: PageContext; groups: { id: string; title: string; rounds: RoundCardView[] }[] }) {
  const any = props.groups.some((g) => g.rounds.length);
  return (
    <Layout page={props.page} title={t('ballots.list.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('ballots.list.title') }]}>
      <h1>{t('ballots.list.title')}</h1>
      <p class="lead">{t('ballots.list.lead')}</p>
      {!any && <p class="empty">{t('ballots.list.empty')}</p>}
      {props.groups.filter((g) => g.rounds.length).map((g) => (
        <section aria-labelledby={`g-${g.id}`}>
          <h2 id={`g-${g.id}`}>{g.title}</h2>
          <ul class="card-list">
            {g.rounds.map((r) => (
              <li class="card">
                <h3><a href={r.href}>{r.title}</a> {r.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}</h3>
                <p class="meta">{r.call}</p>
                <p><Badge tone={r.tone}>{r.phase}</Badge> {r.dates}</p>
                <p class="meta">{r.projects}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export type BallotProjectView = {
  id: number;
  title: string;
  href: string;
  agency: string;
  summary: string;
  cost: string;
  costRials: number;
  checked: boolean;
};

export type BallotFormView = {
  action: string;
  projects: BallotProjectView[];
  /** The rule in one sentence («دست‌کم ۱ و حداکثر ۳ طرح»). */
  limits: string;
  min: number;
  max: number;
  budgetRials: number;
  /** Totals of the current selection, already formatted. */
  selectedCount: string;
  selectedCost: string;
  overBudget: boolean;
  error: string | null;
  /** The person's ballot so far, when they have cast one. */
  cast: { receipt: string; updated: string; revision: string } | null;
  closes: string;
};

export type ResultView = {
  stats: Stat[];
  method: string;
  methodExplain: string;
  projects: { title: string; href: string; cost: string; approvals: string; selected: boolean; why: string }[];
  turnout: { place: string; ballots: string; residents: string; share: string; percent: number }[];
  pbHref: string;
  pbName: string;
  command: string;
};

export type RoundPageView = {
  title: string;
  isDemo: boolean;
  description: string[];
  call: { title: string; href: string };
  phase: string;
  phaseTone: 'info' | 'warn' | 'demo';
  facts: Stat[];
  area: string;
  method: string;
  methodExplain: string;
  verifiedOnly: boolean;
  /** What the visitor can do now, when not the form: sign in, why not eligible, when it opens. */
  notice: { text: string; link: { href: string; label: string } | null } | null;
  form: BallotFormView | null;
  /** The projects as a read-only list when there is no form. */
  projects: BallotProjectView[];
  result: ResultView | null;
  receiptAction: string;
};

function ProjectList({ projects }: { projects: BallotProjectView[] }) {
  return (
    <ul class="card-list ballot-projects">
      {projects.map((p) => (
        <li class="card">
          <h3><a href={p.href}>{p.title}</a></h3>
          <p class="meta">{p.agency} · {t('ballots.page.cost', { cost: p.cost })}</p>
          <p>{p.summary}</p>
        </li>
      ))}
    </ul>
  );
}

function BallotForm({ page, form }: { page: PageContext; form: BallotFormView }) {
  return (
    <form method="post" action={form.action} class="ballot-form" data-min={form.min} data-max={form.max} data-budget={form.budgetRials}>
      <CsrfField token={page.csrfToken} />
      {form.cast && (
        <div class="flash flash-success" role="status" id="receipt">
          <p><strong>{t('ballots.page.cast_title')}</strong></p>
          <p>{t('ballots.page.cast_body', { updated: form.cast.updated, revision: form.cast.revision, closes: form.closes })}</p>
          <p>{t('ballots.page.receipt_label')} <strong dir="ltr" class="receipt-code">{form.cast.receipt}</strong></p>
          <p class="hint">{t('ballots.page.receipt_hint')}</p>
        </div>
      )}
      <fieldset class={`field${form.error ? ' field-invalid' : ''}`} id="plans" tabIndex={-1} aria-describedby="plans-hint">
        <legend>{t('ballots.page.choose')}</legend>
        <p class="hint" id="plans-hint">{form.limits}</p>
        {form.error && <p class="field-error" id="plans-error" role="alert">{form.error}</p>}
        <ul class="card-list ballot-projects">
          {form.projects.map((p) => (
            <li class="card">
              <label class="checkbox">
                <input type="checkbox" name="plan" value={String(p.id)} checked={p.checked} data-cost={p.costRials} aria-describedby={`plan-${p.id}-meta`} />
                <span><strong>{p.title}</strong></span>
              </label>
              <p class="meta" id={`plan-${p.id}-meta`}>{p.agency} · {t('ballots.page.cost', { cost: p.cost })}</p>
              <p>{p.summary} <a href={p.href}>{t('ballots.page.read_plan')}</a></p>
            </li>
          ))}
        </ul>
      </fieldset>
      <div class="ballot-summary" aria-live="polite">
        <p>
          {t('ballots.page.selected')} <strong data-ballot="count">{form.selectedCount}</strong> · {t('ballots.page.selected_cost')} <strong data-ballot="cost">{form.selectedCost}</strong>
        </p>
        <p class="hint" data-ballot="over" hidden={!form.overBudget}>{t('ballots.page.over_budget')}</p>
        <div class="button-row">
          <button type="submit" name="action" value="cast" class="button">{form.cast ? t('ballots.page.change') : t('ballots.page.submit')}</button>
          <button type="submit" name="action" value="preview" class="button button-secondary">{t('ballots.page.preview')}</button>
        </div>
      </div>
      <script src="/static/js/ballot.js" defer />
    </form>
  );
}

function Results({ result }: { result: ResultView }) {
  return (
    <section aria-labelledby="results">
      <h2 id="results">{t('ballots.results.title')}</h2>
      <StatList stats={result.stats} />
      <p><strong>{result.method}:</strong> {result.methodExplain}</p>
      <section aria-labelledby="results-projects">
        <h3 id="results-projects">{t('ballots.results.projects_caption')}</h3>
        <ul class="card-list">
          {result.projects.map((p) => (
            <li class="card">
              <h4><a href={p.href}>{p.title}</a> <Badge tone={p.selected ? 'info' : 'warn'}>{p.selected ? t('ballots.results.won') : t('ballots.results.lost')}</Badge></h4>
              <p class="meta">{t('ballots.results.card_meta', { approvals: p.approvals, cost: p.cost })}</p>
              <p class="why">{p.why}</p>
            </li>
          ))}
        </ul>
      </section>
      <h3>{t('ballots.results.turnout')}</h3>
      <Table
        caption={t('ballots.results.turnout_caption')}
        rows={result.turnout}
        empty={t('ballots.results.turnout_empty')}
        columns={[
          { header: t('ballots.results.col.place'), cell: (r) => r.place },
          { header: t('ballots.results.col.ballots'), cell: (r) => t('ballots.results.ballots_of', { ballots: r.ballots, residents: r.residents }) },
          { header: t('ballots.results.col.share'), cell: (r) => <>{r.share} <meter min={0} max={100} value={r.percent} aria-hidden="true">{r.share}</meter></> },
        ]}
      />
      <h3>{t('ballots.results.recompute')}</h3>
      <p>{t('ballots.results.recompute_lead')}</p>
      <p><a href={result.pbHref} download={result.pbName} class="button button-secondary">{t('ballots.results.download', { name: result.pbName })}</a></p>
      <pre dir="ltr" class="command"><code>{result.command}</code></pre>
    </section>
  );
}

export function ReceiptForm({ action, value }: { action: string; value?: string }) {
  return (
    <form method="get" action={action} class="search-form" role="search" aria-label={t('ballots.receipt.title')}>
      <div class="field">
        <label for="code">{t('ballots.receipt.label')}</label>
        <input type="text" id="code" name="code" value={value ?? ''} inputMode="numeric" autocomplete="off" dir="ltr" />
      </div>
      <button type="submit" class="button button-secondary">{t('ballots.receipt.check')}</button>
    </form>
  );
}

export function RoundPage({ page, view }: { page: PageContext; view: RoundPageView }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('ballots.list.title'), href: '/ballots' }, { label: view.title }]}>
      <h1>{view.title} {view.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}</h1>
      {view.form?.error && <ErrorSummary errors={{ plans: view.form.error }} labels={{ plans: t('ballots.page.choose') }} />}
      <p><Badge tone={view.phaseTone}>{view.phase}</Badge> <a href={view.call.href}>{view.call.title}</a></p>
      {view.description.map((p) => <p class="lead">{p}</p>)}
      <StatList stats={view.facts} />
      <section class="card" aria-labelledby="rules">
        <h2 id="rules">{t('ballots.page.rules')}</h2>
        <p>{t('ballots.page.area', { area: view.area })}</p>
        {view.verifiedOnly && <p>{t('ballots.page.verified_only')} <a href="/my/residency">{t('ballots.page.verify_link')}</a></p>}
        <p><strong>{view.method}:</strong> {view.methodExplain}</p>
      </section>
      {view.notice && (
        <p class="flash flash-info">
          {view.notice.text} {view.notice.link && <a href={view.notice.link.href}>{view.notice.link.label}</a>}
        </p>
      )}
      {view.form ? <BallotForm page={page} form={view.form} /> : !view.result && (
        <section aria-labelledby="projects">
          <h2 id="projects">{t('ballots.page.projects')}</h2>
          <ProjectList projects={view.projects} />
        </section>
      )}
      {view.result && <Results result={view.result} />}
      <section aria-labelledby="receipt-check">
        <h2 id="receipt-check">{t('ballots.receipt.title')}</h2>
        <p>{t('ballots.receipt.lead')}</p>
        <ReceiptForm action={view.receiptAction} />
      </section>
    </Layout>
  );
}

export function ReceiptPage(props: { page: PageContext; round: { title: string; href: string }; code: string; outcome: { tone: 'success' | 'error'; text: string; detail: string | null } | null }) {
  return (
    <Layout page={props.page} title={t('ballots.receipt.title')} breadcrumbs={[{ label: t('ballots.list.title'), href: '/ballots' }, { label: props.round.title, href: props.round.href }, { label: t('ballots.receipt.title') }]}>
      <h1>{t('ballots.receipt.title')}</h1>
      <p><a href={props.round.href}>{props.round.title}</a></p>
      {props.outcome && (
        <div class={`flash flash-${props.outcome.tone}`} role="status">
          <p><strong>{props.outcome.text}</strong></p>
          {props.outcome.detail && <p>{props.outcome.detail}</p>}
        </div>
      )}
      <ReceiptForm action={`${props.round.href}/receipt`} value={props.code} />
    </Layout>
  );
}
