import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { findAgency } from '../agencies/agencies.repo.ts';
import { notifyAgencyOfficers } from '../calls/notify-officers.ts';
import { deadlineOfJalaliDay } from '../calls/deadline.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { parseJalaliDate } from '../platform/persian/jalali.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { RESOLUTION_TEXT_MAX } from './resolution-rules.ts';
import { deadlineLabel, resolutionLabel } from './resolution-format.ts';
import { scheduleResolutionReminders } from './resolution-reminders.ts';
import { findMeetingStart, insertResolution, isNumberClash, lockMeetingForNumbering } from './resolutions.repo.ts';

export type ResolutionInput = {
  text: string;
  /** The responsible agency's id as the form sends it (any digits). */
  agencyId: string;
  /** The deadline's Jalali day as typed (۱۴۰۵/۰۳/۲۸ and variants, any digits). */
  deadline: string;
};

const ATTEMPTS = 5;

/**
 * The secretariat records a resolution of a meeting: its text, the agency responsible for it and
 * a deadline (a Jalali day; the resolution is due by the end of that day in Tehran). The deadline
 * may be in the past — meetings are often recorded afterwards — but not before the meeting's day.
 * The resolution is numbered next in its meeting: on PostgreSQL the meeting's row is locked while
 * the number is taken, and a clash on the unique number (should one happen) is retried. Nothing is stored unless every field is right. The agency's
 * officers are told, and reminder sweeps are queued for 7 days before the deadline and for it.
 */
export async function createResolution(
  ctx: OpContext,
  actor: Actor,
  meetingId: number,
  input: ResolutionInput,
  options: { isDemo?: boolean } = {},
): Promise<{ id: number; number: number }> {
  if (!can(actor, 'resolution.manage')) throw new AppError('forbidden');
  const meeting = await findMeetingStart(ctx.db, meetingId);
  if (!meeting) throw notFound();

  const errors: Record<string, string> = {};
  const text = normalizePersian(input.text ?? '').trim();
  if (text === '') errors.text = t('resolutions.error.text_required');
  else if (text.length > RESOLUTION_TEXT_MAX) errors.text = t('resolutions.error.text_long', { max: RESOLUTION_TEXT_MAX });

  const rawAgency = toAsciiDigits((input.agencyId ?? '').trim());
  let agencyName = '';
  if (rawAgency === '') errors.agencyId = t('resolutions.error.agency_required');
  else {
    const agency = /^\d{1,9}$/.test(rawAgency) ? await findAgency(ctx.db, Number(rawAgency)) : undefined;
    if (!agency || !agency.active) errors.agencyId = t('resolutions.error.agency_invalid');
    else agencyName = agency.name;
  }

  let deadlineAt = '';
  const parsed = parseJalaliDate(input.deadline ?? '');
  if (!parsed.ok) errors.deadline = t(parsed.error === 'empty' ? 'resolutions.error.deadline_required' : 'resolutions.error.deadline_invalid');
  else {
    deadlineAt = deadlineOfJalaliDay(parsed.value);
    // The deadline's day ends after the meeting starts exactly when it is the meeting's day or later.
    if (Date.parse(deadlineAt) <= Date.parse(meeting.starts_at)) errors.deadline = t('resolutions.error.deadline_before_meeting');
  }
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);

  const agencyId = Number(rawAgency);
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(ctx, async (tx) => {
        const now = tx.clock.now().toISOString();
        await lockMeetingForNumbering(tx.db, tx.dialect, meetingId);
        const created = await insertResolution(tx.db, {
          meetingId, text, agencyId, deadlineAt, createdBy: actor.id, isDemo: !!options.isDemo, now,
        });
        const label = resolutionLabel(created.number, meeting.title);
        const notified = await notifyAgencyOfficers(tx, [agencyId], () => ({
          subject: t('resolutions.notify.created_subject', { label }),
          body: t('resolutions.notify.created_body', { label, text, deadline: deadlineLabel(deadlineAt) }),
          link: '/my/resolutions',
        }));
        await scheduleResolutionReminders(tx, created.id, deadlineAt);
        await audit(tx, {
          actorId: actor.id, action: 'resolution.created', subjectType: 'resolution', subjectId: created.id,
          data: { meetingId, number: created.number, agencyId, agency: agencyName, deadlineAt, notified },
        });
        return created;
      });
    } catch (err) {
      if (attempt < ATTEMPTS && isNumberClash(err)) continue;
      throw err;
    }
  }
}
