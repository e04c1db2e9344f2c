// Table tests for the language phase (moderation.md §3.2 and §3.4): Persian accepted, Arabic,
// English, other scripts and Finglish rejected with a Persian explanation, short or mixed or
// unsure texts held (never rejected), a few Latin words inside Persian fine.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createContext } from '../context.ts';
import { finglishScore, isFinglish } from '../finglish.ts';
import { language } from './language.ts';

const run = (text: string) => {
  const r = language(createContext({ text, subject: null }));
  if (!r?.decision) return 'pass';
  return `${r.decision}:${r.reasons!.map((x) => `${x.code}${x.detail ? `/${x.detail}` : ''}`).join(',')}`;
};

describe('Persian is accepted', () => {
  const persian = [
    'عملکرد شهرداری در این طرح ضعیف بود و باید پاسخگو باشد',
    'عالی بود',
    'عالی',
    'خوب',
    'ممنون',
    'دمتون گرم',
    'نه',
    'امشب؟',
    'الان کی شروع میشه',
    'البته که موافقم',
    'خيلى خوب بود', // Persian typed with Arabic ي/ى
    'كتابخانه‌ي محله كتاب ندارد و بچه‌ها جايي براي مطالعه ندارند', // Arabic keyboard, long
    'این خبر fake news است', // a few Latin words
    'لطفا Wi-Fi رایگان در کتابخانه بگذارید',
    'سلام دوستان عزیز @ali_rezaei لطفا ببینید https://example.com',
    'نزار بفهمنت بزار تو شک بمونن', // colloquial, no Persian-only letter
    'وعلیکم السلام', // Arabic greeting typed on a Persian keyboard
    '\uFE8D\uFEDF\uFEA0\uFEE8\uFE94 ﺑﻨﮕﺮ ﮐﻪ ﻣﺸﺘﺎﻕ ﺗﻮﺍﻡ', // presentation forms (NFKC)
    'متأسفم که دیر شد',
    'گزارش #شفافیت را منتشر کنید #mahalle',
    'اللهم صل علی محمد و آل محمد', // a religious phrase typed on a Persian keyboard
  ];
  for (const text of persian) test(text, () => assert.equal(run(text), 'pass'));
});

describe('other languages are rejected with a Persian explanation', () => {
  const cases: [string, string][] = [
    ['هذا المشروع جيد جدا ونحن نشكركم على هذا العمل', 'rejected:not_persian/ar'],
    ['This project is great and I really like it', 'rejected:not_persian/en'],
    ['ممنون thank you very much for this great project', 'rejected:not_persian/en'], // one Persian word
    ['یہ منصوبہ بہت اچھا ہے اور ہم خوش ہیں', 'rejected:not_persian/ur'],
    ['ئەم پڕۆژەیە زۆر باشە و ئێمە دڵخۆشین', 'rejected:not_persian/ku'],
    ['Это очень хороший проект для нашего района', 'rejected:not_persian/ru'],
    ['salam, man ba in khabar kamelan movafegham', 'rejected:finglish'],
    ['kheili khoob bood merci az shoma ke peygiri kardid', 'rejected:finglish'],
  ];
  for (const [text, expected] of cases) {
    test(text, () => {
      assert.equal(run(text), expected);
      const r = language(createContext({ text, subject: null }))!;
      assert.match(r.reasons![0]!.message, /[\u0600-\u06FF]{3}/);
      assert.match(r.reasons![0]!.message, /فارسی/);
    });
  }
});

describe('short, mixed or unsure texts are held, never rejected', () => {
  const cases: [string, string][] = [
    ['ok', 'held:not_persian/unsure:short'],
    ['merci', 'held:finglish/unsure'],
    ['salam khoobi', 'held:finglish/unsure'],
    ['Привет', 'held:not_persian/unsure:short'],
    ['شكرا لكم', 'held:not_persian/unsure:ar'],
    ['ممنون از شما thank you so much', 'held:not_persian/unsure:mixed'],
    ['وەرە وەرە', 'held:not_persian/unsure:ku'],
    ['يا حبيبي', 'held:not_persian/unsure:ar'],
    ['ان شاء الله يا رب العالمين', 'rejected:not_persian/ar'], // long enough, Arabic keyboard, no Persian sign
  ];
  for (const [text, expected] of cases) test(text, () => assert.equal(run(text), expected));
});

test('no letters at all is left to the length phase', () => assert.equal(run('👍 ۱۲۳ !!!'), 'pass'));

describe('Finglish heuristic', () => {
  const cases: [string, boolean][] = [
    ['salam man ba in tarh movafegham', true],
    ['chera hanooz kar shoroo nashode', true],
    ['the park is very nice and clean', false],
    ['I like this project', false],
    ['mikhastam begam ke kheili mamnoon', true],
  ];
  for (const [text, expected] of cases) test(text, () => assert.equal(isFinglish(finglishScore(text.split(' '))), expected));
});
