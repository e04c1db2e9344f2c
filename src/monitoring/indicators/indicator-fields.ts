// The rules of one catalogue entry, shared by the staff form (save-indicator.ts) and the catalogue
// rows of an import (import-rows.ts): pure, no I/O. Codes and labels are accepted for the
// direction, the harm and the level, so a spreadsheet may say «کمتر بهتر است» or «شهرستان».

import { z } from 'zod';
import { t } from '../../platform/i18n/t.ts';
import { toAsciiDigits } from '../../platform/persian/digits.ts';
import { matchKey, normalizePersian } from '../../platform/persian/normalize.ts';
import { placeKinds, type PlaceKind } from '../../places/place-kinds.ts';
import { harms, type Harm } from '../../taxonomy/codes.ts';
import type { IndicatorDirection } from '../monitoring.tables.ts';

export const directions: readonly IndicatorDirection[] = ['lower_better', 'higher_better'];
export const CODE_MAX = 40;
export const NAME_MAX = 200;
export const UNIT_MAX = 40;
export const SOURCE_MAX = 300;
export const DESCRIPTION_MAX = 4000;

export type IndicatorFieldsInput = {
  code: string;
  name: string;
  unit: string;
  direction: string;
  harm: string;
  level: string;
  source: string;
  description: string;
};

export type IndicatorFields = {
  code: string;
  name: string;
  nameKey: string;
  unit: string;
  direction: IndicatorDirection;
  harm: Harm | null;
  level: PlaceKind;
  source: string;
  description: string;
};

export type IndicatorField = keyof IndicatorFieldsInput;

/** «درصد» (or %) makes values percentages, checked to lie within 0–100. */
export function isPercentUnit(unit: string): boolean {
  const key = matchKey(unit);
  return key === 'درصد' || key === '%' || key === '٪';
}

/** A direction from its code or its label; null when it is neither. */
export function directionOf(raw: string): IndicatorDirection | null {
  const s = matchKey(raw).toLowerCase().replace(/[\s-]+/g, '_');
  if ((directions as readonly string[]).includes(s)) return s as IndicatorDirection;
  for (const d of directions) if (matchKey(t(`indicators.direction.${d}`)).replace(/\s+/g, '_') === s || matchKey(t(`indicators.direction_short.${d}`)) === s) return d;
  return null;
}

/** A harm from its code (any case) or its Persian label; null when it is neither. */
export function harmOf(raw: string): Harm | null {
  const code = raw.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if ((harms as readonly string[]).includes(code)) return code as Harm;
  const key = matchKey(raw);
  return harms.find((h) => matchKey(t(`harm.${h}`)) === key) ?? null;
}

/** A place kind from its code or its Persian label; null when it is neither. */
export function levelOf(raw: string): PlaceKind | null {
  const code = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if ((placeKinds as readonly string[]).includes(code)) return code as PlaceKind;
  const key = matchKey(raw);
  return placeKinds.find((k) => matchKey(t(`place.kind.${k}`)) === key) ?? null;
}

const text = (max: number) => z.string().transform((s) => normalizePersian(s)).pipe(z.string().max(max));

/**
 * Checks one catalogue entry: a code of ASCII letters, digits, _ and - (stored upper-case), a
 * name and a unit, a direction, an optional harm, a level that is a place kind, and optional
 * source and description. Returns the stored form, or a Persian message per bad field.
 */
export function checkIndicatorFields(input: IndicatorFieldsInput): { ok: true; value: IndicatorFields } | { ok: false; errors: Partial<Record<IndicatorField, string>> } {
  const errors: Partial<Record<IndicatorField, string>> = {};
  const code = toAsciiDigits(input.code ?? '').trim().toUpperCase();
  if (code === '') errors.code = t('indicators.error.code_required');
  else if (code.length > CODE_MAX || !/^[A-Z0-9][A-Z0-9_-]*$/.test(code)) errors.code = t('indicators.error.code_invalid', { max: CODE_MAX });

  const name = text(NAME_MAX).safeParse(input.name ?? '');
  if (!name.success) errors.name = t('indicators.error.too_long', { max: NAME_MAX });
  else if (name.data === '') errors.name = t('indicators.error.name_required');

  const unit = text(UNIT_MAX).safeParse(input.unit ?? '');
  if (!unit.success) errors.unit = t('indicators.error.too_long', { max: UNIT_MAX });
  else if (unit.data === '') errors.unit = t('indicators.error.unit_required');

  const rawDirection = (input.direction ?? '').trim();
  const direction = rawDirection === '' ? null : directionOf(rawDirection);
  if (rawDirection === '') errors.direction = t('indicators.error.direction_required');
  else if (!direction) errors.direction = t('indicators.error.direction_invalid');

  const rawHarm = (input.harm ?? '').trim();
  const harm = rawHarm === '' ? null : harmOf(rawHarm);
  if (rawHarm !== '' && !harm) errors.harm = t('indicators.error.harm_invalid');

  const rawLevel = (input.level ?? '').trim();
  const level = rawLevel === '' ? null : levelOf(rawLevel);
  if (rawLevel === '') errors.level = t('indicators.error.level_required');
  else if (!level) errors.level = t('indicators.error.level_invalid');

  const source = text(SOURCE_MAX).safeParse(input.source ?? '');
  if (!source.success) errors.source = t('indicators.error.too_long', { max: SOURCE_MAX });
  const description = text(DESCRIPTION_MAX).safeParse(input.description ?? '');
  if (!description.success) errors.description = t('indicators.error.too_long', { max: DESCRIPTION_MAX });

  if (Object.keys(errors).length || !name.success || !unit.success || !source.success || !description.success || !direction || !level) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      code, name: name.data, nameKey: matchKey(name.data), unit: unit.data, direction, harm, level,
      source: source.data, description: description.data,
    },
  };
}
