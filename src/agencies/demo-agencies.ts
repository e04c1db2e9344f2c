import type { OpContext } from '../context.ts';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { findUserByEmail } from '../accounts/accounts.repo.ts';
import { matchKey, normalizePersian } from '../platform/persian/normalize.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import type { AgencyKind } from '../taxonomy/codes.ts';
import { agencyIdsOfOfficer, findAgencyByNameKey } from './agencies.repo.ts';
import { addAgencyOfficer } from './manage-officers.ts';
import { createAgency } from './save-agency.ts';

/** The password of every demo officer account (documented for demonstration only). */
export const DEMO_OFFICER_PASSWORD = 'mahalle-officer-demo';

export type DemoAgencyKey =
  | 'welfare' | 'education' | 'medical' | 'police' | 'municipality'
  | 'relief' | 'sports' | 'tvto' | 'propagation' | 'redcrescent';

/**
 * The ten provincial agencies of Qazvin the issue names, with their official Persian names.
 * The agencies are real; their officer accounts are demo accounts («نمونه»).
 */
export const demoAgencies: readonly {
  key: DemoAgencyKey;
  name: string;
  kind: AgencyKind;
  /** SCI code of the scope: the province (26) or, for the municipality, Qazvin county (2603). */
  scopeCode: string;
  officerEmail: string;
  officerName: string;
}[] = [
  { key: 'welfare', name: 'اداره کل بهزیستی استان قزوین', kind: 'government', scopeCode: '26', officerEmail: 'welfare@mahalle.local', officerName: 'کارشناس بهزیستی (نمونه)' },
  { key: 'education', name: 'اداره کل آموزش و پرورش استان قزوین', kind: 'government', scopeCode: '26', officerEmail: 'education@mahalle.local', officerName: 'کارشناس آموزش و پرورش (نمونه)' },
  { key: 'medical', name: 'دانشگاه علوم پزشکی قزوین', kind: 'university', scopeCode: '26', officerEmail: 'medical@mahalle.local', officerName: 'کارشناس دانشگاه علوم پزشکی (نمونه)' },
  { key: 'police', name: 'فرماندهی انتظامی استان قزوین', kind: 'government', scopeCode: '26', officerEmail: 'police@mahalle.local', officerName: 'کارشناس فرماندهی انتظامی (نمونه)' },
  { key: 'municipality', name: 'شهرداری قزوین', kind: 'municipality', scopeCode: '2603', officerEmail: 'municipality@mahalle.local', officerName: 'کارشناس شهرداری قزوین (نمونه)' },
  { key: 'relief', name: 'کمیته امداد امام خمینی (ره) استان قزوین', kind: 'public_institution', scopeCode: '26', officerEmail: 'relief@mahalle.local', officerName: 'کارشناس کمیته امداد (نمونه)' },
  { key: 'sports', name: 'اداره کل ورزش و جوانان استان قزوین', kind: 'government', scopeCode: '26', officerEmail: 'sports@mahalle.local', officerName: 'کارشناس ورزش و جوانان (نمونه)' },
  { key: 'tvto', name: 'اداره کل آموزش فنی و حرفه‌ای استان قزوین', kind: 'government', scopeCode: '26', officerEmail: 'tvto@mahalle.local', officerName: 'کارشناس آموزش فنی و حرفه‌ای (نمونه)' },
  { key: 'propagation', name: 'اداره کل تبلیغات اسلامی استان قزوین', kind: 'public_institution', scopeCode: '26', officerEmail: 'propagation@mahalle.local', officerName: 'کارشناس تبلیغات اسلامی (نمونه)' },
  { key: 'redcrescent', name: 'جمعیت هلال احمر استان قزوین', kind: 'public_institution', scopeCode: '26', officerEmail: 'redcrescent@mahalle.local', officerName: 'کارشناس هلال احمر (نمونه)' },
];

export type SeededAgency = { key: DemoAgencyKey; agencyId: number; officerId: number; officerEmail: string };

/**
 * Adds the ten agencies, each with a demo officer account (created with createStaffUser and
 * attached with addAgencyOfficer). Safe to run again: what exists is kept. Needs the places seeded.
 */
export async function seedDemoAgencies(ctx: OpContext): Promise<SeededAgency[]> {
  const out: SeededAgency[] = [];
  for (const d of demoAgencies) {
    let agencyId = (await findAgencyByNameKey(ctx.db, matchKey(normalizePersian(d.name))))?.id;
    if (agencyId === undefined) {
      const scope = await findPlaceByCode(ctx.db, d.scopeCode);
      agencyId = await createAgency(ctx, null, {
        name: d.name, kind: d.kind, scopePlaceId: scope ? String(scope.id) : '', phone: '', email: '', address: '', active: true,
      });
    }
    let officerId = (await findUserByEmail(ctx.db, d.officerEmail))?.id;
    if (officerId === undefined) {
      officerId = await createStaffUser(ctx, { actorId: null, name: d.officerName, email: d.officerEmail, password: DEMO_OFFICER_PASSWORD, roles: ['agency_officer'] });
    }
    if (!(await agencyIdsOfOfficer(ctx.db, officerId)).includes(agencyId)) await addAgencyOfficer(ctx, null, agencyId, d.officerEmail);
    out.push({ key: d.key, agencyId, officerId, officerEmail: d.officerEmail });
  }
  return out;
}
