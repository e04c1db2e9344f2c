import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizeMarkdown } from '../platform/views/markdown.ts';
import { invalid, meetingToManage } from './meeting-access.ts';
import { statusProblem, SUMMARY_MAX, SUMMARY_MIN } from './meeting-rules.ts';
import { moveMeetingStatus, setPublicSummary } from './meetings.repo.ts';

/**
 * Saves the public summary (markdown) and, when asked, publishes the meeting at /meetings/:id.
 * Only a held meeting is published, and only with a summary; the internal minutes stay internal.
 * A published meeting's summary may be corrected but not emptied.
 */
export async function saveSummary(ctx: OpContext, actor: Actor, meetingId: number, input: { summary: string; publish: boolean }): Promise<{ published: boolean }> {
  const meeting = await meetingToManage(ctx, actor, meetingId);
  const summary = normalizeMarkdown(input.summary);
  if (summary.length > SUMMARY_MAX) throw invalid({ summary: t('meetings.error.text_long', { max: SUMMARY_MAX }) });
  const mustHave = input.publish || meeting.status === 'published';
  if (mustHave && summary.length < SUMMARY_MIN) throw invalid({ summary: t('meetings.error.summary_required', { min: SUMMARY_MIN }) });
  if (input.publish) {
    const problem = statusProblem({ ...meeting, public_summary: summary }, 'published');
    if (problem === 'wrong_state') throw new AppError('conflict', t(meeting.status === 'draft' ? 'meetings.error.publish_draft' : 'meetings.error.already_published'));
  }
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    await setPublicSummary(tx.db, meetingId, summary, now);
    await audit(tx, { actorId: actor.id, action: 'meeting.summary_saved', subjectType: 'meeting', subjectId: meetingId, data: { length: summary.length } });
    if (!input.publish) return { published: false };
    if (!(await moveMeetingStatus(tx.db, meetingId, 'held', 'published', now))) throw new AppError('conflict', t('meetings.error.changed_meanwhile'));
    await audit(tx, { actorId: actor.id, action: 'meeting.published', subjectType: 'meeting', subjectId: meetingId });
    return { published: true };
  });
}
