import { findUserByEmail, insertUser, rolesOf } from '../accounts/accounts.repo.ts';
import type { Actor } from '../accounts/permissions.ts';
import { agencyIdsOfOfficer } from '../agencies/agencies.repo.ts';
import type { OpContext } from '../context.ts';
import { uploadRoot } from '../platform/files/store-upload.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import { editableStatuses } from '../plans/plan-lifecycle.ts';
import { plansOfAgencies } from '../plans/plans.repo.ts';
import type { Harm, TargetGroup } from '../taxonomy/codes.ts';
import type { Config } from '../config.ts';
import { citeNeeds } from './cite-needs.ts';
import { hasDemoNeeds, markNeedsDemo } from './needs.repo.ts';
import { postNeed } from './post-need.ts';
import { plansForNeed, setNeedStatus } from './set-need-status.ts';
import { supportNeed } from './support-need.ts';

/** The demo residents of the demo comments (seed-demo-comments.ts): no mobile, no password, no way to sign in. */
const demoResidents = [
  { email: 'resident1@mahalle.local', name: 'فاطمه محمدی (نمونه)' },
  { email: 'resident2@mahalle.local', name: 'حسین رحیمی (نمونه)' },
  { email: 'resident3@mahalle.local', name: 'لیلا کاظمی (نمونه)' },
];

type DemoNeed = {
  placeCode: string;
  author: 0 | 1 | 2;
  title: string;
  body: string;
  harms: Harm[];
  targets: TargetGroup[];
  supporters: (0 | 1 | 2)[];
  /** What the demo secretariat does with it. */
  then?: { status: 'acknowledged'; note: string } | { status: 'addressed'; note: string } | { citedBy: string };
};

// Written for Mahalle; the people, places and facts are illustrative.
const demoNeeds: DemoNeed[] = [
  {
    placeCode: '9260300001', author: 0, supporters: [1, 2],
    title: 'پاتوق شبانهٔ نوجوانان در پارک کوچک مینودر',
    body:
      'شب‌ها چند نوجوان در پارک کوچک پشت مدرسه جمع می‌شوند و به گفتهٔ همسایه‌ها سیگار و گاهی مواد دست‌به‌دست می‌شود. ' +
      'پارک روشنایی ندارد و برای نوجوانان محله در عصرها هیچ برنامه‌ای نیست.\n' +
      'کلاس ورزش یا مهارت زندگی در سرای محله و روشن کردن پارک کمک می‌کند.',
    harms: ['ADDICTION', 'DELINQUENCY'], targets: ['ADOLESCENTS', 'FAMILIES'],
    then: { status: 'addressed', note: 'طرح پیشگیری از اعتیاد نوجوانان این محله که در مرحلهٔ داوری است، به همین نیاز پاسخ می‌دهد.' },
  },
  {
    placeCode: '9260300002', author: 1, supporters: [0, 2],
    title: 'کارگاه مهارت‌آموزی برای زنان سرپرست خانوار پونک',
    body:
      'در کوچه‌های پایین پونک چند زن سرپرست خانوار با کارهای پراکنده خرج خانه را درمی‌آورند. ' +
      'اگر کارگاه خیاطی یا آشپزی با مهد کودک در همان ساعت برگزار شود، می‌توانند درآمد ثابتی پیدا کنند.',
    harms: ['FEMALE_HEADED_HOUSEHOLD', 'POVERTY_UNEMPLOYMENT'], targets: ['WOMEN_HEADS_OF_HOUSEHOLD', 'CHILDREN'],
    then: { status: 'acknowledged', note: 'این نیاز به دستگاه‌های مرتبط در فراخوان امسال اعلام شد.' },
  },
  {
    placeCode: '9260300004', author: 2, supporters: [0],
    title: 'زمین ورزشی امن برای جوانان راه‌آهن',
    body:
      'جوانان محله جایی برای ورزش ندارند و عصرها کنار خیابان وقت می‌گذرانند. ' +
      'زمین خاکی کنار ایستگاه اگر کفپوش و نور داشته باشد، هم ورزشگاه محله می‌شود و هم درگیری‌های شبانه کم می‌شود.',
    harms: ['DELINQUENCY', 'ADDICTION'], targets: ['YOUTH'],
    then: { citedBy: 'sports@mahalle.local' },
  },
  {
    placeCode: '9260300005', author: 0, supporters: [1],
    title: 'کودکان کار سر چهارراه نوروزیان',
    body:
      'چند کودک هر روز سر چهارراه گل و دستمال می‌فروشند و به مدرسه نمی‌روند. ' +
      'خانواده‌هایشان به کمک معیشتی و بچه‌ها به کلاس جبرانی و همراهی مددکار نیاز دارند.',
    harms: ['CHILD_LABOUR', 'SCHOOL_DROPOUT'], targets: ['CHILDREN', 'FAMILIES'],
  },
  {
    placeCode: '9260390001', author: 1, supporters: [2],
    title: 'مشاورهٔ خانواده در خانهٔ بهداشت روستا',
    body:
      'برای مشاورهٔ خانواده باید تا شهر رفت و بیشتر زوج‌ها نمی‌روند. ' +
      'اگر مشاوری هفته‌ای یک روز به خانهٔ بهداشت روستا بیاید، بسیاری از اختلاف‌ها پیش از جدایی حل می‌شود.',
    harms: ['DIVORCE', 'DOMESTIC_VIOLENCE'], targets: ['YOUNG_COUPLES', 'FAMILIES'],
  },
];

