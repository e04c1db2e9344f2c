// Routes: the public results of funded plans (figures from approved reports only):
// /results/progress (the hub), /results/map, /results/plans/:id, /results/places/:id,
// /results/harms/:code. All read-only, anonymous and cached (publicPage).

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { field } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page.ts';
import { tehranDate } from '../reports/schedule.ts';
import {
  hubHref, idOf, loadHarmResults, loadHub, loadMapPage, loadPlaceResults, loadPlanResultsPage, parseMetric,
} from './load-results-pages.ts';
import { HarmResultsPage, HubPage, MapPage, PlaceResultsPage, PlanResultsPage } from './views/results-pages.tsx';

const idParam = (request: FastifyRequest) => idOf((request.params as { id?: string }).id ?? '');

export async function resultsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = (request: FastifyRequest, reply: Parameters<typeof pageContext>[1]) => pageContext(request, reply, ctx.clock);
  const publicPage = { config: { publicPage: true } };

  app.get('/results/progress', publicPage, async (request, reply) => {
    const view = await loadHub(ctx.db, request.query);
    const metric = parseMetric(field(request.query, 'metric', 40));
    return sendPage(reply, <HubPage page={page(request, reply)} view={view} hrefFor={(n) => hubHref(n, metric)} />);
  });

  app.get('/results/map', publicPage, async (request, reply) => {
    const view = await loadMapPage(ctx.db, request.query);
    return sendPage(reply, <MapPage page={page(request, reply)} view={view} />);
  });

  app.get('/results/plans/:id', publicPage, async (request, reply) => {
    const id = idParam(request);
    const view = id === null ? null : await loadPlanResultsPage(ctx.db, id, tehranDate(ctx.clock.now()));
    if (!view) throw notFound();
    return sendPage(reply, <PlanResultsPage page={page(request, reply)} view={view} />);
  });

  app.get('/results/places/:id', publicPage, async (request, reply) => {
    const id = idParam(request);
    const view = id === null ? null : await loadPlaceResults(ctx.db, id);
    if (!view) throw notFound();
    return sendPage(reply, <PlaceResultsPage page={page(request, reply)} view={view} />);
  });

  app.get('/results/harms/:code', publicPage, async (request, reply) => {
    const code = (request.params as { code?: string }).code ?? '';
    const view = await loadHarmResults(ctx.db, code, request.query);
    if (!view) throw notFound();
    return sendPage(reply, <HarmResultsPage page={page(request, reply)} view={view} />);
  });
}
