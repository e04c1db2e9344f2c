import type { OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { findMeeting, type MeetingRow } from './meetings.repo.ts';

/** The meeting an operation changes: only the secretariat ('meeting.manage') may, and it must exist. */
export async function meetingToManage(ctx: Pick<OpContext, 'db'>, actor: Actor, meetingId: number): Promise<MeetingRow> {
  if (!can(actor, 'meeting.manage')) throw new AppError('forbidden');
  const meeting = await findMeeting(ctx.db, meetingId);
  if (!meeting) throw notFound();
  return meeting;
}

/** A positive id as typed or sent by a form (any digits); null when it is not one. */
export function idOf(raw: string | undefined | null): number | null {
  const s = toAsciiDigits(String(raw ?? '')).trim();
  return /^[1-9]\d{0,9}$/.test(s) && Number(s) <= 2_147_483_647 ? Number(s) : null;
}

/** A validation error with Persian messages by form field. */
export const invalid = (errors: Record<string, string>) => new AppError('validation', undefined, errors);
