/**
 * A news page with a long comment thread: `npm run bench:news` (add `-- --json` for machine output).
 *
 * Issue #7 asks for `/news/:newsCode` with 500 comments: its ratio to a bare server, its p99 and
 * its SQL statements per request (≤ 5). DESIGN.md's page budget is app/bare ≥ 0.30. Measured with
 * bench/run.ts's method (`measurePages`: a bare node:http server sending the same bytes,
 * alternating bare/app rounds, the median round reported, SQL statements counted), for the first
 * thread page and the fifth (oldest first), with the public page cache and without it
 * (`PAGE_CACHE=0`: what a signed-in visit or a cache miss costs).
 *
 * The demo data is seeded (seedDemo) into a temporary SQLite file; the newest published demo
 * article gets 500 published comments: 350 top-level and 150 replies at depths 1–3, written over
 * the past month by 60 fictional residents.
 *
 * BENCHMARK FIXTURES: the comments, their fictional authors and every sentence below are written
 * for this file and combined at random; they are stored with is_demo = 1 in a temporary database
 * deleted afterwards. Nothing comes from a data set.
 *
 * Environment: BENCH_SECONDS (default 2 here), BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_WORKERS as
 * in bench/run.ts. The exit code is 0 unless the benchmark itself could not run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { insertUser } from '../src/accounts/accounts.repo.ts';
import { buildApp } from '../src/app.ts';
import { createContext } from '../src/bootstrap.ts';
import { adjustReplyCount, insertComment } from '../src/comments/comments.repo.ts';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { asJson, BUDGET, countRequests, measurePages, printTable, progress, settings, type PageSpec, type Row } from './run.ts';
import { random } from './plans.ts';

if (!process.env.BENCH_SECONDS) settings.seconds = 2;

const THREAD = { published: 500, roots: 350, depth: { 1: 90, 2: 40, 3: 20 } as Record<1 | 2 | 3, number> };

/** What residents say under news of the council: sentences written for this benchmark. */
const sentences = [
  'خوب است که مصوبات جلسه این بار با مهلت و دستگاه مسئول منتشر شده است.',
  'امیدوارم پیگیری مصوبه‌ها مثل دفعهٔ قبل نیمه‌کاره نماند.',
  'در محلهٔ ما هنوز کسی از طرح خبر ندارد؛ لطفاً در مسجد و مدرسه هم اطلاع‌رسانی کنید.',
  'بودجهٔ مشارکتی فرصت خوبی است که خود ساکنان دربارهٔ نیاز محله تصمیم بگیرند.',
  'کاش گزارش پیشرفت هر مصوبه هر ماه در همین صفحه منتشر شود.',
  'جلسات ستاد اگر یک بار در محله برگزار شود، اهالی بیشتر شرکت می‌کنند.',
  'برای مادران سرپرست خانوار طرح‌های اشتغال خانگی بیشتر لازم است.',
  'از اینکه نظر مردم پیش از تصمیم‌گیری پرسیده می‌شود ممنونم.',
  'پارک محله ما شب‌ها تاریک است و این موضوع در جلسه مطرح نشد.',
  'آموزش خانواده‌ها دربارهٔ نشانه‌های اعتیاد نوجوانان باید در همهٔ محله‌ها برگزار شود.',
  'لطفاً فهرست دستگاه‌هایی را که طرح نفرستاده‌اند هم منتشر کنید.',
  'مهلت سه‌ماهه برای این مصوبه کم است و بهتر است واقع‌بینانه‌تر تعیین شود.',
  'کتابخانهٔ کودک در روستا نیاز واقعی است و از تصویبش خوشحالم.',
  'نتیجهٔ رأی‌گیری محله را کجا می‌توانیم ببینیم؟',
  'پیشنهاد می‌کنم برای نوجوانان ترک‌تحصیل‌کرده برنامهٔ جداگانه‌ای تعریف شود.',
  'گزارش هزینه‌ها هم باید مثل خبر جلسه شفاف منتشر شود.',
  'در روستاهای شهرستان هم همین جلسات برگزار شود.',
  'همکاری شهرداری و بهزیستی در این طرح بسیار مهم است.',
];
const openers = ['موافقم.', 'درست می‌گویید؛', 'سؤال خوبی است.', 'تجربهٔ من هم همین است.'];
const firstNames = ['مریم', 'علی', 'زهرا', 'حسین', 'فاطمه', 'رضا', 'نرگس', 'مهدی', 'سمیه', 'امیر'];
const lastNames = ['احمدی', 'کریمی', 'موسوی', 'حسینی', 'رضایی', 'صادقی', 'نوری', 'جعفری'];

