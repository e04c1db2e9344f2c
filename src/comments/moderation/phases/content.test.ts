// Table tests for the content phases: banned-words.ts (obscenity → rejected), insult.ts (insult
// words and classifier score → held), defamation.ts (insult or accusation aimed at a person or an
// organisation → always held; spans point into the original text) and relevance.ts with
// tfidf.ts (TF-IDF cosine of comment vs subject). One file for several phases keeps `npm test`
// fast (each test file is a process).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { train, type Model } from '../classifier.ts';
import { createContext } from '../context.ts';
import { buildIdf, cosine, stem, termsOf, vectorOf } from '../tfidf.ts';
import type { ModerationSubject, PhaseResult } from '../types.ts';
import { bannedWords } from './banned-words.ts';
import { defamation } from './defamation.ts';
import { insult } from './insult.ts';
import { relevance } from './relevance.ts';

const ZWNJ = '\u200C';
const subject: ModerationSubject = { title: 'بازسازی سرای محله', body: 'با نظارت مدیرکل امور اجتماعی', names: ['حسین کریمی'] };
const highlighted = (text: string, r: PhaseResult | undefined) => (r?.reasons ?? []).flatMap((x) => (x.spans ?? []).map((s) => text.slice(s.start, s.end)));

describe('banned words (obscenity → rejected)', () => {
  const cases: [string, string, string[]][] = [
    ['plain', 'کیرم تو این طرح', ['کیرم']],
    ['Arabic kaf and yeh', 'كيري', ['كيري']],
    ['stretched and tatweel', 'جـــندههههه', ['جـــندههههه']],
    ['ZWNJ variant of a compound', `کس${ZWNJ}کش`, [`کس${ZWNJ}کش`]],
    ['joined variant of a compound', 'کسکش', ['کسکش']],
    ['dotted', 'ج.ن.د.ه', ['ج.ن.د.ه']],
    ['inside a sentence with punctuation', 'برو، جاکش!', ['جاکش']],
  ];
  for (const [name, text, spans] of cases) {
    test(name, () => {
      const r = bannedWords(createContext({ text, subject: null }));
      assert.equal(r?.decision, 'rejected');
      assert.equal(r?.reasons?.[0]?.code, 'banned_word');
      assert.deepEqual(highlighted(text, r), spans);
    });
  }
  const clean = ['هیچ‌کس نیامد', 'کسب و کار', 'اکنون', 'سگ‌های ولگرد', 'گاوداری', 'کسانی که معتادند درمان شوند'];
  for (const text of clean) test(`passes: ${text}`, () => assert.equal(bannedWords(createContext({ text, subject: null })), undefined));
});

// A toy model: anything with «زشت» is offensive.
const toy: Model = train(
  [
    ...['این زشت است', 'خیلی زشتی', 'زشت و بد', 'آدم زشت'].map((text) => ({ text, label: 1 as const })),
    ...['این خوب است', 'خیلی خوبی', 'خوب و عالی', 'آدم خوب'].map((text) => ({ text, label: 0 as const })),
  ],
  { minCount: 1, epochs: 50, l2: 0 },
);

describe('insult words and classifier (→ held)', () => {
  const cases: [string, string, Model | null, Record<string, number>, string][] = [
    ['listed insult', 'تو احمقی', null, {}, 'held:insult/word_list'],
    ['listed insult with inflection', `بی${ZWNJ}شعورها`, null, {}, 'held:insult/word_list'],
    ['no insult, no model', 'طرح خوبی است', null, {}, 'pass'],
    ['classifier over the threshold', 'خیلی زشت', toy, { classifierThreshold: 0.6 }, 'held:insult/classifier'],
    ['classifier under the threshold', 'خیلی خوب', toy, { classifierThreshold: 0.6 }, 'pass'],
    ['threshold 1 disables holding by score', 'خیلی زشت', toy, { classifierThreshold: 1.01 }, 'pass'],
  ];
  for (const [name, text, model, config, expected] of cases) {
    test(name, () => {
      const r = insult(createContext({ text, subject: null }, config, model));
      const got = r?.decision ? `${r.decision}:${r.reasons!.map((x) => `${x.code}/${x.detail}`).join(',')}` : 'pass';
      assert.equal(got, expected);
      if (model) assert.equal(typeof r?.scores?.offensive, 'number', 'the score is always kept');
    });
  }
  test('the model recommended threshold is used when the config sets none', () => {
    const strict = { ...toy, threshold: 0.0001 };
    assert.equal(insult(createContext({ text: 'خیلی خوب', subject: null }, {}, strict))?.decision, 'held');
  });
});

