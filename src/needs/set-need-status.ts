import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { findUserById } from '../accounts/accounts.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { notify } from '../platform/notify/notify.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { placeWithAncestors } from '../places/places.repo.ts';
import { statusChangeProblems, type NeedStatus } from './need-status.ts';
import { findNeed, plansNearPlace, replaceNeedLinks, supportersOf, updateNeedStatus, type CandidatePlanRow } from './needs.repo.ts';

const problemMessages = {
  invalid: 'needs.status.invalid',
  not_allowed: 'needs.status.not_allowed',
  reason_required: 'needs.status.reason_required',
  too_long: 'needs.status.note_long',
  plans_required: 'needs.status.plans_required',
} as const satisfies Record<string, MessageKey>;

/** Public plans the secretariat may name as addressing a need: those of its place or its county. */
export async function plansForNeed(ctx: Pick<OpContext, 'db'>, placeId: number): Promise<CandidatePlanRow[]> {
  const chain = await placeWithAncestors(ctx.db, placeId);
  return plansNearPlace(ctx.db, placeId, chain.find((p) => p.kind === 'county')?.id ?? null);
}

/**
 * The secretariat moves a need along its lifecycle (need-status.ts). Addressed names the plans
 * that answer it (public plans of its place or county), stored as 'addresses' links; going back
 * from addressed to acknowledged removes them. Declining needs a reason, which the author reads.
 * Every supporter and the author are told when the need is addressed; the author is told of every
 * other change.
 */
export async function setNeedStatus(
  ctx: OpContext,
  actor: Actor,
  needId: number,
  input: { status: string; note: string; planIds: readonly string[] },
): Promise<{ status: NeedStatus; notified: number }> {
  if (!can(actor, 'need.manage')) throw new AppError('forbidden');
  const need = await findNeed(ctx.db, needId);
  if (!need) throw notFound();
  const note = normalizePersian(input.note);
  const ids = [...new Set(input.planIds.map((p) => toAsciiDigits(p.trim())).filter(Boolean))];
  const errors: Record<string, string> = {};
  if (ids.some((p) => !/^\d{1,9}$/.test(p))) errors.plans = t('needs.status.plans_invalid');
  const planIds = ids.filter((p) => /^\d{1,9}$/.test(p)).map(Number);
  const to = input.status as NeedStatus;
  const problems = statusChangeProblems(need.status, { to: input.status, note, planCount: to === 'addressed' ? planIds.length : 0 });
  for (const [field, problem] of Object.entries(problems)) errors[field] ??= t(problemMessages[problem]);
  let plans: CandidatePlanRow[] = [];
  if (!errors.status && to === 'addressed' && planIds.length) {
    const candidates = await plansForNeed(ctx, need.place_id);
    plans = candidates.filter((p) => planIds.includes(p.id));
    if (plans.length !== planIds.length) errors.plans ??= t('needs.status.plans_invalid');
  }
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    if (!(await updateNeedStatus(tx.db, needId, need.status, { status: to, note: note || null, by: actor.id, now }))) {
      throw new AppError('conflict', t('needs.status.changed_meanwhile'));
    }
    if (to === 'addressed') await replaceNeedLinks(tx.db, needId, 'addresses', plans.map((p) => p.id), actor.id, now);
    if (need.status === 'addressed' && to === 'acknowledged') await replaceNeedLinks(tx.db, needId, 'addresses', [], actor.id, now);

    const link = `/needs/${needId}`;
    const statusLabel = t(`needs.state.${to}`);
    const recipients = new Map<number, string | null>();
    if (to === 'addressed') {
      for (const s of await supportersOf(tx.db, needId)) if (s.status === 'active') recipients.set(s.id, s.email);
    }
    const author = await findUserById(tx.db, need.author_id);
    if (author && author.status === 'active') recipients.set(author.id, author.email);
    recipients.delete(actor.id);
    const message =
      to === 'addressed'
        ? {
            subject: t('needs.notify.addressed_subject', { title: need.title }),
            body: t('needs.notify.addressed_body', { title: need.title, plans: plans.map((p) => `«${p.title}»`).join('، ') }) + (note ? `\n${note}` : ''),
          }
        : {
            subject: t('needs.notify.status_subject', { title: need.title, status: statusLabel }),
            body: note ? t('needs.notify.status_body_note', { status: statusLabel, note }) : t('needs.notify.status_body', { status: statusLabel }),
          };
    for (const [userId, email] of recipients) await notify(tx.db, tx.clock, { userId, email, link, ...message });
    await audit(tx, {
      actorId: actor.id, action: 'need.status_changed', subjectType: 'need', subjectId: needId,
      data: { from: need.status, to, plans: plans.map((p) => p.id), notified: recipients.size, note: note || null },
    });
    return { status: to, notified: recipients.size };
  });
}
