import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { invalid, meetingToManage } from './meeting-access.ts';
import { checkMeetingForm, type MeetingForm } from './meeting-input.ts';
import { updateMeetingDetails } from './meetings.repo.ts';

/** Corrects a meeting's title, date and time, venue or chair, in any state; the change is audited. */
export async function updateMeeting(ctx: OpContext, actor: Actor, meetingId: number, form: MeetingForm): Promise<void> {
  const before = await meetingToManage(ctx, actor, meetingId);
  const checked = checkMeetingForm(form);
  if (!checked.ok) throw invalid(checked.errors);
  const m = checked.value;
  await inTransaction(ctx, async (tx) => {
    await updateMeetingDetails(tx.db, meetingId, { ...m, now: tx.clock.now().toISOString() });
    const changed = Object.fromEntries(
      (['title', 'venue', 'chair'] as const).filter((k) => before[k] !== m[k]).map((k) => [k, m[k]]),
    );
    if (before.starts_at !== m.startsAt) changed.startsAt = m.startsAt;
    await audit(tx, { actorId: actor.id, action: 'meeting.updated', subjectType: 'meeting', subjectId: meetingId, data: changed });
  });
}
