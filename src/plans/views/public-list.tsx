import { t } from '../../platform/i18n/t.ts';
import { Badge, Pager, type PagerModel, type SelectOption } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export type PlanCardView = {
  href: string;
  title: string;
  statusLabel: string;
  summary: string;
  agency: string;
  call: string;
  callHref: string;
  places: string;
  harms: string;
  targets: string;
  amount: string;
  /** «۱۲ حامی» when residents support the plan. */
  supporters: string | null;
};

export type PlanFilterSelect = { name: string; label: string; value: string; options: SelectOption[] };

export type PlanListView = {
  q: string;
  selects: PlanFilterSelect[];
  sort: PlanFilterSelect;
  /** Whether a filter of the disclosure is set, so it shows open. */
  filtersOpen: boolean;
  /** The place the list is narrowed to (from a place page's link), with a link that drops it. */
  place: { id: string; text: string; removeHref: string } | null;
  clearHref: string | null;
  countText: string;
  items: PlanCardView[];
  empty: { title: string; body?: string; link?: { href: string; label: string } } | null;
  pager: PagerModel;
};

/** A filter's select: every filter is optional, so no "(optional)" marker on each of them. */
function FilterSelect({ select, placeholder }: { select: PlanFilterSelect; placeholder?: string }) {
  return (
    <div class="field">
      <label for={select.name}>{select.label}</label>
      <select id={select.name} name={select.name}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {select.options.map((o) => (
          <option value={o.value} selected={o.value === select.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A GET form, so it works without JavaScript and its result is an address one can share. The
 * search and the order stay in view; the six filters fold into a disclosure (open when one is set)
 * so the results are not pushed below the first screen on a phone.
 */
function FilterForm({ view }: { view: PlanListView }) {
  return (
    <form method="get" action="/plans" class="plan-filters" role="search" aria-label={t('planPublic.filter.legend')}>
      <div class="search-form">
        <div class="field">
          <label for="q">{t('planPublic.filter.q')}</label>
          <input id="q" name="q" type="search" value={view.q} maxLength={100} aria-describedby="q-hint" />
        </div>
        <FilterSelect select={view.sort} />
        <button type="submit" class="button">{t('planPublic.filter.submit')}</button>
      </div>
      <p class="hint" id="q-hint">{t('planPublic.filter.q_hint')}</p>
      <details open={view.filtersOpen}>
        <summary>{t('planPublic.filter.more')}</summary>
        <div class="search-form">
          {view.selects.map((s) => (
            <FilterSelect select={s} placeholder={t('planPublic.filter.all')} />
          ))}
        </div>
      </details>
      {view.place && <input type="hidden" name="place" value={view.place.id} />}
    </form>
  );
}

function PlanCard({ plan }: { plan: PlanCardView }) {
  return (
    <article class="card plan-card">
      <h2>
        <a href={plan.href}>{plan.title}</a> <Badge>{plan.statusLabel}</Badge>
        {plan.supporters && <> <Badge tone="info">{plan.supporters}</Badge></>}
      </h2>
      <p class="meta">
        {t('planPublic.card.agency')}: {plan.agency}، {t('planPublic.card.call')}: <a href={plan.callHref}>{plan.call}</a>
      </p>
      {plan.summary && <p>{plan.summary}</p>}
      <dl class="kv">
        <div>
          <dt>{t('planPublic.card.places')}</dt>
          <dd>{plan.places}</dd>
        </div>
        <div>
          <dt>{t('planPublic.card.harms')}</dt>
          <dd>{plan.harms}</dd>
        </div>
        <div>
          <dt>{t('planPublic.card.targets')}</dt>
          <dd>{plan.targets}</dd>
        </div>
        <div>
          <dt>{t('planPublic.card.amount')}</dt>
          <dd>{plan.amount}</dd>
        </div>
      </dl>
    </article>
  );
}

/** /plans: the filter form (a GET form, so it works without JavaScript), the count, the cards and the pager. */
export function PlanListPage({ page, view }: { page: PageContext; view: PlanListView }) {
  return (
    <Layout page={page} title={t('planPublic.list.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('planPublic.list.title') }]}>
      <h1>{t('planPublic.list.title')}</h1>
      <p class="lead">{t('planPublic.list.lead')}</p>
      <FilterForm view={view} />
      {view.place && (
        <p class="flash flash-info">
          {view.place.text} <a href={view.place.removeHref}>{t('planPublic.filter.place_remove')}</a>
        </p>
      )}
      <p class="meta" role="status">
        {view.countText}
        {view.clearHref && <>، <a href={view.clearHref}>{t('planPublic.filter.clear')}</a></>}
      </p>
      {view.empty ? (
        <div class="empty">
          <p><strong>{view.empty.title}</strong></p>
          {view.empty.body && <p>{view.empty.body}</p>}
          {view.empty.link && <p><a href={view.empty.link.href}>{view.empty.link.label}</a></p>}
        </div>
      ) : (
        <div class="plan-list">
          {view.items.map((plan) => <PlanCard plan={plan} />)}
        </div>
      )}
      <Pager pager={view.pager} />
    </Layout>
  );
}
