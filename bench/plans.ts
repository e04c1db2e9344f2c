/**
 * Public plan pages with 10,000 plans: `npm run bench` runs it after bench/run.ts, or alone with
 * `node --import tsx bench/plans.ts` (`--json` for machine-readable output; BENCH_PLANS_COUNT to
 * change the number of plans). The same settings (BENCH_SECONDS, BENCH_ROUNDS, …) as bench/run.ts.
 *
 * DESIGN.md asks that the plan list of 10k plans serve at least 0.30x the requests/s of a bare
 * Node HTTP server sending the same bytes, with at most 5 SQL queries per page whatever the data
 * size. Measured here, with bench/run.ts's method, for the first page of /plans, a filtered and
 * searched page, and one plan's page; each with the public page cache and without it (what every
 * signed-in visit and every cache miss costs).
 *
 * BENCHMARK FIXTURES: every plan below is generated from word lists by this file, inserted with
 * the repositories' own insert functions in one transaction into a temporary database that is
 * deleted afterwards. They are fictional (stored with is_demo = 1) and never reach a real
 * database.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildApp } from '../src/app.ts';
import { createContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import type { OpContext } from '../src/context.ts';
import { insertUser } from '../src/accounts/accounts.repo.ts';
import { findAgencyByNameKey, insertAgency } from '../src/agencies/agencies.repo.ts';
import { insertCall, setCallStatus } from '../src/calls/calls.repo.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { importPlaces } from '../src/places/import-places.ts';
import { parsePlaceFile } from '../src/places/parse-place-file.ts';
import { ancestorsOfMany, findPlaceByCode, placesOfKind } from '../src/places/places.repo.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { persianSortKey } from '../src/platform/persian/collation.ts';
import { jalaliToGregorianIso } from '../src/platform/persian/jalali.ts';
import { matchKey } from '../src/platform/persian/normalize.ts';
import type { PlanContent } from '../src/plans/plan-content.ts';
import { insertPlan, setPlanStatus } from '../src/plans/plans.repo.ts';
import { ageBands, harms, interventionTypes, partnerKinds, type Harm, type TargetGroup } from '../src/taxonomy/codes.ts';
import { asJson, BUDGET, countRequests, measurePages, printTable, progress, settings, type PageSpec } from './run.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const divisionsFile = path.resolve(repoRoot, '../shared/data/places/qazvin-divisions.json');
const PLAN_COUNT = (() => {
  const raw = process.env.BENCH_PLANS_COUNT ?? '10000';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_PLANS_COUNT must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
})();

// ---- benchmark fixtures: word lists ------------------------------------------------------------

/** A small deterministic generator (mulberry32), so every run builds the same 10,000 plans. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const some = <T,>(xs: readonly T[], n: number): T[] => [...new Set(Array.from({ length: n }, () => pick(xs)))];
  return { next, int, pick, some };
}

/** What a plan against each harm is called, and whom it usually serves. */
const harmWords: Record<Harm, { names: string[]; targets: TargetGroup[]; topic: string }> = {
  ADDICTION: { names: ['پیشگیری از اعتیاد', 'کاهش آسیب اعتیاد', 'بازتوانی و بازگشت به زندگی', 'مهارت نه‌گفتن'], targets: ['ADOLESCENTS', 'YOUTH', 'PEOPLE_WITH_ADDICTION', 'FAMILIES'], topic: 'مصرف مواد' },
  DIVORCE: { names: ['پیشگیری از طلاق', 'مشاورهٔ پیش از ازدواج', 'تحکیم خانواده'], targets: ['YOUNG_COUPLES', 'FAMILIES'], topic: 'گسست خانواده' },
  CHILD_LABOUR: { names: ['بازگشت کودکان کار به مدرسه', 'حمایت از کودکان کار', 'خانهٔ امن کودک'], targets: ['CHILDREN', 'FAMILIES'], topic: 'کار کودکان' },
  DOMESTIC_VIOLENCE: { names: ['پیشگیری از خشونت خانگی', 'خانوادهٔ بدون خشونت', 'حمایت از کودکان آسیب‌دیده'], targets: ['MOTHERS', 'CHILDREN', 'FAMILIES'], topic: 'خشونت در خانه' },
  WOMEN_AT_RISK: { names: ['توانمندسازی دختران در معرض آسیب', 'حمایت از زنان در معرض آسیب'], targets: ['MOTHERS', 'YOUTH'], topic: 'آسیب‌پذیری زنان' },
  FEMALE_HEADED_HOUSEHOLD: { names: ['توانمندسازی زنان سرپرست خانوار', 'اشتغال خانگی زنان سرپرست خانوار'], targets: ['WOMEN_HEADS_OF_HOUSEHOLD', 'CHILDREN'], topic: 'درآمد خانوار' },
  HOMELESSNESS: { names: ['سرپناه زمستانی', 'ساماندهی کارتن‌خواب‌ها'], targets: ['PEOPLE_WITH_ADDICTION', 'ELDERLY'], topic: 'بی‌خانمانی' },
  BEGGING: { names: ['ساماندهی تکدی‌گری', 'جایگزینی کار برای تکدی'], targets: ['CHILDREN', 'FAMILIES'], topic: 'تکدی‌گری' },
  INFORMAL_SETTLEMENT: { names: ['بهسازی محلهٔ حاشیه‌ای', 'مشارکت ساکنان در بازآفرینی محله'], targets: ['FAMILIES', 'YOUTH'], topic: 'حاشیه‌نشینی' },
  SUICIDE: { names: ['پیشگیری از خودکشی', 'خط همدلی و سلامت روان'], targets: ['ADOLESCENTS', 'YOUTH'], topic: 'سلامت روان' },
  DELINQUENCY: { names: ['پیشگیری از بزهکاری نوجوانان', 'محلهٔ امن'], targets: ['ADOLESCENTS', 'YOUTH'], topic: 'بزهکاری' },
  SCHOOL_DROPOUT: { names: ['بازگشت به مدرسه', 'کلاس جبرانی برای بازماندگان از تحصیل'], targets: ['CHILDREN', 'ADOLESCENTS'], topic: 'ترک تحصیل' },
  POVERTY_UNEMPLOYMENT: { names: ['اشتغال جوانان', 'آموزش مهارت و کارآفرینی', 'صندوق خرد محلی'], targets: ['YOUTH', 'WOMEN_HEADS_OF_HOUSEHOLD', 'FAMILIES'], topic: 'بیکاری' },
};
const targetWords: Record<TargetGroup, string> = {
  MOTHERS: 'مادران', CHILDREN: 'کودکان', ADOLESCENTS: 'نوجوانان', YOUTH: 'جوانان', YOUNG_COUPLES: 'زوج‌های جوان',
  WOMEN_HEADS_OF_HOUSEHOLD: 'زنان سرپرست خانوار', PEOPLE_WITH_ADDICTION: 'افراد درگیر اعتیاد', FAMILIES: 'خانواده‌ها',
  ELDERLY: 'سالمندان', PEOPLE_WITH_DISABILITIES: 'افراد دارای معلولیت',
};
const activities = ['کارگاه آموزشی', 'جلسهٔ مشاورهٔ گروهی', 'مشاورهٔ فردی', 'دورهٔ مهارت‌آموزی', 'اردوی فرهنگی', 'جشنوارهٔ محله‌ای', 'جلسهٔ آموزش والدین', 'بازدید خانگی', 'کلاس ورزشی', 'نشست گفت‌وگوی محلی'];
const partnersList = ['شورایاری محله', 'مدرسهٔ محله', 'مسجد جامع محله', 'انجمن خیریهٔ محلی', 'دانشگاه بین‌المللی امام خمینی', 'کانون فرهنگی محله', 'مرکز بهداشت', 'دهیاری روستا'];
const units = ['جلسه', 'نفر', 'ماه', 'دوره', 'بسته'];
const sources = ['گزارش مرکز بهداشت', 'آمار ادارهٔ بهزیستی', 'پیمایش محلی شورایاری', 'گزارش مدارس ناحیه', 'سرشماری ۱۳۹۵'];
const agencyNames = [
  'ادارهٔ کل بهزیستی استان قزوین', 'ادارهٔ کل آموزش و پرورش استان قزوین', 'دانشگاه علوم پزشکی قزوین', 'فرماندهی انتظامی استان قزوین',
  'شهرداری قزوین', 'کمیتهٔ امداد امام خمینی (ره) استان قزوین', 'ادارهٔ کل ورزش و جوانان استان قزوین',
  'ادارهٔ کل آموزش فنی و حرفه‌ای استان قزوین', 'ادارهٔ کل تبلیغات اسلامی استان قزوین', 'جمعیت هلال احمر استان قزوین',
];

