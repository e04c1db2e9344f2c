import { t } from '../../platform/i18n/t.ts';
import { Badge, Pager, Table, TextField, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';
import { PlaceParticipationSection, type PlaceParticipationView } from '../../needs/views/need-sections.tsx';

export type PlaceRowView = {
  href: string;
  name: string;
  kindLabel: string;
  code: string;
  population: string;
  children: string;
  isDemo: boolean;
  parentName?: string;
};

const placeColumns = (withParent: boolean) => [
  {
    header: t('places.col.name'),
    cell: (r: PlaceRowView) => (
      <>
        <a href={r.href}>{r.name}</a>
        {r.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
        {withParent && r.parentName && <span class="meta"> — {t('places.parent', { name: r.parentName })}</span>}
      </>
    ),
  },
  { header: t('places.col.kind'), cell: (r: PlaceRowView) => r.kindLabel },
  { header: t('places.col.code'), cell: (r: PlaceRowView) => r.code, numeric: true },
  { header: t('places.col.population'), cell: (r: PlaceRowView) => r.population, numeric: true },
  ...(withParent ? [] : [{ header: t('places.col.children'), cell: (r: PlaceRowView) => r.children, numeric: true }]),
];

export type PlacesIndexView = {
  query: string;
  results: PlaceRowView[] | null;
  roots: PlaceRowView[];
  counties: PlaceRowView[];
  provinceName: string | null;
};

function SearchForm({ query }: { query: string }) {
  return (
    <form method="get" action="/places" class="search-form" role="search">
      <TextField name="q" label={t('places.search.label')} value={query} type="search" required maxLength={100} />
      <button type="submit" class="button">{t('places.search.submit')}</button>
    </form>
  );
}

export function PlacesIndexPage({ page, view }: { page: PageContext; view: PlacesIndexView }) {
  return (
    <Layout page={page} title={t('places.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('places.title') }]}>
      <h1>{t('places.title')}</h1>
      <p class="lead">{t('places.lead')}</p>
      <SearchForm query={view.query} />
      {view.results && (
        <section aria-labelledby="results">
          <h2 id="results">{t('places.search.results', { q: view.query })}</h2>
          <Table columns={placeColumns(true)} rows={view.results} empty={t('places.search.none')} />
        </section>
      )}
      <section aria-labelledby="tree">
        <h2 id="tree">{view.provinceName ? t('places.children', { name: view.provinceName }) : t('places.title')}</h2>
        <Table columns={placeColumns(false)} rows={view.counties.length ? view.counties : view.roots} />
      </section>
    </Layout>
  );
}

export type PlaceView = {
  name: string;
  kindLabel: string;
  code: string | null;
  populationText: string;
  isDemo: boolean;
  residentsText: string;
  plansHref: string;
  crumbs: Crumb[];
  children: PlaceRowView[];
  pager: PagerModel;
  /** A neighborhood's or village's needs, plans and results (it has no children). */
  participation?: PlaceParticipationView | null;
};

export function PlacePage({ page, view }: { page: PageContext; view: PlaceView }) {
  return (
    <Layout page={page} title={`${view.kindLabel} ${view.name}`} breadcrumbs={view.crumbs}>
      <div class="place-header">
        <h1>{view.name}</h1>
        <Badge>{view.kindLabel}</Badge>
        {view.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
      </div>
      {view.isDemo && <p class="flash flash-info">{t('places.demo_note')}</p>}
      <dl class="kv">
        {view.code && (
          <div>
            <dt>{t('places.col.code')}</dt>
            <dd>{view.code}</dd>
          </div>
        )}
        <div>
          <dt>{t('places.col.population')}</dt>
          <dd>{view.populationText}</dd>
        </div>
      </dl>
      <p>{view.residentsText}</p>
      <p>
        <a href={view.plansHref}>{t('places.plans_here')}</a>
      </p>
      {view.participation ? (
        <PlaceParticipationSection view={view.participation} />
      ) : (
        <section aria-labelledby="children">
          <h2 id="children">{t('places.children', { name: view.name })}</h2>
          <Table columns={placeColumns(false)} rows={view.children} empty={t('places.no_children')} />
          <Pager pager={view.pager} />
        </section>
      )}
    </Layout>
  );
}
