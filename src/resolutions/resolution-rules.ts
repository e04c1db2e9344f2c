// Pure rules of a council resolution (مصوبه): its lifecycle, who moves it, and when it is overdue.
// No I/O: operations and views ask these functions, tests check them alone.

import { resolutionStatuses, type ResolutionStatus } from './resolutions.tables.ts';

export { resolutionStatuses, type ResolutionStatus };

export const isResolutionStatus = (s: string): s is ResolutionStatus => (resolutionStatuses as readonly string[]).includes(s);

/**
 * Where a resolution may go from each state:
 *   open → in_progress → done;  open | in_progress → cancelled (with a reason);  done and cancelled are final.
 * open → done is allowed too: a resolution carried out at once (or recorded after the fact) need not
 * pass through in_progress.
 */
export const resolutionTransitions: Readonly<Record<ResolutionStatus, readonly ResolutionStatus[]>> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export function canMoveResolution(from: ResolutionStatus, to: ResolutionStatus): boolean {
  return resolutionTransitions[from].includes(to);
}

/** States the resolution is still being followed up in. */
export const activeResolutionStatuses: readonly ResolutionStatus[] = ['open', 'in_progress'];

export const isFinal = (s: ResolutionStatus): boolean => resolutionTransitions[s].length === 0;

/**
 * Who moves a resolution (the rule, as a follow-up office runs it):
 * - the responsible agency's officers ('resolution.progress') report: they post progress notes and,
 *   with a note, move open → in_progress. They never close a resolution: when they believe it is
 *   carried out they *propose* done with a note (stored with status 'done' on the note; the
 *   resolution's own status does not change), and the secretariat decides.
 * - the secretariat ('resolution.manage') confirms done, cancels (a reason is required and the
 *   agency reads it), may set in_progress, and may answer with a note that changes nothing.
 * Which target states each side may set; the transition table above still applies.
 */
export type ResolutionActorSide = 'agency' | 'secretariat';
export const statusesSetBy: Readonly<Record<ResolutionActorSide, readonly ResolutionStatus[]>> = {
  agency: ['in_progress'],
  secretariat: ['in_progress', 'done', 'cancelled'],
};

/** What an agency's note reports besides its text: nothing, work started, or work done (a proposal). */
export const agencyReports = ['', 'in_progress', 'done'] as const;
export type AgencyReport = (typeof agencyReports)[number];

export const RESOLUTION_TEXT_MAX = 4000;
export const RESOLUTION_NOTE_MAX = 2000;

export type StatusProblem = 'invalid' | 'not_allowed' | 'final' | 'same' | 'required' | 'reason_required' | 'too_long';

/**
 * Why the secretariat cannot make this change with this note, by form field; empty when it can.
 * An empty target is a note alone (the note is then required); cancelling needs a reason.
 */
export function statusChangeProblems(
  from: ResolutionStatus,
  input: { to: string; note: string },
): Partial<Record<'status' | 'note', StatusProblem>> {
  const problems: Partial<Record<'status' | 'note', StatusProblem>> = {};
  if (input.to === '') {
    if (isFinal(from)) problems.status = 'final';
    else if (input.note.trim() === '') problems.note = 'required';
  } else if (!isResolutionStatus(input.to) || !statusesSetBy.secretariat.includes(input.to)) problems.status = 'invalid';
  else if (from === input.to) problems.status = 'same';
  else if (isFinal(from)) problems.status = 'final';
  else if (!canMoveResolution(from, input.to)) problems.status = 'not_allowed';
  else if (input.to === 'cancelled' && input.note.trim() === '') problems.note = 'reason_required';
  if (input.note.length > RESOLUTION_NOTE_MAX) problems.note = 'too_long';
  return problems;
}

/**
 * Why the agency cannot post this progress note, by form field; empty when it can. A note needs
 * text; a closed resolution takes no more notes; 'in_progress' is only reported on an open one.
 */
