import { inTransaction, type OpContext } from '../context.ts';
import type { Config } from '../config.ts';
import { screenText } from '../comments/moderation/index.ts';
import { moderationModel } from '../comments/moderation-runtime.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { addSeconds } from '../platform/clock.ts';
import { removeUpload, storeUpload } from '../platform/files/store-upload.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { isHomePlace } from '../places/home-places.ts';
import { checkNeedInput, NEEDS_PER_DAY, type NeedInput } from './need-input.ts';
import { countNeedsSince, insertNeed } from './needs.repo.ts';

const screenCodes = ['not_persian', 'finglish', 'banned_word', 'insult', 'defamation'] as const;
type ScreenCode = (typeof screenCodes)[number];

/**
 * A resident posts a need for a neighborhood or village: title, description, harm and
 * target-group tags and an optional photo (JPEG, PNG or WebP by its bytes, at most 5 MB). At most
 * NEEDS_PER_DAY a day per person. Nothing is stored unless everything is right; the photo is
 * removed again if the row is not written.
 */
export async function postNeed(
  ctx: OpContext & { config: Pick<Config, 'MODERATION_MODEL'> },
  actor: Actor,
  input: NeedInput & { placeId: string; uploadRoot: string },
): Promise<{ id: number }> {
  if (!can(actor, 'need.post')) throw new AppError('forbidden');
  const checked = checkNeedInput(input);
  const errors = { ...checked.errors };
  const rawPlace = toAsciiDigits(input.placeId.trim());
  const placeId = /^\d{1,9}$/.test(rawPlace) ? Number(rawPlace) : null;
  if (placeId === null) errors.place_id = t('needs.error.place_required');
  else if (!(await isHomePlace(ctx.db, placeId))) errors.place_id = t('needs.error.place_invalid');
  if (Object.keys(errors).length) throw new AppError(checked.problem, undefined, errors);
  // A need is public as soon as it is posted, so it meets the site's published rules first:
  // Persian, no insult, no accusation against a person. A text that breaks one is refused with
  // the rule (the form keeps it), as there is no moderator queue for needs.
  const verdict = screenText(`${checked.value.title}\n${checked.value.body}`, [], {}, moderationModel(ctx.config));
  if (verdict.decision !== 'published') {
    const codes = [...new Set(verdict.reasons.map((r) => r.code))].filter((c): c is ScreenCode => (screenCodes as readonly string[]).includes(c));
    throw new AppError('validation', undefined, { body: codes.map((c) => t(`needs.screen.${c}`)).join(' ') || t('needs.screen.insult') });
  }

  const since = addSeconds(ctx.clock.now(), -24 * 3600).toISOString();
  if ((await countNeedsSince(ctx.db, actor.id, since)) >= NEEDS_PER_DAY) {
    throw new AppError('rate_limited', undefined, { rate: t('needs.error.rate', { count: NEEDS_PER_DAY }) });
  }

  const { title, body, harms, targets, photo } = checked.value;
  const stored = photo ? await storeUpload(input.uploadRoot, 'needs', photo.bytes) : null;
  try {
    const id = await inTransaction(ctx, async (tx) => {
      const id = await insertNeed(tx.db, {
        placeId: placeId!, authorId: actor.id, title, body, searchKey: matchKey(`${title} ${body}`), harms: JSON.stringify(harms),
        targets: JSON.stringify(targets), photoPath: stored?.key ?? null, photoType: photo?.type ?? null, now: tx.clock.now().toISOString(),
      });
      await audit(tx, {
        actorId: actor.id, action: 'need.posted', subjectType: 'need', subjectId: id,
        data: { placeId, harms, targets, photo: stored ? { type: photo!.type, size: stored.size, sha256: stored.sha256 } : null },
      });
      return id;
    });
    return { id };
  } catch (err) {
    if (stored) await removeUpload(input.uploadRoot, stored.key);
    throw err;
  }
}
