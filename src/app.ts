import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import { accountsRoutes } from './accounts/routes.tsx';
import { adminRoutes } from './accounts/admin-routes.tsx';
import { homeRoutes } from './home/routes.tsx';
import { placesRoutes } from './places/routes.tsx';
import { placesAdminRoutes } from './places/admin-routes.tsx';
import { agenciesRoutes } from './agencies/routes.tsx';
import { callsRoutes } from './calls/routes.tsx';
import { planFormRoutes } from './plans/form-routes.tsx';
import { planPublicRoutes } from './plans/public-routes.tsx';
import { planScreeningRoutes } from './plans/screening-routes.tsx';
import { commentRoutes } from './comments/routes.tsx';
import { moderationRoutes } from './comments/moderation-routes.tsx';
import { reviewRoutes } from './reviews/routes.tsx';
import { allocationRoutes } from './allocation/routes.tsx';
import { needsRoutes } from './needs/routes.tsx';
import { planSupportRoutes } from './plans/support-routes.tsx';
import { ballotRoutes } from './ballots/routes.tsx';
import { ballotAdminRoutes } from './ballots/admin-routes.tsx';
import { residencyRoutes } from './residency/routes.tsx';
import { meetingRoutes } from './meetings/routes.tsx';
import { resolutionRoutes } from './resolutions/routes.tsx';
import { newsRoutes } from './news/routes.tsx';
import { indicatorRoutes } from './monitoring/indicators/routes.tsx';
import { progressReportRoutes } from './monitoring/reports/routes.tsx';
import { resultsRoutes } from './monitoring/results/routes.tsx';
import { dashboardRoutes } from './monitoring/dashboard/routes.tsx';
import { openDataRoutes } from './opendata/routes.tsx';
import { registerPlatform } from './platform/http/plugins.ts';
import { registerPageCache } from './platform/http/page-cache.ts';
import { todayLabel } from './platform/http/page.ts';
import { auditHead } from './platform/audit/audit.repo.ts';

/** Builds the HTTP app: platform plugins first, then each module's routes. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    trustProxy: ctx.config.TRUST_PROXY,
    routerOptions: { ignoreTrailingSlash: true },
  });
  await registerPlatform(app, {
    cookieSecret: ctx.config.sessionSecret,
    secureCookies: ctx.config.BASE_URL.startsWith('https:'),
    clock: ctx.clock,
  });
  await accountsRoutes(app, ctx);
  // After the session hook, so signed-in requests are recognised and bypass the cache.
  registerPageCache(app, {
    enabled: ctx.config.PAGE_CACHE,
    version: async () => `${await auditHead(ctx.db)}|${todayLabel(ctx.clock)}`,
  });
  await adminRoutes(app, ctx);
  await homeRoutes(app, ctx);
  await placesRoutes(app, ctx);
  await placesAdminRoutes(app, ctx);
  await agenciesRoutes(app, ctx);
  await callsRoutes(app, ctx);
  await planFormRoutes(app, ctx);
  await planPublicRoutes(app, ctx);
  await planScreeningRoutes(app, ctx);
  await commentRoutes(app, ctx);
  await moderationRoutes(app, ctx);
  await reviewRoutes(app, ctx);
  await allocationRoutes(app, ctx);
  await residencyRoutes(app, ctx);
  await ballotRoutes(app, ctx);
  await ballotAdminRoutes(app, ctx);
  await planSupportRoutes(app, ctx);
  await needsRoutes(app, ctx);
  await newsRoutes(app, ctx);
  await resolutionRoutes(app, ctx);
  await meetingRoutes(app, ctx);
  await indicatorRoutes(app, ctx);
  await progressReportRoutes(app, ctx);
  await resultsRoutes(app, ctx);
  await dashboardRoutes(app, ctx);
  await openDataRoutes(app, ctx);
  return app;
}
