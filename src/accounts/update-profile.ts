import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { isHomePlace } from '../places/home-places.ts';
import { findUserById, updateUserProfile } from './accounts.repo.ts';
import { can, type Actor } from './permissions.ts';

export type UpdateProfileOptions = { name: string; homePlaceId: string };

/** Saves one's own name and home neighborhood; the home must be a neighborhood or a village. */
export async function updateProfile(ctx: OpContext, actor: Actor, o: UpdateProfileOptions): Promise<void> {
  if (!can(actor, 'profile.edit')) throw new AppError('forbidden');
  const errors: Record<string, string> = {};
  const name = normalizePersian(o.name);
  if (name.length < 2 || name.length > 80) errors.name = t('auth.name.invalid');
  let homePlaceId: number | null = null;
  const rawHome = toAsciiDigits(o.homePlaceId.trim());
  if (rawHome) {
    const id = /^\d{1,9}$/.test(rawHome) ? Number(rawHome) : NaN;
    if (!Number.isFinite(id) || !(await isHomePlace(ctx.db, id))) errors.home_place_id = t('profile.home.invalid');
    else homePlaceId = id;
  }
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  await inTransaction(ctx, async (tx) => {
    const before = await findUserById(tx.db, actor.id);
    await updateUserProfile(tx.db, actor.id, { name, homePlaceId, now: tx.clock.now().toISOString() });
    await audit(tx, {
      actorId: actor.id, action: 'user.profile_updated', subjectType: 'user', subjectId: actor.id,
      data: { name_changed: before?.name !== name, home_place_id: homePlaceId },
    });
  });
}
