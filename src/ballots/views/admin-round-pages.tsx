// The secretariat's ballot pages: every round, and one round with its settings, live counts, the
// actions its phase allows (each a form that says what it will do and asks to confirm it), and
// after counting the result with every project explained, before anything is published.

import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, StatList, Table, type FieldErrors, type Stat } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { ballotAdminCrumbs } from './admin-shared.tsx';

type Tone = 'info' | 'warn';

// ---- every round -----------------------------------------------------------------------------

export type RoundRowView = { href: string; title: string; call: string; phase: string; phaseTone: Tone; opens: string; closes: string; ballots: string; isDemo: boolean };
export type NewRoundLink = { href: string; call: string; plans: string };

export function RoundListPage({ page, view }: { page: PageContext; view: { rows: RoundRowView[]; calls: NewRoundLink[] } }) {
  const title = t('ballotAdmin.title');
  return (
    <Layout page={page} title={title} breadcrumbs={ballotAdminCrumbs()}>
      <h1>{title}</h1>
      <p class="lead">{t('ballotAdmin.list.lead')}</p>
      <Table
        caption={t('ballotAdmin.list.caption')}
        empty={t('ballotAdmin.list.empty')}
        rows={view.rows}
        columns={[
          { header: t('ballotAdmin.col.round'), cell: (r) => <><a href={r.href}>{r.title}</a>{r.isDemo && <> <Badge tone="demo">{t('ballotAdmin.demo')}</Badge></>}</> },
          { header: t('ballotAdmin.col.call'), cell: (r) => r.call },
          { header: t('ballotAdmin.col.phase'), cell: (r) => <Badge tone={r.phaseTone}>{r.phase}</Badge> },
          { header: t('ballotAdmin.col.opens'), cell: (r) => r.opens },
          { header: t('ballotAdmin.col.closes'), cell: (r) => r.closes },
          { header: t('ballotAdmin.col.ballots'), cell: (r) => r.ballots, numeric: true },
        ]}
      />
      <h2 id="new">{t('ballotAdmin.list.new_title')}</h2>
      {view.calls.length === 0 ? (
        <p class="empty">{t('ballotAdmin.list.no_calls')}</p>
      ) : (
        <ul class="link-cards">
          {view.calls.map((c) => (
            <li>
              <a href={c.href}>
                {t('ballotAdmin.list.new_link', { call: c.call })}
                <span class="meta"> {t('ballotAdmin.list.plans_count', { count: c.plans })}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

// ---- one round -------------------------------------------------------------------------------

export type TurnoutRow = { place: string; isDemo: boolean; ballots: string; residents: string; share: string };
export type ResultRow = { number: string; title: string; href: string; cost: string; approvals: string; selected: boolean; why: string };
export type ProjectRow = { number: string; title: string; href: string; agency: string; cost: string; note: string | null };

export type RoundResultView = {
  stats: Stat[];
  methodLine: string;
  winners: { title: string; cost: string }[];
  rows: ResultRow[];
  turnout: TurnoutRow[];
  published: boolean;
};

export type RoundActionsView = { editHref: string | null; openNow: boolean; closeNow: boolean; count: boolean; publish: boolean };

export type AdminRoundView = {
  id: number;
  title: string;
  phase: string;
  phaseTone: Tone;
  isDemo: boolean;
  callTitle: string;
  callHref: string;
  description: string | null;
  settings: { label: string; value: string }[];
  area: string[];
  projects: ProjectRow[];
  /** Before counting: ballots so far and by place. */
  live: { ballots: string; turnout: TurnoutRow[] } | null;
  actions: RoundActionsView;
  errors: FieldErrors;
  result: RoundResultView | null;
  publicHref: string;
};

function TurnoutTable({ rows, caption }: { rows: TurnoutRow[]; caption: string }) {
  return (
    <Table
      caption={caption}
      empty={t('ballotAdmin.turnout.empty')}
      rows={rows}
      columns={[
        { header: t('ballotAdmin.col.place'), cell: (r) => <>{r.place}{r.isDemo && <> <Badge tone="demo">{t('ballotAdmin.demo')}</Badge></>}</> },
        { header: t('ballotAdmin.col.ballots'), cell: (r) => r.ballots, numeric: true },
        { header: t('ballotAdmin.col.residents'), cell: (r) => r.residents, numeric: true },
        { header: t('ballotAdmin.col.turnout'), cell: (r) => r.share, numeric: true },
      ]}
    />
  );
}

export function AdminRoundPage({ page, view }: { page: PageContext; view: AdminRoundView }) {
  const a = view.actions;
  const e = view.errors;
  const actionForms = [
    a.openNow && { path: 'open', id: 'confirmOpen', title: t('ballotAdmin.open.title'), lead: t('ballotAdmin.open.lead'), confirm: t('ballotAdmin.open.confirm'), button: t('ballotAdmin.open.button') },
    a.closeNow && { path: 'close', id: 'confirmClose', title: t('ballotAdmin.close.title'), lead: t('ballotAdmin.close.lead'), confirm: t('ballotAdmin.close.confirm'), button: t('ballotAdmin.close.button'), danger: true },
    a.count && { path: 'count', id: 'confirmCount', title: t('ballotAdmin.count.title'), lead: t('ballotAdmin.count.lead'), confirm: t('ballotAdmin.count.confirm'), button: t('ballotAdmin.count.button') },
    a.publish && { path: 'publish', id: 'confirmPublish', title: t('ballotAdmin.publish.title'), lead: t('ballotAdmin.publish.lead'), confirm: t('ballotAdmin.publish.confirm'), button: t('ballotAdmin.publish.button') },
  ].filter((f): f is Exclude<typeof f, false> => !!f);
  return (
    <Layout page={page} title={view.title} breadcrumbs={ballotAdminCrumbs({ label: view.title })}>
      <div class="place-header">
        <h1>{view.title}</h1>
        <Badge tone={view.phaseTone}>{view.phase}</Badge>
        {view.isDemo && <Badge tone="demo">{t('ballotAdmin.demo')}</Badge>}
      </div>
      <p class="lead">
        {t('ballotAdmin.round.of_call')} <a href={view.callHref}>{view.callTitle}</a>
      </p>
      {view.description && <p>{view.description}</p>}

      {(a.editHref || actionForms.length > 0) && (
        <section aria-labelledby="actions">
          <h2 id="actions">{t('ballotAdmin.actions.title')}</h2>
          <ErrorSummary errors={e} labels={Object.fromEntries(actionForms.map((f) => [f.id, f.title]))} />
          {a.editHref && (
            <p>
              <a class="button button-secondary" href={a.editHref}>{t('ballotAdmin.edit.link')}</a>
            </p>
          )}
          {actionForms.map((f) => (
            <form method="post" action={`/admin/ballots/${view.id}/${f.path}`} class="card" noValidate>
              <h3>{f.title}</h3>
              <CsrfField token={page.csrfToken} />
              <p>{f.lead}</p>
              <div class={`field${e[f.id] ? ' field-invalid' : ''}`}>
                {e[f.id] && <p class="field-error" id={`${f.id}-error`}>{e[f.id]}</p>}
                <label class="checkbox">
                  <input type="checkbox" id={f.id} name="confirm" value="yes" required aria-invalid={e[f.id] ? 'true' : undefined} aria-describedby={e[f.id] ? `${f.id}-error` : undefined} />
                  <span>{f.confirm}</span>
                </label>
              </div>
              <button type="submit" class={`button${f.danger ? ' button-danger' : ''}`}>{f.button}</button>
            </form>
          ))}
        </section>
      )}

      {view.result && <RoundResult view={view.result} publicHref={view.publicHref} />}

      <section aria-labelledby="settings">
        <h2 id="settings">{t('ballotAdmin.settings.title')}</h2>
        <dl class="kv card">
          {view.settings.map((s) => (
            <div>
              <dt>{s.label}</dt>
              <dd>{s.value}</dd>
            </div>
          ))}
          <div>
            <dt>{t('ballotAdmin.settings.area')}</dt>
            <dd>{view.area.length ? view.area.join('، ') : '—'}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="projects">
        <h2 id="projects">{t('ballotAdmin.projects.title')}</h2>
        <Table
          caption={t('ballotAdmin.projects.title')}
          empty={t('ballotAdmin.projects.empty')}
          rows={view.projects}
          columns={[
            { header: t('ballotAdmin.col.number'), cell: (r) => r.number, numeric: true },
            { header: t('ballotAdmin.col.plan'), cell: (r) => <><a href={r.href}>{r.title}</a>{r.note && <p class="hint">{r.note}</p>}</> },
            { header: t('ballotAdmin.col.agency'), cell: (r) => r.agency },
            { header: t('ballotAdmin.col.cost'), cell: (r) => r.cost, numeric: true },
          ]}
        />
      </section>

      {view.live && (
        <section aria-labelledby="live">
          <h2 id="live">{t('ballotAdmin.live.title')}</h2>
          <StatList stats={[{ label: t('ballotAdmin.live.ballots'), value: view.live.ballots }]} />
          <p class="hint">{t('ballotAdmin.live.note')}</p>
          <TurnoutTable rows={view.live.turnout} caption={t('ballotAdmin.live.by_place')} />
        </section>
      )}

      <p>
        <a href={view.publicHref}>{t('ballotAdmin.public_link')}</a>
        {' · '}
        <a href="/admin/ballots">{t('ballotAdmin.back_to_list')}</a>
      </p>
    </Layout>
  );
}

function RoundResult({ view, publicHref }: { view: RoundResultView; publicHref: string }) {
  return (
    <section aria-labelledby="result">
      <h2 id="result">{view.published ? t('ballotAdmin.result.title_published') : t('ballotAdmin.result.title')}</h2>
      {!view.published && <p class="flash flash-info">{t('ballotAdmin.result.unpublished_note')}</p>}
      <StatList stats={view.stats} />
      <p>{view.methodLine}</p>
      <h3 id="winners">{t('ballotAdmin.result.winners')}</h3>
      {view.winners.length ? (
        <ol>
          {view.winners.map((w) => <li>{t('ballotAdmin.result.winner', { title: w.title, cost: w.cost })}</li>)}
        </ol>
      ) : (
        <p class="empty">{t('ballotAdmin.result.no_winners')}</p>
      )}
      <h3 id="explanations">{t('ballotAdmin.result.explanations')}</h3>
      <Table
        caption={t('ballotAdmin.result.explanations')}
        rows={view.rows}
        columns={[
          { header: t('ballotAdmin.col.number'), cell: (r) => r.number, numeric: true },
          { header: t('ballotAdmin.col.plan'), cell: (r) => <a href={r.href}>{r.title}</a> },
          { header: t('ballotAdmin.col.approvals'), cell: (r) => r.approvals, numeric: true },
          { header: t('ballotAdmin.col.cost'), cell: (r) => r.cost, numeric: true },
          { header: t('ballotAdmin.col.result'), cell: (r) => (r.selected ? <Badge>{t('ballotAdmin.result.selected')}</Badge> : <Badge tone="warn">{t('ballotAdmin.result.not_selected')}</Badge>) },
          { header: t('ballotAdmin.col.why'), cell: (r) => r.why },
        ]}
      />
      <h3 id="turnout">{t('ballotAdmin.result.turnout')}</h3>
      <TurnoutTable rows={view.turnout} caption={t('ballotAdmin.result.turnout')} />
      <p>
        <a class="button button-secondary" href={publicHref}>{t('ballotAdmin.public_link')}</a>
      </p>
    </section>
  );
}
