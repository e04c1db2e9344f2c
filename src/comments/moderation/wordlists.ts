// Word lists written for Mahalle (not taken from any dataset or published list).
//
// They are deliberately modest. A word belongs here only when, standing alone as a whole word,
// it is offensive in nearly every sentence a resident would write under a plan or a news item.
// Words that are ordinary in civic talk are left to the classifier and to moderators, e.g.
// سگ and گاو (stray dogs, livestock plans), آشغال (rubbish collection), حیوان, وحشی,
// روانی (mental health), عقب‌مانده (deprived areas), بی‌سواد (literacy classes), گدا (begging
// is one of the programme's harms), کس (person: هیچ‌کس), فاحشه is listed as an insult only.
//
// Entries are folded like texts (text.ts): write them in plain Persian; Arabic letter forms,
// harakat, ZWNJ, stretched letters and dots/spaces inside the word are handled by the matcher.
// Folding collapses doubled letters on both sides, so an entry whose folded form is an ordinary
// word must not be listed (ممه → مه, تخمم → تخم, پشمم → پشم); matcher.test.ts checks this.
// A space inside an entry allows a space, a ZWNJ or nothing there (بی شرف = بی‌شرف = بیشرف).

import type { WordEntry } from './matcher.ts';

/** Plural and possessive/predicative endings of nouns and adjectives. */
export const NOMINAL_SUFFIXES = [
  'ها', 'های', 'هایی', 'هاتون', 'هاشون', 'ان', 'ا', 'ای', 'ی', 'یه', 'ه', 'ت', 'ش', 'م',
  'تان', 'شان', 'مان', 'تون', 'شون', 'مون', 'تر', 'ترین', 'ید', 'ین', 'اید', 'این', 'ند',
  'مو', 'تو', 'شو', 'رو', 'ام', 'اش', 'ات',
] as const;
/** Accusations also take the colloquial copula ن (دزدن = they are thieves). */
export const ACCUSATION_SUFFIXES = [...NOMINAL_SUFFIXES, 'ن'] as const;
/** Only plural endings (for words whose short endings collide with verbs or other words). */
export const PLURAL_SUFFIXES = ['ها', 'های', 'هایی', 'ان'] as const;

const nominal = (...words: string[]): WordEntry[] => words.map((word) => ({ word, suffixes: NOMINAL_SUFFIXES }));
const plural = (...words: string[]): WordEntry[] => words.map((word) => ({ word, suffixes: PLURAL_SUFFIXES }));
const exact = (...words: string[]): WordEntry[] => words.map((word) => ({ word, suffixes: [] }));
const accused = (...words: string[]): WordEntry[] => words.map((word) => ({ word, suffixes: ACCUSATION_SUFFIXES }));

/** Obscenity: sexual and scatological abuse. A hit rejects the comment (`banned_word`). */
export const obscenityWords: readonly WordEntry[] = [
  ...nominal('کیر', 'کون', 'جنده', 'جاکش', 'قرمساق', 'دیوث', 'دیوس', 'لاشی', 'قحبه', 'کس کش', 'کس خل', 'کس مغز'),
  ...nominal('کس شعر', 'کس ننه', 'خار کسه', 'خار کصه', 'مادر جنده', 'کیر خر', 'جنده خانه', 'ولد زنا'),
  ...exact('گاییدم', 'گاییدی', 'گاییده', 'گاییدن', 'گاییدمت', 'گاییدند', 'بگام', 'میگام', 'می گام', 'بگا', 'بگاد'),
  ...exact('کسکش', 'کصکش', 'کص کش', 'کص شعر', 'کیرم', 'کیری', 'کونی', 'جندگی'),
  ...nominal('کص خل', 'کص مغز', 'کص ننه', 'کس شر', 'کص شر', 'کس لیس', 'کص لیس', 'کون لق', 'کون گشاد', 'کونده'),
  ...nominal('مادر قحبه', 'ننه جنده', 'خوار کسه', 'خوار کصده', 'خار کسده', 'ولد الزنا', 'جنده باز', 'جقی', 'خایه مال'),
  ...exact('میگامت', 'بگامت', 'گاییدمتون', 'گاییدیم', 'گاییدین', 'بگامش', 'میگامش'),
  // vulgar slang, including transliterated English
  ...nominal('کص', 'کص دست', 'فاک', 'فاکینگ', 'جق', 'جق زدن'),
  ...exact('بگایی', 'به گا', 'کردمت', 'کردیمت', 'بکنمت', 'ساک زدن', 'ساک بزن', 'ساک میزنه'),
];

