import { jalaliToGregorianIso } from '../platform/persian/jalali.ts';
import type { PlanContent } from './plan-content.ts';

/** Demo plans written for this project: realistic in shape, illustrative in every figure. */
type DemoPlan = { agencyKey: string; placeNames: string[]; content: (year: number, placeIds: number[]) => PlanContent };

const d = (year: number, month: number, day: number) => jalaliToGregorianIso({ jy: year, jm: month, jd: day });
const line = (item: string, unit: string, unitCost: number, quantity: number) => ({ item, unit, unitCost, quantity, total: unitCost * quantity });
const sum = (lines: { total: number }[]) => lines.reduce((a, l) => a + l.total, 0);
const bands = (a: number, b: number, c: number, e: number, f: number) => ({ '0_11': a, '12_17': b, '18_29': c, '30_59': e, '60_PLUS': f });

function plan(p: Omit<PlanContent, 'requestedTotal'>): PlanContent {
  return { ...p, requestedTotal: sum(p.budgetLines) };
}

export const demoPlans: DemoPlan[] = [
  {
    agencyKey: 'welfare',
    placeNames: ['مینودر'],
    content: (year, placeIds) => {
      const budgetLines = [
        line('کارگاه مهارت‌های زندگی برای نوجوانان', 'جلسه', 18_000_000, 40),
        line('جلسات آموزشی خانواده‌ها', 'جلسه', 12_000_000, 20),
        line('مشاورهٔ فردی نوجوانان در معرض خطر', 'ساعت', 3_500_000, 300),
        line('هماهنگی و پایش محلی', 'ماه', 25_000_000, 6),
      ];
      return plan({
        title: 'پیشگیری از اعتیاد نوجوانان محلهٔ مینودر',
        summary: 'آموزش مهارت‌های زندگی و نه‌گفتن به نوجوانان ۱۲ تا ۱۷ سالهٔ محله، همراه با آموزش والدین و مشاورهٔ فردی برای نوجوانانی که مدرسه یا خانواده آنان را در معرض خطر می‌داند، با همکاری مدارس و شورایاری محله.',
        harms: ['ADDICTION'], interventionTypes: ['PREVENTION', 'EDUCATION_AWARENESS'],
        targetGroups: [
          { group: 'ADOLESCENTS', female: 180, male: 220, ageBands: bands(0, 400, 0, 0, 0) },
          { group: 'FAMILIES', female: 150, male: 90, ageBands: bands(0, 0, 40, 200, 0) },
        ],
        placeIds,
        evidence: [{ statement: 'نوجوانان ارجاع‌شده به مشاور مدرسه به دلیل مصرف دخانیات یا مواد', value: '۶۴ نفر', year: String(year - 1), source: 'گزارش مشاوران مدارس ناحیه (نمونه)' }],
        goal: 'کاهش گرایش نوجوانان محله به مصرف مواد',
        outcomes: ['افزایش مهارت نه‌گفتن و تصمیم‌گیری در نوجوانان شرکت‌کننده'],
        outputs: ['۴۰ جلسهٔ کارگاه مهارت‌های زندگی برگزار شد', '۳۰۰ ساعت مشاورهٔ فردی ارائه شد'],
        activities: ['شناسایی نوجوانان با کمک مدارس', 'برگزاری کارگاه‌ها', 'جلسات والدین', 'مشاورهٔ فردی'],
        indicators: [
          { level: 'outcome', statement: 'سهم شرکت‌کنندگانی که در پرسش‌نامهٔ مهارت نمرهٔ قبولی می‌گیرند', unit: 'درصد', baseline: 35, target: 70, period: 'پایان طرح', meansOfVerification: 'پرسش‌نامهٔ پیش و پس‌آزمون' },
          { level: 'output', statement: 'شمار نوجوانانی که دست‌کم ۸ جلسه شرکت کرده‌اند', unit: 'نفر', baseline: 0, target: 300, period: 'فصلی', meansOfVerification: 'فهرست حضور' },
        ],
        assumptions: 'مدارس محله برای معرفی نوجوانان و فضای کارگاه همکاری می‌کنند.',
        budgetLines, cofunding: [{ source: 'شهرداری منطقه (فضای برگزاری)', amount: 120_000_000 }],
        startDate: d(year, 10, 1), endDate: d(year, 12, 25),
        schedule: [{ activity: 'کارگاه‌ها', start: d(year, 10, 15), end: d(year, 12, 20) }],
        partners: [{ name: 'شورایاری محلهٔ مینودر', kind: 'local_council' }, { name: 'انجمن خیریهٔ نوجوانان (نمونه)', kind: 'ngo' }],
        participationPlan: 'نمایندگان والدین و نوجوانان در کمیتهٔ محلی طرح عضوند، زمان و موضوع کارگاه‌ها را با هم تعیین می‌کنند و هر فصل نتیجه را در نشست عمومی محله گزارش می‌دهند.',
        hasOverlap: false, overlapDescription: '',
      });
    },
  },
  {
    agencyKey: 'education',
    placeNames: ['پونک', 'بلاغی'],
    content: (year, placeIds) => {
      const budgetLines = [line('دورهٔ آموزش پیش از ازدواج', 'دوره', 45_000_000, 12), line('مشاورهٔ زوج‌های جوان', 'جلسه', 4_000_000, 200)];
      return plan({
        title: 'مشاورهٔ پیشگیری از طلاق برای زوج‌های جوان',
        summary: 'دوره‌های آموزش مهارت‌های ارتباطی و حل اختلاف برای زوج‌های جوان در سه سال نخست زندگی مشترک، همراه با مشاورهٔ رایگان در مدرسه‌های محله پس از ساعت درسی.',
        harms: ['DIVORCE'], interventionTypes: ['EDUCATION_AWARENESS', 'TIMELY_INTERVENTION'],
        targetGroups: [{ group: 'YOUNG_COUPLES', female: 120, male: 120, ageBands: bands(0, 0, 200, 40, 0) }],
        placeIds,
        evidence: [{ statement: 'درخواست‌های طلاق زوج‌های زیر سه سال زندگی مشترک در ناحیه', value: '۱۱۲ پرونده', year: String(year - 1), source: 'آمار شورای حل اختلاف شهرستان (نمونه)' }],
        goal: 'پایداری بیشتر خانواده‌های تازه‌تشکیل',
        outcomes: ['بهبود مهارت حل اختلاف زوج‌های شرکت‌کننده'],
        outputs: ['۱۲ دورهٔ آموزشی', '۲۰۰ جلسهٔ مشاوره'],
        activities: ['اطلاع‌رسانی در محله', 'برگزاری دوره‌ها', 'مشاوره'],
        indicators: [
          { level: 'outcome', statement: 'رضایت زوجین از حل اختلاف پس از دوره', unit: 'درصد', baseline: 40, target: 65, period: 'پایان طرح', meansOfVerification: 'پرسش‌نامهٔ استاندارد' },
          { level: 'output', statement: 'زوج‌های آموزش‌دیده', unit: 'زوج', baseline: 0, target: 120, period: 'ماهانه', meansOfVerification: 'گواهی پایان دوره' },
        ],
        assumptions: 'زوج‌ها زمان شرکت در دوره‌های عصرگاهی را دارند.',
        budgetLines, cofunding: [],
        startDate: d(year, 10, 10), endDate: d(year, 12, 28),
        schedule: [], partners: [{ name: 'دانشکدهٔ علوم تربیتی (نمونه)', kind: 'university' }],
        participationPlan: 'زوج‌هایی که دوره را گذرانده‌اند به‌عنوان همیار در دوره‌های بعدی تجربهٔ خود را بازگو می‌کنند و در ارزیابی پایانی شرکت دارند.',
        hasOverlap: true, overlapDescription: 'بهزیستی نیز مشاورهٔ خانواده دارد؛ این طرح فقط زوج‌های سه سال نخست را پوشش می‌دهد و ارجاع‌ها هماهنگ می‌شود.',
      });
    },
  },
  {
    agencyKey: 'relief',
    placeNames: ['پونک'],
    content: (year, placeIds) => {
      const budgetLines = [line('آموزش فنی کوتاه‌مدت', 'نفر', 15_000_000, 60), line('سرمایهٔ خرد راه‌اندازی کسب‌وکار', 'نفر', 60_000_000, 40)];
      return plan({
        title: 'توانمندسازی اقتصادی زنان سرپرست خانوار پونک',
        summary: 'آموزش مهارت شغلی، همراهی در راه‌اندازی کسب‌وکار خانگی و سرمایهٔ خرد برای زنان سرپرست خانوار محلهٔ پونک، با نگهداری از کودکان در ساعت‌های آموزش.',
        harms: ['FEMALE_HEADED_HOUSEHOLD', 'POVERTY_UNEMPLOYMENT'], interventionTypes: ['LIVELIHOOD', 'SOCIAL_SUPPORT'],
        targetGroups: [
          { group: 'WOMEN_HEADS_OF_HOUSEHOLD', female: 60, male: 0, ageBands: bands(0, 0, 15, 42, 3) },
          { group: 'CHILDREN', female: 45, male: 50, ageBands: bands(95, 0, 0, 0, 0) },
        ],
        placeIds,
        evidence: [{ statement: 'زنان سرپرست خانوار تحت پوشش بدون درآمد پایدار', value: '۱۴۰ نفر', year: String(year - 1), source: 'پروندهٔ مددجویان کمیته امداد (نمونه)' }],
        goal: 'درآمد پایدار برای خانوارهای زن‌سرپرست',
        outcomes: ['راه‌اندازی کسب‌وکار فعال توسط شرکت‌کنندگان'],
        outputs: ['۶۰ نفر آموزش‌دیده', '۴۰ کسب‌وکار خرد راه‌اندازی‌شده'],
        activities: ['گزینش شرکت‌کنندگان', 'آموزش', 'پرداخت سرمایهٔ خرد', 'همراهی شش‌ماهه'],
        indicators: [
          { level: 'outcome', statement: 'کسب‌وکارهای فعال شش ماه پس از راه‌اندازی', unit: 'کسب‌وکار', baseline: 0, target: 30, period: 'شش‌ماهه', meansOfVerification: 'بازدید میدانی' },
          { level: 'output', statement: 'گواهی مهارت صادرشده', unit: 'نفر', baseline: 0, target: 60, period: 'فصلی', meansOfVerification: 'گواهی فنی و حرفه‌ای' },
        ],
        assumptions: 'بازار محلی برای محصولات خانگی وجود دارد.',
        budgetLines, cofunding: [{ source: 'خیّران محله', amount: 300_000_000 }],
        startDate: d(year, 9, 20), endDate: d(year, 12, 29),
        schedule: [], partners: [{ name: 'آموزش فنی و حرفه‌ای استان', kind: 'other' }],
        participationPlan: 'شرکت‌کنندگان در گروه‌های همیار پنج‌نفره سازمان می‌یابند و خودشان دربارهٔ نوع آموزش و زمان‌بندی تصمیم می‌گیرند.',
        hasOverlap: false, overlapDescription: '',
      });
    },
  },
  {
    agencyKey: 'sports',
    placeNames: ['راه‌آهن'],
    content: (year, placeIds) => {
      const budgetLines = [line('مربی ورزش محله', 'ماه', 30_000_000, 6), line('تجهیزات ورزشی', 'بسته', 8_000_000, 20)];
      return plan({
        title: 'ورزش محله‌ای برای جوانان در معرض آسیب راه‌آهن',
        summary: 'برنامهٔ منظم فوتبال و ورزش‌های گروهی عصرگاهی در زمین محلهٔ راه‌آهن برای جوانان بیکار یا ترک تحصیل‌کرده، همراه با معرفی به دوره‌های مهارتی.',
        harms: ['DELINQUENCY', 'ADDICTION'], interventionTypes: ['PREVENTION'],
        targetGroups: [{ group: 'YOUTH', female: 40, male: 110, ageBands: bands(0, 30, 120, 0, 0) }],
        placeIds,
        evidence: [{ statement: 'جوانان بیکار ۱۸ تا ۲۹ سالهٔ محله', value: 'حدود ۲۵۰ نفر', year: String(year - 1), source: 'برآورد شورایاری محله (نمونه)' }],
        goal: 'پر کردن اوقات فراغت جوانان با فعالیت سالم',
        outcomes: ['کاهش حضور جوانان در پاتوق‌های پرخطر'],
        outputs: ['سه روز در هفته برنامهٔ ورزشی منظم'],
        activities: ['جذب مربی محلی', 'خرید تجهیزات', 'برگزاری لیگ محله'],
        indicators: [
          { level: 'outcome', statement: 'جوانان شرکت‌کننده‌ای که به دورهٔ مهارتی معرفی شدند', unit: 'نفر', baseline: 0, target: 40, period: 'پایان طرح', meansOfVerification: 'فهرست معرفی' },
          { level: 'output', statement: 'جلسه‌های ورزشی برگزارشده', unit: 'جلسه', baseline: 0, target: 70, period: 'ماهانه', meansOfVerification: 'دفتر مربی' },
        ],
        assumptions: 'زمین ورزشی محله در ساعت‌های عصر در دسترس است.',
        budgetLines, cofunding: [],
        startDate: d(year, 10, 1), endDate: d(year, 12, 29),
        schedule: [], partners: [{ name: 'هیئت فوتبال شهرستان', kind: 'other' }],
        participationPlan: 'جوانان محله کاپیتان تیم‌ها را خودشان برمی‌گزینند و شورای جوانان محله برنامهٔ لیگ را تنظیم می‌کند.',
        hasOverlap: false, overlapDescription: '',
      });
    },
  },
];