/**
 * Demo needs on the demo neighborhoods and a village, posted, supported, answered and cited
 * through the real operations (one acknowledged, one addressed by a public demo plan, one cited by
 * a plan its agency may still edit), then marked is_demo. Skipped when demo needs exist already.
 */
export async function seedDemoNeeds(ctx: OpContext & { config: Pick<Config, 'DATABASE_URL' | 'MODERATION_MODEL'> }): Promise<number> {
  if (await hasDemoNeeds(ctx.db)) return 0;
  const now = ctx.clock.now().toISOString();
  const residents: Actor[] = [];
  for (const r of demoResidents) {
    const id = (await findUserByEmail(ctx.db, r.email))?.id ?? (await insertUser(ctx.db, { email: r.email, name: r.name, now }));
    residents.push({ id, roles: ['citizen'] });
  }
  const staff = async (email: string): Promise<Actor | null> => {
    const u = await findUserByEmail(ctx.db, email);
    return u ? { id: u.id, roles: await rolesOf(ctx.db, u.id), agencyIds: await agencyIdsOfOfficer(ctx.db, u.id) } : null;
  };
  const secretary = await staff('secretary@mahalle.local');
  const ids: number[] = [];
  for (const d of demoNeeds) {
    const place = await findPlaceByCode(ctx.db, d.placeCode);
    if (!place) continue;
    const { id } = await postNeed(ctx, residents[d.author]!, {
      placeId: String(place.id), title: d.title, body: d.body, harms: d.harms, targets: d.targets, photo: null, uploadRoot: uploadRoot(ctx.config),
    });
    ids.push(id);
    for (const s of d.supporters) await supportNeed(ctx, residents[s]!, id);
    const then = d.then;
    if (!then) continue;
    if ('status' in then && secretary) {
      const plans = then.status === 'addressed' ? (await plansForNeed(ctx, place.id)).slice(0, 1).map((p) => String(p.id)) : [];
      if (then.status === 'addressed' && plans.length === 0) continue;
      await setNeedStatus(ctx, secretary, id, { status: then.status, note: then.note, planIds: plans });
    } else if ('citedBy' in then) {
      const officer = await staff(then.citedBy);
      const plan = officer && (await plansOfAgencies(ctx.db, officer.agencyIds ?? [], { limit: 20, offset: 0 })).find((p) => editableStatuses.includes(p.status));
      if (officer && plan) await citeNeeds(ctx, officer, plan.id, [String(id)]);
    }
  }
  await markNeedsDemo(ctx.db, ids);
  return ids.length;
}