describe('defamation proxy (→ always held)', () => {
  const cases: [string, string, string[] | null][] = [
    // [case, text, highlighted spans or null when it passes]
    ['accusation aimed at a role', 'شهردار دزد است', ['شهردار', 'دزد']],
    ['accusation aimed at an organisation', 'شهرداری فاسد است', ['شهرداری', 'فاسد']],
    ['insult aimed at a title', 'آقای مدیر احمق است', ['آقای', 'مدیر', 'احمق']],
    ['accusation before the target', 'اختلاس‌گرهای اداره‌ی آب', ['اختلاس‌گرهای', 'اداره‌ی']],
    ['a name given by the subject', 'کریمی دروغگو است', ['کریمی', 'دروغگو']],
    ['the full name', 'حسین کریمی رشوه‌گیر است', ['حسین کریمی', 'رشوه‌گیر']],
    ['Arabic letters and stretched letters', 'مسئولين دزددددد', ['مسئولين', 'دزددددد']],
    ['plural colloquial', 'مسئولا همه دزدن', ['مسئولا', 'دزدن']],
    ['criticism of an agency is not defamation', 'عملکرد شهرداری در این طرح ضعیف بود و باید پاسخگو باشد', null],
    ['criticism of an official', 'مدیرکل باید درباره‌ی تأخیر توضیح بدهد و استعفا کند', null],
    ['accusation without a target', 'دزدی در محله زیاد شده', null],
    ['theft as a topic near the police (a false hold the human queue absorbs)', 'پلیس باید جلوی دزدها را بگیرد', ['پلیس', 'دزدها']],
    ['target and accusation in different sentences', 'شهرداری کار کرد. دزدها هم گرفتار شدند.', null],
    ['too far apart', 'شهرداری امسال بعد از ماه‌ها تأخیر بالاخره کار را شروع کرد و مردم محله گفتند که دزد', null],
  ];
  for (const [name, text, spans] of cases) {
    test(name, () => {
      const r = defamation(createContext({ text, subject }));
      if (spans === null) assert.equal(r, undefined);
      else {
        assert.equal(r?.decision, 'held');
        assert.equal(r?.reasons?.[0]?.code, 'defamation');
        assert.deepEqual(highlighted(text, r), spans);
        assert.match(r!.reasons![0]!.message, /نقد/);
      }
    });
  }
  test('classifier score over the threshold with a named target is held as defamation', () => {
    const r = defamation(createContext({ text: 'شهرداری زشت', subject: null }, { classifierThreshold: 0.6 }, toy));
    assert.equal(r?.reasons?.[0]?.detail, 'classifier');
  });
  test('window is configurable', () => {
    // three words between شهردار and دزد
    assert.equal(defamation(createContext({ text: 'شهردار هم مثل بقیه دزد', subject: null }, { defamationWindow: 2 })), undefined);
    assert.equal(defamation(createContext({ text: 'شهردار هم مثل بقیه دزد', subject: null }, { defamationWindow: 3 }))?.decision, 'held');
  });
});

const playground: ModerationSubject = {
  title: 'ساخت زمین بازی کودکان در محلهٔ جعفرآباد',
  body: 'شهرداری منطقه با مشارکت شورای محله یک زمین بازی با وسایل ایمن و کفپوش لاستیکی برای کودکان می‌سازد. هزینهٔ طرح ۲ میلیارد ریال است.',
};
const addiction: ModerationSubject = {
  title: 'پیشگیری از اعتیاد نوجوانان در مدارس',
  body: 'ادارهٔ بهزیستی کارگاه‌های مهارت زندگی و مشاورهٔ خانواده را برای نوجوانان در سه مدرسه اجرا می‌کند.',
};
const idf = buildIdf([playground, addiction].map((s) => `${s.title}\n${s.body}`));

