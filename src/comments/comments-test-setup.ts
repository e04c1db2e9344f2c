// A small world for comment tests: one public plan about addiction prevention in a neighborhood,
// its agency with a named officer, a moderator, and citizens who sign in with a one-time code.

import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { addOfficer, insertAgency } from '../agencies/agencies.repo.ts';
import { insertCall, setCallStatus } from '../calls/calls.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { emptyPlanContent, type PlanContent } from '../plans/plan-content.ts';
import { insertPlan, setPlanStatus } from '../plans/plans.repo.ts';
import { Browser, createHarness, lastCode, type Harness } from '../testing/harness.ts';

export const STAFF_PASSWORD = 'a long enough password';

export const planSummary =
  'پیشگیری از اعتیاد نوجوانان در محلهٔ آزمایشی با کلاس‌های مهارت زندگی برای نوجوانان و آموزش خانواده‌ها، ' +
  'با همکاری مدرسه، مسجد و سرای محله؛ مادران و کودکان در اولویت‌اند.';

export async function createCommentsWorld(env: Record<string, string> = {}) {
  const h: Harness = await createHarness({ COMMENT_RATE_PER_MINUTE: '100', COMMENT_RATE_PER_IP_PER_MINUTE: '1000', ...env });
  const now = h.clock.now().toISOString();
  const db = h.ctx.db;
  const moderatorId = await createStaffUser(h.ctx, { actorId: null, name: 'ناظر نظرها', email: 'moderator@example.org', password: STAFF_PASSWORD, roles: ['moderator'] });
  const officerId = await createStaffUser(h.ctx, { actorId: null, name: 'مهدی رضایی', email: 'officer@example.org', password: STAFF_PASSWORD, roles: ['agency_officer'] });
  const agencyName = 'ادارهٔ کل بهزیستی استان';
  const agencyId = await insertAgency(db, { name: agencyName, nameKey: matchKey(agencyName), sortKey: persianSortKey(agencyName), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, now);
  await addOfficer(db, agencyId, officerId, now);
  const callId = await insertCall(db, { fiscalYear: 1405, title: 'فراخوان آزمایشی', description: 'فراخوان آزمایشی', budgetRials: 50_000_000_000, deadlineAt: now, harms: [], targetGroups: [], createdBy: null }, now);
  await setCallStatus(db, callId, 'open', now);

  async function plan(
    title: string,
    summary = planSummary,
    status: 'in_review' | 'draft' | 'approved' = 'in_review',
    o: { rials?: number; content?: Partial<PlanContent>; agencyId?: number; tags?: { kind: 'harm' | 'target' | 'intervention'; code: string }[]; places?: { placeId: number; countyId: number | null }[] } = {},
  ): Promise<number> {
    const content: PlanContent = { ...emptyPlanContent(), title, summary, goal: 'کاهش گرایش نوجوانان محله به مواد مخدر', harms: ['ADDICTION'], ...o.content };
    const id = await insertPlan(db, {
      callId, agencyId: o.agencyId ?? agencyId, createdBy: officerId, now, title, summary, searchText: matchKey(`${title} ${summary}`), sortKey: persianSortKey(title),
      requestedRials: o.rials ?? 1_000_000_000, content: JSON.stringify(content), tags: o.tags ?? [], places: o.places ?? [],
    });
    if (status !== 'draft') assert.ok(await setPlanStatus(db, id, 'draft', status, { now, isPublic: true }));
    await audit(h.ctx, { actorId: null, action: 'plan.test_fixture', subjectType: 'plan', subjectId: id });
    return id;
  }

  let mobiles = 0;
  /** A citizen signed in through the real register → code → verify flow. */
  async function citizen(name = 'زهرا احمدی'): Promise<{ browser: Browser; mobile: string }> {
    const mobile = `0912${String(10_000_000 + ++mobiles).slice(1)}`;
    const b = new Browser(h.app);
    const reg = await b.post('/register', { mobile, name }, { csrfFrom: '/register' });
    assert.equal(reg.statusCode, 303, 'register');
    const res = await b.post('/verify', { code: lastCode(h, mobile) }, { csrfFrom: '/verify' });
    assert.equal(res.statusCode, 303, 'verify');
    return { browser: b, mobile };
  }

  async function staff(email: string): Promise<Browser> {
    const b = new Browser(h.app);
    const res = await b.post('/login/password', { email, password: STAFF_PASSWORD }, { csrfFrom: '/login' });
    assert.equal(res.statusCode, 303, `login ${email}`);
    return b;
  }

  const planId = await plan('پیشگیری از اعتیاد نوجوانان در محله');
  return { h, db, moderatorId, officerId, agencyId, callId, planId, plan, citizen, staff, close: () => h.close() };
}

export type CommentsWorld = Awaited<ReturnType<typeof createCommentsWorld>>;

/** The arithmetic fallback's answer, read from the page as a person would (Persian digits, + or −). */
export function solveQuestion(html: string): { captcha_token: string; captcha_answer: string } {
  const token = /name="captcha_token" value="([^"]+)"/.exec(html)?.[1];
  const label = /<label[^>]*for="captcha_answer"[^>]*>([^<]+)</.exec(html)?.[1];
  assert.ok(token && label, 'captcha question on the page');
  const digits = label.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
  const m = /(\d+)\D+?(\d+)/.exec(digits);
  assert.ok(m, `numbers in «${label}»`);
  const [a, b] = [Number(m[1]), Number(m[2])];
  const answer = /منها|کم|−|-/.test(label) ? a - b : a + b;
  return { captcha_token: token.replace(/&amp;/g, '&'), captcha_answer: String(answer) };
}
