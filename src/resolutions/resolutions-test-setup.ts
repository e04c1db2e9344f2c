// A small world for resolution tests: the secretariat, a council member, two agencies each with an
// officer, and meetings inserted directly (the meetings module is not needed to test follow-up).

import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import type { Actor } from '../accounts/permissions.ts';
import { addOfficer, insertAgency } from '../agencies/agencies.repo.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { Browser, createHarness, type Harness } from '../testing/harness.ts';

export const STAFF_PASSWORD = 'a long enough password';

export async function createResolutionsWorld() {
  const h: Harness = await createHarness();
  const db = h.ctx.db;
  const now = h.clock.now().toISOString();
  const user = (name: string, email: string, roles: Parameters<typeof createStaffUser>[1]['roles']) =>
    createStaffUser(h.ctx, { actorId: null, name, email, password: STAFF_PASSWORD, roles });
  const secretaryId = await user('دبیر ستاد', 'secretary@example.org', ['secretary']);
  const councilId = await user('عضو ستاد', 'council@example.org', ['council_member']);
  const officerId = await user('مهدی رضایی', 'welfare@example.org', ['agency_officer']);
  const otherOfficerId = await user('سارا کریمی', 'education@example.org', ['agency_officer']);
  const agency = async (name: string) =>
    insertAgency(db, { name, nameKey: matchKey(name), sortKey: persianSortKey(name), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, now);
  const agencyId = await agency('ادارهٔ کل بهزیستی استان');
  const otherAgencyId = await agency('ادارهٔ کل آموزش و پرورش استان');
  await addOfficer(db, agencyId, officerId, now);
  await addOfficer(db, otherAgencyId, otherOfficerId, now);

  /** A meeting row, `daysAgo` days before now (negative: in the future). */
  async function meeting(title = 'جلسهٔ ستاد', daysAgo = 0): Promise<number> {
    const startsAt = new Date(h.clock.now().getTime() - daysAgo * 86_400_000).toISOString();
    const row = await db
      .insertInto('meetings')
      .values({ title, starts_at: startsAt, status: 'held', published_at: null, created_by: secretaryId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  const secretary: Actor = { id: secretaryId, roles: ['secretary'] };
  const council: Actor = { id: councilId, roles: ['council_member'] };
  const officer: Actor = { id: officerId, roles: ['agency_officer'], agencyIds: [agencyId] };
  const otherOfficer: Actor = { id: otherOfficerId, roles: ['agency_officer'], agencyIds: [otherAgencyId] };

  async function staff(email: string): Promise<Browser> {
    const b = new Browser(h.app);
    const res = await b.post('/login/password', { email, password: STAFF_PASSWORD }, { csrfFrom: '/login' });
    assert.equal(res.statusCode, 303, `login ${email}`);
    return b;
  }

  async function inbox(userId: number): Promise<string[]> {
    const rows = await db.selectFrom('notifications').select('subject').where('user_id', '=', userId).where('channel', '=', 'in_app').orderBy('id').execute();
    return rows.map((r) => r.subject);
  }

  return {
    h, db, secretaryId, councilId, officerId, otherOfficerId, agencyId, otherAgencyId, secretary, council, officer, otherOfficer,
    meeting, staff, inbox, close: () => h.close(),
  };
}

export type ResolutionsWorld = Awaited<ReturnType<typeof createResolutionsWorld>>;
