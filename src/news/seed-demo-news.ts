// Demo news, written for Mahalle (the facts are illustrative): the open call, the residents' ballot
// round, a council meeting's decisions drafted from the newest published demo meeting, and a
// workshop scheduled for tomorrow. Written and published through the real operations by the demo
// editor, then dated back to when the demo says they went out.

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { findUserByEmail, rolesOf } from '../accounts/accounts.repo.ts';
import type { Config } from '../config.ts';
import type { OpContext } from '../context.ts';
import { demoRoundTitle } from '../ballots/seed-demo-ballots.ts';
import { uploadRoot } from '../platform/files/store-upload.ts';
import { formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import type { ArticleInput } from './article-input.ts';
import type { ArticleIntent } from './article-write.ts';
import { createArticle } from './create-article.ts';
import { demoCoverPng } from './demo-cover.ts';
import { valuesFromMeeting } from './load-news-pages.ts';
import { backdateDemoArticle, demoArticleTitles, demoNewsFacts, setArticleCover } from './news.repo.ts';

const DAY = 86_400_000;

type DemoArticle = {
  fields: Omit<ArticleInput, 'cover' | 'removeCover' | 'plans' | 'meetings' | 'places' | 'publishDate' | 'publishTime'>;
  placeCodes: string[];
  /** Days ago it went out, or 'tomorrow' for the scheduled one. */
  when: number | 'tomorrow';
  cover?: string;
  meetingId?: number;
};

function demoArticles(o: { ballotHref: string; meeting: Awaited<ReturnType<typeof demoNewsFacts>>['meeting'] }): DemoArticle[] {
  const list: DemoArticle[] = [
    {
      when: 3,
      placeCodes: ['26'],
      cover: 'طرحی گرافیکی از محله‌های استان (تصویر نمونه)',
      fields: {
        overline: 'ستاد توانمندسازی محلات استان قزوین',
        title: 'فراخوان امسال طرح‌های توانمندسازی محلات باز است؛ دستگاه‌ها طرح بفرستند',
        lead: 'دبیرخانهٔ ستاد از ده دستگاه اجرایی استان خواست طرح‌های خود را برای کاهش آسیب‌های اجتماعی در محله‌ها و روستاهای هدف تا پایان مهلت فراخوان در سامانهٔ محله ثبت کنند.',
        body: [
          'به گفتهٔ دبیرخانهٔ ستاد، اولویت فراخوان امسال با طرح‌هایی است که مادران، کودکان و نوجوانان محله‌ها را هدف می‌گیرند و به پیشگیری از اعتیاد، ترک تحصیل و آسیب‌های خانوادگی می‌پردازند.',
          '',
          'هر دستگاه سقف اعتبار مشخصی دارد و طرحش باید گروه هدف، محله‌ها و شاخص‌های پیش و پس از اجرا را روشن کند. ارزیابان دانشگاهی هر طرح را از سه جهت می‌سنجند:',
          '',
          '- **اثربخشی**: آیا طرح واقعاً مشکل محله را کم می‌کند؟',
          '- **هدفمندی**: آیا به همان گروهی می‌رسد که نیاز دارد؟',
          '- **توجیه‌پذیری**: آیا هزینه‌اش با نتیجه‌اش می‌خواند؟',
          '',
          'دستگاه‌هایی که تا پایان مهلت طرحی نفرستند، در گزارش عملکرد ستاد نام برده می‌شوند. متن کامل فراخوان و مهلت آن در [صفحهٔ فراخوان‌ها](/calls) آمده است.',
        ].join('\n'),
        dateline: 'قزوین',
        tags: 'فراخوان، دستگاه‌های اجرایی، ارزیابی طرح‌ها',
        coverCaption: '',
      },
    },
    {
      when: 1,
      placeCodes: ['2603'],
      fields: {
        overline: 'بودجه‌ریزی مشارکتی',
        title: 'ساکنان شهرستان قزوین برای طرح‌های کوچک مادران و کودکان رأی می‌دهند',
        lead: 'نخستین دور رأی‌گیری ساکنان آغاز شد: هر ساکن شهرستان قزوین که در سامانه ثبت‌نام کند، می‌تواند از میان چهار طرح کوچک، آن‌هایی را که برای محله‌اش مهم‌ترند برگزیند.',
        body: [
          'بودجهٔ این دور حدود نیمی از هزینهٔ همهٔ طرح‌هاست؛ پس همهٔ طرح‌ها اجرا نمی‌شوند و رأی ساکنان تعیین می‌کند کدام‌ها بمانند. آرا به روش «سهم‌های برابر» شمرده می‌شود: بودجه میان رأی‌دهندگان به یک اندازه تقسیم می‌شود و هر طرح با سهم کسانی پیش می‌رود که به آن رأی داده‌اند.',
          '',
          'برای رأی دادن:',
          '',
          '1. در سامانه با شمارهٔ همراه ثبت‌نام کنید و محلهٔ خود را برگزینید.',
          `2. به [صفحهٔ رأی‌گیری](${o.ballotHref}) بروید و طرح‌ها را انتخاب کنید.`,
          '3. کد رسید را نگه دارید تا بعداً ببینید رأی شما شمرده شده است.',
          '',
          'تا پایان رأی‌گیری می‌توانید رأی خود را تغییر دهید. نتیجه پس از شمارش همراه با توضیح هر طرح در صفحهٔ نتایج منتشر می‌شود.',
        ].join('\n'),
        dateline: 'قزوین',
        tags: 'بودجه‌ریزی مشارکتی، رأی‌گیری، مادران و کودکان',
        coverCaption: '',
      },
    },
    {
      when: 'tomorrow',
      placeCodes: ['9260300001'],
      fields: {
        overline: 'سرای محلهٔ مینودر',
        title: 'کارگاه «گفت‌وگو با نوجوان» برای پدران و مادران مینودر برگزار می‌شود',
        lead: 'سرای محلهٔ مینودر دو کارگاه رایگان برای خانواده‌هایی برگزار می‌کند که می‌خواهند با فرزند نوجوان خود دربارهٔ دوستان، فضای مجازی و خطر مواد مخدر بهتر حرف بزنند.',
        body: [
          'کارگاه‌ها را مشاوران بهزیستی اداره می‌کنند و هر کدام دو ساعت است. در کارگاه نخست دربارهٔ نشانه‌های نگرانی در رفتار نوجوان و در کارگاه دوم دربارهٔ گفت‌وگوی بدون دعوا و قرار گذاشتن با او صحبت می‌شود.',
          '',
          'شرکت برای همهٔ خانواده‌های محله آزاد است و برای کودکان خردسال همراه، مربی در اتاق بازی حاضر است. این کارگاه‌ها بخشی از طرح پیشگیری از اعتیاد نوجوانان محله است که در فراخوان امسال ثبت شده است.',
        ].join('\n'),
        dateline: 'قزوین',
        tags: 'خانواده، نوجوانان، پیشگیری از اعتیاد',
        coverCaption: '',
      },
    },
  ];
  if (o.meeting) {
    const v = valuesFromMeeting(o.meeting);
    list.splice(2, 0, {
      when: 2,
      placeCodes: ['26'],
      meetingId: o.meeting.id,
      fields: { overline: v.overline, title: v.title, lead: v.lead, body: v.body, dateline: 'قزوین', tags: 'ستاد، مصوبات', coverCaption: '' },
    });
  }
  return list;
}

/** Stores the demo cover under a name made from its bytes, so seeding again writes nothing new. */
async function storeDemoCover(root: string): Promise<string> {
  const bytes = demoCoverPng();
  const key = `news/demo/${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
  const path = join(root, key);
  if (!existsSync(path)) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes, { mode: 0o640 });
  }
  return key;
}

/**
 * Seeds the demo articles not yet there (each once, by title); the meeting's article only once
 * a published meeting exists. Needs the demo editor; returns how many articles it added.
 */
export async function seedDemoNews(ctx: OpContext & { config: Pick<Config, 'DATABASE_URL'> }): Promise<number> {
  const user = await findUserByEmail(ctx.db, 'editor@mahalle.local');
  if (!user) return 0;
  const editor = { id: user.id, roles: await rolesOf(ctx.db, user.id) };
  const facts = await demoNewsFacts(ctx.db, demoRoundTitle);
  const existing = new Set(await demoArticleTitles(ctx.db));
  const root = uploadRoot(ctx.config);
  const now = ctx.clock.now().getTime();
  let added = 0;
  for (const a of demoArticles({ ballotHref: facts.round ? `/ballots/${facts.round.id}` : '/ballots', meeting: facts.meeting })) {
    if (existing.has(a.fields.title)) continue;
    const places: string[] = [];
    for (const code of a.placeCodes) {
      const p = await findPlaceByCode(ctx.db, code);
      if (p) places.push(String(p.id));
    }
    const tomorrow = a.when === 'tomorrow' ? { publishDate: formatJalaliNumeric(jalaliPartsOf(now + DAY)), publishTime: '09:00' } : { publishDate: '', publishTime: '' };
    const intent: ArticleIntent = a.when === 'tomorrow' ? 'schedule' : 'publish';
    const made = await createArticle(ctx, editor, {
      ...a.fields, ...tomorrow, cover: null, removeCover: false, plans: [], meetings: [], places,
      intent, meetingId: a.meetingId ?? null, uploadRoot: root, isDemo: true,
    });
    if (a.cover) await setArticleCover(ctx.db, made.id, { key: await storeDemoCover(root), type: 'image/png', caption: a.cover });
    if (typeof a.when === 'number') {
      // A few hours into the day, so the dates read naturally.
      const at = new Date(Math.floor((now - a.when * DAY) / 60_000) * 60_000 - 3 * 3600_000).toISOString();
      await backdateDemoArticle(ctx.db, made.id, at);
    }
    added++;
  }
  return added;
}
