import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../demo/seed-demo.ts';
import { testDialect } from '../platform/db/testing.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { demoCoverPng } from './demo-cover.ts';
import { seedDemoNews } from './seed-demo-news.ts';

let h: Harness;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mahalle-news-seed-'));
  h = await createHarness({ DATABASE_URL: `sqlite:${join(dir, 'test.db')}` });
  await seedDemo(h.ctx);
});
after(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

test(`the demo news on ${testDialect()}: published in the past days, one from a meeting, one with a cover, one scheduled for tomorrow; seeding again adds nothing`, async () => {
  const rows = await h.ctx.db.selectFrom('articles').select(['id', 'news_code', 'title', 'status', 'publish_at', 'published_at', 'cover_key', 'meeting_id', 'is_demo']).orderBy('news_code').execute();
  assert.ok(rows.length >= 3 && rows.length <= 4, `${rows.length} demo articles`);
  assert.ok(rows.every((r) => r.is_demo === 1));
  const now = h.clock.now().getTime();
  const published = rows.filter((r) => r.status === 'published');
  for (const r of published) {
    const age = now - Date.parse(r.published_at!);
    assert.ok(age > 0 && age < 5 * 86_400_000, `${r.title} went out in the past few days`);
  }
  const scheduled = rows.filter((r) => r.status === 'scheduled');
  assert.equal(scheduled.length, 1);
  const ahead = Date.parse(scheduled[0]!.publish_at!) - now;
  assert.ok(ahead > 0 && ahead < 2 * 86_400_000, 'scheduled for tomorrow');
  assert.ok(rows.some((r) => r.cover_key !== null));
  const meetings = await h.ctx.db.selectFrom('meetings').select('id').where('status', '=', 'published').execute();
  if (meetings.length) assert.ok(rows.some((r) => r.meeting_id !== null), 'one drafted from a demo meeting');

  // The pages show them; the cover is the generated PNG.
  const list = await h.app.inject({ url: '/news' });
  for (const r of published) assert.ok(list.body.includes(`/news/${r.news_code}`), r.title);
  assert.ok(!list.body.includes(`/news/${scheduled[0]!.news_code}"`));
  const withCover = rows.find((r) => r.cover_key !== null)!;
  const cover = await h.app.inject({ url: `/news/${withCover.news_code}/cover` });
  assert.equal(cover.statusCode, 200);
  assert.deepEqual(cover.rawPayload, demoCoverPng());
  const editor = await h.ctx.db.selectFrom('users as u').innerJoin('user_roles as r', 'r.user_id', 'u.id').select('r.role').where('u.email', '=', 'editor@mahalle.local').execute();
  assert.deepEqual(editor.map((r) => r.role), ['editor'], 'the demo editor account');

  assert.equal(await seedDemoNews(h.ctx), 0);
  await seedDemo(h.ctx);
  assert.equal((await h.ctx.db.selectFrom('articles').select('id').execute()).length, rows.length);
});
