// Routes: the council dashboard, the need index settings and the targeting view.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requirePermission } from '../../accounts/accounts.plugin.ts';
import type { AppContext } from '../../context.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { field, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page.ts';
import { t } from '../../platform/i18n/t.ts';
import { pageFromQuery } from '../../platform/views/pagination.ts';
import { loadDashboard } from './load-dashboard.ts';
import { parseLevel } from './load-need-index.ts';
import { loadSettingsPage, loadTargeting, TARGETING_PAGE_SIZE, targetingCsv, type SettingsFormState } from './load-targeting.ts';
import { saveNeedIndexSettings, type NeedIndexSettingsInput } from './save-need-index-settings.ts';
import { DashboardPage } from './views/dashboard-page.tsx';
import { NeedIndexSettingsPage } from './views/settings-page.tsx';
import { TargetingPage } from './views/targeting-page.tsx';

/** The weights as typed: `indicator-<id>` fields become a map by indicator id. */
function settingsInput(body: unknown): NeedIndexSettingsInput {
  const indicators: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const m = /^indicator-(\d{1,9})$/.exec(k);
    if (m && typeof v === 'string') indicators[m[1]!] = v.slice(0, 20);
  }
  return { needs: field(body, 'needs', 20), population: field(body, 'population', 20), indicators };
}

export async function dashboardRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const readers = { preHandler: requirePermission('monitoring.read') };
  const configurers = { preHandler: requirePermission('monitoring.configure') };

  app.get('/admin/dashboard', readers, async (request, reply) => {
    const view = await loadDashboard(ctx);
    return sendPage(reply, <DashboardPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  app.get('/admin/targeting', readers, async (request, reply) => {
    const level = parseLevel(field(request.query, 'level', 10));
    if (field(request.query, 'format', 10) === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="need-index-${level}.csv"`)
        .send(await targetingCsv(ctx.db, level));
    }
    const p = pageFromQuery(field(request.query, 'page', 8), TARGETING_PAGE_SIZE);
    const view = await loadTargeting(ctx.db, actorOf(request), level, p.page, ctx.clock.now());
    return sendPage(reply, <TargetingPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, state?: SettingsFormState, status = 200) => {
    const view = await loadSettingsPage(ctx.db, state);
    return sendPage(reply, <NeedIndexSettingsPage page={pageContext(request, reply, ctx.clock)} view={view} />, status);
  };

  app.get('/admin/need-index', configurers, async (request, reply) => renderSettings(request, reply));

  app.post('/admin/need-index', configurers, async (request, reply) => {
    const input = settingsInput(request.body);
    const result = await submitForm(() => saveNeedIndexSettings(ctx, actorOf(request), input));
    if (!result.ok) return renderSettings(request, reply, { input, errors: result.errors }, result.status);
    setFlash(reply, { kind: 'success', text: t('dashboard.settings.saved') });
    return reply.redirect('/admin/need-index', 303);
  });
}
