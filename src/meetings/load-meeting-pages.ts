// View-models of the meeting pages: the secretariat's list and meeting page, the printable
// minutes, and the public summary. Views receive these, never rows.

import type { AppContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { activeAgencyChoices } from '../agencies/agencies.repo.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { renderMarkdown } from '../platform/views/markdown.ts';
import { attachmentView, type AttachmentView } from '../plans/form-view.ts';
import { deadlineLabel } from '../resolutions/resolution-format.ts';
import { displayStatus, isOverdue, type ResolutionDisplayStatus } from '../resolutions/resolution-rules.ts';
import { openResolutions, resolutionsOfMeeting, type ResolutionListRow } from '../resolutions/resolutions.repo.ts';
import { outcomeLabel } from '../reviews/review-view.ts';
import type { DeterminationOutcome } from '../reviews/reviews.tables.ts';
import { formFieldsOf, type MeetingForm } from './meeting-input.ts';
import { statusProblem } from './meeting-rules.ts';
import type { AgendaKind, MeetingStatus } from './meetings.tables.ts';
import {
  agendaOf, agenciesOf, attachmentsOf, callsWithCompliance, councilStaff, determinationsOfMeeting, membersOf, needsToDiscuss, plansAwaitingDetermination,
  type MeetingListRow, type MeetingRow, type PublishedMeetingRow,
} from './meetings.repo.ts';

export const ADMIN_MEETINGS = '/admin/meetings';

const statusKeys: Record<MeetingStatus, MessageKey> = {
  draft: 'meetings.status.draft',
  held: 'meetings.status.held',
  published: 'meetings.status.published',
};
export const meetingStatusLabel = (s: MeetingStatus) => t(statusKeys[s]);

const kindKeys: Record<AgendaKind, MessageKey> = {
  plan: 'meetings.agenda.kind.plan',
  compliance: 'meetings.agenda.kind.compliance',
  need: 'meetings.agenda.kind.need',
  resolution: 'meetings.agenda.kind.resolution',
  other: 'meetings.agenda.kind.other',
};

// The resolutions module's own words, so a status reads the same on every page.
const resolutionStatusKeys: Record<ResolutionDisplayStatus, MessageKey> = {
  open: 'resolutions.status.open',
  in_progress: 'resolutions.status.in_progress',
  done: 'resolutions.status.done',
  cancelled: 'resolutions.status.cancelled',
  overdue: 'resolutions.status.overdue',
};

/** «۱۴ آبان ۱۴۰۵، ۱۰:۰۰». */
export const whenLabel = (startsAt: string) => formatJalaliDateTime(startsAt);

const attendedLabel = (a: 0 | 1 | null) => t(a === 1 ? 'meetings.attendance.present' : a === 0 ? 'meetings.attendance.absent' : 'meetings.attendance.unknown');

// ---- the list ------------------------------------------------------------------------------------

export type MeetingListItem = { href: string; title: string; when: string; venue: string; status: string; resolutions: string; demo: boolean };

export const meetingListItem = (m: MeetingListRow): MeetingListItem => ({
  href: `${ADMIN_MEETINGS}/${m.id}`,
  title: toPersianDigits(m.title),
  when: whenLabel(m.starts_at),
  venue: m.venue ? toPersianDigits(m.venue) : '—',
  status: meetingStatusLabel(m.status),
  resolutions: formatNumber(m.resolutions),
  demo: m.is_demo === 1,
});

export type PublicListItem = { href: string; title: string; date: string; venue: string; demo: boolean };

export const publicListItem = (m: PublishedMeetingRow): PublicListItem => ({
  href: `/meetings/${m.id}`,
  title: toPersianDigits(m.title),
  date: formatJalaliDate(m.starts_at),
  venue: m.venue ? toPersianDigits(m.venue) : '',
  demo: m.is_demo === 1,
});

// ---- resolutions as every meeting page shows them ---------------------------------------------------

export type ResolutionLine = {
  id: number;
  number: string;
  text: string;
  agency: string;
  deadline: string;
  status: string;
  tone: 'info' | 'warn' | 'demo';
  overdue: boolean;
  done: boolean;
  meeting: string;
};

export function resolutionLine(r: ResolutionListRow, now: Date): ResolutionLine {
  const shown = displayStatus(r, now);
  return {
    id: r.id,
    number: formatNumber(r.number),
    text: toPersianDigits(r.text),
    agency: toPersianDigits(r.agency_name),
    deadline: deadlineLabel(r.deadline_at),
    status: t(resolutionStatusKeys[shown]),
    tone: shown === 'overdue' ? 'warn' : 'info',
    overdue: isOverdue(r, now),
    done: r.status === 'done',
    meeting: t('meetings.followup.of_meeting', { title: toPersianDigits(r.meeting_title), date: formatJalaliDate(r.meeting_starts_at) }),
  };
}

/**
 * The open resolutions a meeting follows up: those made at earlier meetings and still open or in
 * progress (overdue first, as openResolutions orders them by deadline). Derived, never copied.
 */
export async function followUpResolutions(ctx: Pick<AppContext, 'db'>, meeting: Pick<MeetingRow, 'id' | 'starts_at'>): Promise<ResolutionListRow[]> {
  const all = await openResolutions(ctx.db);
  return all.filter((r) => r.meeting_id !== meeting.id && r.meeting_starts_at < meeting.starts_at);
}

// ---- the secretariat's meeting page ------------------------------------------------------------------

/** What a failed form posted, to show again with its errors. */
export type Kept = { form: string; values: Record<string, string | string[]>; errors: Record<string, string> };

const keptValue = (kept: Kept | undefined, form: string, name: string, fallback = '') => {
  if (kept?.form !== form) return fallback;
  const v = kept.values[name];
  return typeof v === 'string' ? v : fallback;
};
const keptList = (kept: Kept | undefined, form: string, name: string): string[] | null => {
  if (kept?.form !== form) return null;
  const v = kept.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};

export type Option = { value: string; label: string };

export type AgendaItemView = {
  id: number;
  position: string;
  kind: string;
  title: string;
  href: string | null;
  /** A plan on the agenda: its determination page, with this meeting preselected. */
  determineHref: string | null;
  notesHtml: string;
  first: boolean;
  last: boolean;
};

export type Suggestion = { kind: AgendaKind; refId: number; label: string; detail: string };

export type MeetingPageView = {
  id: number;
  title: string;
  status: MeetingStatus;
  statusLabel: string;
  demo: boolean;
  canManage: boolean;
  facts: { label: string; value: string }[];
  printHref: string;
  newsHref: string;
  publicHref: string | null;
  details: MeetingForm;
  members: { id: number; name: string; role: string; kind: string; attended: string }[];
  memberForm: { staff: Option[]; user: string; name: string; role: string };
  agencies: { id: number; name: string; representative: string; attended: string }[];
  inviteForm: { options: Option[]; agency: string; representative: string };
  attendance: { members: { id: number; label: string; checked: boolean }[]; agencies: { id: number; name: string; checked: boolean; representative: string }[] };
  agenda: AgendaItemView[];
  followUp: ResolutionLine[];
  suggestions: { plans: Suggestion[]; compliance: Suggestion[]; needs: Suggestion[] };
  agendaForm: { title: string; notes: string };
  determinations: { planTitle: string; planHref: string; agency: string; outcome: string; when: string; reasons: string }[];
  resolutions: ResolutionLine[];
  resolutionForm: { agencies: Option[]; text: string; agencyId: string; deadline: string };
  minutes: { value: string; html: string };
  canHold: boolean;
  attachments: (AttachmentView & { visibility: string })[];
  summary: { value: string; html: string; canPublish: boolean };
  kept: Kept | null;
};

export async function meetingPageView(ctx: Pick<AppContext, 'db' | 'clock'>, actor: Actor, m: MeetingRow, kept?: Kept): Promise<MeetingPageView> {
  const now = ctx.clock.now();
  const canManage = can(actor, 'meeting.manage');
  const [members, agencies, agenda, attachments, determinations, resolutions, followUp] = await Promise.all([
    membersOf(ctx.db, m.id), agenciesOf(ctx.db, m.id), agendaOf(ctx.db, m.id), attachmentsOf(ctx.db, m.id), determinationsOfMeeting(ctx.db, m.id),
    resolutionsOfMeeting(ctx.db, m.id), followUpResolutions(ctx, m),
  ]);
  const [staff, agencyChoices, plans, calls, needs] = canManage
    ? await Promise.all([councilStaff(ctx.db), activeAgencyChoices(ctx.db), plansAwaitingDetermination(ctx.db), callsWithCompliance(ctx.db), needsToDiscuss(ctx.db)])
    : [[], [], [], [], []];
  const onAgenda = new Set(agenda.map((a) => `${a.kind}:${a.ref_id}`));
  const free = (s: Suggestion) => !onAgenda.has(`${s.kind}:${s.refId}`);
  const invited = new Set(agencies.map((a) => a.agency_id));
  const fields = formFieldsOf(m.starts_at);
  const attendanceChecked = keptList(kept, 'attendance', 'attended_member');
  const agencyChecked = keptList(kept, 'attendance', 'attended_agency');
  const memberIds = new Set(members.map((x) => x.user_id).filter((x) => x !== null));

  return {
    id: m.id,
    title: toPersianDigits(m.title),
    status: m.status,
    statusLabel: meetingStatusLabel(m.status),
    demo: m.is_demo === 1,
    canManage,
    facts: [
      { label: t('meetings.field.when'), value: whenLabel(m.starts_at) },
      { label: t('meetings.field.venue'), value: m.venue ? toPersianDigits(m.venue) : '—' },
      { label: t('meetings.field.chair'), value: m.chair ? toPersianDigits(m.chair) : '—' },
      { label: t('meetings.field.status'), value: meetingStatusLabel(m.status) },
      ...(m.published_at ? [{ label: t('meetings.field.published_at'), value: formatJalaliDateTime(m.published_at) }] : []),
    ],
    printHref: `${ADMIN_MEETINGS}/${m.id}/print`,
    newsHref: `/admin/news/new?meeting=${m.id}`,
    publicHref: m.status === 'published' ? `/meetings/${m.id}` : null,
    details: {
      title: keptValue(kept, 'details', 'title', m.title),
      date: keptValue(kept, 'details', 'date', fields.date),
      time: keptValue(kept, 'details', 'time', fields.time),
      venue: keptValue(kept, 'details', 'venue', m.venue),
      chair: keptValue(kept, 'details', 'chair', m.chair),
    },
    members: members.map((x) => ({
      id: x.id,
      name: toPersianDigits(x.name),
      role: x.role ? toPersianDigits(x.role) : '—',
      kind: t(x.user_id === null ? 'meetings.members.guest' : 'meetings.members.account'),
      attended: attendedLabel(x.attended),
    })),
    memberForm: {
      staff: staff.filter((s) => !memberIds.has(s.id)).map((s) => ({ value: String(s.id), label: `${s.name} (${t(`role.${s.role}` as MessageKey)})` })),
      user: keptValue(kept, 'member', 'member_user'),
      name: keptValue(kept, 'member', 'member_name'),
      role: keptValue(kept, 'member', 'member_role'),
    },
    agencies: agencies.map((a) => ({
      id: a.agency_id,
      name: toPersianDigits(a.name),
      representative: a.representative ? toPersianDigits(a.representative) : '—',
      attended: attendedLabel(a.attended),
    })),
    inviteForm: {
      options: agencyChoices.filter((a) => !invited.has(a.id)).map((a) => ({ value: String(a.id), label: toPersianDigits(a.name) })),
      agency: keptValue(kept, 'invite', 'invite_agency'),
      representative: keptValue(kept, 'invite', 'invite_representative'),
    },
    attendance: {
      members: members.map((x) => ({
        id: x.id,
        label: x.role ? `${toPersianDigits(x.name)} — ${toPersianDigits(x.role)}` : toPersianDigits(x.name),
        checked: attendanceChecked ? attendanceChecked.includes(String(x.id)) : x.attended === 1,
      })),
      agencies: agencies.map((a) => ({
        id: a.agency_id,
        name: toPersianDigits(a.name),
        checked: agencyChecked ? agencyChecked.includes(String(a.agency_id)) : a.attended === 1,
        representative: keptValue(kept, 'attendance', `rep_${a.agency_id}`, a.representative),
      })),
    },
    agenda: agenda.map((a, i) => ({
      id: a.id,
      position: formatNumber(i + 1),
      kind: t(kindKeys[a.kind]),
      title: toPersianDigits(a.title),
      href: agendaHref(a.kind, a.ref_id),
      determineHref: a.kind === 'plan' && a.ref_id !== null && canManage ? `/admin/reviews/${a.ref_id}?meeting=${m.id}#determine-title` : null,
      notesHtml: a.notes ? renderMarkdown(a.notes) : '',
      first: i === 0,
      last: i === agenda.length - 1,
    })),
    followUp: followUp.map((r) => resolutionLine(r, now)),
    suggestions: {
      plans: plans.map((p) => ({ kind: 'plan' as const, refId: p.id, label: toPersianDigits(p.title), detail: toPersianDigits(p.agency_name) })).filter(free),
      compliance: calls.map((c) => ({
        kind: 'compliance' as const, refId: c.id, label: toPersianDigits(c.title),
        detail: c.overdue ? t('meetings.suggest.overdue_agencies', { count: c.overdue }) : t('meetings.suggest.no_overdue'),
      })).filter(free),
      needs: needs.map((n) => ({
        kind: 'need' as const, refId: n.id, label: toPersianDigits(n.title),
        detail: t('meetings.suggest.need_detail', { place: toPersianDigits(n.place_name), count: n.support_count }),
      })).filter(free),
    },
    agendaForm: { title: keptValue(kept, 'agenda', 'item_title'), notes: keptValue(kept, 'agenda', 'item_notes') },
    determinations: determinations.map((d) => ({
      planTitle: toPersianDigits(d.plan_title),
      planHref: `/admin/reviews/${d.plan_id}`,
      agency: toPersianDigits(d.agency_name),
      outcome: outcomeLabel(d.outcome as DeterminationOutcome),
      when: formatJalaliDateTime(d.decided_at),
      reasons: toPersianDigits(d.reasons),
    })),
    resolutions: resolutions.map((r) => resolutionLine(r, now)),
    resolutionForm: {
      agencies: agencyChoices.map((a) => ({ value: String(a.id), label: toPersianDigits(a.name) })),
      text: keptValue(kept, 'resolution', 'text'),
      agencyId: keptValue(kept, 'resolution', 'agencyId'),
      deadline: keptValue(kept, 'resolution', 'deadline'),
    },
    minutes: { value: keptValue(kept, 'minutes', 'minutes', m.minutes), html: m.minutes ? renderMarkdown(m.minutes) : '' },
    canHold: canManage && statusProblem(m, 'held') === null,
    attachments: attachments.map((a) => ({
      ...attachmentView({ id: a.id, file_name: a.file_name, mime: a.content_type, size_bytes: a.size, created_at: a.uploaded_at }, `${ADMIN_MEETINGS}/${m.id}/attachments`),
      visibility: t(a.is_public ? 'meetings.attachments.public' : 'meetings.attachments.internal'),
    })),
    summary: {
      value: keptValue(kept, 'summary', 'summary', m.public_summary),
      html: m.public_summary ? renderMarkdown(m.public_summary) : '',
      canPublish: m.status === 'held',
    },
    kept: kept ?? null,
  };
}

function agendaHref(kind: AgendaKind, refId: number | null): string | null {
  if (refId === null) return null;
  switch (kind) {
    case 'plan':
      return `/admin/reviews/${refId}`;
    case 'compliance':
      return `/admin/calls/${refId}/compliance`;
    case 'need':
      return `/needs/${refId}`;
    case 'resolution':
      return `/admin/resolutions/${refId}`;
    default:
      return null;
  }
}

// ---- the printable minutes -----------------------------------------------------------------------------

export type PrintView = {
  title: string;
  facts: { label: string; value: string }[];
  present: string[];
  absent: string[];
  agencies: { name: string; representative: string; attended: string }[];
  agenda: { position: string; kind: string; title: string }[];
  minutesHtml: string;
  determinations: { plan: string; outcome: string }[];
  resolutions: ResolutionLine[];
  signatures: { name: string; role: string }[];
  generated: string;
  backHref: string;
};

export async function printView(ctx: Pick<AppContext, 'db' | 'clock'>, m: MeetingRow): Promise<PrintView> {
  const now = ctx.clock.now();
  const [members, agencies, agenda, determinations, resolutions] = await Promise.all([
    membersOf(ctx.db, m.id), agenciesOf(ctx.db, m.id), agendaOf(ctx.db, m.id), determinationsOfMeeting(ctx.db, m.id), resolutionsOfMeeting(ctx.db, m.id),
  ]);
  const label = (x: { name: string; role: string }) => (x.role ? `${toPersianDigits(x.name)} — ${toPersianDigits(x.role)}` : toPersianDigits(x.name));
  // Those who sign: members who attended, or every member when attendance is not recorded yet.
  const signers = members.some((x) => x.attended === 1) ? members.filter((x) => x.attended === 1) : members;
  return {
    title: toPersianDigits(m.title),
    facts: [
      { label: t('meetings.field.when'), value: whenLabel(m.starts_at) },
      { label: t('meetings.field.venue'), value: m.venue ? toPersianDigits(m.venue) : '—' },
      { label: t('meetings.field.chair'), value: m.chair ? toPersianDigits(m.chair) : '—' },
    ],
    present: members.filter((x) => x.attended === 1).map(label),
    absent: members.filter((x) => x.attended === 0).map(label),
    agencies: agencies.map((a) => ({ name: toPersianDigits(a.name), representative: a.representative ? toPersianDigits(a.representative) : '—', attended: attendedLabel(a.attended) })),
    agenda: agenda.map((a, i) => ({ position: formatNumber(i + 1), kind: t(kindKeys[a.kind]), title: toPersianDigits(a.title) })),
    minutesHtml: m.minutes ? renderMarkdown(m.minutes) : '',
    determinations: determinations.map((d) => ({ plan: toPersianDigits(d.plan_title), outcome: outcomeLabel(d.outcome as DeterminationOutcome) })),
    resolutions: resolutions.map((r) => resolutionLine(r, now)),
    signatures: signers.map((x) => ({ name: toPersianDigits(x.name), role: x.role ? toPersianDigits(x.role) : '' })),
    generated: formatJalaliDateTime(now),
    backHref: `${ADMIN_MEETINGS}/${m.id}`,
  };
}

// ---- the public summary ----------------------------------------------------------------------------------

export type PublicMeetingView = {
  title: string;
  date: string;
  venue: string;
  demo: boolean;
  summaryHtml: string;
  attachments: AttachmentView[];
  resolutions: ResolutionLine[];
};

export async function publicMeetingView(ctx: Pick<AppContext, 'db' | 'clock'>, m: MeetingRow): Promise<PublicMeetingView> {
  const now = ctx.clock.now();
  const [attachments, resolutions] = await Promise.all([attachmentsOf(ctx.db, m.id, true), resolutionsOfMeeting(ctx.db, m.id)]);
  return {
    title: toPersianDigits(m.title),
    date: whenLabel(m.starts_at),
    venue: m.venue ? toPersianDigits(m.venue) : '',
    demo: m.is_demo === 1,
    summaryHtml: renderMarkdown(m.public_summary),
    attachments: attachments.map((a) => attachmentView({ id: a.id, file_name: a.file_name, mime: a.content_type, size_bytes: a.size, created_at: a.uploaded_at }, `/meetings/${m.id}/attachments`)),
    resolutions: resolutions.map((r) => resolutionLine(r, now)),
  };
}
