import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { solveQuestion } from '../comments/comments-test-setup.ts';
import { findComment } from '../comments/comments.repo.ts';
import { testDialect } from '../platform/db/testing.ts';
import { importPlaces } from '../places/import-places.ts';
import { demoPlaces, realPlaces } from '../places/demo-places.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import { csrfToken, type Browser } from '../testing/harness.ts';
import { dateTimeFields } from './article-input.ts';
import { findArticle, findArticleByCode } from './news.repo.ts';
import { createNewsWorld, type NewsWorld } from './news-test-setup.ts';

let w: NewsWorld;
let editor: Browser;
let secretary: Browser;
const ids = { minoodar: 0, qazvinCounty: 0, takestanNb: 0, meeting: 0, draftMeeting: 0 };

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image bytes for a news test')]);
const PDF = Buffer.from('%PDF-1.7 not an image');

function multipart(fields: Record<string, string | string[]>, file: Buffer | null) {
  const boundary = '----mahalle-news-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="cover"; filename="${file ? 'cover.bin' : ''}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  if (file) parts.push(file);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Posts the article form as a browser does: multipart, with the token of the form page. */
async function postArticle(b: Browser, fields: Record<string, string | string[]>, cover: Buffer | null = null, o: { url?: string; from?: string } = {}) {
  const page = await b.get(o.from ?? '/admin/news/new');
  const body = multipart({ _csrf: csrfToken(page.body), ...fields }, cover);
  return w.h.app.inject({ method: 'POST', url: o.url ?? '/admin/news', ...body, cookies: { sid: b.cookie('sid')!, _csrf: b.cookie('_csrf')! } });
}

const form = (o: Record<string, string | string[]> = {}) => ({
  overline: 'ستاد توانمندسازی محلات',
  title: 'فراخوان طرح‌های کاهش آسیب‌های اجتماعی تمدید شد',
  lead: 'مهلت ارسال طرح‌های دستگاه‌های اجرایی در فراخوان امسال یک هفته تمدید شد.',
  body: 'دبیرخانهٔ ستاد اعلام کرد مهلت **یک هفته** تمدید شده است.\n\n- طرح‌های مادران و کودکان در اولویت‌اند\n- طرح‌ها باید چارچوب منطقی داشته باشند',
  dateline: 'قزوین',
  tags: 'فراخوان، بودجه‌ریزی مشارکتی',
  cover_caption: '',
  intent: 'save',
  ...o,
});

const idFromLocation = (loc: unknown) => Number(/^\/admin\/news\/(\d+)\/edit$/.exec(String(loc))?.[1]);
const articleCount = async () => Number((await w.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const files = (sub: string) => (existsSync(join(w.uploads, sub)) ? readdirSync(join(w.uploads, sub)).length : 0);
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const meta = (html: string, property: string) => {
  const m = new RegExp(`<meta (?:property|name)="${property.replace(/[:.]/g, (c) => `\\${c}`)}" content="([^"]*)"`).exec(html);
  return m ? decode(m[1]!) : null;
};
const commentIdOf = (location: unknown) => Number(/#comment-(\d+)$/.exec(String(location))?.[1]);

async function setStatus(b: Browser, articleId: number, to: string, reason = '') {
  const page = await b.get(`/admin/news/${articleId}/edit`);
  return b.post(`/admin/news/${articleId}/status`, { to, reason }, { csrf: csrfToken(page.body) });
}

before(async () => {
  w = await createNewsWorld();
  await importPlaces(w.h.ctx, realPlaces, { actorId: null });
  await importPlaces(w.h.ctx, demoPlaces, { actorId: null, isDemo: true });
  ids.minoodar = (await findPlaceByCode(w.db, '9260300001'))!.id;
  ids.takestanNb = (await findPlaceByCode(w.db, '9260200001'))!.id;
  ids.qazvinCounty = (await findPlaceByCode(w.db, '2603'))!.id;
  const now = w.h.clock.now().toISOString();
  const meeting = (title: string, status: 'published' | 'draft') =>
    w.db
      .insertInto('meetings')
      .values({
        title, starts_at: '2026-06-10T05:30:00.000Z', venue: 'سالن جلسات استانداری', chair: 'معاون استاندار',
        public_summary: '## خلاصه\n\nستاد سه طرح پیشگیری از اعتیاد نوجوانان را برای داوری نهایی پذیرفت و دستگاه‌ها را به ارسال گزارش پیشرفت فراخواند.\n\n- مصوبهٔ یک: گزارش ماهانه',
        status, published_at: status === 'published' ? now : null, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  ids.meeting = (await meeting('جلسهٔ سوم ستاد توانمندسازی محلات', 'published')).id;
  ids.draftMeeting = (await meeting('جلسهٔ چهارم ستاد', 'draft')).id;
  editor = await w.staff('editor@example.org');
  secretary = await w.staff('secretary@example.org');
});
after(() => w.close());

describe(`the news desk on ${testDialect()}`, () => {
  test('visitors are sent to sign in, citizens refused; the admin home links the desk for editors', async () => {
    const anon = await w.h.app.inject({ url: '/admin/news' });
    assert.equal(anon.statusCode, 303);
    const { browser: citizen } = await w.citizen();
    assert.equal((await citizen.get('/admin/news')).statusCode, 403);
    assert.equal((await citizen.get('/admin/news/new')).statusCode, 403);
    const home = await editor.get('/admin');
    assert.match(home.body, /href="\/admin\/news"/);
    const list = await editor.get('/admin/news');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /میز خبر/);
  });

  test('a form with errors is shown again with every message, what was typed kept, and nothing stored', async () => {
    const before = await articleCount();
    const typed = 'روتیتری که بسیار بلند است '.repeat(6);
    const res = await postArticle(editor, form({ title: '', overline: typed, publish_date: '۱۴۰۵/۱۳/۰۱', publish_time: '۲۵:۰۰', tags: 'الف' }), PNG);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /تیتر خبر را بنویسید/);
    assert.match(res.body, /حداکثر ۱۲۰ نویسه مجاز است/);
    assert.match(res.body, /چنین تاریخی در تقویم نیست/);
    assert.match(res.body, /ساعت را به شکل/);
    assert.match(res.body, /برای تصویر زیرنویس بنویسید/);
    assert.match(res.body, /تصویر را دوباره انتخاب کنید/);
    assert.ok(res.body.includes('مهلت ارسال طرح‌های دستگاه‌های اجرایی'), 'lead kept');
    const wrongType = await postArticle(editor, form({ cover_caption: 'زیرنویس' }), PDF);
    assert.equal(wrongType.statusCode, 415);
    assert.match(wrongType.body, /این فایل عکس JPEG، PNG یا WEBP نیست/);
    const badPlan = await postArticle(editor, form({ plans: '999999' }));
    assert.equal(badPlan.statusCode, 422);
    assert.match(badPlan.body, /فقط طرح‌های عمومی/);
    assert.equal(await articleCount(), before);
    assert.equal(files('news'), 0, 'no cover file left behind');
  });

  test('an editor writes a draft with a cover, tags and links; the public cannot see it, the desk previews it', async () => {
    const res = await postArticle(editor, form({ cover_caption: 'نشست خبری دبیرخانه', plans: String(w.planId), places: String(ids.minoodar) }), PNG);
    assert.equal(res.statusCode, 303);
    const id = idFromLocation(res.headers.location);
    const a = (await findArticle(w.db, id))!;
    assert.equal(a.status, 'draft');
    assert.ok(a.news_code >= 100001);
    assert.equal(a.cover_type, 'image/png');
    assert.equal(files('news'), 1);
    const anon = await w.h.app.inject({ url: `/news/${a.news_code}` });
    assert.equal(anon.statusCode, 404);
    assert.equal((await w.h.app.inject({ url: `/news/${a.news_code}/cover` })).statusCode, 404);
    const preview = await editor.get(`/news/${a.news_code}`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /پیش‌نمایش: این خبر پیش‌نویس است/);
    assert.equal(preview.headers['cache-control'], 'private, no-store');
    assert.doesNotMatch(preview.body, /id="comments"/, 'no conversation before publication');
    const edit = await editor.get(`/admin/news/${id}/edit`);
    assert.match(edit.body, /فراخوان، بودجه‌ریزی مشارکتی|بودجه ریزی مشارکتی، فراخوان|فراخوان، بودجه ریزی مشارکتی/);
    assert.match(edit.body, new RegExp(`<option value="${w.planId}" selected`));
  });

  test('the secretariat writes drafts but cannot publish, schedule, take down or edit what is public', async () => {
    const publishNow = await postArticle(secretary, form({ title: 'خبری که دبیرخانه می‌خواهد منتشر کند', intent: 'publish' }));
    assert.equal(publishNow.statusCode, 403);
    const draft = await postArticle(secretary, form({ title: 'پیش‌نویس دبیرخانه دربارهٔ جلسهٔ ستاد' }));
    assert.equal(draft.statusCode, 303);
    const id = idFromLocation(draft.headers.location);
    const page = await secretary.get(`/admin/news/${id}/edit`);
    assert.doesNotMatch(page.body, /value="publish"/, 'no publish button for the secretariat');
    const res = await setStatus(secretary, id, 'published');
    assert.equal(res.statusCode, 403);
    assert.equal((await findArticle(w.db, id))!.status, 'draft');
    // The editor publishes it; from then on only the editor changes it.
    assert.equal((await setStatus(editor, id, 'published')).statusCode, 303);
    const code = (await findArticle(w.db, id))!.news_code;
    const edit = await postArticle(secretary, form({ title: 'تیتر عوض‌شده' }), null, { url: `/admin/news/${id}`, from: `/admin/news/${id}/edit` });
    assert.equal(edit.statusCode, 403);
    assert.equal((await setStatus(secretary, id, 'unpublished', 'اشتباه')).statusCode, 403);
    assert.equal((await w.h.app.inject({ url: `/news/${code}` })).statusCode, 200);
  });

  test('a published article reads as a Persian news page with Open Graph, share links, print view and safe markdown', async () => {
    const body = 'متن خبر با <script>alert(1)</script> و [پیوند بد](javascript:alert(1)) و [پیوند خوب](https://example.org/a?b=1).\n\nبند دوم ۲۰ خانواده';
    const res = await postArticle(editor, form({ title: 'ستاد & شورا: «طرح» <تازه> تصویب شد', body, cover_caption: 'جلسهٔ ستاد در سالن استانداری', places: String(ids.minoodar), intent: 'publish' }), PNG);
    assert.equal(res.statusCode, 303);
    const a = (await findArticle(w.db, idFromLocation(res.headers.location)))!;
    assert.equal(a.status, 'published');
    assert.equal(a.published_at, w.h.clock.now().toISOString());
    const page = await w.h.app.inject({ url: `/news/${a.news_code}` });
    assert.equal(page.statusCode, 200);
    const html = page.body;
    // Overline above the title, the lead in bold, the dateline before the body, date and code.
    assert.match(html, /<p class="overline">ستاد توانمندسازی محلات<\/p>\s*<h1 id="article-title">ستاد &amp; شورا: «طرح» &lt;تازه(&gt;|>) تصویب شد/);
    assert.match(html, /<p class="news-lead">مهلت ارسال/);
    assert.match(html, /<p class="dateline">قزوین – محله –<\/p>/);
    const code = String(a.news_code).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    assert.ok(html.includes(`کد خبر: ${code}`), 'news code in Persian digits');
    assert.match(html, /<time datetime="[^"]+">[۰-۹]+ [^<]+ ۱۴۰[۰-۹]، [۰-۹]{2}:[۰-۹]{2}<\/time>/);
    assert.match(html, /href="\/news\?tag=[^"]+" rel="tag"/);
    assert.match(html, /<figure class="news-cover"><img src="\/news\/\d+\/cover" alt="جلسهٔ ستاد در سالن استانداری"\/><figcaption>جلسهٔ ستاد در سالن استانداری<\/figcaption>/);
    assert.match(html, new RegExp(`href="/news\\?place=${ids.minoodar}"`));
    // Markdown without raw HTML.
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&lt;script&gt;/);
    assert.doesNotMatch(html, /href="javascript:/);
    assert.match(html, /href="https:\/\/example.org\/a\?b=1" rel="nofollow noopener noreferrer"/);
    assert.match(html, /<strong>یک هفته<\/strong>|بند دوم ۲۰ خانواده/);
    // Open Graph and Twitter card.
    const url = `https://mahalle.example.org/news/${a.news_code}`;
    assert.equal(meta(html, 'og:title'), 'ستاد & شورا: «طرح» <تازه> تصویب شد');
    assert.equal(meta(html, 'og:description'), 'مهلت ارسال طرح‌های دستگاه‌های اجرایی در فراخوان امسال یک هفته تمدید شد.');
    assert.equal(meta(html, 'og:type'), 'article');
    assert.equal(meta(html, 'og:url'), url);
    assert.equal(meta(html, 'og:image'), `${url}/cover`);
    assert.equal(meta(html, 'article:published_time'), a.published_at);
    assert.equal(meta(html, 'twitter:card'), 'summary_large_image');
    assert.equal(meta(html, 'twitter:title'), 'ستاد & شورا: «طرح» <تازه> تصویب شد');
    assert.match(html, /<link rel="alternate" type="application\/rss\+xml"/);
    // Share links: plain links, the address and title encoded.
    const enc = encodeURIComponent(url);
    const title = encodeURIComponent('ستاد & شورا: «طرح» <تازه> تصویب شد');
    const hrefs = [...html.matchAll(/<nav class="news-share[^"]*"[\s\S]*?<\/nav>/g)][0]![0];
    for (const expected of [
      `https://t.me/share/url?url=${enc}&text=${title}`,
      `https://x.com/intent/tweet?url=${enc}&text=${title}`,
      `https://wa.me/?text=${encodeURIComponent(`ستاد & شورا: «طرح» <تازه> تصویب شد\n${url}`)}`,
      `mailto:?subject=${title}&body=`,
      `https://eitaa.com/share/url?url=${enc}&text=${title}`,
      `https://ble.ir/share/url?url=${enc}&text=${title}`,
    ]) assert.ok(decode(hrefs).includes(expected), `share link ${expected}`);
    assert.doesNotMatch(hrefs, /<script|onclick/);
    // The cover is served to everyone once public.
    const cover = await w.h.app.inject({ url: `/news/${a.news_code}/cover` });
    assert.equal(cover.statusCode, 200);
    assert.equal(cover.headers['content-type'], 'image/png');
    assert.deepEqual(cover.rawPayload, PNG);
    // The print view: the article alone.
    const print = await w.h.app.inject({ url: `/news/${a.news_code}?print=1` });
    assert.equal(print.statusCode, 200);
    assert.match(print.body, /news-article/);
    assert.doesNotMatch(print.body, /id="comments"/);
    assert.doesNotMatch(print.body, /news-share/);
    assert.match(print.body, /name="robots" content="noindex"/);
    // Anonymous visits stay within five statements (cache version, article, tags and links, thread, counts).
    const q0 = w.h.ctx.handle.queryCount();
    const again = await w.h.app.inject({ url: `/news/${a.news_code}?corder=oldest` });
    assert.equal(again.statusCode, 200);
    assert.ok(w.h.ctx.handle.queryCount() - q0 <= 5, `queries: ${w.h.ctx.handle.queryCount() - q0}`);
  });

  test('/news lists public articles latest first with overline, lead, date and thumbnail; by tag and by place', async () => {
    const list = await w.h.app.inject({ url: '/news' });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/feed.xml"/);
    assert.match(list.body, /<a href="\/news" aria-current="page">اخبار<\/a>/);
    const cards = [...list.body.matchAll(/<article class="card need-card news-card">([\s\S]*?)<\/article>/g)].map((m) => m[1]!);
    assert.ok(cards.length >= 2);
    assert.match(cards[0]!, /ستاد &amp; شورا/, 'latest first');
    assert.match(cards[0]!, /<img class="news-thumb" src="\/news\/\d+\/cover"/);
    assert.match(cards[0]!, /<p class="overline">/);
    assert.match(cards[0]!, /<time datetime=/);
    // The draft of the earlier test never shows.
    const drafts = await w.db.selectFrom('articles').select('title').where('status', '=', 'draft').execute();
    for (const d of drafts) assert.ok(!list.body.includes(`>${d.title}<`), `draft «${d.title}» not listed`);

    const byTag = await w.h.app.inject({ url: `/news?tag=${encodeURIComponent('بودجه‌ریزی مشارکتی')}` });
    assert.equal(byTag.statusCode, 200);
    assert.match(byTag.body, /خبرهای برچسب/);
    assert.match(byTag.body, /ستاد &amp; شورا/);
    const noTag = await w.h.app.inject({ url: `/news?tag=${encodeURIComponent('برچسبی که نیست')}` });
    assert.match(noTag.body, /خبری با این صافی پیدا نشد/);

    // By place: the neighborhood itself and the county it lies in; not another county's neighborhood.
    for (const place of [ids.minoodar, ids.qazvinCounty]) {
      const res = await w.h.app.inject({ url: `/news?place=${place}` });
      assert.match(res.body, /ستاد &amp; شورا/, `place ${place}`);
    }
    const elsewhere = await w.h.app.inject({ url: `/news?place=${ids.takestanNb}` });
    assert.doesNotMatch(elsewhere.body, /ستاد &amp; شورا/);
  });

  test('taking an article down needs a reason, then it is gone for the public; it can be restored', async () => {
    const made = await w.article({ title: 'خبری که برداشته می‌شود', intent: 'publish' });
    assert.equal((await w.h.app.inject({ url: `/news/${made.newsCode}` })).statusCode, 200);
    const noReason = await setStatus(editor, made.id, 'unpublished', '');
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /دلیل برداشتن خبر را بنویسید/);
    const down = await setStatus(editor, made.id, 'unpublished', 'آمار خبر نادرست بود');
    assert.equal(down.statusCode, 303);
    assert.equal((await w.h.app.inject({ url: `/news/${made.newsCode}` })).statusCode, 404);
    assert.doesNotMatch((await w.h.app.inject({ url: '/news' })).body, /خبری که برداشته می‌شود/);
    assert.doesNotMatch((await w.h.app.inject({ url: '/feed.xml' })).body, /خبری که برداشته می‌شود/);
    const entry = await w.db.selectFrom('audit_log').select('data').where('action', '=', 'article.unpublished').where('subject_id', '=', String(made.id)).executeTakeFirstOrThrow();
    assert.match(entry.data, /آمار خبر نادرست بود/);
    const publishedAt = (await findArticle(w.db, made.id))!.published_at;
    w.h.clock.advance(60);
    assert.equal((await setStatus(editor, made.id, 'published')).statusCode, 303);
    assert.equal((await findArticle(w.db, made.id))!.published_at, publishedAt, 'restored under its first date');
    assert.equal((await w.h.app.inject({ url: `/news/${made.newsCode}` })).statusCode, 200);
    // A move the table does not allow is a conflict.
    assert.equal((await setStatus(editor, made.id, 'draft')).statusCode, 409);
  });

  test('every news page a person sees is in Persian with Persian digits', async () => {
    const visible = (html: string) =>
      html.replace(/<(script|style|code)[\s\S]*?<\/\1>/g, ' ').replace(/<title>[\s\S]*?<\/title>/g, ' ').replace(/<bdi dir="ltr">[\s\S]*?<\/bdi>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ');
    const made = await w.article({ title: 'گزارش ۲۰ خانوادهٔ محله از کلاس‌ها', tags: 'خانواده', places: [String(ids.minoodar)], plans: [String(w.planId)], intent: 'publish' });
    const scheduled = await w.article({ title: 'خبری برای هفتهٔ آینده', ...dateTimeFields(new Date(w.h.clock.now().getTime() + 7 * 86_400_000).toISOString()), intent: 'schedule' });
    const pages: [string, string][] = [];
    for (const url of ['/news', `/news/${made.newsCode}`, `/news/${made.newsCode}?print=1`, `/news?tag=${encodeURIComponent('خانواده')}`, `/news?place=${ids.qazvinCounty}`, '/news?page=9']) {
      pages.push([url, (await w.h.app.inject({ url })).body]);
    }
    for (const url of ['/admin/news', '/admin/news?status=scheduled', '/admin/news/new', `/admin/news/new?meeting=${ids.meeting}`, `/admin/news/${made.id}/edit`, `/admin/news/${scheduled.id}/edit`, `/news/${scheduled.newsCode}`]) {
      pages.push([url, (await editor.get(url)).body]);
    }
    for (const [url, html] of pages) {
      const text = visible(html);
      assert.equal(text.match(/[^\s]*[0-9][^\s]*/g), null, `${url}: Latin digits`);
      assert.equal(text.match(/\b(?![A-Z]+\b)[A-Za-z]{3,}\b/g), null, `${url}: English words`);
    }
  });

  test('"draft news from this meeting" prefills from a published meeting only and links it', async () => {
    const page = await editor.get(`/admin/news/new?meeting=${ids.meeting}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="overline"[^>]*value="جلسهٔ ستاد توانمندسازی محلات، [۰-۹]+ خرداد ۱۴۰۵"/);
    assert.match(page.body, /name="title"[^>]*value="گزارش جلسهٔ سوم ستاد توانمندسازی محلات"/);
    assert.match(page.body, /جلسهٔ سوم ستاد توانمندسازی محلات روز [۰-۹]+ خرداد ۱۴۰۵ در سالن جلسات استانداری برگزار شد. ستاد سه طرح پیشگیری/);
    assert.match(page.body, /## خلاصه/);
    assert.match(page.body, new RegExp(`<input type="hidden" name="meeting" value="${ids.meeting}"/>`));
    assert.match(page.body, new RegExp(`<option value="${ids.meeting}" selected`));
    const draft = await editor.get(`/admin/news/new?meeting=${ids.draftMeeting}`);
    assert.match(draft.body, /این جلسه منتشر نشده است/);
    assert.doesNotMatch(draft.body, /جلسهٔ چهارم ستاد/);

    const res = await postArticle(editor, form({ title: 'تصمیم‌های جلسهٔ سوم ستاد', meeting: String(ids.meeting), meetings: [] }), null, { from: `/admin/news/new?meeting=${ids.meeting}` });
    assert.equal(res.statusCode, 303);
    const id = idFromLocation(res.headers.location);
    assert.equal((await findArticle(w.db, id))!.meeting_id, ids.meeting);
    const links = await w.db.selectFrom('article_links').select(['kind', 'ref_id']).where('article_id', '=', id).execute();
    assert.deepEqual(links.map((l) => [l.kind, Number(l.ref_id)]), [['meeting', ids.meeting]]);
    const forged = await postArticle(editor, form({ title: 'از جلسهٔ منتشرنشده', meeting: String(ids.draftMeeting) }));
    assert.equal(forged.statusCode, 422);
    assert.match(forged.body, /فقط جلسه‌های منتشرشده/);
  });
});

describe(`comments under news on ${testDialect()}`, () => {
  test('the rules above the form, a comment, and a reply with the reply-to indicator', async () => {
    const made = await w.article({ title: 'کلاس‌های مهارت زندگی نوجوانان مینودر آغاز شد', intent: 'publish' });
    const href = `/news/${made.newsCode}`;
    const anon = await w.h.app.inject({ url: href });
    assert.match(anon.body, /id="comments"/);
    assert.match(anon.body, /class="comment-rules"[\s\S]*توهین[\s\S]*برای نوشتن نظر وارد شوید/);

    const { browser: zahra } = await w.citizen('زهرا احمدی');
    const page = await zahra.get(href);
    assert.match(page.body, /class="comment-rules"[\s\S]*<form method="post" action="\/comments" class="comment-form"/);
    const posted = await zahra.post('/comments', { subject: `article:${made.id}`, body: 'کلاس‌ها برای نوجوانان محله ما خیلی لازم بود؛ ممنون از سرای محله.', ...solveQuestion(page.body) }, { csrf: csrfToken(page.body) });
    assert.equal(posted.statusCode, 303);
    assert.match(String(posted.headers.location), new RegExp(`^${href}#comment-\\d+$`));
    const id = commentIdOf(posted.headers.location);
    assert.equal((await findComment(w.db, id))?.status, 'published');

    const { browser: ali } = await w.citizen('علی کریمی');
    const replyHref = `/comments/new?subject=article:${made.id}&parent=${id}`;
    const thread = await ali.get(href);
    assert.ok(thread.body.includes(`href="${replyHref.replace(/&/g, '&amp;')}"`), 'a reply link under the comment');
    const replyPage = await ali.get(replyHref);
    assert.equal(replyPage.statusCode, 200);
    assert.match(replyPage.body, /در پاسخ به نظر [^(<]+ \(/, 'the reply page names the author answered');
    assert.match(replyPage.body, /کلاس‌ها برای نوجوانان محله ما خیلی لازم بود/);
    assert.match(replyPage.body, /class="comment-rules"/);
    assert.ok(replyPage.body.includes(`href="${href}"`), 'back to the news page');
    const reply = await ali.post('/comments', { subject: `article:${made.id}`, parent: String(id), body: 'موافقم؛ کاش برای دختران نوجوان هم کلاس جدا باشد.', ...solveQuestion(replyPage.body) }, { csrf: csrfToken(replyPage.body) });
    assert.equal(reply.statusCode, 303);
    const replyId = commentIdOf(reply.headers.location);
    assert.equal((await findComment(w.db, replyId))?.status, 'published');
    const shown = await w.h.app.inject({ url: href });
    assert.match(shown.body, new RegExp(`id="comment-${id}"[\\s\\S]*class="comment-replies"[\\s\\S]*id="comment-${replyId}"`));
    assert.match(shown.body, /نظرها \(۲\)/);

    // Once taken down, the thread is gone with the article.
    const editorPage = await editor.get(`/admin/news/${made.id}/edit`);
    await editor.post(`/admin/news/${made.id}/status`, { to: 'unpublished', reason: 'بازبینی' }, { csrf: csrfToken(editorPage.body) });
    assert.equal((await ali.get(replyHref)).statusCode, 404);
    assert.equal((await findArticleByCode(w.db, made.newsCode))!.status, 'unpublished');
  });
});
