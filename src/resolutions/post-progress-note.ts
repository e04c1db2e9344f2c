import { inTransaction, type OpContext } from '../context.ts';
import { activeUsersWithRole } from '../accounts/accounts.repo.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { notify } from '../platform/notify/notify.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { progressNoteProblems, type AgencyReport, type StatusProblem } from './resolution-rules.ts';
import { resolutionLabel } from './resolution-format.ts';
import { findResolution, insertResolutionNote, touchActiveResolution, updateResolutionStatus } from './resolutions.repo.ts';

const problemMessages: Partial<Record<StatusProblem, MessageKey>> = {
  final: 'resolutions.error.closed',
  invalid: 'resolutions.error.report_invalid',
  same: 'resolutions.error.already_in_progress',
  required: 'resolutions.error.note_required',
  too_long: 'resolutions.error.note_long',
};

/**
 * An officer of the responsible agency reports progress on a resolution: a note, which may also
 * say that work has started (open → in_progress) or propose that the resolution is done. A
 * proposal does not close it: the secretariat is told and confirms or answers. Notes are refused
 * on a done or cancelled resolution.
 */
export async function postProgressNote(
  ctx: OpContext,
  actor: Actor,
  resolutionId: number,
  input: { body: string; report?: string },
): Promise<{ noteId: number; report: AgencyReport }> {
  const r = await findResolution(ctx.db, resolutionId);
  if (!r) throw notFound();
  if (!can(actor, 'resolution.progress', { agencyId: r.agency_id })) throw new AppError('forbidden');
  const body = normalizePersian(input.body ?? '').trim();
  const report = (input.report ?? '') as AgencyReport;
  const problems = progressNoteProblems(r.status, { body, report });
  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems)) errors[field] = t(problemMessages[problem] ?? 'resolutions.error.report_invalid');
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    if (report === 'in_progress') {
      if (!(await updateResolutionStatus(tx.db, r.id, 'open', { status: 'in_progress', note: null, closedAt: null, now }))) {
        throw new AppError('conflict', t('resolutions.error.changed_meanwhile'));
      }
    } else {
      // The guard on the status keeps notes off a resolution closed meanwhile.
      if (!(await touchActiveResolution(tx.db, r.id, now))) throw new AppError('conflict', t('resolutions.error.changed_meanwhile'));
    }
    const noteId = await insertResolutionNote(tx.db, { resolutionId: r.id, authorId: actor.id, body, status: report === '' ? null : report, now });
    if (report === 'done') {
      const label = resolutionLabel(r.number, r.meeting_title);
      for (const s of await activeUsersWithRole(tx.db, 'secretary')) {
        if (s.id === actor.id) continue;
        await notify(tx.db, tx.clock, {
          userId: s.id, email: s.email, link: `/admin/resolutions/${r.id}`,
          subject: t('resolutions.notify.proposed_subject', { label, agency: r.agency_name }),
          body: t('resolutions.notify.proposed_body', { label, agency: r.agency_name, note: body }),
        });
      }
    }
    await audit(tx, {
      actorId: actor.id, action: report === 'done' ? 'resolution.done_proposed' : 'resolution.progress_noted',
      subjectType: 'resolution', subjectId: r.id,
      data: { noteId, agencyId: r.agency_id, ...(report === 'in_progress' ? { from: 'open', to: 'in_progress' } : {}) },
    });
    return { noteId, report };
  });
}