/** Insults: held for a moderator (`insult`), and part of the defamation proxy. */
export const insultWords: readonly WordEntry[] = [
  ...nominal('احمق', 'احمغ', 'ابله', 'کودن', 'الاغ', 'بی شعور', 'بیشور', 'بی شرف', 'بی ناموس', 'بی همه چیز'),
  ...nominal('بی غیرت', 'بی پدر', 'بی پدر و مادر', 'پدر سوخته', 'پدر سگ', 'سگ پدر', 'توله سگ', 'تخم سگ'),
  ...nominal('عوضی', 'کثافت', 'کصافت', 'پست فطرت', 'رذل', 'پفیوز', 'نکبت', 'مرتیکه', 'زنیکه', 'یابو', 'الدنگ'),
  ...nominal('هالو', 'گاگول', 'خنگ', 'اسکل', 'اوسکول', 'چلغوز', 'بوزینه', 'کله پوک', 'کله خر', 'حرامزاده'),
  ...nominal('حروم زاده', 'حرومی', 'زنازاده', 'فاحشه', 'پتیاره', 'سگ صفت', 'تخمی', 'گوه خور'),
  ...plural('نفهم'),
  ...exact('خر', 'خرها', 'خری', 'خره', 'گوه', 'گوهی', 'ریدم', 'ریدی', 'ریده', 'ریدن', 'ریدین', 'ریدید'),
  ...exact('خفه شو', 'خفه شید', 'خفه خون', 'گمشو', 'گم شو', 'گمشید', 'زر نزن', 'زر مفت', 'گور پدرت', 'گور پدرش'),
  ...exact('خاک بر سرت', 'خاک بر سرتون', 'خاک تو سرت', 'خاک تو سرتون', 'خاک بر سرشون', 'خاک تو سرشون'),
  ...nominal('عنتر', 'اسکول', 'اسگل', 'سگ مصب', 'حروم لقمه', 'هرزه', 'لکاته', 'سلیطه', 'حشری', 'خایه'),
  ...nominal('لاشخور', 'بی ادب', 'بی مغز', 'مغز فندقی', 'حیف نون', 'پخمه', 'سیکتیر', 'ابنه ای', 'گوزو', 'بچه کونی'),
  ...exact('خواهرتو', 'مادرتو', 'ننتو', 'خارتو', 'ناموستو', 'گه خوردی', 'گه نخور', 'گه خوری', 'گه زیادی'),
  ...exact('شاشیدم', 'برینم', 'ریدمان'),
  // scatological and vulgar slang: held rather than rejected
  ...nominal('گوز', 'شاش', 'خایمال', 'اوسگل'),
  ...exact('عن', 'شت', 'پشمام', 'پشمامو', 'گوزیدم', 'گوزید', 'شاشید', 'شاشیدی'),
];

/**
 * Accusations of crimes or vices (thief, embezzler, corrupt, traitor, liar, bribe-taker…).
 * Alone they are ordinary words (دزدی در محله زیاد شده); aimed at a person or an
 * organisation they make the comment a possible defamation, always held for a human.
 */
