import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jobHandlers } from '../bootstrap.ts';
import { testDialect } from '../platform/db/testing.ts';
import { runOneJob } from '../platform/jobs/worker.ts';
import type { Browser } from '../testing/harness.ts';
import { csrfToken } from '../testing/harness.ts';
import { dateTimeFields } from './article-input.ts';
import { findArticle } from './news.repo.ts';
import { NEWS_PUBLISH_DUE_JOB, publishDueArticles } from './publish-due-articles.ts';
import { createNewsWorld, type NewsWorld } from './news-test-setup.ts';

let w: NewsWorld;
let editor: Browser;

before(async () => {
  w = await createNewsWorld();
  editor = await w.staff('editor@example.org');
});
after(() => w.close());

/** A time `minutes` ahead of the clock, to the minute, as the form takes it. */
const ahead = (minutes: number) => {
  const at = new Date(Math.ceil((w.h.clock.now().getTime() + minutes * 60_000) / 60_000) * 60_000).toISOString();
  return { at, fields: dateTimeFields(at) };
};
const runJob = () => runOneJob(w.db, w.h.ctx.dialect, w.h.clock, jobHandlers(w.h.ctx), 'test-worker');
const publishedAudits = async (id: number) =>
  (await w.db.selectFrom('audit_log').select('data').where('action', '=', 'article.published').where('subject_id', '=', String(id)).execute()).map((r) => JSON.parse(r.data) as { by?: string });

async function postForm(b: Browser, fields: Record<string, string>, url = '/admin/news', from = '/admin/news/new') {
  const page = await b.get(from);
  return b.post(url, { _csrf: csrfToken(page.body), ...fields }, { csrf: null });
}

