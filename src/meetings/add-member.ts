import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { idOf, invalid, meetingToManage } from './meeting-access.ts';
import { councilStaff, insertMember, membersOf } from './meetings.repo.ts';

export const MEMBER_NAME_MAX = 200;
export const MEMBER_ROLE_MAX = 100;

/**
 * Adds a member to a meeting: a council member or secretariat account picked from the list, or a
 * person typed by name (a guest without an account), each with a role such as «رئیس جلسه».
 * Form fields: member_user (an account id, or empty), member_name, member_role.
 */
export async function addMember(
  ctx: OpContext,
  actor: Actor,
  meetingId: number,
  input: { userId: string; name: string; role: string },
): Promise<{ id: number }> {
  await meetingToManage(ctx, actor, meetingId);
  const errors: Record<string, string> = {};
  const role = normalizePersian(input.role);
  if (role.length > MEMBER_ROLE_MAX) errors.member_role = t('meetings.error.text_long', { max: MEMBER_ROLE_MAX });
  let userId: number | null = null;
  let name = normalizePersian(input.name);
  const members = await membersOf(ctx.db, meetingId);
  if (input.userId.trim() !== '') {
    const staff = (await councilStaff(ctx.db)).find((s) => s.id === idOf(input.userId));
    if (!staff) errors.member_user = t('meetings.error.member_user_invalid');
    else if (members.some((m) => m.user_id === staff.id)) errors.member_user = t('meetings.error.member_duplicate');
    else {
      userId = staff.id;
      name = staff.name;
    }
  } else if (name.length < 2) {
    errors.member_name = t('meetings.error.member_required');
  } else if (name.length > MEMBER_NAME_MAX) {
    errors.member_name = t('meetings.error.text_long', { max: MEMBER_NAME_MAX });
  } else if (members.some((m) => m.user_id === null && m.name === name)) {
    errors.member_name = t('meetings.error.member_duplicate');
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(ctx, async (tx) => {
    const id = await insertMember(tx.db, { meetingId, userId, name, role });
    await audit(tx, { actorId: actor.id, action: 'meeting.member_added', subjectType: 'meeting', subjectId: meetingId, data: { memberId: id, userId, name, role } });
    return { id };
  });
}
