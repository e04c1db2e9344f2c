import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { notFound } from '../platform/http/errors.ts';
import { field } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { pageCount, pageFromQuery } from '../platform/views/pagination.ts';
import { findPlacesByName, loadPlacePage, loadPlacesIndex, PLACE_CHILDREN_PAGE_SIZE } from './load-place-page.ts';
import type { PlaceRow } from './places.repo.ts';
import { PlacePage, PlacesIndexPage, type PlaceRowView } from './views/place-pages.tsx';

const kindLabel = (p: Pick<PlaceRow, 'kind'>) => t(`place.kind.${p.kind}`);

function rowView(p: PlaceRow & { child_count?: number; parent_name?: string | null }): PlaceRowView {
  return {
    href: `/places/${p.id}`,
    name: p.name,
    kindLabel: kindLabel(p),
    code: p.code ? toPersianDigits(p.code) : '—',
    population: p.population === null ? '—' : formatNumber(p.population),
    children: p.child_count === undefined ? '' : formatNumber(p.child_count),
    isDemo: p.is_demo === 1,
    parentName: p.parent_name ?? undefined,
  };
}

export async function placesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/places', { config: { publicPage: true } }, async (request, reply) => {
    const query = field(request.query, 'q', 100).trim();
    const [index, results] = await Promise.all([
      loadPlacesIndex(ctx.db),
      query ? findPlacesByName(ctx.db, query) : Promise.resolve(null),
    ]);
    const view = {
      query,
      results: results ? results.map((r) => rowView({ ...r, parent_id: null, population_year: null })) : null,
      roots: index.roots.map(rowView),
      counties: index.counties.map(rowView),
      provinceName: index.counties.length ? index.roots[0]?.name ?? null : null,
    };
    return sendPage(reply, <PlacesIndexPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  app.get('/places/:id', { config: { publicPage: true } }, async (request, reply) => {
    const raw = toAsciiDigits((request.params as { id: string }).id);
    if (!/^\d{1,9}$/.test(raw)) throw notFound();
    const id = Number(raw);
    const p = pageFromQuery(field(request.query, 'page'), PLACE_CHILDREN_PAGE_SIZE);
    const data = await loadPlacePage(ctx.db, id, p);
    const { place } = data;
    const view = {
      name: place.name,
      kindLabel: kindLabel(place),
      code: place.code ? toPersianDigits(place.code) : null,
      populationText:
        place.population === null
          ? t('places.population_unknown')
          : place.population_year !== null
            ? t('places.population', { value: formatNumber(place.population), year: place.population_year })
            : t(place.is_demo === 1 ? 'places.population_illustrative' : 'places.population_no_year', { value: formatNumber(place.population) }),
      isDemo: place.is_demo === 1,
      residentsText: data.residents === 0 ? t('places.residents_none') : t('places.residents_here', { count: data.residents }),
      plansHref: `/plans?place=${place.id}`,
      crumbs: [
        { label: t('places.title'), href: '/places' },
        ...data.ancestors.map((a) => ({ label: `${kindLabel(a)} ${a.name}`, href: `/places/${a.id}` })),
        { label: place.name },
      ],
      children: data.children.map(rowView),
      participation: data.participation,
      pager: {
        page: p.page,
        pages: pageCount(data.total, PLACE_CHILDREN_PAGE_SIZE),
        hrefFor: (n: number) => `/places/${id}?page=${n}`,
      },
    };
    return sendPage(reply, <PlacePage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });
}
