import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findUserByMobile } from '../accounts/accounts.repo.ts';
import type { Actor } from '../accounts/permissions.ts';
import { assertPersianPage } from '../calls/calls.fixtures.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import type { Browser } from '../testing/harness.ts';
import { createCommentsWorld, type CommentsWorld } from './comments-test-setup.ts';
import { findComment } from './comments.repo.ts';
import { parseLabelledCsv } from './moderation/cli.ts';
import type { Reason } from './moderation/index.ts';
import { examplesCsv } from './examples-csv.ts';
import { medianDecisionTime, parseQueueParams, queueHref } from './moderation-routes.tsx';
import { postComment } from './post-comment.ts';

let w: CommentsWorld;
let mod: Browser;
before(async () => {
  w = await createCommentsWorld();
  mod = await w.staff('moderator@example.org');
});
after(() => w.close());

type Author = { browser: Browser; mobile: string; actor: Actor; name: string };

/** A citizen signed in through the real flow, with the actor the operations need. */
async function author(name: string): Promise<Author> {
  const c = await w.citizen(name);
  const user = await findUserByMobile(w.db, c.mobile);
  assert.ok(user);
  return { ...c, name, actor: { id: user.id, roles: ['citizen'] } };
}

/** Posts straight through the operation (captcha passed), as the comment form does. */
async function say(a: Author, text: string, o: { planId?: number; parentId?: number | null } = {}): Promise<{ id: number; status: string }> {
  const out = await postComment(w.h.ctx, a.actor, {
    subject: { type: 'plan', id: o.planId ?? w.planId }, parentId: o.parentId ?? null, text, captchaOk: true, ipHash: null,
  });
  assert.ok(out.status !== 'refused', JSON.stringify(out));
  return out;
}

const decide = (form: Record<string, string | string[]>, from = '/admin/moderation') => mod.post('/admin/moderation/decide', form, { csrfFrom: from });
const statusOf = async (id: number) => (await findComment(w.db, id))?.status;
/** The card of one comment on a queue page, or undefined. */
const card = (html: string, id: number) => new RegExp(`<li class="card moderation-item" id="comment-${id}">[\\s\\S]*?</article></li>`).exec(html)?.[0];
const examplesOf = (id: number) => w.db.selectFrom('moderation_examples').select(['label', 'text']).where('comment_id', '=', id).orderBy('id').execute();
const auditOf = (action: string, subjectId: number) =>
  w.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', action).where('subject_id', '=', String(subjectId)).execute();

const INSULT = 'این طرح را یک آدم احمق نوشته است و هیچ فایده‌ای ندارد';

