import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { addAgencyOfficer } from '../agencies/manage-officers.ts';
import { createAgency } from '../agencies/save-agency.ts';
import { insertCall, replaceCallPlaces, setCallStatus, upsertObligation } from '../calls/calls.repo.ts';
import { demoPlaces, realPlaces } from '../places/demo-places.ts';
import { importPlaces } from '../places/import-places.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import { manualClock } from '../platform/clock.ts';
import { openTestDatabase } from '../platform/db/testing.ts';
import { uploadRoot } from '../platform/files/store-upload.ts';
import { createMailer } from '../platform/notify/mailer.ts';
import { currentFiscalYear } from '../platform/persian/jalali.ts';
import { Browser, csrfToken } from '../testing/harness.ts';

/**
 * A test app for the plan form and screening: a fresh database, uploads in a temporary folder,
 * places, two agencies with an officer each, a secretary, and an open call inviting both.
 */
export async function createPlanFormHarness() {
  const dir = mkdtempSync(join(tmpdir(), 'mahalle-plans-'));
  const handle = await openTestDatabase();
  const clock = manualClock(new Date());
  const log = pino({ level: 'silent' });
  // The database comes from openTestDatabase; DATABASE_URL here only places the uploads folder.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SESSION_SECRET: 's'.repeat(40), WORKER: '0', AUTH_RATE_LIMIT_PER_MINUTE: '1000', DATABASE_URL: `sqlite:${join(dir, 'test.db')}` });
  const mailer = { ...createMailer({ from: 'test', log }), send: async () => {} };
  const ctx: AppContext = { db: handle.db, dialect: handle.dialect, clock, config, log, sms: { kind: 'log', send: async () => {} }, mailer, handle };
  const app = await buildApp(ctx);
  await app.ready();

  await importPlaces(ctx, realPlaces, { actorId: null });
  await importPlaces(ctx, demoPlaces, { actorId: null, isDemo: true });
  const password = 'correct horse battery';
  const users = {
    secretary: await createStaffUser(ctx, { actorId: null, name: 'دبیر ستاد', email: 'secretary@example.org', password, roles: ['secretary'] }),
    officerA: await createStaffUser(ctx, { actorId: null, name: 'کارشناس بهزیستی', email: 'a@example.org', password, roles: ['agency_officer'] }),
    officerB: await createStaffUser(ctx, { actorId: null, name: 'کارشناس آموزش', email: 'b@example.org', password, roles: ['agency_officer'] }),
  };
  const agency = (name: string) => createAgency(ctx, null, { name, kind: 'government', scopePlaceId: '', phone: '', email: '', address: '', active: true });
  const agencyA = await agency('ادارهٔ کل بهزیستی استان قزوین');
  const agencyB = await agency('ادارهٔ کل آموزش و پرورش استان قزوین');
  await addAgencyOfficer(ctx, null, agencyA, 'a@example.org');
  await addAgencyOfficer(ctx, null, agencyB, 'b@example.org');

  const now = clock.now();
  const fiscalYear = currentFiscalYear(now);
  const callId = await insertCall(
    ctx.db,
    {
      fiscalYear, title: `فراخوان طرح‌های توانمندسازی محلات ${fiscalYear}`, description: 'فراخوان آزمایشی',
      budgetRials: 50_000_000_000, deadlineAt: new Date(now.getTime() + 30 * 86400_000).toISOString(), harms: [], targetGroups: [], createdBy: null,
    },
    now.toISOString(),
  );
  // Eligible: Qazvin county (2603), so neighborhoods elsewhere are not offered.
  const county = await findPlaceByCode(ctx.db, '2603');
  await replaceCallPlaces(ctx.db, callId, county ? [county.id] : []);
  await upsertObligation(ctx.db, { callId, agencyId: agencyA, creditRials: 10_000_000_000, now: now.toISOString() });
  await upsertObligation(ctx.db, { callId, agencyId: agencyB, creditRials: 5_000_000_000, now: now.toISOString() });
  await setCallStatus(ctx.db, callId, 'open', now.toISOString());

  return {
    ctx, app, clock, dir, users, agencyA, agencyB, callId, fiscalYear,
    uploads: uploadRoot(config),
    login: async (email: string) => {
      const b = new Browser(app);
      const res = await b.post('/login/password', { email, password }, { csrfFrom: '/login' });
      if (res.statusCode !== 303) throw new Error(`login failed for ${email}: ${res.statusCode}`);
      return b;
    },
    close: async () => {
      await app.close();
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type PlanFormHarness = Awaited<ReturnType<typeof createPlanFormHarness>>;

/** Posts a multipart form with one file, as a browser does, with the session and CSRF token of the page it came from. */
export async function postFile(
  app: FastifyInstance,
  b: Browser,
  url: string,
  o: { csrfFrom: string; file: { name: string; type: string; data: Buffer } | null; fields?: Record<string, string> },
) {
  const page = await b.get(o.csrfFrom);
  const token = csrfToken(page.body);
  const boundary = `----mahalle${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  const part = (headers: string, body: Buffer) => chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`, 'utf8'), body, Buffer.from('\r\n'));
  part('Content-Disposition: form-data; name="_csrf"', Buffer.from(token));
  for (const [k, v] of Object.entries(o.fields ?? {})) part(`Content-Disposition: form-data; name="${k}"`, Buffer.from(v, 'utf8'));
  if (o.file) part(`Content-Disposition: form-data; name="file"; filename="${o.file.name}"\r\nContent-Type: ${o.file.type}`, o.file.data);
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const cookies: Record<string, string> = {};
  for (const name of ['sid', '_csrf']) {
    const v = b.cookie(name);
    if (v) cookies[name] = v;
  }
  return app.inject({ method: 'POST', url, payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, cookies });
}

/** The text a person reads on a page: no tags, attributes, titles or left-to-right isolates. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|code)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<bdi[^>]*>[\s\S]*?<\/bdi>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}
