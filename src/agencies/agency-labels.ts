import { t, type MessageKey } from '../platform/i18n/t.ts';
import type { AgencyKind } from '../taxonomy/codes.ts';

// Spelled out so the catalogue check sees every key used.
const kindKeys = {
  government: 'agencyKind.government',
  municipality: 'agencyKind.municipality',
  university: 'agencyKind.university',
  public_institution: 'agencyKind.public_institution',
  ngo: 'agencyKind.ngo',
} as const satisfies Record<AgencyKind, MessageKey>;

/** An agency's kind in Persian, e.g. «نهاد عمومی». */
export const agencyKindLabel = (k: AgencyKind) => t(kindKeys[k]);
