import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { currentMigration } from '../platform/db/migrate.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { loadHome } from './load-home.ts';
import { HomePage } from './views/home-page.tsx';

export async function homeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/', { config: { publicPage: true } }, async (request, reply) => {
    const home = await loadHome(ctx.db);
    const view = {
      signedIn: !!request.actor,
      stats: [
        { label: t('home.stats.places'), value: formatNumber(home.homes) },
        ...(home.province?.population ? [{ label: t('home.stats.population'), value: formatNumber(home.province.population) }] : []),
      ],
      counties: home.counties.map((c) => ({
        href: `/places/${c.id}`,
        name: c.name,
        population: c.population === null ? '' : t('places.population', { value: formatNumber(c.population), year: c.population_year ?? '' }),
      })),
    };
    return sendPage(reply, <HomePage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  app.get('/healthz', async (_request, reply) => {
    try {
      const version = await currentMigration(ctx.db);
      return reply.send({ status: 'ok', database: ctx.dialect, migration: version });
    } catch (err) {
      ctx.log.error({ err }, 'health check failed');
      return reply.status(503).send({ status: 'error', database: ctx.dialect, migration: null });
    }
  });
}
