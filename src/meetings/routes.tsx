// Council meetings: the secretariat's pages under /admin/meetings, the printable minutes and the public summary at /meetings/:id.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { can } from '../accounts/permissions.ts';
import { attachmentDisposition, documentExtensions, readUpload, uploadRoot, type DocumentType } from '../platform/files/store-upload.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { MAX_UPLOAD_BYTES } from '../platform/http/plugins.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { renderPage } from '../platform/views/render.ts';
import { pageCount, pageFromQuery } from '../platform/views/pagination.ts';
import { createResolution } from '../resolutions/create-resolution.ts';
import { addAgendaItem } from './add-agenda-item.ts';
import { addMember } from './add-member.ts';
import { createMeeting } from './create-meeting.ts';
import { deleteMeetingAttachment } from './delete-meeting-attachment.ts';
import { holdMeeting } from './hold-meeting.ts';
import { inviteAgency } from './invite-agency.ts';
import {
  ADMIN_MEETINGS, meetingListItem, meetingPageView, printView, publicListItem, publicMeetingView, type Kept,
} from './load-meeting-pages.ts';
import { idOf } from './meeting-access.ts';
import type { MeetingForm } from './meeting-input.ts';
import { isPublic } from './meeting-rules.ts';
import { countMeetings, findMeeting, findMeetingAttachment, listMeetings, listPublishedMeetings, type MeetingRow } from './meetings.repo.ts';
import { moveAgendaItem } from './move-agenda-item.ts';
import { recordAttendance } from './record-attendance.ts';
import { removeAgency } from './remove-agency.ts';
import { removeAgendaItem } from './remove-agenda-item.ts';
import { removeMember } from './remove-member.ts';
import { saveMinutes } from './save-minutes.ts';
import { saveSummary } from './save-summary.ts';
import { updateMeeting } from './update-meeting.ts';
import { uploadMeetingAttachment } from './upload-meeting-attachment.ts';
import { AdminMeetingsPage, NewMeetingPage, PublicMeetingsPage } from './views/meeting-list.tsx';
import { AdminMeetingPage } from './views/meeting-page.tsx';
import { MeetingPrintPage } from './views/meeting-print.tsx';
import { PublicMeetingPage } from './views/public-meeting.tsx';

const PAST_PAGE_SIZE = 20;
const PUBLIC_PAGE_SIZE = 20;

/** The print button's only behaviour; a file of its own as the CSP allows no inline script. */
const detailsOf = (body: unknown): MeetingForm => ({
  title: field(body, 'title', 400),
  date: field(body, 'date', 30),
  time: field(body, 'time', 20),
  venue: field(body, 'venue', 400),
  chair: field(body, 'chair', 400),
});

