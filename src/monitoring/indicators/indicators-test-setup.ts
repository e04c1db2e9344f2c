// A small world for indicator tests: the province's places (real counties, demo neighborhoods and
// villages), the secretariat and a council member with browsers, and helpers to post files.

import assert from 'node:assert/strict';
import { createStaffUser } from '../../accounts/create-staff-user.ts';
import type { Actor } from '../../accounts/permissions.ts';
import { importPlaces } from '../../places/import-places.ts';
import { demoPlaces, realPlaces } from '../../places/demo-places.ts';
import { Browser, createHarness, csrfToken, lastCode, type Harness } from '../../testing/harness.ts';
import { saveIndicator } from './save-indicator.ts';

export const STAFF_PASSWORD = 'a long enough password';

export async function createIndicatorsWorld() {
  const h: Harness = await createHarness();
  const db = h.ctx.db;
  await importPlaces(h.ctx, realPlaces, { actorId: null });
  await importPlaces(h.ctx, demoPlaces, { actorId: null, isDemo: true });
  const user = (name: string, email: string, roles: Parameters<typeof createStaffUser>[1]['roles']) =>
    createStaffUser(h.ctx, { actorId: null, name, email, password: STAFF_PASSWORD, roles });
  const secretaryId = await user('دبیر ستاد', 'secretary@example.org', ['secretary']);
  const councilId = await user('عضو ستاد', 'council@example.org', ['council_member']);
  const secretary: Actor = { id: secretaryId, roles: ['secretary'] };
  const council: Actor = { id: councilId, roles: ['council_member'] };

  /** An indicator in the catalogue; returns its id. */
  const indicator = async (code: string, over: Partial<{ name: string; unit: string; level: string; direction: string; harm: string }> = {}) =>
    (await saveIndicator(h.ctx, secretary, null, {
      code, name: over.name ?? `شاخص ${code}`, unit: over.unit ?? 'نفر', direction: over.direction ?? 'lower_better', harm: over.harm ?? '',
      level: over.level ?? 'county', source: 'آزمون', description: '',
    })).id;

  async function staff(email: string): Promise<Browser> {
    const b = new Browser(h.app);
    const res = await b.post('/login/password', { email, password: STAFF_PASSWORD }, { csrfFrom: '/login' });
    assert.equal(res.statusCode, 303, `login ${email}`);
    return b;
  }

  async function citizen(mobile = '09121230000'): Promise<Browser> {
    const b = new Browser(h.app);
    await b.post('/register', { mobile, name: 'شهروند آزمون' }, { csrfFrom: '/register' });
    const res = await b.post('/verify', { code: lastCode(h, mobile) }, { csrfFrom: '/verify' });
    assert.equal(res.statusCode, 303, 'citizen signed in');
    return b;
  }

  /** Posts a file to the upload form as a browser would (multipart, with the page's CSRF token). */
  async function upload(b: Browser, file: { name: string; content: Buffer | string } | null) {
    const page = await b.get('/admin/indicators/import');
    const token = csrfToken(page.body);
    const boundary = '----mahalle-indicator-test';
    const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`)];
    if (file) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
      parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
      parts.push(Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return h.app.inject({
      method: 'POST', url: '/admin/indicators/import', payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      cookies: { sid: b.cookie('sid')!, _csrf: b.cookie('_csrf')! },
    });
  }

  const valueCount = async () => Number((await db.selectFrom('indicator_values').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  return { h, db, secretaryId, councilId, secretary, council, indicator, staff, citizen, upload, valueCount, close: () => h.close() };
}

export type IndicatorsWorld = Awaited<ReturnType<typeof createIndicatorsWorld>>;
