import { createHash } from 'node:crypto';
import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizeMarkdown } from '../platform/views/markdown.ts';
import { invalid, meetingToManage } from './meeting-access.ts';
import { MINUTES_MAX } from './meeting-rules.ts';
import { setMinutes } from './meetings.repo.ts';

/**
 * Saves a meeting's minutes (markdown, shown without raw HTML). A held or published meeting keeps
 * minutes: they may be corrected but not emptied. The audit entry keeps the text's hash and length.
 */
export async function saveMinutes(ctx: OpContext, actor: Actor, meetingId: number, input: { minutes: string }): Promise<void> {
  const meeting = await meetingToManage(ctx, actor, meetingId);
  const minutes = normalizeMarkdown(input.minutes);
  if (minutes.length > MINUTES_MAX) throw invalid({ minutes: t('meetings.error.text_long', { max: MINUTES_MAX }) });
  if (minutes === '' && meeting.status !== 'draft') throw invalid({ minutes: t('meetings.error.minutes_required') });
  await inTransaction(ctx, async (tx) => {
    await setMinutes(tx.db, meetingId, minutes, tx.clock.now().toISOString());
    await audit(tx, {
      actorId: actor.id, action: 'meeting.minutes_saved', subjectType: 'meeting', subjectId: meetingId,
      data: { length: minutes.length, sha256: createHash('sha256').update(minutes).digest('hex') },
    });
  });
}