export async function meetingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = uploadRoot(ctx.config);
  const read = { preHandler: requirePermission('meeting.read') };
  const manage = { preHandler: requirePermission('meeting.manage') };
  const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, ctx.clock);
  const params = (request: FastifyRequest) => request.params as Record<string, string | undefined>;

  const meetingParam = async (request: FastifyRequest): Promise<MeetingRow> => {
    const id = idOf(params(request).id);
    const m = id === null ? undefined : await findMeeting(ctx.db, id);
    if (!m) throw notFound();
    return m;
  };
  const subId = (request: FastifyRequest, name: string): number => {
    const id = idOf(params(request)[name]);
    if (id === null) throw notFound();
    return id;
  };

  // ---- the list, a new meeting ----------------------------------------------------------------------

  app.get(ADMIN_MEETINGS, read, async (request, reply) => {
    const now = ctx.clock.now().toISOString();
    const p = pageFromQuery(field(request.query, 'page'), PAST_PAGE_SIZE);
    const [upcoming, past, pastCount] = await Promise.all([
      listMeetings(ctx.db, now, 'upcoming', { limit: 50, offset: 0 }), listMeetings(ctx.db, now, 'past', p), countMeetings(ctx.db, now, 'past'),
    ]);
    const view = {
      canManage: can(actorOf(request), 'meeting.manage'),
      upcoming: upcoming.map(meetingListItem),
      past: past.map(meetingListItem),
      pager: { page: p.page, pages: pageCount(pastCount, PAST_PAGE_SIZE), hrefFor: (n: number) => `${ADMIN_MEETINGS}?page=${n}` },
    };
    return sendPage(reply, <AdminMeetingsPage page={page(request, reply)} view={view} />);
  });

  app.get(`${ADMIN_MEETINGS}/new`, manage, async (request, reply) =>
    sendPage(reply, <NewMeetingPage page={page(request, reply)} values={{ title: '', date: '', time: '', venue: '', chair: '' }} errors={{}} />));

  app.post(ADMIN_MEETINGS, manage, async (request, reply) => {
    const values = detailsOf(request.body);
    const result = await submitForm(() => createMeeting(ctx, actorOf(request), values));
    if (!result.ok) return sendPage(reply, <NewMeetingPage page={page(request, reply)} values={values} errors={result.errors} />, result.status);
    setFlash(reply, { kind: 'success', text: t('meetings.flash.created') });
    return reply.redirect(`${ADMIN_MEETINGS}/${result.value.id}`, 303);
  });

  // ---- one meeting ----------------------------------------------------------------------------------

  const renderMeeting = async (request: FastifyRequest, reply: FastifyReply, m: MeetingRow, kept?: Kept, status = 200) =>
    sendPage(reply, <AdminMeetingPage page={page(request, reply)} view={await meetingPageView(ctx, actorOf(request), m, kept)} />, status);

  app.get(`${ADMIN_MEETINGS}/:id`, read, async (request, reply) => renderMeeting(request, reply, await meetingParam(request)));

  /**
   * Runs one of the page's forms: field errors show the page again with what was typed; a conflict
   * (wrong state, changed meanwhile) comes back as a message on the page; success redirects to the
   * section with a flash message.
   */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    m: MeetingRow,
    form: { name: string; values: Record<string, string | string[]>; anchor: string },
    run: () => Promise<unknown>,
    done: MessageKey,
  ) {
    try {
      const result = await submitForm(run);
      if (!result.ok) return renderMeeting(request, reply, m, { form: form.name, values: form.values, errors: result.errors }, result.status);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      setFlash(reply, { kind: 'error', text: err.detail ?? t('error.conflict.body') });
      return reply.redirect(`${ADMIN_MEETINGS}/${m.id}#${form.anchor}`, 303);
    }
    setFlash(reply, { kind: 'success', text: t(done) });
    return reply.redirect(`${ADMIN_MEETINGS}/${m.id}#${form.anchor}`, 303);
  }

  app.post(`${ADMIN_MEETINGS}/:id`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    const values = detailsOf(request.body);
    return act(request, reply, m, { name: 'details', values, anchor: 'main' }, () => updateMeeting(ctx, actorOf(request), m.id, values), 'meetings.flash.saved');
  });

  app.post(`${ADMIN_MEETINGS}/:id/members`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    const values = { member_user: field(request.body, 'member_user', 12), member_name: field(request.body, 'member_name', 400), member_role: field(request.body, 'member_role', 200) };
    return act(request, reply, m, { name: 'member', values, anchor: 'members' },
      () => addMember(ctx, actorOf(request), m.id, { userId: values.member_user, name: values.member_name, role: values.member_role }), 'meetings.flash.member_added');
  });

  app.post(`${ADMIN_MEETINGS}/:id/members/:memberId/delete`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    await removeMember(ctx, actorOf(request), m.id, subId(request, 'memberId'));
    setFlash(reply, { kind: 'success', text: t('meetings.flash.removed') });
    return reply.redirect(`${ADMIN_MEETINGS}/${m.id}#members`, 303);
  });

  app.post(`${ADMIN_MEETINGS}/:id/agencies`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    const values = { invite_agency: field(request.body, 'invite_agency', 12), invite_representative: field(request.body, 'invite_representative', 400) };
    return act(request, reply, m, { name: 'invite', values, anchor: 'agencies' },
      () => inviteAgency(ctx, actorOf(request), m.id, { agencyId: values.invite_agency, representative: values.invite_representative }), 'meetings.flash.agency_invited');
  });

  app.post(`${ADMIN_MEETINGS}/:id/agencies/:agencyId/delete`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    await removeAgency(ctx, actorOf(request), m.id, subId(request, 'agencyId'));
    setFlash(reply, { kind: 'success', text: t('meetings.flash.removed') });
    return reply.redirect(`${ADMIN_MEETINGS}/${m.id}#agencies`, 303);
  });

  app.post(`${ADMIN_MEETINGS}/:id/attendance`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const representatives: Record<string, string> = {};
    for (const key of Object.keys(body)) {
      const match = /^rep_(\d{1,9})$/.exec(key);
      if (match) representatives[match[1]!] = field(body, key, 400);
    }
    const members = fieldList(body, 'attended_member');
    const agencies = fieldList(body, 'attended_agency');
    const values: Record<string, string | string[]> = { attended_member: members, attended_agency: agencies, ...Object.fromEntries(Object.entries(representatives).map(([k, v]) => [`rep_${k}`, v])) };
    return act(request, reply, m, { name: 'attendance', values, anchor: 'attendance' },
      () => recordAttendance(ctx, actorOf(request), m.id, { members, agencies, representatives }), 'meetings.flash.attendance_saved');
  });

  app.post(`${ADMIN_MEETINGS}/:id/agenda`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    const values = {
      item_kind: field(request.body, 'item_kind', 20), item_ref: field(request.body, 'item_ref', 12),
      item_title: field(request.body, 'item_title', 600), item_notes: field(request.body, 'item_notes', 4000),
    };
    return act(request, reply, m, { name: 'agenda', values, anchor: 'agenda' },
      () => addAgendaItem(ctx, actorOf(request), m.id, { kind: values.item_kind, refId: values.item_ref, title: values.item_title, notes: values.item_notes }),
      'meetings.flash.agenda_added');
  });

  app.post(`${ADMIN_MEETINGS}/:id/agenda/:itemId/move`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    await moveAgendaItem(ctx, actorOf(request), m.id, subId(request, 'itemId'), field(request.body, 'direction', 10));
    return reply.redirect(`${ADMIN_MEETINGS}/${m.id}#agenda`, 303);
  });

  app.post(`${ADMIN_MEETINGS}/:id/agenda/:itemId/delete`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    await removeAgendaItem(ctx, actorOf(request), m.id, subId(request, 'itemId'));
    setFlash(reply, { kind: 'success', text: t('meetings.flash.removed') });
    return reply.redirect(`${ADMIN_MEETINGS}/${m.id}#agenda`, 303);
  });

  app.post(`${ADMIN_MEETINGS}/:id/resolutions`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    const values = { text: field(request.body, 'text', 8000), agencyId: field(request.body, 'agencyId', 12), deadline: field(request.body, 'deadline', 30) };
    return act(request, reply, m, { name: 'resolution', values, anchor: 'resolutions' },
      () => createResolution(ctx, actorOf(request), m.id, values), 'meetings.flash.resolution_added');
  });

  app.post(`${ADMIN_MEETINGS}/:id/minutes`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    const values = { minutes: field(request.body, 'minutes', 100_000) };
    return act(request, reply, m, { name: 'minutes', values, anchor: 'minutes-section' }, () => saveMinutes(ctx, actorOf(request), m.id, values), 'meetings.flash.minutes_saved');
  });

  app.post(`${ADMIN_MEETINGS}/:id/held`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    return act(request, reply, m, { name: 'minutes', values: { minutes: m.minutes }, anchor: 'minutes-section' }, () => holdMeeting(ctx, actorOf(request), m.id), 'meetings.flash.held');
  });

  app.post(`${ADMIN_MEETINGS}/:id/summary`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    const values = { summary: field(request.body, 'summary', 20_000) };
    const publish = field(request.body, 'action', 10) === 'publish';
    return act(request, reply, m, { name: 'summary', values, anchor: 'summary-section' },
      () => saveSummary(ctx, actorOf(request), m.id, { summary: values.summary, publish }), publish ? 'meetings.flash.published' : 'meetings.flash.summary_saved');
  });

  // ---- attachments ----------------------------------------------------------------------------------

  app.post(`${ADMIN_MEETINGS}/:id/attachments`, { ...manage, bodyLimit: MAX_UPLOAD_BYTES + 65_536 }, async (request, reply) => {
    const m = await meetingParam(request);
    const file = (request.body as { file?: unknown } | undefined)?.file;
    const isPublic = field(request.body, 'is_public', 5) === '1';
    return act(request, reply, m, { name: 'attachment', values: {}, anchor: 'attachments' },
      () => uploadMeetingAttachment(ctx, actorOf(request), m.id, { bytes: Buffer.isBuffer(file) ? file : null, fileName: request.uploadNames?.file, isPublic, root }),
      'meetings.flash.uploaded');
  });

  const sendAttachment = async (reply: FastifyReply, m: MeetingRow, rawId: string | undefined, publicOnly: boolean) => {
    const id = idOf(rawId);
    const a = id === null ? undefined : await findMeetingAttachment(ctx.db, m.id, id);
    if (!a || (publicOnly && !a.is_public)) throw notFound();
    const bytes = await readUpload(root, a.storage_key);
    if (!bytes) throw notFound();
    const ext = documentExtensions[a.content_type as DocumentType] ?? 'bin';
    return reply
      .header('content-type', a.content_type)
      .header('content-disposition', attachmentDisposition(a.file_name, `meeting-${m.id}-${a.id}.${ext}`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', publicOnly ? 'public, max-age=3600' : 'private, no-store')
      .send(bytes);
  };

  app.get(`${ADMIN_MEETINGS}/:id/attachments/:attachmentId`, read, async (request, reply) =>
    sendAttachment(reply, await meetingParam(request), params(request).attachmentId, false));

  app.post(`${ADMIN_MEETINGS}/:id/attachments/:attachmentId/delete`, manage, async (request, reply) => {
    const m = await meetingParam(request);
    await deleteMeetingAttachment(ctx, actorOf(request), m.id, subId(request, 'attachmentId'), root);
    setFlash(reply, { kind: 'success', text: t('meetings.flash.removed') });
    return reply.redirect(`${ADMIN_MEETINGS}/${m.id}#attachments`, 303);
  });

  // ---- the printable minutes ------------------------------------------------------------------------

  app.get(`${ADMIN_MEETINGS}/:id/print`, read, async (request, reply) => {
    const view = await printView(ctx, await meetingParam(request));
    return reply.type('text/html; charset=utf-8').send(renderPage(<MeetingPrintPage view={view} />));
  });

  // ---- public ---------------------------------------------------------------------------------------

  // Anonymous visitors: the page cache's version and one statement with the count.
  app.get('/meetings', { config: { publicPage: true } }, async (request, reply) => {
    const p = pageFromQuery(field(request.query, 'page'), PUBLIC_PAGE_SIZE);
    const rows = await listPublishedMeetings(ctx.db, p);
    const total = rows[0]?.total ?? 0;
    const pager = { page: p.page, pages: pageCount(total, PUBLIC_PAGE_SIZE), hrefFor: (n: number) => `/meetings?page=${n}` };
    return sendPage(reply, <PublicMeetingsPage page={page(request, reply)} rows={rows.map(publicListItem)} pager={pager} />);
  });

  const publishedParam = async (request: FastifyRequest): Promise<MeetingRow> => {
    const m = await meetingParam(request);
    if (!isPublic(m)) throw notFound();
    return m;
  };

  // Anonymous visitors: the page cache's version, the meeting, its public attachments, its resolutions.
  app.get('/meetings/:id', { config: { publicPage: true } }, async (request, reply) => {
    const m = await publishedParam(request);
    return sendPage(reply, <PublicMeetingPage page={page(request, reply)} view={await publicMeetingView(ctx, m)} />);
  });

  app.get('/meetings/:id/attachments/:attachmentId', async (request, reply) =>
    sendAttachment(reply, await publishedParam(request), params(request).attachmentId, true));
}
