import type { DemoAgencyKey } from '../agencies/demo-agencies.ts';
import { jalaliToGregorianIso } from '../platform/persian/jalali.ts';
import type { PlanContent } from '../plans/plan-content.ts';

/**
 * Small resident-track plans for the demo ballot round, written for this project: neighborhood-scale
 * work against social harms with mothers and children in mind, each by a different agency (the four
 * that already have demo plans, so the agencies that have submitted nothing stay as they were), each
 * under the three-reviewer amount. Every figure is illustrative.
 */
export type DemoBallotPlan = {
  agencyKey: DemoAgencyKey;
  /** Codes of demo neighborhoods and villages of Qazvin county (src/places/demo-places.ts). */
  placeCodes: string[];
  content: (year: number, placeIds: number[]) => PlanContent;
  /**
   * The two demo reviews: a digit 1–5 (or n for N/A) per criterion in rubric order
   * T1–T4, E1–E5, J1–J5; comments by criterion; the recommendation.
   */
  reviews: { expert: DemoReview; council: DemoReview };
  /** The secretariat's reasons for approving. */
  approval: string;
};

export type DemoReview = { scores: string; comments: Record<string, string>; recommendation: 'yes' | 'maybe'; comment: string };

const d = (year: number, month: number, day: number) => jalaliToGregorianIso({ jy: year, jm: month, jd: day });
const line = (item: string, unit: string, unitCost: number, quantity: number) => ({ item, unit, unitCost, quantity, total: unitCost * quantity });
const bands = (a: number, b: number, c: number, e: number, f: number) => ({ '0_11': a, '12_17': b, '18_29': c, '30_59': e, '60_PLUS': f });

function plan(p: Omit<PlanContent, 'requestedTotal'>): PlanContent {
  return { ...p, requestedTotal: p.budgetLines.reduce((a, l) => a + l.total, 0) };
}

