// Pure rules of a council meeting: draft → held (minutes recorded) → published (public summary).

import { meetingStatuses, type MeetingStatus } from './meetings.tables.ts';

export { meetingStatuses, type MeetingStatus };

export const MINUTES_MAX = 100_000;
export const SUMMARY_MAX = 20_000;
export const SUMMARY_MIN = 20;

/** The step forward from each state, if any. */
export const nextStatus: Readonly<Record<MeetingStatus, MeetingStatus | null>> = { draft: 'held', held: 'published', published: null };

export type StatusProblem = 'wrong_state' | 'minutes_required' | 'summary_required';

/** Why a meeting cannot move to `to` now; null when it can. */
export function statusProblem(m: { status: MeetingStatus; minutes: string; public_summary: string }, to: MeetingStatus): StatusProblem | null {
  if (nextStatus[m.status] !== to) return 'wrong_state';
  if (to === 'held' && m.minutes.trim() === '') return 'minutes_required';
  if (to === 'published' && m.public_summary.trim().length < SUMMARY_MIN) return 'summary_required';
  return null;
}

/** Whether the public may read the meeting at /meetings/:id. */
export const isPublic = (m: { status: MeetingStatus }) => m.status === 'published';

/** Upcoming or past, judged by the start against now. */
export const isUpcoming = (m: { starts_at: string }, now: Date) => Date.parse(m.starts_at) >= now.getTime();
