import { t } from '../../platform/i18n/t.ts';
import { Badge, Pager, type PagerModel, type SelectOption } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { NeedStatus } from '../need-status.ts';

export type NeedCardView = {
  href: string;
  title: string;
  status: NeedStatus;
  statusLabel: string;
  excerpt: string;
  place: string;
  placeHref: string;
  harms: string;
  targets: string;
  supports: string;
  date: string;
  isDemo: boolean;
  hasPhoto: boolean;
};

export type NeedFilterSelect = { name: string; label: string; value: string; options: SelectOption[] };

export type NeedListView = {
  q: string;
  selects: NeedFilterSelect[];
  sort: NeedFilterSelect;
  filtersOpen: boolean;
  place: { id: string; text: string; removeHref: string } | null;
  clearHref: string | null;
  countText: string;
  items: NeedCardView[];
  empty: { title: string; body?: string; link?: { href: string; label: string } } | null;
  pager: PagerModel;
  newHref: string;
  /** The secretariat's queue with the same filters, for those who answer needs. */
  queueHref: string | null;
};

/** A need's state as a badge: a declined need is marked apart. */
export function NeedStatusBadge({ status, label }: { status: NeedStatus; label: string }) {
  return <Badge tone={status === 'declined' ? 'warn' : 'info'}>{label}</Badge>;
}

/** A filter's select; every filter is optional, so no "(optional)" marker. */
export function FilterSelect({ select, placeholder }: { select: NeedFilterSelect; placeholder?: string }) {
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

export function EmptyState({ empty }: { empty: NonNullable<NeedListView['empty']> }) {
  return (
    <div class="empty">
      <p><strong>{empty.title}</strong></p>
      {empty.body && <p>{empty.body}</p>}
      {empty.link && <p><a href={empty.link.href}>{empty.link.label}</a></p>}
    </div>
  );
}

function NeedCard({ need }: { need: NeedCardView }) {
  return (
    <article class="card need-card">
      <h2>
        <a href={need.href}>{need.title}</a> <NeedStatusBadge status={need.status} label={need.statusLabel} />
        {need.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
      </h2>
      <p class="meta">
        <a href={need.placeHref}>{need.place}</a>، {need.date}
        {need.hasPhoto && <>، {t('needs.card.has_photo')}</>}
      </p>
      <p>{need.excerpt}</p>
      <dl class="kv">
        <div>
          <dt>{t('needs.field.harms')}</dt>
          <dd>{need.harms}</dd>
        </div>
        <div>
          <dt>{t('needs.field.targets')}</dt>
          <dd>{need.targets}</dd>
        </div>
      </dl>
      <p class="need-count">{need.supports}</p>
    </article>
  );
}

/** /needs: a GET filter form (works without JavaScript, shareable), the count, the cards and the pager. */
export function NeedListPage({ page, view }: { page: PageContext; view: NeedListView }) {
  return (
    <Layout page={page} title={t('needs.list.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('needs.list.title') }]}>
      <div class="place-header">
        <h1>{t('needs.list.title')}</h1>
        <a class="button" href={view.newHref}>{t('needs.list.new')}</a>
      </div>
      <p class="lead">{t('needs.list.lead')}</p>
      {view.queueHref && <p><a href={view.queueHref}>{t('needs.list.queue')}</a></p>}
      <form method="get" action="/needs" role="search" aria-label={t('needs.filter.legend')}>
        <div class="search-form">
          <div class="field">
            <label for="q">{t('needs.filter.q')}</label>
            <input id="q" name="q" type="search" value={view.q} maxLength={100} />
          </div>
          <FilterSelect select={view.sort} />
          <button type="submit" class="button">{t('needs.filter.submit')}</button>
        </div>
        <details open={view.filtersOpen}>
          <summary>{t('needs.filter.more')}</summary>
          <div class="search-form">
            {view.selects.map((s) => (
              <FilterSelect select={s} placeholder={t('needs.filter.all')} />
            ))}
          </div>
        </details>
        {view.place && <input type="hidden" name="place" value={view.place.id} />}
      </form>
      {view.place && (
        <p class="flash flash-info">
          {view.place.text} <a href={view.place.removeHref}>{t('needs.filter.place_remove')}</a>
        </p>
      )}
      <p class="meta" role="status">
        {view.countText}
        {view.clearHref && <>، <a href={view.clearHref}>{t('needs.filter.clear')}</a></>}
      </p>
      {view.empty ? <EmptyState empty={view.empty} /> : <div>{view.items.map((n) => <NeedCard need={n} />)}</div>}
      <Pager pager={view.pager} />
    </Layout>
  );
}
