import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { readUtf8Upload } from '../platform/files/text-upload.ts';
import { setFlash } from '../platform/http/flash.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { MAX_UPLOAD_BYTES } from '../platform/http/plugins.ts';
import { t } from '../platform/i18n/t.ts';
import { importPlaces } from './import-places.ts';
import { parsePlaceFile } from './parse-place-file.ts';
import { PlacesImportPage, type ImportPageView } from './views/import-page.tsx';

type Upload = { file?: unknown };

/** Staff pages for the place hierarchy: import from the same files the CLI takes. */
export async function placesAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = (request: FastifyRequest, reply: FastifyReply, view: ImportPageView, status = 200) =>
    sendPage(reply, <PlacesImportPage page={pageContext(request, reply, ctx.clock)} view={view} />, status);

  app.get('/admin/places/import', { preHandler: requirePermission('place.manage') }, async (request, reply) =>
    render(request, reply, { problems: [] }),
  );

  app.post(
    '/admin/places/import',
    { preHandler: requirePermission('place.manage'), bodyLimit: MAX_UPLOAD_BYTES + 65_536 },
    async (request, reply) => {
      const file = (request.body as Upload | undefined)?.file;
      if (!Buffer.isBuffer(file) || file.length === 0) {
        return render(request, reply, { fileError: t('places.import.no_file'), problems: [] }, 422);
      }
      const text = readUtf8Upload(file);
      if (text === null) return render(request, reply, { fileError: t('places.import.not_text'), problems: [] }, 415);
      // The format is judged from the content: JSON starts with { or [, anything else is CSV.
      const name = /^\s*[[{]/.test(text) ? 'upload.json' : 'upload.csv';
      const parsed = parsePlaceFile(text, name);
      const report = parsed.problems.length
        ? { ok: false, inserted: 0, updated: 0, problems: parsed.problems }
        : await importPlaces(ctx, parsed.records, { actorId: actorOf(request).id });
      if (!report.ok) return render(request, reply, { problems: report.problems.slice(0, 500) }, 422);
      setFlash(reply, { kind: 'success', text: t('places.import.done', { inserted: report.inserted, updated: report.updated }) });
      return reply.redirect('/places', 303);
    },
  );
}
