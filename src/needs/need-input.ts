// The rules of a need as a resident writes it: pure (no I/O), so they are tested alone and the
// operation only adds what needs the database (the place, the rate limit).

import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { harms, isCode, targetGroups, type Harm, type TargetGroup } from '../taxonomy/codes.ts';

export const NEED_TITLE_MIN = 5;
export const NEED_TITLE_MAX = 120;
export const NEED_BODY_MIN = 20;
export const NEED_BODY_MAX = 4000;
export const NEED_TAGS_MAX = 5;
export const NEED_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Needs one person may post in 24 hours. */
export const NEEDS_PER_DAY = 5;

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

export const photoExtensions: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** The type of a photo from its bytes (never its name or the browser's word), or null. */
export function sniffPhotoType(bytes: Buffer): PhotoType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG)) return 'image/png';
  if (bytes.length >= 4 && bytes.subarray(0, 3).equals(JPEG)) return 'image/jpeg';
  if (bytes.length >= 16 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type NeedInput = { title: string; body: string; harms: readonly string[]; targets: readonly string[]; photo: Buffer | null };

export type CheckedNeed = {
  title: string;
  body: string;
  harms: Harm[];
  targets: TargetGroup[];
  photo: { bytes: Buffer; type: PhotoType } | null;
};

/** Which HTTP status a refusal carries: a photo that is only too large or of the wrong type says so. */
export type NeedInputProblem = 'validation' | 'payload_too_large' | 'unsupported_media_type';

/**
 * Normalizes and checks what was typed. Errors are Persian messages by form field; the value is
 * meaningful only when there are none. An empty file part (no photo chosen) is no photo.
 */
export function checkNeedInput(input: NeedInput): { value: CheckedNeed; errors: Record<string, string>; problem: NeedInputProblem } {
  const errors: Record<string, string> = {};
  const title = normalizePersian(input.title).replace(/\s+/g, ' ');
  const body = normalizePersian(input.body);
  if (!title) errors.title = t('needs.error.title_required');
  else if (title.length < NEED_TITLE_MIN) errors.title = t('needs.error.title_short', { min: NEED_TITLE_MIN });
  else if (title.length > NEED_TITLE_MAX) errors.title = t('needs.error.title_long', { max: NEED_TITLE_MAX, length: title.length });
  if (!body) errors.body = t('needs.error.body_required');
  else if (body.length < NEED_BODY_MIN) errors.body = t('needs.error.body_short', { min: NEED_BODY_MIN });
  else if (body.length > NEED_BODY_MAX) errors.body = t('needs.error.body_long', { max: NEED_BODY_MAX, length: body.length });

  const pick = <T extends string>(list: readonly T[], raw: readonly string[]) => {
    const chosen = [...new Set(raw.map((r) => r.trim()).filter(Boolean))];
    return { codes: chosen.filter((c): c is T => isCode(list, c)).sort((a, b) => list.indexOf(a) - list.indexOf(b)), unknown: chosen.some((c) => !isCode(list, c)) };
  };
  const h = pick(harms, input.harms);
  const g = pick(targetGroups, input.targets);
  if (h.unknown) errors.harms = t('needs.error.tag_unknown');
  else if (h.codes.length === 0) errors.harms = t('needs.error.harm_required');
  else if (h.codes.length > NEED_TAGS_MAX) errors.harms = t('needs.error.tags_many', { max: NEED_TAGS_MAX });
  if (g.unknown) errors.targets = t('needs.error.tag_unknown');
  else if (g.codes.length > NEED_TAGS_MAX) errors.targets = t('needs.error.tags_many', { max: NEED_TAGS_MAX });

  let photo: CheckedNeed['photo'] = null;
  let problem: NeedInputProblem = 'validation';
  const bytes = input.photo && input.photo.length > 0 ? input.photo : null;
  if (bytes) {
    const type = sniffPhotoType(bytes);
    if (bytes.length > NEED_PHOTO_MAX_BYTES) {
      errors.photo = t('needs.error.photo_large', { max: toPersianDigits(NEED_PHOTO_MAX_BYTES / (1024 * 1024)) });
      problem = 'payload_too_large';
    } else if (!type) {
      errors.photo = t('needs.error.photo_type');
      problem = 'unsupported_media_type';
    } else photo = { bytes, type };
  }
  // Several problems at once are a form to correct, whatever the photo.
  if (Object.keys(errors).length > 1 || !errors.photo) problem = 'validation';
  return { value: { title, body, harms: h.codes, targets: g.codes, photo }, errors, problem };
}
