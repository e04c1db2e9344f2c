import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { jalaliDayStartUtc, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { invalid, meetingToManage } from './meeting-access.ts';
import { statusProblem } from './meeting-rules.ts';
import { moveMeetingStatus } from './meetings.repo.ts';

/** Records that a draft meeting was held: its day has come and its minutes are written. */
export async function holdMeeting(ctx: OpContext, actor: Actor, meetingId: number): Promise<void> {
  const meeting = await meetingToManage(ctx, actor, meetingId);
  const problem = statusProblem(meeting, 'held');
  if (problem === 'wrong_state') throw new AppError('conflict', t('meetings.error.not_draft'));
  if (problem === 'minutes_required') throw invalid({ minutes: t('meetings.error.minutes_before_held') });
  const now = ctx.clock.now();
  if (Date.parse(jalaliDayStartUtc(jalaliPartsOf(meeting.starts_at))) > now.getTime()) throw new AppError('conflict', t('meetings.error.not_yet'));
  await inTransaction(ctx, async (tx) => {
    if (!(await moveMeetingStatus(tx.db, meetingId, 'draft', 'held', tx.clock.now().toISOString()))) throw new AppError('conflict', t('meetings.error.changed_meanwhile'));
    await audit(tx, { actorId: actor.id, action: 'meeting.held', subjectType: 'meeting', subjectId: meetingId });
  });
}
