import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { manualClock } from '../clock.ts';
import { openTestDatabase } from '../db/testing.ts';
import { runOneJob } from '../jobs/worker.ts';
import type { Mail } from './mailer.ts';
import { countInAppNotifications, listInAppNotifications, markAllRead } from './notifications.repo.ts';
import { emailJobHandler, EMAIL_JOB, notify } from './notify.ts';
import { createHttpSmsSender, createLogSmsSender } from './sms.ts';
import { latestOutboxMessage } from './notifications.repo.ts';

test('a notification lands in the in-app list and is emailed by the worker', async () => {
  const h = await openTestDatabase();
  try {
    const clock = manualClock();
    const user = await h.db.insertInto('users').values({ name: 'مریم', mobile: null, email: 'm@example.org', password_hash: null, home_place_id: null, created_at: 'x', updated_at: 'x', last_login_at: null }).returning('id').executeTakeFirstOrThrow();
    await notify(h.db, clock, { userId: user.id, email: 'm@example.org', subject: 'طرح شما تأیید شد', body: 'متن', link: '/plans/1' });
    assert.deepEqual(await countInAppNotifications(h.db, user.id), { total: 1, unread: 1 });
    const sent: Mail[] = [];
    const handlers = new Map([[EMAIL_JOB, emailJobHandler(h.db, clock, { kind: 'log', send: async (m) => { sent.push(m); } }, 'https://mahalle.example')]]);
    assert.equal(await runOneJob(h.db, h.dialect, clock, handlers, 'w'), true);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.to, 'm@example.org');
    assert.match(sent[0]!.text, /https:\/\/mahalle\.example\/plans\/1/);
    await markAllRead(h.db, user.id, clock.now().toISOString());
    assert.deepEqual(await countInAppNotifications(h.db, user.id), { total: 1, unread: 0 });
    assert.equal((await listInAppNotifications(h.db, user.id, { limit: 10, offset: 0 })).length, 1);
  } finally {
    await h.close();
  }
});

test('the development SMS sender writes to the outbox', async () => {
  const h = await openTestDatabase();
  try {
    const sms = createLogSmsSender(h.db, manualClock(), pino({ level: 'silent' }));
    await sms.send('09121234567', 'کد: 123456');
    assert.equal((await latestOutboxMessage(h.db, 'sms', '09121234567'))?.body, 'کد: 123456');
  } finally {
    await h.close();
  }
});

test('the HTTP SMS sender posts JSON and reports gateway errors', async () => {
  const calls: { url: string; init: RequestInit }[] = [];
  const ok = createHttpSmsSender({ url: 'https://sms.example/send', token: 'tok', fetchImpl: (async (url: string, init: RequestInit) => { calls.push({ url, init }); return new Response('{}', { status: 200 }); }) as typeof fetch });
  await ok.send('09121234567', 'سلام');
  assert.equal(calls[0]!.url, 'https://sms.example/send');
  assert.deepEqual(JSON.parse(String(calls[0]!.init.body)), { to: '09121234567', text: 'سلام' });
  assert.equal((calls[0]!.init.headers as Record<string, string>).authorization, 'Bearer tok');
  const failing = createHttpSmsSender({ url: 'https://sms.example/send', fetchImpl: (async () => new Response('', { status: 502 })) as typeof fetch });
  await assert.rejects(failing.send('09121234567', 'x'), /502/);
});
