import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { findUserById, findUserByMobile } from '../accounts/accounts.repo.ts';
import { parseIranMobile } from '../accounts/mobile.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { nationalIdHash, parseNationalId } from './national-id.ts';
import { censusPlaceOf, setResidency, userWithNationalId } from './residency.repo.ts';

type ResidencyCtx = OpContext & { secret: string };

/**
 * A resident verifies themselves with their national ID: it must be valid, not claimed by another
 * account, and listed in the census for their home place. A failed match says nothing about where
 * the ID is listed, so the form cannot be used to look people up.
 */
export async function verifyBySelf(ctx: ResidencyCtx, actor: Actor, input: { nationalId: string }): Promise<void> {
  if (!can(actor, 'residency.verify_self')) throw new AppError('forbidden');
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw new AppError('unauthorized');
  if (user.home_place_id === null) throw new AppError('validation', undefined, { nationalId: t('residency.self.no_home') });
  const id = parseNationalId(input.nationalId);
  if (!id) throw new AppError('validation', undefined, { nationalId: t('residency.self.invalid_id') });
  const hash = nationalIdHash(ctx.secret, id);
  const owner = await userWithNationalId(ctx.db, hash);
  if (owner !== undefined && owner !== actor.id) throw new AppError('validation', undefined, { nationalId: t('residency.self.claimed') });
  const listedAt = await censusPlaceOf(ctx.db, hash);
  if (listedAt !== user.home_place_id) {
    await inTransaction(ctx, (tx) => audit(tx, { actorId: actor.id, action: 'residency.self_failed', subjectType: 'user', subjectId: actor.id, data: {} }));
    throw new AppError('validation', undefined, { nationalId: t('residency.self.not_listed') });
  }
  await inTransaction(ctx, async (tx) => {
    await setResidency(tx.db, actor.id, { placeId: user.home_place_id, method: 'census', by: null, nationalIdHash: hash, now: tx.clock.now().toISOString() });
    await audit(tx, { actorId: actor.id, action: 'residency.verified', subjectType: 'user', subjectId: actor.id, data: { method: 'census', place: user.home_place_id } });
  });
}

/** The secretariat verifies a resident by hand (seen in person with a document) at their current home place. */
export async function verifyByHand(ctx: OpContext, actor: Actor, input: { mobile: string; note: string }): Promise<{ userId: number; placeId: number }> {
  if (!can(actor, 'residency.manage')) throw new AppError('forbidden');
  const mobile = parseIranMobile(input.mobile);
  if (!mobile) throw new AppError('validation', undefined, { mobile: t('residency.hand.bad_mobile') });
  const user = await findUserByMobile(ctx.db, mobile);
  if (!user) throw new AppError('validation', undefined, { mobile: t('residency.hand.unknown') });
  if (user.home_place_id === null) throw new AppError('validation', undefined, { mobile: t('residency.hand.no_home') });
  const note = normalizePersian(input.note).slice(0, 500);
  if (!note) throw new AppError('validation', undefined, { note: t('residency.hand.note_required') });
  const placeId = user.home_place_id;
  await inTransaction(ctx, async (tx) => {
    await setResidency(tx.db, user.id, { placeId, method: 'manual', by: actor.id, now: tx.clock.now().toISOString() });
    await audit(tx, { actorId: actor.id, action: 'residency.verified', subjectType: 'user', subjectId: user.id, data: { method: 'manual', place: placeId, note } });
  });
  return { userId: user.id, placeId };
}

/** The secretariat withdraws a verification (made in error). */
export async function revokeResidency(ctx: OpContext, actor: Actor, userId: number, note: string): Promise<void> {
  if (!can(actor, 'residency.manage')) throw new AppError('forbidden');
  const user = await findUserById(ctx.db, userId);
  if (!user) throw notFound();
  const reason = normalizePersian(note).slice(0, 500);
  if (!reason) throw new AppError('validation', undefined, { note: t('residency.hand.note_required') });
  await inTransaction(ctx, async (tx) => {
    await setResidency(tx.db, userId, { placeId: null, method: null, by: actor.id, now: tx.clock.now().toISOString() });
    await audit(tx, { actorId: actor.id, action: 'residency.revoked', subjectType: 'user', subjectId: userId, data: { note: reason } });
  });
}
