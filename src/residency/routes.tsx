// Residency verification: /my/residency (national ID against the census), /admin/residency (census upload, verification by hand).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { findUserById, findUserByMobile } from '../accounts/accounts.repo.ts';
import { parseIranMobile } from '../accounts/mobile.ts';
import { findPlace } from '../places/places.repo.ts';
import { readUtf8Upload } from '../platform/files/text-upload.ts';
import { AppError } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { formatNumber } from '../platform/persian/money.ts';
import type { FieldErrors } from '../platform/views/components.tsx';
import { importCensus, type CensusReport } from './census.ts';
import { isVerifiedResident } from './residency.ts';
import { recentCensusImports, residencyOfUser, verifiedCountsByMethod } from './residency-pages.repo.ts';
import { revokeResidency, verifyByHand, verifyBySelf } from './verify-residency.ts';
import { AdminResidencyPage, MyResidencyPage, type AdminResidencyView, type FormState, type MyResidencyView } from './views/residency-pages.tsx';

/** Largest census file accepted (a province's list of residents as CSV is well under this). */
export const CENSUS_MAX_BYTES = 5 * 1024 * 1024;
/** National ID attempts per person per minute: enough for typos, too few to try IDs one by one. */
export const SELF_VERIFY_PER_MINUTE = 5;
/** Problems listed on the page; a file that is wrong throughout would otherwise make a page of megabytes. */
const PROBLEMS_SHOWN = 500;

const methodLabel = (m: 'census' | 'manual' | null) => (m === 'manual' ? t('residency.page.method.manual') : t('residency.page.method.census'));
const emptyForm = (): FormState => ({ values: { mobile: '', note: '' }, errors: {} });