type Place = { id: number; name: string; countyId: number | null };

/** One fictional plan, complete enough that its page is as long as a real one. */
function fixturePlan(r: ReturnType<typeof random>, places: Place[], year: number): { content: PlanContent; places: Place[] } {
  const harm = r.pick(harms);
  const words = harmWords[harm];
  const extraHarm = r.next() < 0.3 ? [r.pick(harms)] : [];
  const groups = r.some(words.targets, r.int(1, 2));
  const chosen = r.some(places, r.int(1, 3));
  const where = chosen[0]!.name;
  const title = `${r.pick(words.names)} ${targetWords[groups[0]!]} ${where}`;
  const summary =
    `این طرح با ${r.pick(activities)} و ${r.pick(activities)} برای ${groups.map((g) => targetWords[g]).join(' و ')} ` +
    `در ${chosen.map((p) => p.name).join('، ')} به کاهش ${words.topic} می‌پردازد. ` +
    `${r.pick(partnersList)} و ${r.pick(partnersList)} در اجرا همکاری می‌کنند و نتیجه هر فصل در نشست عمومی محله گزارش می‌شود.`;
  const lines = Array.from({ length: r.int(2, 6) }, () => {
    const unitCost = r.int(2, 60) * 1_000_000;
    const quantity = r.int(1, 80);
    return { item: r.pick(activities), unit: r.pick(units), unitCost, quantity, total: unitCost * quantity };
  });
  const total = lines.reduce((s, l) => s + l.total, 0);
  const people = (n: number) => Object.fromEntries(ageBands.map((b, i) => [b, i === 1 ? n : 0])) as Record<(typeof ageBands)[number], number>;
  const d = (m: number, day: number) => jalaliToGregorianIso({ jy: year, jm: m, jd: day });
  const startMonth = r.int(2, 8);
  return {
    places: chosen,
    content: {
      title, summary,
      harms: [...new Set([harm, ...extraHarm])],
      interventionTypes: r.some(interventionTypes, r.int(1, 3)),
      targetGroups: groups.map((group) => {
        const female = r.int(10, 300);
        const male = r.int(10, 300);
        return { group, female, male, ageBands: people(female + male) };
      }),
      placeIds: chosen.map((p) => p.id),
      evidence: [{ statement: `شمار ${targetWords[groups[0]!]} درگیر ${words.topic} در محله`, value: `${r.int(20, 900)} نفر`, year: String(year - 1), source: r.pick(sources) }],
      goal: `کاهش ${words.topic} در ${where}`,
      outcomes: [`کاهش ${words.topic} در میان ${targetWords[groups[0]!]} شرکت‌کننده`],
      outputs: lines.map((l) => `${l.quantity} ${l.unit} ${l.item}`),
      activities: lines.map((l) => l.item),
      indicators: [
        { level: 'outcome', statement: `سهم ${targetWords[groups[0]!]} با بهبود در پس‌آزمون`, unit: 'درصد', baseline: r.int(10, 40), target: r.int(50, 90), period: 'پایان طرح', meansOfVerification: 'پرسش‌نامهٔ پیش و پس‌آزمون' },
        { level: 'output', statement: 'شمار شرکت‌کنندگان', unit: 'نفر', baseline: 0, target: r.int(50, 600), period: 'فصلی', meansOfVerification: 'فهرست حضور' },
      ],
      assumptions: 'نهادهای محله همکاری می‌کنند و فضای برگزاری فراهم است.',
      budgetLines: lines,
      cofunding: r.next() < 0.5 ? [{ source: r.pick(partnersList), amount: r.int(1, 50) * 10_000_000 }] : [],
      requestedTotal: total,
      startDate: d(startMonth, 1),
      endDate: d(startMonth + 4, 28),
      schedule: [{ activity: lines[0]!.item, start: d(startMonth, 5), end: d(startMonth + 3, 25) }],
      partners: r.some(partnersList, 2).map((name) => ({ name, kind: r.pick(partnerKinds) })),
      participationPlan: 'نمایندگان ساکنان در کمیتهٔ محلی طرح عضوند و زمان و جای فعالیت‌ها را با هم تعیین می‌کنند.',
      hasOverlap: false,
      overlapDescription: '',
    },
  };
}

