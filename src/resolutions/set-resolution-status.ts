import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { notifyAgencyOfficers } from '../calls/notify-officers.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { statusChangeProblems, type ResolutionStatus, type StatusProblem } from './resolution-rules.ts';
import { resolutionLabel } from './resolution-format.ts';
import { findResolution, insertResolutionNote, touchActiveResolution, updateResolutionStatus } from './resolutions.repo.ts';

const problemMessages: Record<StatusProblem, MessageKey> = {
  invalid: 'resolutions.error.status_invalid',
  not_allowed: 'resolutions.error.status_not_allowed',
  final: 'resolutions.error.closed',
  same: 'resolutions.error.status_same',
  required: 'resolutions.error.note_required',
  reason_required: 'resolutions.error.reason_required',
  too_long: 'resolutions.error.note_long',
};

/**
 * The secretariat follows a resolution up: confirms it done, cancels it (a reason is required),
 * sets it in progress, or answers with a note alone (status ''). The note joins the timeline and
 * the agency's officers are told. done and cancelled are final; the change applies only if the
 * resolution is still in the state the secretariat saw.
 */
export async function setResolutionStatus(
  ctx: OpContext,
  actor: Actor,
  resolutionId: number,
  input: { status: string; note: string },
): Promise<{ status: ResolutionStatus; notified: number }> {
  if (!can(actor, 'resolution.manage')) throw new AppError('forbidden');
  const r = await findResolution(ctx.db, resolutionId);
  if (!r) throw notFound();
  const note = normalizePersian(input.note ?? '').trim();
  const to = (input.status ?? '').trim();
  const problems = statusChangeProblems(r.status, { to, note });
  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems)) errors[field] = t(problemMessages[problem]);
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const label = resolutionLabel(r.number, r.meeting_title);
    let status: ResolutionStatus = r.status;
    if (to === '') {
      if (!(await touchActiveResolution(tx.db, r.id, now))) throw new AppError('conflict', t('resolutions.error.changed_meanwhile'));
    } else {
      status = to as ResolutionStatus;
      const closedAt = status === 'done' || status === 'cancelled' ? now : null;
      if (!(await updateResolutionStatus(tx.db, r.id, r.status, { status, note: note || null, closedAt, now }))) {
        throw new AppError('conflict', t('resolutions.error.changed_meanwhile'));
      }
    }
    // A status change always leaves a note (possibly empty), so the timeline shows every decision.
    await insertResolutionNote(tx.db, { resolutionId: r.id, authorId: actor.id, body: note, status: to === '' ? null : status, now });
    const statusLabel = t(`resolutions.status.${status}`);
    const message =
      to === ''
        ? { subject: t('resolutions.notify.noted_subject', { label }), body: note }
        : {
            subject: t('resolutions.notify.status_subject', { label, status: statusLabel }),
            body: note ? t('resolutions.notify.status_body_note', { label, status: statusLabel, note }) : t('resolutions.notify.status_body', { label, status: statusLabel }),
          };
    const notified = await notifyAgencyOfficers(tx, [r.agency_id], () => ({ ...message, link: '/my/resolutions' }));
    await audit(tx, {
      actorId: actor.id, action: to === '' ? 'resolution.noted' : 'resolution.status_changed', subjectType: 'resolution', subjectId: r.id,
      data: to === '' ? { notified } : { from: r.status, to: status, note: note || null, notified },
    });
    return { status, notified };
  });
}
