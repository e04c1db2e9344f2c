// View-models of the resolution pages: routes parse and call these; views receive only what they
// show, already formatted (Persian digits, Jalali dates, labels).

import { can, type Actor } from '../accounts/permissions.ts';
import type { AppContext } from '../context.ts';
import { field } from '../platform/http/forms.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { formatNumber } from '../platform/persian/money.ts';
import type { FieldErrors, SelectOption, Stat } from '../platform/views/components.tsx';
import { pageCount } from '../platform/views/pagination.ts';
import {
  activeResolutionStatuses, awaitsConfirmation, classifyNotes, isOverdue, resolutionTransitions, statusesSetBy,
  type ResolutionStatus,
} from './resolution-rules.ts';
import { deadlineLabel, remainingLabel, resolutionLabel } from './resolution-format.ts';
import {
  countResolutions, countsByAgency, findResolution, latestNoteStatuses, listResolutions, notesOfResolution, type ResolutionCounts, type ResolutionFilter, type ResolutionListRow, type ResolutionRow,
} from './resolutions.repo.ts';
import type { FollowUpView } from './views/follow-up-page.tsx';
import type { MyResolutionCard, MyResolutionsView, ProgressFormView } from './views/my-resolutions-page.tsx';
import type { NoteView, ResolutionRowView } from './views/parts.tsx';
import type { ResolutionDetailView, StatusFormView } from './views/resolution-page.tsx';

export const FOLLOW_UP_PAGE_SIZE = 50;
export const MY_PAGE_SIZE = 20;
/** A print run shows every matching resolution up to this many. */
const PRINT_LIMIT = 2000;

const statusLabel = (s: ResolutionStatus | 'overdue') => t(`resolutions.status.${s}`);
const paragraphs = (s: string) => toPersianDigits(s).split(/\n+/).map((p) => p.trim()).filter(Boolean);
const excerpt = (s: string, max = 220) => {
  const flat = toPersianDigits(s.replace(/\s+/g, ' ').trim());
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max);
  return `${flat.slice(0, cut > max / 2 ? cut : max)}…`;
};

/** A numeric id from a URL or form (any digit kind), or null. */
export function idOf(raw: string): number | null {
  const s = toAsciiDigits(raw.trim());
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
}

function rowView(r: ResolutionListRow, now: Date, o: { href: string; linkMeeting: boolean; awaiting?: boolean }): ResolutionRowView {
  const overdue = isOverdue(r, now);
  return {
    id: r.id,
    href: o.href,
    label: t('resolutions.number', { number: r.number }),
    text: excerpt(r.text),
    meetingTitle: `${toPersianDigits(r.meeting_title)} (${formatJalaliDate(r.meeting_starts_at)})`,
    meetingHref: o.linkMeeting ? `/admin/meetings/${r.meeting_id}` : null,
    agency: toPersianDigits(r.agency_name),
    deadline: deadlineLabel(r.deadline_at),
    remaining: remainingLabel(r.deadline_at, now),
    statusLabel: statusLabel(r.status),
    overdue,
    closed: !activeResolutionStatuses.includes(r.status),
    awaiting: o.awaiting ?? false,
  };
}

function countStats(c: ResolutionCounts): Stat[] {
  return [
    { label: t('resolutions.count.open'), value: formatNumber(c.open + c.in_progress) },
    { label: t('resolutions.count.overdue'), value: formatNumber(c.overdue) },
    { label: t('resolutions.count.done'), value: formatNumber(c.done) },
    { label: t('resolutions.count.cancelled'), value: formatNumber(c.cancelled) },
  ];
}

// ---- the follow-up page -------------------------------------------------------------------------

export const followUpFilters = ['active', 'overdue', 'open', 'in_progress', 'done', 'cancelled', 'all'] as const;
export type FollowUpFilter = (typeof followUpFilters)[number];

export type FollowUpParams = { status: FollowUpFilter; agencyId: number | null; page: number; print: boolean };

export function parseFollowUpParams(query: unknown): FollowUpParams {
  const s = field(query, 'status', 20);
  const n = Number.parseInt(toAsciiDigits(field(query, 'page', 8)), 10);
  return {
    status: (followUpFilters as readonly string[]).includes(s) ? (s as FollowUpFilter) : 'active',
    agencyId: idOf(field(query, 'agency', 12)),
    page: Number.isFinite(n) && n >= 1 && n <= 100_000 ? n : 1,
    print: field(query, 'print', 2) === '1',
  };
}