/** Seeds the fixtures in one transaction; returns what the pages will ask for. */
export async function seedFixtures(ctx: OpContext, count: number) {
  const now = new Date().toISOString();
  const r = random(1405);
  const homes = [...(await placesOfKind(ctx.db, 'neighborhood', 500)), ...(await placesOfKind(ctx.db, 'village', 500))];
  const chains = await ancestorsOfMany(ctx.db, homes.map((p) => p.id));
  const countyOf = new Map(chains.filter((c) => c.kind === 'county').map((c) => [c.origin, c.id]));
  const places: Place[] = homes.map((p) => ({ id: p.id, name: p.name, countyId: countyOf.get(p.id) ?? null }));
  if (places.length === 0) throw new Error('no neighborhoods or villages to put the fixture plans in');
  const started = Date.now();
  const made = await ctx.db.transaction().execute(async (db) => {
    const userId = await insertUser(db, { name: 'نویسندهٔ طرح‌های آزمون کارایی', now });
    const agencyIds: number[] = [];
    for (const name of agencyNames) {
      const existing = await findAgencyByNameKey(db, matchKey(name));
      agencyIds.push(
        existing?.id ??
          (await insertAgency(db, { name, nameKey: matchKey(name), sortKey: persianSortKey(name), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true, isDemo: true }, now)),
      );
    }
    const callIds: { id: number; year: number }[] = [];
    for (const year of [1403, 1404, 1405]) {
      const id = await insertCall(
        db,
        { fiscalYear: year, title: `فراخوان طرح‌های توانمندسازی محلات سال ${year} (آزمون کارایی)`, description: 'فراخوان ساختگی برای آزمون کارایی.', budgetRials: 900_000_000_000, deadlineAt: jalaliToGregorianIso({ jy: year, jm: 3, jd: 31 }), harms: [], targetGroups: [], createdBy: null, isDemo: true },
        now,
      );
      await setCallStatus(db, id, year === 1405 ? 'reviewing' : 'decided', now);
      callIds.push({ id, year });
    }
    const statuses = ['in_review', 'in_review', 'approved', 'rejected', 'funded', 'in_progress', 'completed'] as const;
    let last = 0;
    for (let i = 0; i < count; i++) {
      const call = r.pick(callIds);
      const { content, places: where } = fixturePlan(r, places, call.year);
      const id = await insertPlan(db, {
        callId: call.id, agencyId: r.pick(agencyIds), createdBy: userId, isDemo: true, now,
        title: content.title, summary: content.summary, searchText: matchKey(`${content.title} ${content.summary}`),
        requestedRials: content.requestedTotal, content: JSON.stringify(content),
        tags: [
          ...content.harms.map((code) => ({ kind: 'harm' as const, code })),
          ...content.targetGroups.map((g) => ({ kind: 'target' as const, code: g.group })),
          ...content.interventionTypes.map((code) => ({ kind: 'intervention' as const, code })),
        ],
        places: where.map((p) => ({ placeId: p.id, countyId: p.countyId })),
      });
      // Published over the past year, one after another, so "newest first" has real work to do.
      const publicAt = new Date(Date.parse(now) - (count - i) * 50_000).toISOString();
      await setPlanStatus(db, id, 'draft', r.pick(statuses), { now: publicAt, isPublic: true });
      last = id;
    }
    return { lastPlanId: last };
  });
  return { ...made, seconds: (Date.now() - started) / 1000, places: places.length };
}