export const accusationWords: readonly WordEntry[] = [
  ...accused('دزد', 'اختلاسگر', 'اختلاس گر', 'فاسد', 'خائن', 'دروغگو', 'دروغ گو', 'رشوه گیر', 'رشوه خوار'),
  ...accused('کلاهبردار', 'کلاه بردار', 'شیاد', 'حرام خوار', 'حروم خور', 'مفت خور', 'چپاولگر', 'غارتگر'),
  ...accused('رانت خوار', 'جاسوس', 'وطن فروش', 'جنایتکار', 'متقلب', 'خیانتکار', 'منافق', 'مزدور'),
  ...accused('جیره خوار', 'زالو', 'دزدسالار', 'حقه باز', 'کلاش', 'شارلاتان', 'دغل باز', 'فریبکار'),
  ...exact('اختلاس', 'اختلاس کرده', 'اختلاس کردند', 'رشوه', 'رشوه گرفته', 'رشوه گرفتند', 'رشوه میگیرن'),
  ...exact('فساد', 'دزدی کرده', 'دزدی کردند', 'دزدیده', 'دزدیدند', 'دزدیدن', 'خیانت کرده', 'خیانت کردند'),
  ...exact('دروغ میگه', 'دروغ میگن', 'دروغ می گوید', 'دروغ می گویند', 'دروغ گفته', 'دروغ گفتند', 'تقلب کرده'),
];

/** Titles and roles that point at a real person. */
export const personTitles: readonly WordEntry[] = [
  ...nominal('آقا', 'آقای', 'آقایون', 'خانم', 'خانوم', 'جناب', 'سرکار', 'دکتر', 'مهندس', 'حاج آقا', 'حاجی', 'حاج'),
  ...nominal('مدیر', 'مدیرکل', 'مدیر کل', 'معاون', 'استاندار', 'شهردار', 'فرماندار', 'بخشدار', 'دهیار', 'دهدار'),
  ...nominal('رئیس', 'رییس', 'وزیر', 'نماینده', 'نمایندگان', 'مسئول', 'مسئولین', 'مسوول', 'مسوولین', 'مسئولا'),
  ...nominal('کارمند', 'بازرس', 'قاضی', 'امام جمعه', 'رئیس جمهور', 'سرپرست', 'مدیرعامل', 'مدیر عامل', 'عضو شورا'),
  ...nominal('اعضای شورا', 'فرمانده', 'سردار', 'سرهنگ', 'استاد', 'مشاور', 'کارشناس'),
];

/** Organisations: legal persons in the sense of the comment rules. */
export const organisationWords: readonly WordEntry[] = [
  ...nominal('سازمان', 'اداره', 'اداره کل', 'شهرداری', 'استانداری', 'فرمانداری', 'بخشداری', 'دهیاری', 'بهزیستی'),
  ...nominal('کمیته امداد', 'وزارت', 'وزارتخانه', 'دولت', 'مجلس', 'شورا', 'شورای شهر', 'شورای محله', 'دادگستری'),
  ...nominal('دادستانی', 'بنیاد', 'شرکت', 'دانشگاه', 'بیمارستان', 'آموزش و پرورش', 'نیروی انتظامی', 'پلیس'),
  ...nominal('کلانتری', 'بانک', 'موسسه', 'مؤسسه', 'ستاد', 'دستگاه', 'هیئت', 'هیات', 'انجمن', 'خیریه', 'نهاد'),
  ...nominal('سپاه', 'بسیج', 'فرمانداری', 'اداره کار', 'تامین اجتماعی', 'تأمین اجتماعی', 'پیمانکار'),
];

/**
 * Short common Persian words written only with letters shared with Arabic; they let the
 * language phase accept a short comment such as «خوب بود» without a Persian-only letter.
 */
export const persianShortWords: ReadonlySet<string> = new Set([
  'خوب', 'بد', 'بود', 'است', 'هست', 'نیست', 'درود', 'ممنون', 'مرسی', 'سلام', 'عالی', 'احسنت', 'آفرین', 'دمت', 'دمتون',
  'گرم', 'نه', 'آره', 'بله', 'خیر', 'ما', 'شما', 'او', 'آنها', 'این', 'آن', 'را', 'رو', 'از', 'به', 'با', 'تا', 'برای', 'چرا',
  'چه', 'که', 'خودم', 'خودت', 'موافقم', 'مخالفم', 'موفق', 'باشید', 'بشه', 'شد', 'نشد', 'خواهد', 'دارد', 'ندارد', 'درست',
  'غلط', 'زود', 'دیر', 'ممنونم', 'متشکرم', 'مبارک', 'واقعا', 'دست', 'درد', 'نکنه', 'بسیار', 'عزیز', 'عزیزم', 'حتما',
]);