function commentText(r: ReturnType<typeof random>, reply: boolean): string {
  const target = r.int(50, 400);
  const parts: string[] = reply && r.next() < 0.6 ? [r.pick(openers)] : [];
  const used = new Set<string>();
  while (parts.join(' ').length < target && used.size < sentences.length) {
    const s = r.pick(sentences);
    if (used.has(s)) continue;
    if ([...parts, s].join(' ').length > 400) break;
    parts.push(s);
    used.add(s);
  }
  return parts.join(' ');
}

/** 500 published comments on the article (350 top-level, replies at depths 1–3), in one transaction. */
async function seedThread(ctx: AppContext, articleId: number): Promise<number> {
  const r = random(11);
  const nowMs = Date.now();
  return ctx.db.transaction().execute(async (db) => {
    const authors: number[] = [];
    for (let i = 0; i < 60; i++) authors.push(await insertUser(db, { name: `${r.pick(firstNames)} ${r.pick(lastNames)}`, now: new Date(nowMs).toISOString() }));
    const made: { id: number; root: number; depth: number }[] = [];
    const left = { 0: THREAD.roots, ...THREAD.depth } as Record<0 | 1 | 2 | 3, number>;
    for (let i = 0; i < THREAD.published; i++) {
      let depth: 0 | 1 | 2 | 3 = 0;
      if (left[0] <= 0) depth = ([1, 2, 3] as const).find((d) => left[d] > 0 && made.some((c) => c.depth === d - 1)) ?? 1;
      const parents = depth === 0 ? [] : made.filter((c) => c.depth === depth - 1);
      const parent = parents.length ? r.pick(parents) : null;
      const at = new Date(nowMs - 30 * 86_400_000 + (i + 1) * Math.floor((29 * 86_400_000) / THREAD.published)).toISOString();
      const id = await insertComment(db, {
        subject: { type: 'article', id: articleId }, parentId: parent?.id ?? null, rootId: parent?.root ?? null, depth: parent ? depth : 0,
        authorId: r.pick(authors), body: commentText(r, depth > 0), status: 'published', reasons: '[]', scores: '{}', ipHash: null, isDemo: true, now: at,
      });
      if (parent) await adjustReplyCount(db, parent.id, 1);
      left[parent ? depth : 0]--;
      made.push({ id, root: parent?.root ?? id, depth: parent ? depth : 0 });
    }
    return made.length;
  });
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg().map((n) => Number(n.toFixed(2)));
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'mahalle-bench-news-'));
  const config = loadConfig({ ...process.env, DATABASE_URL: `sqlite:${path.join(tmpDir, 'bench-news.db')}`, LOG_LEVEL: 'silent', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), WORKER: '0' });
  const ctx = createContext(config);
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  try {
    await migrateToLatest(ctx.db);
    await seedDemo(ctx);
    const article = await ctx.db
      .selectFrom('articles')
      .select(['id', 'news_code'])
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .executeTakeFirst();
    if (!article) throw new Error('the demo seed made no published article');
    const t0 = Date.now();
    const inserted = await seedThread(ctx, article.id);
    progress(`article ${article.news_code}: ${inserted} comments inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const listen = async (pageCache: boolean) => {
      const app = await buildApp({ ...ctx, config: { ...ctx.config, PAGE_CACHE: pageCache } });
      apps.push(app);
      const received = countRequests(app.server);
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, received };
    };
    const cached = await listen(true);
    const uncached = await listen(false);
    const first = `/news/${article.news_code}`;
    const fifth = `${first}?corder=oldest&cpage=5`;
    for (const p of [first, fifth]) {
      const html = await (await fetch(uncached.base + p)).text();
      const shown = html.match(/<li class="comment comment-[a-z]+" id="comment-\d+"/g)?.length ?? 0;
      progress(`${p}: ${shown} comments shown`);
      if (shown === 0) throw new Error(`${p} shows no comment: is the thread rendered on news pages?`);
    }
    const pages: PageSpec[] = [
      { page: 'news, 500 comments, thread p1', path: first, base: cached.base, received: cached.received, judged: true },
      { page: 'thread p5, oldest first', path: fifth, base: cached.base, received: cached.received, judged: true },
      { page: 'thread p1, no page cache', path: first, base: uncached.base, received: uncached.received, judged: false },
      { page: 'thread p5, no page cache', path: fifth, base: uncached.base, received: uncached.received, judged: false },
    ];
    const rows: Row[] = await measurePages(ctx.handle.queryCount, pages);
    const machine = {
      node: process.version, cpus: os.availableParallelism(), cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))),
    };
    if (asJson) console.log(JSON.stringify({ date: new Date().toISOString(), machine, settings, budget: BUDGET, newsCode: article.news_code, comments: inserted, rows }, null, 2));
    else printTable(rows, machine);
  } finally {
    for (const app of apps) await app.close();
    await ctx.handle.close();
    await rm(tmpDir, { recursive: true, force: true });
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
