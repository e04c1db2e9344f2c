import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { idOf, invalid, meetingToManage } from './meeting-access.ts';
import { REPRESENTATIVE_MAX } from './invite-agency.ts';
import { agenciesOf, membersOf, setAgencyAttendance, setMemberAttendance } from './meetings.repo.ts';

/**
 * Records who attended: the members ticked attended and the others absent; the invited agencies
 * ticked attended, each with the name of its representative (form fields rep_<agencyId>).
 */
export async function recordAttendance(
  ctx: OpContext,
  actor: Actor,
  meetingId: number,
  input: { members: readonly string[]; agencies: readonly string[]; representatives: Readonly<Record<string, string>> },
): Promise<{ members: number; agencies: number }> {
  await meetingToManage(ctx, actor, meetingId);
  const [members, agencies] = await Promise.all([membersOf(ctx.db, meetingId), agenciesOf(ctx.db, meetingId)]);
  const present = new Set(input.members.map(idOf));
  const agencyPresent = new Set(input.agencies.map(idOf));
  const errors: Record<string, string> = {};
  const reps = new Map<number, string>();
  for (const a of agencies) {
    const rep = normalizePersian(input.representatives[String(a.agency_id)] ?? a.representative);
    if (rep.length > REPRESENTATIVE_MAX) errors[`rep_${a.agency_id}`] = t('meetings.error.text_long', { max: REPRESENTATIVE_MAX });
    reps.set(a.agency_id, rep);
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(ctx, async (tx) => {
    for (const m of members) await setMemberAttendance(tx.db, meetingId, m.id, present.has(m.id) ? 1 : 0);
    for (const a of agencies) await setAgencyAttendance(tx.db, meetingId, a.agency_id, agencyPresent.has(a.agency_id) ? 1 : 0, reps.get(a.agency_id) ?? '');
    const counts = { members: members.filter((m) => present.has(m.id)).length, agencies: agencies.filter((a) => agencyPresent.has(a.agency_id)).length };
    await audit(tx, { actorId: actor.id, action: 'meeting.attendance_recorded', subjectType: 'meeting', subjectId: meetingId, data: counts });
    return counts;
  });
}
