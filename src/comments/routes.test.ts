import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../accounts/permissions.ts';
import { csrfToken } from '../testing/harness.ts';
import { createCommentsWorld, solveQuestion, type CommentsWorld } from './comments-test-setup.ts';
import { findComment } from './comments.repo.ts';
import { decideComments } from './decide-comments.ts';
import { blockCommenter } from './block-user.ts';
import type { Reason } from './moderation/index.ts';

let w: CommentsWorld;
before(async () => {
  w = await createCommentsWorld({ COMMENT_REPORTS_TO_HIDE: '2' });
});
after(() => w.close());

const moderator = (): Actor => ({ id: w.moderatorId, roles: ['moderator'] });
const planHref = () => `/plans/${w.planId}`;
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The id of the comment a redirect points at (…#comment-12). */
const commentIdOf = (location: unknown) => Number(/#comment-(\d+)$/.exec(String(location))?.[1]);

async function post(b: CommentsWorld extends { citizen: (...a: never[]) => Promise<{ browser: infer B }> } ? B : never, form: Record<string, string>, from = planHref()) {
  const page = await b.get(from);
  return b.post('/comments', { subject: `plan:${w.planId}`, ...solveQuestion(page.body), ...form }, { csrf: csrfToken(page.body) });
}

describe('comment threads over HTTP', () => {
  test('visitors read the thread and the rules, and are asked to sign in; the page stays cacheable and within five queries', async () => {
    const anon = await w.h.app.inject({ url: planHref() });
    assert.equal(anon.statusCode, 200);
    assert.match(anon.body, /id="comments"/);
    assert.match(anon.body, /نظرها \(۰\)/);
    assert.match(anon.body, /برای نوشتن نظر وارد شوید/);
    assert.match(anon.body, /توهین/);
    assert.doesNotMatch(anon.body, /name="body"/);
    const before = w.h.ctx.handle.queryCount();
    const again = await w.h.app.inject({ url: `${planHref()}?corder=oldest` });
    assert.equal(again.statusCode, 200);
    assert.ok(w.h.ctx.handle.queryCount() - before <= 5, `queries: ${w.h.ctx.handle.queryCount() - before}`);
  });

  test('a first comment waits for a moderator, is seen only by its author, then appears once approved; replies are published at once', async () => {
    const { browser: zahra } = await w.citizen('زهرا احمدی');
    const page = await zahra.get(planHref());
    assert.match(page.body, /name="body"/);
    assert.match(page.body, /data-altcha-challenge=/);
    assert.match(page.body, /\/static\/js\/captcha\.js/);
    const res = await post(zahra, { body: 'کلاس‌های مهارت زندگی برای نوجوانان محله ما خیلی لازم است؛ لطفاً عصرها برگزار شود.' });
    assert.equal(res.statusCode, 303);
    const id = commentIdOf(res.headers.location);
    const stored = await findComment(w.db, id);
    assert.equal(stored?.status, 'held');
    assert.deepEqual((JSON.parse(stored!.reasons) as Reason[]).map((r) => r.code), ['new_user']);

    const own = await zahra.get(planHref());
    assert.match(own.body, /نخستین نظر هر کاربر پیش از انتشار بررسی می‌شود/);
    assert.match(own.body, /در انتظار بررسی/);
    assert.match(own.body, /کلاس‌های مهارت زندگی برای نوجوانان محله ما/);
    const anon = await w.h.app.inject({ url: planHref() });
    assert.doesNotMatch(anon.body, /کلاس‌های مهارت زندگی برای نوجوانان محله ما/);

    await decideComments(w.h.ctx, moderator(), [id], { action: 'approve' });
    const shown = await w.h.app.inject({ url: planHref() });
    assert.match(shown.body, /کلاس‌های مهارت زندگی برای نوجوانان محله ما/);
    assert.match(shown.body, /نظرها \(۱\)/);

    // Trusted now: a reply to someone else's comment is published and the parent author is told.
    const { browser: ali } = await w.citizen('علی کریمی');
    await decideComments(w.h.ctx, moderator(), [commentIdOf((await post(ali, { body: 'موافقم، ساعت عصر برای بچه‌های مدرسه‌ای بهتر است.' })).headers.location)], { action: 'approve' });
    const replyPage = await ali.get(`/comments/new?subject=plan:${w.planId}&parent=${id}`);
    assert.equal(replyPage.statusCode, 200);
    assert.match(replyPage.body, /در پاسخ به نظر [^(<]+ \(/, 'the reply page names the author answered');
    const reply = await post(ali, { body: 'من هم موافقم؛ پدر و مادرها هم باید در کلاس‌ها باشند.', parent: String(id) }, `/comments/new?subject=plan:${w.planId}&parent=${id}`);
    assert.equal(reply.statusCode, 303);
    const replyId = commentIdOf(reply.headers.location);
    assert.equal((await findComment(w.db, replyId))?.status, 'published');
    assert.equal((await findComment(w.db, id))?.reply_count, 1);
    const thread = await w.h.app.inject({ url: planHref() });
    assert.match(thread.body, new RegExp(`id="comment-${id}"[\\s\\S]*class="comment-replies"[\\s\\S]*id="comment-${replyId}"`));
    const notes = await w.db.selectFrom('notifications').select(['user_id', 'subject']).where('channel', '=', 'in_app').execute();
    assert.ok(notes.some((n) => n.user_id === stored!.author_id && /پاسخ تازه/.test(n.subject)));
  });

  test('Finglish is refused with a Persian message and the text stays in the form; nothing is published', async () => {
    const { browser } = await w.citizen();
    const text = 'salam, in tarh kheili khoobe vali bayad zoodtar shoroo beshe';
    const res = await post(browser, { body: text });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /حروف فارسی/);
    assert.ok(res.body.includes(text), 'text kept');
    assert.match(res.body, /data-altcha-challenge=/, 'a fresh captcha');
    const rows = await w.db.selectFrom('comments').select(['status']).where('body', '=', text).execute();
    assert.deepEqual(rows.map((r) => r.status), ['rejected']);
  });

  test('a wrong or replayed captcha is refused, keeps the text and stores nothing', async () => {
    const { browser } = await w.citizen();
    const text = 'برگزاری این کلاس‌ها در سرای محله برای خانواده‌ها خیلی خوب است.';
    const page = await browser.get(planHref());
    const solved = solveQuestion(page.body);
    const wrong = await browser.post('/comments', { subject: `plan:${w.planId}`, body: text, captcha_token: solved.captcha_token, captcha_answer: String(Number(solved.captcha_answer) + 1) }, { csrf: csrfToken(page.body) });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /پاسخ درست نبود/);
    assert.ok(wrong.body.includes(text));
    const again = await browser.post('/comments', { subject: `plan:${w.planId}`, body: text, ...solved }, { csrf: csrfToken(page.body) });
    assert.equal(again.statusCode, 422, 'the token was used up by the wrong answer');
    assert.match(again.body, /پیش‌تر یک بار به کار رفته/);
    const count = await w.db.selectFrom('comments').select('id').where('body', '=', text).execute();
    assert.equal(count.length, 0);
  });

  test('an insult aimed at an official is held with its spans on the stored text', async () => {
    const { browser } = await w.citizen();
    const text = 'مدیرکل این اداره دزد است و پول طرح را خورده';
    const res = await post(browser, { body: text });
    assert.equal(res.statusCode, 303);
    const c = await findComment(w.db, commentIdOf(res.headers.location));
    assert.equal(c?.status, 'held');
    const reasons = JSON.parse(c!.reasons) as Reason[];
    const defamation = reasons.find((r) => r.code === 'defamation');
    assert.ok(defamation?.spans?.length, JSON.stringify(reasons));
    const marked = defamation!.spans!.map((s) => c!.body.slice(s.start, s.end));
    assert.ok(marked.includes('دزد'), marked.join('|'));
  });

  test('authors edit within the window and before a reply, and delete; others report until the comment hides', async () => {
    const { browser: author } = await w.citizen('مریم');
    const first = await post(author, { body: 'پیشنهاد می‌کنم کلاس‌ها در مسجد محله هم برگزار شود.' });
    const id = commentIdOf(first.headers.location);
    await decideComments(w.h.ctx, moderator(), [id], { action: 'approve' });
    const editPage = await author.get(`/comments/${id}/edit`);
    assert.equal(editPage.statusCode, 200);
    const edited = await author.post(`/comments/${id}/edit`, { body: 'پیشنهاد می‌کنم کلاس‌ها در مسجد و سرای محله هم برگزار شود.' }, { csrf: csrfToken(editPage.body) });
    assert.equal(edited.statusCode, 303);
    const after1 = await findComment(w.db, id);
    assert.equal(after1?.status, 'published');
    assert.ok(after1?.edited_at);
    assert.match(after1!.body, /سرای محله/);

    // Someone else may not edit it.
    const { browser: other } = await w.citizen('رضا');
    assert.equal((await other.get(`/comments/${id}/edit`)).statusCode, 404);

    // Past the window the text comes back with the reason.
    w.h.clock.advance(6 * 60);
    const late = await author.post(`/comments/${id}/edit`, { body: 'متن تازه‌ای برای نظر قبلی دربارهٔ کلاس‌ها' }, { csrf: csrfToken(editPage.body) });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /ویرایش نظر فقط تا ۵ دقیقه/);
    assert.match(late.body, /متن تازه‌ای برای نظر قبلی/);

    // Reports: each person once; two reports hide it (COMMENT_REPORTS_TO_HIDE=2 here).
    const { browser: third } = await w.citizen('سارا');
    const reportPage = await other.get(`/comments/${id}/report`);
    assert.equal(reportPage.statusCode, 200);
    const noReason = await other.post(`/comments/${id}/report`, { reason: '' }, { csrf: csrfToken(reportPage.body) });
    assert.equal(noReason.statusCode, 422);
    assert.equal((await other.post(`/comments/${id}/report`, { reason: 'off_topic' }, { csrf: csrfToken(reportPage.body) })).statusCode, 303);
    const twice = await other.post(`/comments/${id}/report`, { reason: 'insult' }, { csrf: csrfToken(reportPage.body) });
    assert.equal(twice.statusCode, 303);
    assert.equal((await findComment(w.db, id))?.report_count, 1);
    assert.equal((await author.get(`/comments/${id}/report`)).statusCode, 403, 'not one’s own comment');
    await third.post(`/comments/${id}/report`, { reason: 'insult', note: 'به نظرم توهین بود' }, { csrfFrom: `/comments/${id}/report` });
    assert.equal((await findComment(w.db, id))?.status, 'hidden');
    const mine = await author.get('/my/comments');
    assert.match(mine.body, /پنهان/);

    // Deleting.
    const del = await author.get(`/comments/${id}/delete`);
    assert.equal(del.statusCode, 200);
    assert.equal((await author.post(`/comments/${id}/delete`, {}, { csrf: csrfToken(del.body) })).statusCode, 303);
    assert.equal((await findComment(w.db, id))?.status, 'deleted');
  });

  test('a blocked person gets the Persian reason with their text kept', async () => {
    const { browser, mobile } = await w.citizen('کاربر مسدود');
    const user = await w.db.selectFrom('users').select('id').where('mobile', '=', mobile.replace(/^0/, '+98')).executeTakeFirst()
      ?? await w.db.selectFrom('users').select('id').where('name', '=', 'کاربر مسدود').executeTakeFirstOrThrow();
    await blockCommenter(w.h.ctx, moderator(), { userId: user.id, days: '۳', reason: 'توهین‌های پیاپی به دیگران' });
    const text = 'این هم نظر من دربارهٔ کلاس‌های محله';
    const res = await post(browser, { body: text });
    assert.equal(res.statusCode, 403);
    assert.match(textOf(res.body), /تا .* بسته شده است/);
    assert.ok(res.body.includes(text));
  });

  test('comments need a public subject, a signed-in person and a CSRF token', async () => {
    const draft = await w.plan('طرح پیش‌نویس', undefined, 'draft');
    const { browser } = await w.citizen();
    assert.equal((await browser.get(`/comments/new?subject=plan:${draft}`)).statusCode, 404);
    assert.equal((await browser.get('/comments/new?subject=nothing:1')).statusCode, 404);
    const anon = await w.h.app.inject({ url: `/comments/new?subject=plan:${w.planId}` });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/login\?next=/);
    const noCsrf = await browser.post('/comments', { subject: `plan:${w.planId}`, body: 'سلام' }, { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
  });
});