export const demoBallotPlans: DemoBallotPlan[] = [
  {
    agencyKey: 'welfare',
    placeCodes: ['9260300004'],
    content: (year, placeIds) => plan({
      title: 'خانهٔ امن پس از مدرسه برای کودکان محلهٔ راه‌آهن',
      summary: 'کودکان دبستانی محلهٔ راه‌آهن که مادرشان تا عصر سر کار است، بعد از تعطیلی مدرسه ساعت‌ها در کوچه و کنار خیابان می‌مانند و برخی به دست‌فروشی کشیده می‌شوند. این طرح یکی از مدرسه‌های محله را از ساعت ۱۳ تا ۱۸ باز نگه می‌دارد: کمک به تکلیف مدرسه، بازی گروهی، میان‌وعدهٔ سالم و یک مددکار که کودکان در معرض کار یا ترک تحصیل را زود می‌شناسد و با خانواده گفت‌وگو می‌کند.',
      harms: ['CHILD_LABOUR', 'SCHOOL_DROPOUT'], interventionTypes: ['PREVENTION', 'SOCIAL_SUPPORT'],
      targetGroups: [
        { group: 'CHILDREN', female: 32, male: 28, ageBands: bands(60, 0, 0, 0, 0) },
        { group: 'MOTHERS', female: 45, male: 0, ageBands: bands(0, 0, 14, 31, 0) },
      ],
      placeIds,
      evidence: [
        { statement: 'دانش‌آموزان دبستانی محله که مادرشان شاغل یا سرپرست خانوار است و پس از مدرسه کسی در خانه ندارند', value: '۸۵ نفر', year: String(year - 1), source: 'پرسش‌نامهٔ اولیای دو دبستان محله (نمونه)' },
        { statement: 'کودکانی که در سال گذشته در چهارراه‌های اطراف محله در حال دست‌فروشی دیده شدند', value: '۱۲ نفر', year: String(year - 1), source: 'گزارش مددکاران اورژانس اجتماعی (نمونه)' },
      ],
      goal: 'کودکان محله بعد از مدرسه جای امن و سرگرمی سالم داشته باشند و از کار خیابانی دور بمانند',
      outcomes: ['کاهش ساعت‌هایی که کودکان شرکت‌کننده بی‌سرپرست در خیابان می‌گذرانند', 'بهتر شدن نمره‌های درسی کودکان شرکت‌کننده'],
      outputs: ['خانهٔ امن از دی تا پایان اسفند پنج روز در هفته باز است', '۶۰ کودک به‌طور منظم شرکت می‌کنند'],
      activities: ['گزینش کودکان با کمک مدرسه و شورایاری', 'به‌کارگیری دو مربی و یک مددکار', 'کمک به تکلیف و بازی گروهی', 'نشست ماهانه با مادران'],
      indicators: [
        { level: 'outcome', statement: 'کودکان شرکت‌کننده‌ای که در پایان طرح هیچ روزی در خیابان کار نکرده‌اند', unit: 'درصد', baseline: 80, target: 100, period: 'پایان طرح', meansOfVerification: 'پروندهٔ مددکاری و گزارش خانواده' },
        { level: 'output', statement: 'میانگین حضور روزانهٔ کودکان', unit: 'نفر', baseline: 0, target: 50, period: 'ماهانه', meansOfVerification: 'دفتر حضور' },
      ],
      assumptions: 'آموزش و پرورش ناحیه ساختمان مدرسه را در ساعت‌های عصر در اختیار طرح می‌گذارد.',
      budgetLines: [
        line('مربی و معلم همیار (دو نفر)', 'نفر-ماه', 110_000_000, 6),
        line('مددکار اجتماعی پاره‌وقت', 'ماه', 50_000_000, 3),
        line('میان‌وعدهٔ سالم کودکان', 'ماه', 40_000_000, 3),
        line('ایمن‌سازی کلاس و حیاط، لوازم آموزشی و بازی', 'بسته', 280_000_000, 1),
      ],
      cofunding: [{ source: 'ادارهٔ آموزش و پرورش ناحیه (ساختمان و نگهداری)', amount: 150_000_000 }],
      startDate: d(year, 10, 1), endDate: d(year, 12, 25),
      schedule: [{ activity: 'باز بودن خانهٔ امن', start: d(year, 10, 5), end: d(year, 12, 20) }],
      partners: [{ name: 'شورایاری محلهٔ راه‌آهن', kind: 'local_council' }, { name: 'انجمن اولیا و مربیان دبستان محله (نمونه)', kind: 'other' }],
      participationPlan: 'نمایندهٔ مادران در کمیتهٔ خانهٔ امن است؛ ساعت‌ها و برنامهٔ هفتگی با نظر آنان چیده می‌شود و مادران داوطلب هر هفته یک عصر در کنار مربیان حضور دارند.',
      hasOverlap: false, overlapDescription: '',
    }),
    reviews: {
      expert: {
        scores: '5444' + '43345' + '44334',
        comments: { E3: 'شاخص پیامد باید با شمار کودکان کار شناسایی‌شده در شروع طرح سنجیده شود.' },
        recommendation: 'yes', comment: 'نیاز روشن و کار در مقیاس محله است؛ مددکار طرح نقطهٔ قوت آن است.',
      },
      council: {
        scores: '4544' + '34344' + '43343',
        comments: { J4: 'پس از پایان اعتبار، ادامهٔ کار با کدام بودجه است؟' },
        recommendation: 'yes', comment: 'هزینه‌ها متناسب است؛ همکاری مدرسه باید کتبی شود.',
      },
    },
    approval: 'هر دو ارزیاب طرح را هدفمند و هزینه‌ها را متناسب دانسته‌اند؛ برای رأی‌گیری ساکنان تأیید می‌شود.',
  },
  {
    agencyKey: 'relief',
    placeCodes: ['9260300006'],
    content: (year, placeIds) => plan({
      title: 'گروه‌های همیاری مادران شهرک بعثت',
      summary: 'مادران کودکان زیر شش سال در شهرک بعثت، به‌ویژه در خانواده‌های کم‌درآمد، اغلب تازه به محله آمده‌اند و کسی را ندارند که با او از خستگی، افسردگی پس از زایمان یا تنش در خانه حرف بزنند. طرح هشت گروه دوازده‌نفره تشکیل می‌دهد که هر هفته در پایگاه سلامت محله با یک روان‌شناس دور هم می‌نشینند؛ مادران همیار آموزش می‌بینند تا گروه‌ها پس از طرح هم ادامه پیدا کنند، و در ساعت جلسه از کودکان نگهداری می‌شود.',
      harms: ['DOMESTIC_VIOLENCE', 'WOMEN_AT_RISK'], interventionTypes: ['SOCIAL_SUPPORT', 'TIMELY_INTERVENTION'],
      targetGroups: [
        { group: 'MOTHERS', female: 96, male: 0, ageBands: bands(0, 0, 41, 55, 0) },
        { group: 'CHILDREN', female: 38, male: 42, ageBands: bands(80, 0, 0, 0, 0) },
      ],
      placeIds,
      evidence: [{ statement: 'مادرانی که در غربالگری پس از زایمان پایگاه سلامت محله نمرهٔ افسردگی بالا داشتند', value: '۳۷ نفر از ۱۶۰ نفر', year: String(year - 1), source: 'دفتر غربالگری پایگاه سلامت شهرک بعثت (نمونه)' }],
      goal: 'مادران محله برای گذر از فشارهای روزهای نخست فرزندپروری پشتیبان و هم‌صحبت داشته باشند',
      outcomes: ['کاهش نشانه‌های افسردگی و تنش در مادران شرکت‌کننده', 'ارجاع به‌موقع مادرانی که در خانه در معرض خشونت‌اند'],
      outputs: ['۸۰ جلسهٔ گروهی برگزار شد', '۱۲ مادر همیار آموزش دیدند'],
      activities: ['فراخوان از راه پایگاه سلامت و مهدهای محله', 'تشکیل هشت گروه', 'آموزش مادران همیار', 'مشاورهٔ فردی برای ارجاع‌شدگان'],
      indicators: [
        { level: 'outcome', statement: 'شرکت‌کنندگانی که نمرهٔ افسردگی‌شان در پایان دوره به زیر حد برش رسیده است', unit: 'درصد', baseline: 0, target: 60, period: 'پایان هر دوره', meansOfVerification: 'پرسش‌نامهٔ استاندارد پیش و پس از دوره' },
        { level: 'output', statement: 'مادرانی که دست‌کم هفت جلسه از ده جلسهٔ گروه خود حضور داشته‌اند', unit: 'نفر', baseline: 0, target: 80, period: 'فصلی', meansOfVerification: 'فهرست حضور' },
      ],
      assumptions: 'پایگاه سلامت محله اتاق جلسه و اتاق بازی کودکان را در اختیار می‌گذارد.',
      budgetLines: [
        line('تسهیلگری روان‌شناس در جلسهٔ گروهی', 'جلسه', 9_000_000, 80),
        line('دورهٔ آموزش مادران همیار', 'دوره', 45_000_000, 2),
        line('مشاورهٔ فردی برای مادران ارجاع‌شده', 'ساعت', 3_000_000, 60),
        line('نگهداری از کودکان در ساعت جلسه', 'جلسه', 2_500_000, 80),
      ],
      cofunding: [],
      startDate: d(year, 10, 1), endDate: d(year, 12, 20),
      schedule: [{ activity: 'جلسه‌های گروهی', start: d(year, 10, 10), end: d(year, 12, 15) }],
      partners: [{ name: 'پایگاه سلامت شهرک بعثت', kind: 'other' }, { name: 'انجمن حمایت از مادران (نمونه)', kind: 'ngo' }],
      participationPlan: 'هر گروه موضوع جلسه‌های خود را انتخاب می‌کند؛ مادران همیار از میان خود شرکت‌کنندگان برگزیده می‌شوند و پس از طرح گردانندگی گروه‌ها را به عهده می‌گیرند.',
      hasOverlap: false, overlapDescription: '',
    }),
    reviews: {
      expert: {
        scores: '5543' + '4434n' + '44444',
        comments: {},
        recommendation: 'yes', comment: 'طراحی گروه‌ها و آموزش مادران همیار، ماندگاری کار را پس از طرح ممکن می‌کند.',
      },
      council: {
        scores: '4443' + '3334n' + '44353',
        comments: { E2: 'مسیر ارجاع به اورژانس اجتماعی در موارد خشونت را دقیق‌تر بنویسید.' },
        recommendation: 'yes', comment: 'ارزان و عملی؛ با مراکز سلامت دیگر هم قابل تکرار است.',
      },
    },
    approval: 'طرح با هزینهٔ کم گروه هدف مادران را مستقیم پوشش می‌دهد و میانگین هر سه بخش بالای حد قبولی است.',
  },
  {
    agencyKey: 'sports',
    placeCodes: ['9260300005'],
    content: (year, placeIds) => plan({
      title: 'روشنایی و زمین ورزش نوجوانان در بوستان نوروزیان',
      summary: 'بوستان محلهٔ نوروزیان پس از غروب تاریک می‌شود؛ مادران با بچه‌های کوچک دیگر به آن نمی‌آیند و گوشه‌های تاریکش پاتوق خرید و فروش مواد شده است. طرح بوستان را با چراغ‌های کم‌مصرف روشن می‌کند، زمین خاکی آن را به زمین چندمنظورهٔ والیبال و فوتسال تبدیل می‌کند و عصرها مربی ورزش برای دختران و پسران نوجوان، در روزهای جداگانه، می‌گذارد.',
      harms: ['ADDICTION', 'DELINQUENCY'], interventionTypes: ['PREVENTION'],
      targetGroups: [
        { group: 'ADOLESCENTS', female: 100, male: 150, ageBands: bands(0, 250, 0, 0, 0) },
        { group: 'MOTHERS', female: 80, male: 0, ageBands: bands(0, 0, 25, 55, 0) },
      ],
      placeIds,
      evidence: [
        { statement: 'تماس‌های ساکنان با پلیس دربارهٔ تجمع و مزاحمت در بوستان پس از غروب', value: '۲۶ تماس', year: String(year - 1), source: 'گزارش کلانتری محله به شورایاری (نمونه)' },
        { statement: 'پایه‌های روشنایی خاموش یا شکسته در بوستان', value: '۱۸ از ۲۴ پایه', year: String(year), source: 'بازدید کارشناس شهرداری منطقه (نمونه)' },
      ],
      goal: 'بوستان محله تا پاسی از شب برای نوجوانان و خانواده‌ها امن و پررفت‌وآمد باشد',
      outcomes: ['کاهش مزاحمت و خرید و فروش مواد در بوستان', 'حضور منظم نوجوانان در ورزش گروهی عصرگاهی'],
      outputs: ['۲۴ پایهٔ روشنایی نصب شد', 'یک زمین چندمنظوره ساخته شد', 'برنامهٔ ورزشی پنج عصر در هفته'],
      activities: ['نصب روشنایی', 'ساخت زمین چندمنظوره', 'به‌کارگیری دو مربی (دختران و پسران)', 'مسابقهٔ فصلی محله'],
      indicators: [
        { level: 'outcome', statement: 'تماس‌های ساکنان دربارهٔ مزاحمت در بوستان', unit: 'تماس در شش ماه', baseline: 13, target: 4, period: 'شش‌ماهه', meansOfVerification: 'گزارش کلانتری' },
        { level: 'output', statement: 'نوجوانانی که دست‌کم ماهی چهار بار در برنامهٔ ورزشی شرکت کرده‌اند', unit: 'نفر', baseline: 0, target: 120, period: 'ماهانه', meansOfVerification: 'دفتر مربیان' },
      ],
      assumptions: 'شهرداری منطقه هزینهٔ برق و نگهداری روشنایی را پس از طرح به عهده می‌گیرد.',
      budgetLines: [
        line('پایهٔ روشنایی کم‌مصرف با نصب', 'پایه', 65_000_000, 24),
        line('کف‌پوش، تور و دروازهٔ زمین چندمنظوره', 'مترمربع', 1_800_000, 420),
        line('مربی ورزش عصرگاهی (دختران و پسران)', 'نفر-ماه', 35_000_000, 4),
      ],
      cofunding: [{ source: 'شهرداری منطقه (برق و نگهداری)', amount: 200_000_000 }],
      startDate: d(year, 10, 1), endDate: d(year, 12, 28),
      schedule: [{ activity: 'نصب روشنایی و ساخت زمین', start: d(year, 10, 1), end: d(year, 10, 30) }, { activity: 'برنامهٔ ورزشی', start: d(year, 11, 1), end: d(year, 12, 28) }],
      partners: [{ name: 'شهرداری منطقه (روشنایی)', kind: 'other' }, { name: 'شورایاری محلهٔ نوروزیان', kind: 'local_council' }, { name: 'هیئت ورزش‌های همگانی شهرستان', kind: 'other' }],
      participationPlan: 'جای پایه‌ها را ساکنان در یک پیاده‌روی شبانه با کارشناس شهرداری تعیین می‌کنند؛ نوجوانان برنامهٔ هفتگی زمین را خودشان با مربیان می‌چینند.',
      hasOverlap: false, overlapDescription: '',
    }),
    reviews: {
      expert: {
        scores: '4344' + '33434' + '43434',
        comments: { E2: 'روشنایی به‌تنهایی کافی نیست؛ خوب است برنامهٔ ورزشی زودتر از پایان ساخت شروع شود.' },
        recommendation: 'yes', comment: 'پیشگیری محیطی ارزان و اثرگذاری است و شواهد نیاز از چند منبع آمده است.',
      },
      council: {
        scores: '4433' + '34334' + '44343',
        comments: { J3: 'سهم شهرداری در نگهداری باید در صورت‌جلسه بیاید.' },
        recommendation: 'maybe', comment: 'بخش بزرگی از هزینه عمرانی است؛ با این حال برای امنیت محله مفید است.',
      },
    },
    approval: 'روشنایی و ورزش عصرگاهی نیاز مستند محله است؛ تعهد شهرداری به نگهداری شرط اجراست.',
  },
  {
    agencyKey: 'education',
    placeCodes: ['9260390001'],
    content: (year, placeIds) => plan({
      title: 'گوشهٔ کتاب کودک و نوجوان در روستای الموت',
      summary: 'کودکان روستا تا نزدیک‌ترین کتابخانه یک ساعت راه دارند و بسیاری از دختران پس از دورهٔ ابتدایی درس را رها می‌کنند. طرح در یکی از کلاس‌های مدرسهٔ روستا یک گوشهٔ کتاب با چهارصد جلد کتاب کودک و نوجوان می‌سازد؛ یک کتابدار قصه‌گو از اهالی روستا هفته‌ای سه عصر آن را باز می‌کند و هر هفته یک نشست کتاب‌خوانی مادران برگزار می‌شود.',
      harms: ['SCHOOL_DROPOUT'], interventionTypes: ['EDUCATION_AWARENESS', 'PREVENTION'],
      targetGroups: [
        { group: 'CHILDREN', female: 48, male: 42, ageBands: bands(90, 0, 0, 0, 0) },
        { group: 'ADOLESCENTS', female: 24, male: 16, ageBands: bands(0, 40, 0, 0, 0) },
        { group: 'MOTHERS', female: 35, male: 0, ageBands: bands(0, 0, 12, 23, 0) },
      ],
      placeIds,
      evidence: [{ statement: 'دختران روستا که پس از پایهٔ ششم در دورهٔ متوسطه ثبت‌نام نکردند', value: '۹ نفر از ۲۲ نفر', year: String(year - 1), source: 'آمار مدرسهٔ روستا (نمونه)' }],
      goal: 'کتاب و خواندن بخشی از زندگی روزمرهٔ کودکان و مادران روستا شود',
      outcomes: ['ماندن بیشتر دختران روستا در مدرسه', 'عادت به کتاب‌خوانی در خانواده‌های شرکت‌کننده'],
      outputs: ['گوشهٔ کتاب با ۴۰۰ جلد کتاب راه‌اندازی شد', '۱۲ نشست کتاب‌خوانی مادران برگزار شد'],
      activities: ['خرید کتاب و قفسه', 'آموزش کتابدار محلی', 'قصه‌گویی هفتگی', 'نشست کتاب‌خوانی مادران'],
      indicators: [
        { level: 'outcome', statement: 'دختران پایهٔ ششم که در دورهٔ متوسطه ثبت‌نام می‌کنند', unit: 'درصد', baseline: 59, target: 80, period: 'سالانه', meansOfVerification: 'آمار ثبت‌نام مدرسه' },
        { level: 'output', statement: 'کتاب‌های امانت داده‌شده', unit: 'جلد در ماه', baseline: 0, target: 150, period: 'ماهانه', meansOfVerification: 'دفتر امانت' },
      ],
      assumptions: 'مدرسهٔ روستا یک کلاس را در ساعت‌های عصر در اختیار گوشهٔ کتاب می‌گذارد.',
      budgetLines: [
        line('قفسه و میز و صندلی کودک', 'دست', 120_000_000, 1),
        line('کتاب کودک و نوجوان', 'جلد', 1_500_000, 400),
        line('کتابدار قصه‌گوی پاره‌وقت', 'ماه', 40_000_000, 3),
        line('نشست کتاب‌خوانی مادران', 'جلسه', 4_000_000, 12),
      ],
      cofunding: [{ source: 'مدرسهٔ روستا (کلاس و برق)', amount: 30_000_000 }],
      startDate: d(year, 10, 1), endDate: d(year, 12, 25),
      schedule: [{ activity: 'راه‌اندازی گوشهٔ کتاب', start: d(year, 10, 1), end: d(year, 10, 30) }],
      partners: [{ name: 'دهیاری روستا', kind: 'local_council' }, { name: 'کانون پرورش فکری کودکان و نوجوانان', kind: 'other' }],
      participationPlan: 'فهرست کتاب‌ها را کودکان و مادران روستا از میان پیشنهاد کانون برمی‌گزینند و کتابدار از خود اهالی روستا انتخاب می‌شود.',
      hasOverlap: false, overlapDescription: '',
    }),
    reviews: {
      expert: {
        scores: '4444' + '3343n' + '54334',
        comments: {},
        recommendation: 'yes', comment: 'کم‌هزینه و متناسب با روستا؛ پیوند کتاب‌خوانی با ماندن دختران در مدرسه باید پایش شود.',
      },
      council: {
        scores: '4353' + '3334n' + '54443',
        comments: { E1: 'اثر بر ترک تحصیل را یک سال پس از طرح هم بسنجید.' },
        recommendation: 'yes', comment: 'طرح ساده‌ای است که اهالی خود ادامه‌اش می‌دهند.',
      },
    },
    approval: 'هزینهٔ اندک، مشارکت اهالی و تمرکز بر کودکان و مادران روستا؛ برای رأی‌گیری ساکنان تأیید می‌شود.',
  },
];