export async function main(): Promise<void> {
  const loadAtStart = os.loadavg().map((n) => Number(n.toFixed(2)));
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'mahalle-bench-plans-'));
  const dbFile = path.join(tmpDir, 'bench-plans.db');
  const config = loadConfig({ ...process.env, DATABASE_URL: `sqlite:${dbFile}`, LOG_LEVEL: 'silent', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), WORKER: '0' });
  const ctx = createContext(config);
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  try {
    progress(`plans benchmark database: ${dbFile}`);
    await migrateToLatest(ctx.db);
    await seedDemo(ctx);
    if (existsSync(divisionsFile)) {
      const parsed = parsePlaceFile(await readFile(divisionsFile, 'utf8'), divisionsFile);
      const report = await importPlaces(ctx, parsed.records, { actorId: null });
      if (!report.ok) throw new Error(`importing ${divisionsFile} failed`);
    }
    const fixtures = await seedFixtures(ctx, PLAN_COUNT);
    progress(`${PLAN_COUNT} fixture plans in ${fixtures.seconds.toFixed(1)} s (one transaction), over ${fixtures.places} neighborhoods and villages`);
    const county = await findPlaceByCode(ctx.db, '2603');
    if (!county) throw new Error('county 2603 (Qazvin) is missing');
    const planId = Math.max(1, fixtures.lastPlanId - Math.floor(PLAN_COUNT / 2));

    const listen = async (pageCache: boolean) => {
      const app = await buildApp({ ...ctx, config: { ...ctx.config, PAGE_CACHE: pageCache } });
      apps.push(app);
      const received = countRequests(app.server);
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, received };
    };
    const cached = await listen(true);
    const uncached = await listen(false);
    const searched = `/plans?q=${encodeURIComponent('پیشگیری نوجوانان')}&county=${county.id}&harm=ADDICTION`;
    const pages: PageSpec[] = [
      { page: 'plans, first page', path: '/plans', ...cached, judged: true },
      { page: 'plans, filtered + searched', path: searched, ...cached, judged: true },
      { page: 'one plan', path: `/plans/${planId}`, ...cached, judged: true },
      { page: 'plans, no page cache', path: '/plans', ...uncached, judged: false },
      { page: 'filtered + searched, no cache', path: searched, ...uncached, judged: false },
      { page: 'one plan, no page cache', path: `/plans/${planId}`, ...uncached, judged: false },
    ];
    const rows = await measurePages(ctx.handle.queryCount, pages);
    const machine = {
      node: process.version,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))),
    };
    if (asJson) {
      console.log(JSON.stringify({ benchmark: 'plans', date: new Date().toISOString(), machine, settings, budget: BUDGET, plans: PLAN_COUNT, rows }, null, 2));
    } else {
      console.log(`\n${PLAN_COUNT.toLocaleString('en-US')} public plans (benchmark fixtures), county 2603 = id ${county.id}; ${searched} decodes to q=«پیشگیری نوجوانان»`);
      printTable(rows, machine);
    }
  } finally {
    for (const app of apps) await app.close();
    await ctx.handle.close();
    await rm(tmpDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    () => {
      process.exitCode = 0;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