function filterTotal(c: ResolutionCounts, s: FollowUpFilter): number {
  switch (s) {
    case 'active': return c.open + c.in_progress + c.overdue;
    case 'all': return c.total;
    default: return c[s];
  }
}

/** Queries: counts, the page of rows, their latest notes, counts by agency. */
export async function loadFollowUp(ctx: AppContext, p: FollowUpParams): Promise<FollowUpView> {
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const agencyFilter = p.agencyId === null ? {} : { agencyId: p.agencyId };
  const filter: ResolutionFilter = { ...agencyFilter, ...(p.status === 'all' ? {} : { status: p.status }) };
  const limit = p.print ? PRINT_LIMIT : FOLLOW_UP_PAGE_SIZE;
  const offset = p.print ? 0 : (p.page - 1) * FOLLOW_UP_PAGE_SIZE;
  const [counts, rows, byAgency] = await Promise.all([
    countResolutions(ctx.db, iso, agencyFilter),
    listResolutions(ctx.db, iso, filter, { limit, offset }),
    countsByAgency(ctx.db, iso),
  ]);
  const latest = await latestNoteStatuses(ctx.db, rows.map((r) => r.id));
  const total = filterTotal(counts, p.status);
  const pages = pageCount(total, FOLLOW_UP_PAGE_SIZE);
  const query = (o: { status?: string; agency?: number | null; page?: number; print?: boolean }) => {
    const q = new URLSearchParams();
    const status = o.status ?? p.status;
    const agency = o.agency === undefined ? p.agencyId : o.agency;
    if (status !== 'active') q.set('status', status);
    if (agency !== null) q.set('agency', String(agency));
    if (o.page && o.page > 1) q.set('page', String(o.page));
    if (o.print) q.set('print', '1');
    const s = q.toString();
    return s ? `/admin/resolutions?${s}` : '/admin/resolutions';
  };
  const agencyName = byAgency.find((a) => a.agency_id === p.agencyId)?.agency_name;
  const statusText = t(`resolutions.filter.${p.status}`);
  return {
    status: p.status,
    agency: p.agencyId === null ? '' : String(p.agencyId),
    statusOptions: followUpFilters.map((f) => ({ value: f, label: t(`resolutions.filter.${f}`) })),
    agencyOptions: [{ value: '', label: t('resolutions.filter.all_agencies') }, ...byAgency.map((a) => ({ value: String(a.agency_id), label: toPersianDigits(a.agency_name) }))],
    stats: countStats(counts),
    heading: agencyName ? t('resolutions.follow.heading_agency', { status: statusText, agency: toPersianDigits(agencyName) }) : statusText,
    countText: t('resolutions.follow.count', { count: formatNumber(total) }),
    rows: rows.map((r) => rowView(r, now, { href: `/admin/resolutions/${r.id}`, linkMeeting: true, awaiting: awaitsConfirmation(r.status, latest.get(r.id)) })),
    agencies: byAgency.map((a) => ({
      name: toPersianDigits(a.agency_name),
      href: query({ agency: a.agency_id, page: 1 }),
      active: formatNumber(a.active),
      overdue: formatNumber(a.overdue),
      done: formatNumber(a.done),
      hasOverdue: a.overdue > 0,
    })),
    pager: { page: Math.min(p.page, pages), pages, hrefFor: (page) => query({ page }) },
    printHref: query({ print: true }),
    print: p.print,
    generatedAt: formatJalaliDateTime(now),
  };
}

// ---- one resolution -----------------------------------------------------------------------------

const noteKindLabels = { status: (s: ResolutionStatus) => t('resolutions.notes.moved', { status: statusLabel(s) }), proposed_done: () => t('resolutions.notes.proposed') };

async function detailView(ctx: AppContext, r: ResolutionRow, o: { linkMeeting: boolean; href: string }): Promise<ResolutionDetailView> {
  const now = ctx.clock.now();
  const notes = await notesOfResolution(ctx.db, r.id);
  const kinds = classifyNotes(r.status, notes);
  const latest = notes.at(-1);
  const noteViews: NoteView[] = notes.map((n, i) => {
    const kind = kinds[i]!;
    return {
      id: n.id,
      author: n.author_name ? toPersianDigits(n.author_name) : t('resolutions.notes.someone'),
      at: formatJalaliDateTime(n.created_at),
      kindLabel: kind === 'note' || n.status === null ? null : kind === 'proposed_done' ? noteKindLabels.proposed_done() : noteKindLabels.status(n.status),
      body: paragraphs(n.body),
      proposal: kind === 'proposed_done',
    };
  });
  return {
    ...rowView(r, now, { href: o.href, linkMeeting: o.linkMeeting, awaiting: awaitsConfirmation(r.status, latest ? latest.status : undefined) }),
    label: resolutionLabel(r.number, r.meeting_title),
    paragraphs: paragraphs(r.text),
    statusNote: r.status_note ? toPersianDigits(r.status_note) : null,
    closedAt: r.closed_at ? formatJalaliDateTime(r.closed_at) : null,
    createdAt: formatJalaliDateTime(r.created_at),
    notes: noteViews,
    isDemo: r.is_demo === 1,
  };
}

