import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey, normalizePersian } from '../platform/persian/normalize.ts';
import { findPlace } from '../places/places.repo.ts';
import { agencyKinds, isCode } from '../taxonomy/codes.ts';
import { findAgency, findAgencyByNameKey, insertAgency, updateAgency, type AgencyWrite } from './agencies.repo.ts';

export type AgencyInput = {
  name: string;
  kind: string;
  scopePlaceId: string;
  phone: string;
  email: string;
  address: string;
  active: boolean;
};

async function validate(ctx: OpContext, o: AgencyInput, exceptId: number | null): Promise<AgencyWrite> {
  const errors: Record<string, string> = {};
  const name = normalizePersian(o.name);
  if (name.length < 3 || name.length > 150) errors.name = t('agency.name_invalid');
  if (!isCode(agencyKinds, o.kind)) errors.kind = t('agency.kind_invalid');
  let scopePlaceId: number | null = null;
  if (o.scopePlaceId.trim()) {
    const place = /^\d+$/.test(o.scopePlaceId.trim()) ? await findPlace(ctx.db, Number(o.scopePlaceId.trim())) : undefined;
    if (!place || !['province', 'county'].includes(place.kind)) errors.scopePlaceId = t('agency.scope_invalid');
    else scopePlaceId = place.id;
  }
  const email = o.email.trim().toLowerCase();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = t('auth.email.invalid');
  const nameKey = matchKey(name);
  const clash = name ? await findAgencyByNameKey(ctx.db, nameKey) : undefined;
  if (clash && clash.id !== exceptId) errors.name = t('agency.name_taken');
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  return {
    name, nameKey, sortKey: persianSortKey(name), kind: o.kind as AgencyWrite['kind'], scopePlaceId,
    phone: normalizePersian(o.phone) || null, email: email || null, address: normalizePersian(o.address) || null, active: o.active,
  };
}

/** Registers an executive agency. */
export async function createAgency(ctx: OpContext, actor: Actor | null, o: AgencyInput & { isDemo?: boolean }): Promise<number> {
  if (actor && !can(actor, 'agency.manage')) throw new AppError('forbidden');
  const write = await validate(ctx, o, null);
  return inTransaction(ctx, async (tx) => {
    const id = await insertAgency(tx.db, { ...write, isDemo: o.isDemo }, tx.clock.now().toISOString());
    await audit(tx, { actorId: actor?.id ?? null, action: 'agency.created', subjectType: 'agency', subjectId: id, data: { name: write.name } });
    return id;
  });
}

/** Edits an agency's details. */
export async function editAgency(ctx: OpContext, actor: Actor, id: number, o: AgencyInput): Promise<void> {
  if (!can(actor, 'agency.manage')) throw new AppError('forbidden');
  if (!(await findAgency(ctx.db, id))) throw notFound();
  const write = await validate(ctx, o, id);
  await inTransaction(ctx, async (tx) => {
    await updateAgency(tx.db, id, write, tx.clock.now().toISOString());
    await audit(tx, { actorId: actor.id, action: 'agency.updated', subjectType: 'agency', subjectId: id, data: { name: write.name, active: write.active } });
  });
}
