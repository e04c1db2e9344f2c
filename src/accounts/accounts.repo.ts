import type { Db } from '../platform/db/database.ts';
import type { Role } from './roles.ts';

export type UserRecord = {
  id: number;
  mobile: string | null;
  email: string | null;
  name: string;
  password_hash: string | null;
  home_place_id: number | null;
  status: 'active' | 'disabled';
  created_at: string;
};

const userColumns = ['id', 'mobile', 'email', 'name', 'password_hash', 'home_place_id', 'status', 'created_at'] as const;

export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function findUserByMobile(db: Db, mobile: string): Promise<UserRecord | undefined> {
  return db.selectFrom('users').select(userColumns).where('mobile', '=', mobile).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  return db.selectFrom('users').select(userColumns).where('email', '=', email).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  u: { mobile?: string | null; email?: string | null; name: string; passwordHash?: string | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      mobile: u.mobile ?? null,
      email: u.email ?? null,
      name: u.name,
      password_hash: u.passwordHash ?? null,
      home_place_id: null,
      created_at: u.now,
      updated_at: u.now,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUserProfile(db: Db, id: number, p: { name: string; homePlaceId: number | null; now: string }) {
  await db.updateTable('users').set({ name: p.name, home_place_id: p.homePlaceId, updated_at: p.now }).where('id', '=', id).execute();
}

export async function setUserStatus(db: Db, id: number, status: 'active' | 'disabled', now: string) {
  await db.updateTable('users').set({ status, updated_at: now }).where('id', '=', id).execute();
}

export async function touchLogin(db: Db, id: number, now: string) {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
}

export async function rolesOf(db: Db, userId: number): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role);
}

/** Replaces a user's roles with exactly the given set. */
export async function replaceRoles(db: Db, userId: number, roles: readonly Role[], now: string): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) {
    await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: userId, role, granted_at: now }))).execute();
  }
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One page of users with their roles, newest first (two queries whatever the page size). */
export async function listUsersPage(db: Db, page: { limit: number; offset: number }) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'mobile', 'email', 'status', 'created_at'])
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const ids = users.map((u) => u.id);
  const roles = ids.length
    ? await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute()
    : [];
  return users.map((u) => ({ ...u, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) }));
}

// ---- sessions ----

export async function insertSession(
  db: Db,
  s: { tokenHash: string; userId: number; now: string; expiresAt: string; ip: string | null; userAgent: string | null },
) {
  await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.now, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent })
    .execute();
}

/** The live session and its active user, in one query. */
export async function findLiveSession(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.expires_at', 'sessions.created_at', 'users.name', 'users.status'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function extendSession(db: Db, tokenHash: string, expiresAt: string) {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function countSessionsOfUser(db: Db, userId: number, now: string): Promise<number> {
  const r = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- one-time codes ----

export async function insertOtp(db: Db, o: { mobile: string; codeHash: string; ip: string | null; now: string; expiresAt: string }) {
  await db
    .insertInto('otp_codes')
    .values({ mobile: o.mobile, code_hash: o.codeHash, ip: o.ip, created_at: o.now, expires_at: o.expiresAt, consumed_at: null })
    .execute();
}

/** The newest code sent to this number; only it can be used, so older ones die when a new one is sent. */
export async function latestOtp(db: Db, mobile: string) {
  return db
    .selectFrom('otp_codes')
    .select(['id', 'code_hash', 'created_at', 'expires_at', 'attempts', 'consumed_at'])
    .where('mobile', '=', mobile)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Takes one attempt from a code before it is checked. The guard in the same statement means
 * parallel guesses cannot together exceed the limit.
 */
export async function reserveOtpAttempt(db: Db, id: number, maxAttempts: number): Promise<boolean> {
  const r = await db
    .updateTable('otp_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', maxAttempts)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks a code used; the consumed_at guard makes a second, concurrent use of the same code fail. */
export async function consumeOtp(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('otp_codes').set({ consumed_at: now }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countOtpsSince(db: Db, by: { mobile?: string; ip?: string }, since: string): Promise<number> {
  let q = db.selectFrom('otp_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '>', since);
  if (by.mobile) q = q.where('mobile', '=', by.mobile);
  if (by.ip) q = q.where('ip', '=', by.ip);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function namesOfUsers(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name', 'email', 'mobile']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name || r.email || r.mobile || String(r.id)]));
}

/** Active users holding a role, for notifications such as "a plan was submitted". */
export async function activeUsersWithRole(db: Db, role: Role) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.name'])
    .where('r.role', '=', role)
    .where('u.status', '=', 'active')
    .execute();
}