describe(`scheduled publication on ${testDialect()}`, () => {
  test('scheduled from the form: hidden until its time, public by the clock even before the worker, then recorded once by the job', async () => {
    const when = ahead(120);
    const res = await postForm(editor, {
      title: 'نتیجهٔ رأی‌گیری ساکنان فردا اعلام می‌شود', lead: 'شمارش آرای دور نخست بودجه‌ریزی مشارکتی پایان یافت.', body: 'جزئیات در صفحهٔ نتایج.',
      dateline: 'قزوین', tags: 'رأی‌گیری', publish_date: when.fields.publishDate, publish_time: when.fields.publishTime, intent: 'schedule',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 200));
    const id = Number(/\/admin\/news\/(\d+)\/edit/.exec(String(res.headers.location))![1]);
    const a = (await findArticle(w.db, id))!;
    assert.equal(a.status, 'scheduled');
    assert.equal(a.publish_at, when.at);
    assert.equal(a.published_at, null);
    const job = await w.db.selectFrom('jobs').select(['run_at', 'status']).where('kind', '=', NEWS_PUBLISH_DUE_JOB).executeTakeFirstOrThrow();
    assert.equal(job.run_at, when.at, 'the job wakes at the publication time');

    const href = `/news/${a.news_code}`;
    assert.equal((await w.h.app.inject({ url: href })).statusCode, 404);
    const list = await w.h.app.inject({ url: '/news' });
    assert.doesNotMatch(list.body, /نتیجهٔ رأی‌گیری ساکنان/);
    assert.equal(list.headers['x-page-cache'], undefined, 'a list with something scheduled is not kept in the page cache');
    assert.doesNotMatch((await w.h.app.inject({ url: '/feed.xml' })).body, /نتیجهٔ رأی‌گیری ساکنان/);
    assert.equal(await runJob(), false, 'nothing due yet');
    const desk = await editor.get('/admin/news?status=scheduled');
    assert.match(desk.body, /نتیجهٔ رأی‌گیری ساکنان/);
    assert.match(desk.body, /انتشار در /);

    // Time passes; the worker is late.
    w.h.clock.advance(121 * 60);
    const page = await w.h.app.inject({ url: href });
    assert.equal(page.statusCode, 200, 'public by its time');
    assert.ok(page.body.includes(`datetime="${when.at}"`), 'dated at its scheduled time');
    assert.match((await w.h.app.inject({ url: '/news' })).body, /نتیجهٔ رأی‌گیری ساکنان/);
    assert.match((await w.h.app.inject({ url: '/feed.xml' })).body, /نتیجهٔ رأی‌گیری ساکنان/);
    assert.equal((await findArticle(w.db, id))!.status, 'scheduled', 'nothing was written by reading');
    assert.match((await editor.get('/admin/news?status=published')).body, /نتیجهٔ رأی‌گیری ساکنان/);

    // The worker catches up.
    assert.equal(await runJob(), true);
    const after = (await findArticle(w.db, id))!;
    assert.equal(after.status, 'published');
    assert.equal(after.published_at, when.at);
    assert.deepEqual((await publishedAudits(id)).map((d) => d.by), ['schedule']);
    assert.equal(await runJob(), false);
  });

  test('concurrent sweeps publish each due article once', async () => {
    const made = [];
    for (const minutes of [30, 40, 50]) {
      const when = ahead(minutes);
      made.push(await w.article({ title: `خبر زمان‌بندی‌شدهٔ ${minutes} دقیقه بعد`, ...when.fields, intent: 'schedule' }));
    }
    const later = await w.article({ title: 'خبری که فردا منتشر می‌شود', ...ahead(24 * 60).fields, intent: 'schedule' });
    w.h.clock.advance(60 * 60);
    const counts = await Promise.all([1, 2, 3, 4].map(() => publishDueArticles(w.h.ctx)));
    assert.equal(counts.reduce((a, b) => a + b, 0), 3, `sweeps: ${counts.join(', ')}`);
    for (const m of made) {
      assert.equal((await findArticle(w.db, m.id))!.status, 'published');
      assert.equal((await publishedAudits(m.id)).length, 1, `one audit entry for ${m.newsCode}`);
    }
    assert.equal((await findArticle(w.db, later.id))!.status, 'scheduled');
    // The jobs for them find nothing more to do.
    while (await runJob()) { /* drain */ }
    assert.equal((await findArticle(w.db, later.id))!.status, 'scheduled');
  });

  test('a time in the past is refused; a rescheduled article moves; a cancelled one stays a draft when its job fires', async () => {
    const past = dateTimeFields(new Date(w.h.clock.now().getTime() - 3600_000).toISOString());
    const refused = await postForm(editor, { title: 'خبر با زمان گذشته', publish_date: past.publishDate, publish_time: past.publishTime, intent: 'schedule' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /زمان انتشار گذشته است/);
    const noTime = await postForm(editor, { title: 'خبر بی زمان', intent: 'schedule' });
    assert.equal(noTime.statusCode, 422);
    assert.match(noTime.body, /برای زمان‌بندی، تاریخ و ساعت انتشار را بنویسید/);

    const first = ahead(60);
    const made = await w.article({ title: 'خبری که زمانش عوض می‌شود', ...first.fields, intent: 'schedule' });
    const moved = ahead(180);
    const edit = await postForm(editor, { title: 'خبری که زمانش عوض می‌شود', publish_date: moved.fields.publishDate, publish_time: moved.fields.publishTime, intent: 'save' }, `/admin/news/${made.id}`, `/admin/news/${made.id}/edit`);
    assert.equal(edit.statusCode, 303);
    assert.equal((await findArticle(w.db, made.id))!.publish_at, moved.at);
    w.h.clock.advance(90 * 60);
    await publishDueArticles(w.h.ctx);
    assert.equal((await findArticle(w.db, made.id))!.status, 'scheduled', 'not at the old time');

    // The secretariat may cancel a schedule (back to draft) but not schedule.
    const secretary = await w.staff('secretary@example.org');
    const page = await secretary.get(`/admin/news/${made.id}/edit`);
    assert.equal(page.statusCode, 200);
    const cancel = await secretary.post(`/admin/news/${made.id}/status`, { to: 'draft' }, { csrf: csrfToken(page.body) });
    assert.equal(cancel.statusCode, 303);
    w.h.clock.advance(120 * 60);
    while (await runJob()) { /* drain */ }
    assert.equal((await findArticle(w.db, made.id))!.status, 'draft');
    const again = ahead(30);
    const res = await postForm(secretary, { title: 'خبری که زمانش عوض می‌شود', publish_date: again.fields.publishDate, publish_time: again.fields.publishTime, intent: 'schedule' }, `/admin/news/${made.id}`, `/admin/news/${made.id}/edit`);
    assert.equal(res.statusCode, 403);
  });
});