const decide = (text: string, subject: ModerationSubject | null = playground, withIdf = true) => {
  const r = relevance(createContext({ text, subject, ...(withIdf ? { idf } : {}) }));
  return r?.decision ?? 'pass';
};

describe('relevance', () => {
  const onTopic = [
    'عالی بود',
    'دست مریزاد',
    'ممنون از شهرداری',
    'کفپوش لاستیکی خیلی مهم است چون بچه‌ها روی آسفالت زمین می‌خورند و آسیب می‌بینند، لطفا کیفیت را جدی بگیرید',
    'دو میلیارد ریال برای یک زمین بازی کوچک زیاد است، لطفا ریز هزینه‌ها را منتشر کنید و بگویید پیمانکار چه کسی است',
    'شورای محله باید نظر مادرها را هم بپرسد که وسایل بازی برای کودکان کم‌سن مناسب باشد و سایه‌بان هم داشته باشد',
  ];
  for (const text of onTopic) test(`kept: ${text.slice(0, 40)}`, () => assert.equal(decide(text), 'pass'));

  const offTopic = [
    'دیروز تیم فوتبال استقلال در دربی خیلی ضعیف ظاهر شد و داور هم چند اشتباه بزرگ داشت که باعث شد نتیجه عوض شود و هواداران عصبانی شدند',
    'من یک گوشی سامسونگ دست دوم می‌فروشم با قیمت مناسب، باتری سالم و صفحه بدون خط و خش، هر کس خواست پیام بدهد',
    'قیمت دلار امروز دوباره بالا رفت و بازار طلا و سکه هم شلوغ شد، به نظرم بهتر است سرمایه‌گذاری در بورس را فعلا کنار بگذارید',
  ];
  for (const text of offTopic) {
    test(`held: ${text.slice(0, 40)}`, () => {
      const r = relevance(createContext({ text, subject: playground, idf }))!;
      assert.equal(r.decision, 'held');
      assert.equal(r.reasons![0]!.code, 'off_topic');
      assert.match(r.reasons![0]!.message, /موضوع/);
      assert.ok(r.scores!.relevance! < 0.04);
    });
  }
  test('no subject: relevance is not judged', () => assert.equal(relevance(createContext({ text: 'هر چیزی', subject: null })), undefined));
  test('works without an IDF table (plain TF)', () => assert.equal(decide(offTopic[0]!, playground, false), 'held'));
  test('the same long comment is relevant to its own subject', () => {
    const text = 'کارگاه‌های مهارت زندگی برای نوجوانان خوب است ولی مشاوره‌ی خانواده بدون حضور پدر و مادرها اثری ندارد و باید عصرها برگزار شود';
    assert.equal(decide(text, addiction), 'pass');
    assert.equal(decide(text, playground), 'held');
  });
  test('thresholds are configurable', () => {
    const r = relevance(createContext({ text: offTopic[0]!, subject: playground, idf }, { relevanceMinTokens: 100 }));
    assert.equal(r?.decision, undefined);
  });
});

describe('tfidf', () => {
  test('terms drop stop words and stem plurals', () => {
    assert.deepEqual(termsOf('کودکان در پارک‌ها و زمین‌های بازی'), ['کودک', 'پارک', 'زمین', 'باز']); // ی stripped on both sides
    assert.equal(stem('کتاب‌ها'.replace('\u200C', '')), 'کتاب');
    assert.equal(stem('جوان'), 'جوان', 'too short to strip');
  });
  test('idf table counts documents', () => {
    const t = buildIdf(['پارک کودک', 'پارک نوجوان', 'مدرسه']);
    assert.equal(t.docs, 3);
    assert.equal(t.df['پارک'], 2);
  });
  test('cosine is 1 for the same text, 0 for disjoint, symmetric', () => {
    const a = vectorOf([{ terms: termsOf('زمین بازی کودکان'), weight: 1 }]);
    const b = vectorOf([{ terms: termsOf('قیمت دلار'), weight: 1 }]);
    assert.ok(Math.abs(cosine(a, a) - 1) < 1e-9);
    assert.equal(cosine(a, b), 0);
    const c = vectorOf([{ terms: termsOf('زمین فوتبال'), weight: 1 }]);
    assert.equal(cosine(a, c), cosine(c, a));
  });
});