/** The secretariat's choices from a state: a note alone, or a status it may set from there. */
export function statusOptions(from: ResolutionStatus): SelectOption[] {
  return [
    { value: '', label: t('resolutions.manage.note_only') },
    ...statusesSetBy.secretariat.filter((s) => resolutionTransitions[from].includes(s)).map((s) => ({ value: s, label: t(`resolutions.manage.to.${s as Exclude<ResolutionStatus, 'open'>}`) })),
  ];
}

/** The agency's choices: a note, work started (only while open), or done (a proposal). */
export function reportOptions(from: ResolutionStatus): SelectOption[] {
  return [
    { value: '', label: t('resolutions.progress.report_note') },
    ...(from === 'open' ? [{ value: 'in_progress', label: t('resolutions.progress.report_started') }] : []),
    { value: 'done', label: t('resolutions.progress.report_done') },
  ];
}

export async function loadAdminResolution(
  ctx: AppContext,
  actor: Actor,
  id: number,
  form?: { status: string; note: string; errors: FieldErrors },
): Promise<{ view: ResolutionDetailView; form: StatusFormView | null } | null> {
  const r = await findResolution(ctx.db, id);
  if (!r) return null;
  const view = await detailView(ctx, r, { linkMeeting: true, href: `/admin/resolutions/${id}` });
  const manage = can(actor, 'resolution.manage') && activeResolutionStatuses.includes(r.status);
  return { view, form: manage ? { options: statusOptions(r.status), status: form?.status ?? '', note: form?.note ?? '', errors: form?.errors ?? {} } : null };
}

// ---- the agency's pages -------------------------------------------------------------------------

export type ProgressFormState = { report: string; body: string; errors: FieldErrors };

function progressForm(status: ResolutionStatus, state?: ProgressFormState): ProgressFormView | null {
  if (!activeResolutionStatuses.includes(status)) return null;
  return { options: reportOptions(status), report: state?.report ?? '', body: state?.body ?? '', errors: state?.errors ?? {} };
}

/** Queries: counts, the page of the agencies' resolutions (overdue first), their latest notes. */
export async function loadMyResolutions(ctx: AppContext, actor: Actor, page: { page: number; limit: number; offset: number }): Promise<MyResolutionsView> {
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const agencyIds = actor.agencyIds ?? [];
  const [counts, rows] = await Promise.all([
    countResolutions(ctx.db, iso, { agencyIds }),
    listResolutions(ctx.db, iso, { agencyIds }, page),
  ]);
  const latest = await latestNoteStatuses(ctx.db, rows.map((r) => r.id));
  const pages = pageCount(counts.total, page.limit);
  const cards: MyResolutionCard[] = rows.map((r) => {
    const last = latest.get(r.id);
    return {
      ...rowView(r, now, { href: `/my/resolutions/${r.id}`, linkMeeting: false, awaiting: awaitsConfirmation(r.status, last) }),
      label: resolutionLabel(r.number, r.meeting_title),
      lastNote: last === 'done' && activeResolutionStatuses.includes(r.status) ? t('resolutions.my.awaiting_hint') : null,
      form: can(actor, 'resolution.progress', { agencyId: r.agency_id }) ? progressForm(r.status) : null,
    };
  });
  return {
    hasAgency: agencyIds.length > 0,
    stats: countStats(counts),
    cards,
    pager: { page: Math.min(page.page, pages), pages, hrefFor: (n) => (n > 1 ? `/my/resolutions?page=${n}` : '/my/resolutions') },
  };
}

export async function loadMyResolution(
  ctx: AppContext,
  actor: Actor,
  id: number,
  state?: ProgressFormState,
): Promise<{ view: ResolutionDetailView; form: ProgressFormView | null } | null> {
  const r = await findResolution(ctx.db, id);
  if (!r || !can(actor, 'resolution.progress', { agencyId: r.agency_id })) return null;
  const view = await detailView(ctx, r, { linkMeeting: false, href: `/my/resolutions/${id}` });
  return { view, form: progressForm(r.status, state) };
}
