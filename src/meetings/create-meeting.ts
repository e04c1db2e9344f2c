import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { invalid } from './meeting-access.ts';
import { checkMeetingForm, type MeetingForm } from './meeting-input.ts';
import { insertMeeting } from './meetings.repo.ts';

/**
 * The secretariat schedules a council meeting: title, Jalali date and time (Tehran), venue and
 * chair. It starts as a draft; nothing is stored unless every field is right.
 */
export async function createMeeting(ctx: OpContext, actor: Actor, form: MeetingForm, options: { isDemo?: boolean } = {}): Promise<{ id: number }> {
  if (!can(actor, 'meeting.manage')) throw new AppError('forbidden');
  const checked = checkMeetingForm(form);
  if (!checked.ok) throw invalid(checked.errors);
  const m = checked.value;
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const id = await insertMeeting(tx.db, { ...m, createdBy: actor.id, isDemo: options.isDemo, now });
    await audit(tx, { actorId: actor.id, action: 'meeting.created', subjectType: 'meeting', subjectId: id, data: { title: m.title, startsAt: m.startsAt } });
    return { id };
  });
}