export async function residencyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, ctx.clock);
  const opCtx = { ...ctx, secret: ctx.config.sessionSecret };
  const self = { preHandler: requirePermission('residency.verify_self') };
  const manage = { preHandler: requirePermission('residency.manage') };

  // ---- the resident ----

  async function renderMine(request: FastifyRequest, reply: FastifyReply, values = { nationalId: '' }, errors: FieldErrors = {}, status = 200) {
    const me = await residencyOfUser(ctx.db, actorOf(request).id);
    if (!me) throw new AppError('unauthorized');
    const verified = isVerifiedResident(me);
    const lines: string[] = [];
    if (verified) {
      lines.push(t('residency.page.verified_line', { place: toPersianDigits(me.residency_name ?? ''), method: methodLabel(me.residency_method), date: formatJalaliDate(me.residency_verified_at!) }));
    } else if (me.residency_verified_at && me.residency_name) {
      lines.push(t('residency.page.lapsed_line', { place: toPersianDigits(me.residency_name) }));
    } else {
      lines.push(t('residency.page.unverified_line'));
    }
    const view: MyResidencyView = {
      status: { verified, lines },
      home: me.home_place_id !== null && me.home_name ? { name: toPersianDigits(me.home_name), href: `/places/${me.home_place_id}` } : null,
      showForm: !verified && me.home_place_id !== null,
      values,
      errors,
    };
    return sendPage(reply, <MyResidencyPage page={page(request, reply)} view={view} />, status);
  }

  app.get('/my/residency', self, async (request, reply) => renderMine(request, reply));

  app.post(
    '/my/residency',
    {
      ...self,
      config: {
        rateLimit: {
          max: SELF_VERIFY_PER_MINUTE,
          timeWindow: '1 minute',
          keyGenerator: (request: FastifyRequest) => (request.actor ? `residency:u${request.actor.id}` : `residency:${request.ip}`),
        },
      },
    },
    async (request, reply) => {
      const values = { nationalId: field(request.body, 'nationalId', 40) };
      const outcome = await submitForm(() => verifyBySelf(opCtx, actorOf(request), values));
      if (!outcome.ok) return renderMine(request, reply, values, outcome.errors, outcome.status);
      setFlash(reply, { kind: 'success', text: t('residency.page.self_done') });
      return reply.redirect('/my/residency', 303);
    },
  );

  // ---- the secretariat ----

  async function renderAdmin(request: FastifyRequest, reply: FastifyReply, o: Partial<Pick<AdminResidencyView, 'fileError' | 'verify' | 'revoke'>> & { report?: CensusReport } = {}, status = 200) {
    const [counts, imports] = await Promise.all([verifiedCountsByMethod(ctx.db), recentCensusImports(ctx.db)]);
    const problems = o.report && !o.report.ok ? o.report.problems : null;
    const view: AdminResidencyView = {
      counts: [
        { label: t('residency.page.count_census'), value: formatNumber(counts.census) },
        { label: t('residency.page.count_manual'), value: formatNumber(counts.manual) },
        { label: t('residency.page.count_total'), value: formatNumber(counts.census + counts.manual) },
      ],
      fileError: o.fileError ?? null,
      problems: problems ? problems.slice(0, PROBLEMS_SHOWN).map((p) => ({ line: formatNumber(p.line), message: p.message })) : null,
      problemsLeftOut: problems ? Math.max(0, problems.length - PROBLEMS_SHOWN) : 0,
      imports: imports.map((i) => ({
        file: i.file_name,
        rows: formatNumber(i.rows),
        by: i.imported_by_name ?? '—',
        when: formatJalaliDateTime(i.imported_at),
      })),
      verify: o.verify ?? emptyForm(),
      revoke: o.revoke ?? emptyForm(),
    };
    return sendPage(reply, <AdminResidencyPage page={page(request, reply)} view={view} />, status);
  }

  app.get('/admin/residency', manage, async (request, reply) => renderAdmin(request, reply));

  app.post('/admin/residency/census', { ...manage, bodyLimit: CENSUS_MAX_BYTES + 65_536 }, async (request, reply) => {
    const file = (request.body as { file?: unknown } | undefined)?.file;
    if (!Buffer.isBuffer(file) || file.length === 0) return renderAdmin(request, reply, { fileError: t('residency.page.no_file') }, 422);
    if (file.length > CENSUS_MAX_BYTES) return renderAdmin(request, reply, { fileError: t('residency.page.too_large') }, 413);
    const text = readUtf8Upload(file);
    if (text === null) return renderAdmin(request, reply, { fileError: t('residency.page.not_text') }, 415);
    const name = request.uploadNames?.file || 'census.csv';
    const report = await importCensus(opCtx, actorOf(request), name, text);
    if (!report.ok) return renderAdmin(request, reply, { report, fileError: t('residency.page.refused', { count: formatNumber(report.problems.length) }) }, 422);
    setFlash(reply, {
      kind: 'success',
      text: t('residency.page.census_done', { rows: formatNumber(report.rows), added: formatNumber(report.added), updated: formatNumber(report.updated) }),
    });
    return reply.redirect('/admin/residency', 303);
  });

  app.post('/admin/residency/verify', manage, async (request, reply) => {
    const values = { mobile: field(request.body, 'mobile', 40), note: field(request.body, 'note', 1000) };
    const outcome = await submitForm(() => verifyByHand(ctx, actorOf(request), values));
    if (!outcome.ok) return renderAdmin(request, reply, { verify: { values, errors: outcome.errors } }, outcome.status);
    const [user, place] = await Promise.all([findUserById(ctx.db, outcome.value.userId), findPlace(ctx.db, outcome.value.placeId)]);
    setFlash(reply, { kind: 'success', text: t('residency.page.hand_done', { name: user?.name || '—', place: toPersianDigits(place?.name ?? '—') }) });
    return reply.redirect('/admin/residency', 303);
  });

  app.post('/admin/residency/revoke', manage, async (request, reply) => {
    const values = { mobile: field(request.body, 'revokeMobile', 40), note: field(request.body, 'revokeNote', 1000) };
    const refuse = (errors: FieldErrors, status = 422) => renderAdmin(request, reply, { revoke: { values, errors } }, status);
    const mobile = parseIranMobile(values.mobile);
    const noteMissing = values.note.trim() ? {} : { revokeNote: t('residency.page.revoke_note_required') };
    if (!mobile) return refuse({ revokeMobile: t('residency.hand.bad_mobile'), ...noteMissing });
    const user = await findUserByMobile(ctx.db, mobile);
    if (!user) return refuse({ revokeMobile: t('residency.hand.unknown') });
    const residency = await residencyOfUser(ctx.db, user.id);
    if (!residency?.residency_verified_at) return refuse({ revokeMobile: t('residency.page.revoke_not_verified'), ...noteMissing });
    if (noteMissing.revokeNote) return refuse(noteMissing);
    const outcome = await submitForm(() => revokeResidency(ctx, actorOf(request), user.id, values.note));
    if (!outcome.ok) return refuse({ revokeMobile: outcome.errors.mobile, revokeNote: outcome.errors.note }, outcome.status);
    setFlash(reply, { kind: 'success', text: t('residency.page.revoke_done', { name: user.name || '—' }) });
    return reply.redirect('/admin/residency', 303);
  });
}