describe('moderation queue: access', () => {
  const urls = ['/admin/moderation', '/admin/moderation?view=reported', '/admin/moderation/stats', '/admin/moderation/blocks', '/admin/moderation/examples.csv', '/admin/moderation/users/1/block'];

  test('visitors are sent to sign in', async () => {
    for (const url of urls) {
      const res = await w.h.app.inject({ url });
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(url)}`);
    }
  });

  test('citizens get a Persian 403, on pages and on decisions', async () => {
    const c = await author('شهروند کنجکاو');
    for (const url of urls) {
      const res = await c.browser.get(url);
      assert.equal(res.statusCode, 403, url);
    }
    const page = await c.browser.get('/admin/moderation');
    assert.match(page.body, new RegExp(t('error.forbidden.title')));
    const res = await c.browser.post('/admin/moderation/decide', { action: 'approve', ids: '1' }, { csrfFrom: '/profile' });
    assert.equal(res.statusCode, 403);
  });

  test('the admin home links to the queue for moderators', async () => {
    const res = await mod.get('/admin');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /href="\/admin\/moderation"/);
  });
});

describe('moderation queue: reading and filtering', () => {
  let rude: Author;
  let insultId: number;
  let plainId: number;
  let otherPlanId: number;
  let otherId: number;

  before(async () => {
    rude = await author('کاربر تندخو');
    const plain = await author('کاربر تازه');
    insultId = (await say(rude, INSULT)).id;
    plainId = (await say(plain, 'نظر من با <b>برچسب</b> و متن فارسی کافی برای آزمون')).id;
    otherPlanId = await w.plan('طرح دوم برای پالایش موضوع');
    otherId = (await say(plain, 'امیدوارم این طرح دوم هم زودتر اجرا شود', { planId: otherPlanId })).id;
  });

  test('a held comment shows its subject, author, reasons, scores and the insult marked', async () => {
    assert.equal(await statusOf(insultId), 'held');
    const res = await mod.get('/admin/moderation');
    assert.equal(res.statusCode, 200);
    const html = card(res.body, insultId);
    assert.ok(html, 'the comment is in the held view');
    assert.match(html, /<mark>احمق<\/mark>/);
    assert.equal(html.match(/<mark>/g)?.length, 1);
    assert.match(html, new RegExp(`href="/plans/${w.planId}"`));
    assert.match(html, new RegExp(rude.name));
    assert.ok(html.includes(toPersianDigits(rude.mobile)), 'mobile in Persian digits');
    assert.match(html, new RegExp(`href="/admin/moderation/users/${rude.actor.id}/block"`));
    const stored = JSON.parse((await findComment(w.db, insultId))!.reasons) as Reason[];
    for (const r of stored) if (r.message) assert.ok(html.includes(r.message), r.code);
    assert.ok(html.includes(t('moderationQueue.reason.insult')));
    assert.ok(html.includes(t('moderationQueue.reason.new_user')));
    assert.match(html, new RegExp(`${t('moderationQueue.score.offensive')}</dt><dd>[۰-۹]+٪</dd>`));
    assert.match(html, /name="ids" value="\d+"/);
    assert.match(res.body, /<a href="\/admin\/moderation" aria-current="page">در انتظار بررسی \([۰-۹]+\)<\/a>/);
    assert.match(res.body, /<legend>تصمیم دربارهٔ نظرهای انتخاب‌شده<\/legend>/);
    assertPersianPage('/admin/moderation', res.body.replace(/<(mark)>|<\/mark>/g, ''));
  });

  test('comment text is escaped, never markup', async () => {
    const html = card((await mod.get('/admin/moderation')).body, plainId);
    assert.ok(html);
    assert.match(html, /&lt;b>برچسب&lt;\/b>|&lt;b&gt;برچسب&lt;\/b&gt;/);
    assert.doesNotMatch(html, /<b>برچسب/);
  });

  test('filter by reason and by subject; tabs count each view', async () => {
    let res = await mod.get('/admin/moderation?reason=insult');
    assert.ok(card(res.body, insultId));
    assert.equal(card(res.body, plainId), undefined);
    assert.match(res.body, /<option value="insult" selected>توهین<\/option>/);

    res = await mod.get('/admin/moderation?reason=spam_link');
    assert.ok(res.body.includes(t('moderationQueue.empty_filtered')));

    res = await mod.get(`/admin/moderation?subject=plan:${otherPlanId}`);
    assert.ok(card(res.body, otherId));
    assert.equal(card(res.body, insultId), undefined);
    assert.match(res.body, new RegExp(`<option value="plan:${otherPlanId}" selected>طرح دوم برای پالایش موضوع</option>`));

    res = await mod.get('/admin/moderation?page=50');
    assert.equal(res.statusCode, 303, 'past the last page');
    assert.equal(res.headers.location, '/admin/moderation');

    res = await mod.get('/admin/moderation?view=rejected&reason=nonsense');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /aria-current="page">ردشده/);
  });

  test('query parameters are read safely and written back', () => {
    assert.deepEqual(parseQueueParams({ view: 'bogus', reason: 'x', subject: 'user:1', page: '-3' }), { filter: { view: 'held', reason: null, subject: null }, page: 1 });
    const p = parseQueueParams({ view: 'reported', reason: 'insult', subject: 'plan:۱۲', page: '۲' });
    assert.deepEqual(p, { filter: { view: 'reported', reason: 'insult', subject: { type: 'plan', id: 12 } }, page: 2 });
    assert.equal(queueHref(p.filter, p.page), '/admin/moderation?view=reported&reason=insult&subject=plan%3A12&page=2');
    assert.equal(queueHref({ view: 'held', reason: null, subject: null }), '/admin/moderation');
  });
});

describe('moderation queue: decisions', () => {
  test('bulk approve publishes both, audits and keeps clean examples', async () => {
    const a = await author('نویسندهٔ یکم');
    const b = await author('نویسندهٔ دوم');
    const one = (await say(a, 'برگزاری کلاس‌های مهارت زندگی در مدرسه بسیار خوب است')).id;
    const two = (await say(b, 'کاش خانواده‌ها هم در این کلاس‌ها شرکت کنند')).id;
    assert.equal(await statusOf(one), 'held');
    w.h.clock.advance(2 * 3600 + 15 * 60);
    const res = await decide({ action: 'approve', ids: [String(one), String(two)], view: 'held', reason: '', subject: '', page: '1' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/moderation');
    const next = await mod.get('/admin/moderation');
    assert.ok(next.body.includes(t('moderationQueue.approved', { count: 2 })), 'flash with the count');
    for (const id of [one, two]) {
      assert.equal(await statusOf(id), 'published');
      assert.equal((await auditOf('comment.approved', id)).length, 1);
      assert.deepEqual((await examplesOf(id)).map((e) => e.label), ['clean']);
      assert.equal(card(next.body, id), undefined, 'no longer in the queue');
    }
  });

  test('reject with a rule: the author is told why, the text becomes an offensive example', async () => {
    const a = await author('نویسندهٔ تند');
    const id = (await say(a, 'مسئول این طرح یک آدم احمق است که چیزی نمی‌فهمد')).id;
    const res = await decide({ only: `reject:${id}`, ids: [], rule: 'insult', note: 'لطفاً محترمانه نقد کنید', view: 'held', reason: '', subject: '', page: '1' });
    assert.equal(res.statusCode, 303);
    const c = await findComment(w.db, id);
    assert.equal(c?.status, 'rejected');
    assert.ok(c?.moderator_note?.startsWith(t('moderation.rule.insult')));
    const notes = await w.db.selectFrom('notifications').select(['subject', 'body']).where('user_id', '=', a.actor.id).execute();
    assert.ok(notes.some((n) => n.subject === t('comments.notify.rejected_subject') && n.body.includes(t('moderation.rule.insult'))), 'author notified');
    assert.deepEqual((await examplesOf(id)).map((e) => e.label), ['offensive']);
    assert.equal((await auditOf('comment.rejected_by_moderator', id)).length, 1);
    const rejected = await mod.get('/admin/moderation?view=rejected');
    const html = card(rejected.body, id);
    assert.ok(html, 'shown in the rejected view');
    assert.ok(html.includes(c!.moderator_note!), 'the explanation the author got');
    assert.ok(c!.moderator_note!.includes('محترمانه نقد کنید'));
    assert.doesNotMatch(html, /value="reject:/, 'no second rejection offered');
  });

  test('a reported comment can be kept: its reports are closed', async () => {
    const a = await author('نویسندهٔ مورد گزارش');
    const id = (await say(a, 'پیشنهاد می‌کنم کلاس‌ها عصرها برگزار شود')).id;
    await decide({ action: 'approve', ids: String(id) });
    const reporter = await author('گزارش‌دهنده');
    const page = await reporter.browser.get(`/comments/${id}/report`);
    assert.equal(page.statusCode, 200);
    const rep = await reporter.browser.post(`/comments/${id}/report`, { reason: 'off_topic', note: 'به نظرم بی‌ربط است' }, { csrfFrom: `/comments/${id}/report` });
    assert.equal(rep.statusCode, 303);
    let res = await mod.get('/admin/moderation?view=reported');
    const html = card(res.body, id);
    assert.ok(html, 'in the reported view');
    assert.ok(html.includes(t('moderationQueue.reports', { count: 1 })));
    assert.ok(html.includes(t('moderationQueue.report_count', { reason: t('comments.report_reason.off_topic'), count: 1 })));
    assert.ok(html.includes('به نظرم بی‌ربط است'));
    res = await decide({ only: `approve:${id}`, view: 'reported' }, '/admin/moderation?view=reported');
    assert.equal(res.headers.location, '/admin/moderation?view=reported');
    assert.equal(await statusOf(id), 'published');
    assert.equal(card((await mod.get('/admin/moderation?view=reported')).body, id), undefined);
    assert.equal((await auditOf('comment.reports_dismissed', id)).length, 1);
  });

  test('a reply shows the comment it answers', async () => {
    const parent = (await w.db.selectFrom('comments').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow()).id;
    const a = await author('پاسخ‌دهنده');
    const id = (await say(a, 'با نظر شما موافقم و امیدوارم اجرا شود', { parentId: parent })).id;
    const html = card((await mod.get('/admin/moderation')).body, id);
    assert.ok(html);
    assert.ok(html.includes(t('moderationQueue.in_reply')));
    assert.ok(html.includes('<blockquote class="comment-quote">'));
  });

  test('errors come back on the queue in Persian, with the selection kept', async () => {
    let res = await decide({ action: 'approve', view: 'held' });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('moderation.none_selected')));
    assert.match(res.body, /class="error-summary"/);

    const a = await author('نویسندهٔ منتظر');
    const id = (await say(a, 'نظر من دربارهٔ زمان برگزاری کلاس‌ها در محله')).id;
    res = await decide({ action: 'reject', ids: String(id), rule: '', note: 'یادداشت نگه‌داشته', view: 'held' });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('moderation.rule_required')));
    assert.match(res.body, new RegExp(`<input type="checkbox" id="select-${id}" name="ids" value="${id}" checked`));
    assert.ok(res.body.includes('یادداشت نگه‌داشته'));

    res = await decide({ action: 'reject', ids: String(id), rule: 'other', note: '', view: 'held' });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('moderation.note_required')));
    assert.equal(await statusOf(id), 'held');

    res = await decide({ action: 'publish-everything', ids: String(id) });
    assert.equal(res.statusCode, 400);
  });
});

describe('blocking commenters', () => {
  test('block, refused posting in Persian, the blocks list, lift', async () => {
    const a = await author('کاربر پرخاشگر');
    await say(a, 'نظر نخست من دربارهٔ طرح پیشگیری از اعتیاد');
    const url = `/admin/moderation/users/${a.actor.id}/block`;
    let res = await mod.get(url);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(a.name));
    assert.ok(res.body.includes(toPersianDigits(a.mobile)));
    assertPersianPage(url, res.body);

    res = await mod.post(url, { days: '0', reason: 'توهین پیاپی به دیگران' }, { csrfFrom: url });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('moderation.block.days_invalid', { max: 365 })));
    assert.ok(res.body.includes('توهین پیاپی به دیگران'), 'reason kept');

    res = await mod.post(url, { days: '۷', reason: 'توهین پیاپی به دیگران' }, { csrfFrom: url });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/moderation/blocks');
    assert.equal((await auditOf('comment.user_blocked', a.actor.id)).length, 1);

    await assert.rejects(say(a, 'نظر تازهٔ من پس از مسدود شدن'), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'forbidden');
      assert.match(err.detail ?? '', /بسته شده است/);
      assert.ok(err.detail?.includes('توهین پیاپی به دیگران'));
      return true;
    });

    res = await mod.get('/admin/moderation/blocks');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(t('moderationQueue.block.done', { name: a.name, until: '' }).slice(0, 10)), 'flash');
    assert.ok(res.body.includes(a.name));
    assertPersianPage('/admin/moderation/blocks', res.body);
    const blockId = Number(new RegExp('action="/admin/moderation/blocks/(\\d+)/lift"').exec(res.body)?.[1]);
    assert.ok(blockId > 0);
    assert.ok((await mod.get(url)).body.includes(t('moderationQueue.block.active', { until: '' }).slice(0, 20)), 'the form says the person is blocked');

    res = await mod.post(`/admin/moderation/blocks/${blockId}/lift`, {}, { csrfFrom: '/admin/moderation/blocks' });
    assert.equal(res.statusCode, 303);
    assert.equal((await auditOf('comment.block_lifted', blockId)).length, 1);
    const after = await mod.get('/admin/moderation/blocks');
    assert.ok(after.body.includes(t('moderationQueue.blocks.lifted')));
    assert.ok(after.body.includes(t('moderationQueue.blocks.empty')));
    const again = await say(a, 'نظر دوباره‌ام پس از برداشته شدن مسدودسازی');
    assert.ok(again.id > 0);

    res = await mod.post(`/admin/moderation/blocks/${blockId}/lift`, {}, { csrfFrom: url });
    assert.equal(res.statusCode, 404, 'a lifted block cannot be lifted again');
    assert.equal((await mod.get('/admin/moderation/users/999999/block')).statusCode, 404);
  });
});

describe('statistics and the training export', () => {
  test('the stats page counts by status and reason, in Persian digits, with the median time to decision', async () => {
    const res = await mod.get('/admin/moderation/stats');
    assert.equal(res.statusCode, 200);
    assertPersianPage('/admin/moderation/stats', res.body);
    const statuses = await w.db.selectFrom('comments').select(['status']).execute();
    const published = statuses.filter((s) => s.status === 'published').length;
    assert.ok(published > 0);
    assert.match(res.body, new RegExp(`<td>${t('comments.status.published')}</td><td class="num">${toPersianDigits(published)}</td>`));
    assert.match(res.body, new RegExp(`<dt>${t('moderationQueue.stats.total')}</dt><dd>${toPersianDigits(statuses.length)}</dd>`));
    assert.match(res.body, new RegExp(`<td>${t('moderationQueue.reason.insult')}</td><td class="num">[۰-۹]+</td>`));
    assert.match(res.body, new RegExp(`<dt>${t('moderationQueue.stats.median')}</dt><dd>[^<]*(ساعت|دقیقه)[^<]*</dd>`));
    assert.match(res.body, /href="\/admin\/moderation\/examples\.csv"/);
  });

  test('median time to decision in Persian hours and minutes', () => {
    const at = (min: number) => new Date(Date.UTC(2026, 0, 1) + min * 60_000).toISOString();
    const row = (minutes: number) => ({ created_at: at(0), decided_at: at(minutes) });
    assert.equal(medianDecisionTime([]), '—');
    assert.equal(medianDecisionTime([row(135)]), '۲ ساعت و ۱۵ دقیقه');
    assert.equal(medianDecisionTime([row(10), row(45), row(600)]), '۴۵ دقیقه');
    assert.equal(medianDecisionTime([row(120), row(240)]), '۳ ساعت');
    assert.equal(medianDecisionTime([{ created_at: at(0), decided_at: new Date(Date.parse(at(0)) + 20_000).toISOString() }]), 'کمتر از یک دقیقه');
  });

  test('examples.csv: text,label with Offensive/Neutral, BOM, the latest decision wins, and train reads it back', async () => {
    const a = await author('نویسندهٔ نقل‌قول');
    const tricky = (await say(a, 'نظر «ویژه» با "نقل قول"، ویرگول, و خط\nدوم برای آزمون')).id;
    await decide({ action: 'approve', ids: String(tricky) });
    const flip = (await say(a, 'نظری که نخست تأیید و سپس رد می‌شود')).id;
    assert.equal(await statusOf(flip), 'published', 'trusted after one approval');
    await decide({ action: 'reject', ids: String(flip), rule: 'defamation', note: '' }, '/admin/moderation/blocks');
    assert.equal(await statusOf(flip), 'rejected');

    const res = await mod.get('/admin/moderation/examples.csv');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.equal(res.headers['content-disposition'], 'attachment; filename="moderation-examples.csv"');
    assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    assert.ok(res.body.replace(/^\uFEFF/, '').startsWith('text,label\r\n'));

    const parsed = parseLabelledCsv(res.rawPayload);
    assert.equal(parsed.skipped, 0);
    const stored = await w.db.selectFrom('moderation_examples').select(['comment_id', 'text', 'label']).orderBy('id').execute();
    const latest = new Map(stored.map((e) => [e.comment_id, e]));
    assert.equal(parsed.examples.length, latest.size);
    const trickyBody = (await findComment(w.db, tricky))!.body;
    assert.ok(parsed.examples.some((e) => e.text === trickyBody && e.label === 0), 'quotes, commas and line breaks survive');
    const flipBody = (await findComment(w.db, flip))!.body;
    assert.deepEqual(parsed.examples.filter((e) => e.text === flipBody), [{ text: flipBody, label: 1 }], 'only the latest decision');
    assert.ok(parsed.examples.some((e) => e.label === 1 && e.text.includes('احمق')));
  });

  test('examplesCsv keeps rows without a comment and quotes every text', () => {
    const csv = examplesCsv([
      { comment_id: null, text: 'الف', label: 'clean' },
      { comment_id: null, text: 'الف', label: 'offensive' },
      { comment_id: 7, text: 'ب', label: 'offensive' },
      { comment_id: 7, text: 'ب', label: 'clean' },
    ]);
    assert.equal(csv, '\uFEFFtext,label\r\n"الف",Neutral\r\n"الف",Offensive\r\n"ب",Neutral\r\n');
    assert.deepEqual(parseLabelledCsv(csv).examples.map((e) => e.label), [0, 1, 0]);
  });
});
