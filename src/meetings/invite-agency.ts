import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { findAgency } from '../agencies/agencies.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { idOf, invalid, meetingToManage } from './meeting-access.ts';
import { insertMeetingAgency } from './meetings.repo.ts';

export const REPRESENTATIVE_MAX = 200;

/** Invites an executive agency to a meeting, optionally naming who will represent it. Fields: invite_agency, invite_representative. */
export async function inviteAgency(ctx: OpContext, actor: Actor, meetingId: number, input: { agencyId: string; representative: string }): Promise<void> {
  await meetingToManage(ctx, actor, meetingId);
  const errors: Record<string, string> = {};
  const id = idOf(input.agencyId);
  const agency = id === null ? undefined : await findAgency(ctx.db, id);
  if (input.agencyId.trim() === '') errors.invite_agency = t('meetings.error.agency_required');
  else if (!agency || !agency.active) errors.invite_agency = t('meetings.error.agency_invalid');
  const representative = normalizePersian(input.representative);
  if (representative.length > REPRESENTATIVE_MAX) errors.invite_representative = t('meetings.error.text_long', { max: REPRESENTATIVE_MAX });
  if (Object.keys(errors).length) throw invalid(errors);
  await inTransaction(ctx, async (tx) => {
    if (!(await insertMeetingAgency(tx.db, meetingId, agency!.id, representative))) throw invalid({ invite_agency: t('meetings.error.agency_duplicate') });
    await audit(tx, { actorId: actor.id, action: 'meeting.agency_invited', subjectType: 'meeting', subjectId: meetingId, data: { agencyId: agency!.id, agency: agency!.name, representative } });
  });
}