export function progressNoteProblems(
  current: ResolutionStatus,
  input: { body: string; report: string },
): Partial<Record<'status' | 'body', StatusProblem>> {
  const problems: Partial<Record<'status' | 'body', StatusProblem>> = {};
  if (isFinal(current)) problems.status = 'final';
  else if (!(agencyReports as readonly string[]).includes(input.report)) problems.status = 'invalid';
  else if (input.report === 'in_progress' && current !== 'open') problems.status = 'same';
  if (input.body.trim() === '') problems.body = 'required';
  else if (input.body.length > RESOLUTION_NOTE_MAX) problems.body = 'too_long';
  return problems;
}

/**
 * Each note's meaning in a timeline (oldest first). A note with status 'done' is the secretariat's
 * confirmation only when the resolution is done and it is the last such note: the agency cannot
 * set done, so every other 'done' note is the agency's proposal. Any other status on a note is the
 * change it made (the agency starting work, or the secretariat's decision).
 */
export type NoteKind = 'note' | 'status' | 'proposed_done';
export function classifyNotes(status: ResolutionStatus, notes: readonly { status: ResolutionStatus | null }[]): NoteKind[] {
  let confirmation = -1;
  if (status === 'done') for (let i = notes.length - 1; i >= 0; i--) if (notes[i]!.status === 'done') { confirmation = i; break; }
  return notes.map((n, i) => (n.status === null ? 'note' : n.status === 'done' && i !== confirmation ? 'proposed_done' : 'status'));
}

/** Whether the agency's latest word is a proposal of done the secretariat has not answered yet. */
export function awaitsConfirmation(status: ResolutionStatus, latestNoteStatus: ResolutionStatus | null | undefined): boolean {
  return activeResolutionStatuses.includes(status) && latestNoteStatus === 'done';
}

/**
 * Overdue is not stored: a resolution is overdue once its deadline (the end of its Jalali day in
 * Tehran, an instant) has come and it is neither done nor cancelled. At the deadline instant
 * itself it is overdue: the day has ended.
 */
export function isOverdue(r: { status: ResolutionStatus; deadline_at: string }, now: Date): boolean {
  return activeResolutionStatuses.includes(r.status) && now.getTime() >= Date.parse(r.deadline_at);
}

/** The state to show: the stored status, or 'overdue' for an active resolution past its deadline. */
export type ResolutionDisplayStatus = ResolutionStatus | 'overdue';
export function displayStatus(r: { status: ResolutionStatus; deadline_at: string }, now: Date): ResolutionDisplayStatus {
  return isOverdue(r, now) ? 'overdue' : r.status;
}

/** Follow-up order: overdue first (longest overdue first), then active by deadline, then closed ones. */
export function followUpRank(r: { status: ResolutionStatus; deadline_at: string }, now: Date): number {
  if (isOverdue(r, now)) return 0;
  return activeResolutionStatuses.includes(r.status) ? 1 : 2;
}

export function compareForFollowUp<T extends { id: number; status: ResolutionStatus; deadline_at: string }>(now: Date) {
  return (a: T, b: T): number =>
    followUpRank(a, now) - followUpRank(b, now) || a.deadline_at.localeCompare(b.deadline_at) || a.id - b.id;
}

/** Reminders: one 7 days before the deadline, one overdue notice once it has passed. */
export const REMIND_BEFORE_SECONDS = 7 * 86_400;
export type ResolutionNotice = 'reminder' | 'overdue';

/** What an active resolution is owed at a moment, or null (nothing due, or already sent). */
export function dueNotice(
  r: { status: ResolutionStatus; deadline_at: string; reminded_at: string | null; overdue_notified_at: string | null },
  now: Date,
): ResolutionNotice | null {
  if (!activeResolutionStatuses.includes(r.status)) return null;
  const left = Date.parse(r.deadline_at) - now.getTime();
  if (left <= 0) return r.overdue_notified_at ? null : 'overdue';
  if (left <= REMIND_BEFORE_SECONDS * 1000) return r.reminded_at ? null : 'reminder';
  return null;
}
