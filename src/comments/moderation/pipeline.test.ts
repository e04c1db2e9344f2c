// Pipeline tests (Coral pipeline.spec style): order, stop on rejection, accumulation of held
// reasons, the most severe decision wins, scores merge; end-to-end cases with the shipped model.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createContext } from './context.ts';
import { cleanHoldout } from './data/clean-holdout.ts';
import { moderate, phases, runPhases, type NamedPhase } from './pipeline.ts';
import { buildIdf } from './tfidf.ts';
import { reasonCodes, type ModerationInput, type ModerationSubject } from './types.ts';

const subject: ModerationSubject = {
  title: 'بازسازی سرای محله و کتابخانهٔ عمومی',
  body: 'سرای محله با اعتبار شهرداری بازسازی می‌شود و کتابخانه و اتاق مشاوره دارد. مدیرکل امور اجتماعی بر اجرا نظارت دارد.',
  names: ['حسین کریمی'],
};
const trusted = { approvedCount: 10, recentCount: 0, recentTexts: [] };
const verdict = (text: string, over: Partial<ModerationInput> = {}) => moderate({ text, subject, ...over });
const codes = (text: string, over: Partial<ModerationInput> = {}) => {
  const v = verdict(text, over);
  return `${v.decision}:${v.reasons.map((r) => r.code).join(',')}`;
};

describe('composition', () => {
  test('phases run in DESIGN.md order', () => {
    assert.deepEqual(
      phases.map((p) => p.name),
      ['length', 'captcha', 'normalize', 'reply', 'language', 'banned_words', 'insult', 'defamation', 'relevance', 'spam', 'trust', 'reports'],
    );
  });

  const fake = (name: string, r: ReturnType<NamedPhase['run']>, seen: string[]): NamedPhase => ({
    name,
    run: () => {
      seen.push(name);
      return r;
    },
  });
  test('a rejection stops the run; held reasons before it are kept; scores merge', () => {
    const seen: string[] = [];
    const v = runPhases(createContext({ text: 'x', subject: null }), [
      fake('a', { decision: 'held', reasons: [{ code: 'insult', message: 'الف' }], scores: { a: 1 } }, seen),
      fake('b', { scores: { b: 2 } }, seen),
      fake('c', { decision: 'rejected', reasons: [{ code: 'banned_word', message: 'ب' }] }, seen),
      fake('d', { decision: 'held', reasons: [{ code: 'spam_link', message: 'پ' }] }, seen),
    ]);
    assert.deepEqual(seen, ['a', 'b', 'c']);
    assert.equal(v.decision, 'rejected');
    assert.deepEqual(v.reasons.map((r) => r.code), ['insult', 'banned_word']);
    assert.deepEqual(v.scores, { a: 1, b: 2 });
  });
  test('held reasons accumulate across phases; nothing returned means published', () => {
    const seen: string[] = [];
    const held = runPhases(createContext({ text: 'x', subject: null }), [
      fake('a', { decision: 'held', reasons: [{ code: 'insult', message: 'الف' }] }, seen),
      fake('b', undefined, seen),
      fake('c', { decision: 'held', reasons: [{ code: 'new_user', message: 'ب' }] }, seen),
    ]);
    assert.equal(held.decision, 'held');
    assert.deepEqual(held.reasons.map((r) => r.code), ['insult', 'new_user']);
    assert.equal(runPhases(createContext({ text: 'x', subject: null }), [fake('z', undefined, [])]).decision, 'published');
  });
});

describe('end to end with the shipped model', () => {
  const published = [
    'عملکرد شهرداری در این طرح ضعیف بود و باید پاسخگو باشد',
    'مدیرکل امور اجتماعی باید توضیح بدهد چرا بازسازی یک سال عقب افتاد',
    'استانداری پارسال هم قول داده بود و عمل نکرد؛ این بار امیدوارم جدی باشد',
    'آقای کریمی لطفا گزارش هزینه‌ها را منتشر کنید',
    'عالی بود',
    'خوب',
    'كتابخانه كتاب‌هاي جديد لازم دارد',
    'لطفا Wi-Fi رایگان هم بگذارید',
  ];
  for (const text of published) test(`published: ${text}`, () => assert.equal(codes(text, { author: trusted, captchaOk: true }), 'published:'));

  const cases: [string, string, Partial<ModerationInput>, string][] = [
    ['obscenity is rejected', 'کیرم تو این طرح', {}, 'rejected:banned_word'],
    ['obscenity stops before spam and trust', 'کسکش www.example.com', { author: { approvedCount: 0, recentCount: 0, recentTexts: [] } }, 'rejected:banned_word'],
    ['Finglish is rejected', 'salam, man ba in tarh kheili movafegham', {}, 'rejected:finglish'],
    ['English is rejected', 'This library renovation is a great idea for everyone', {}, 'rejected:not_persian'],
    ['Arabic is rejected', 'هذا المشروع جيد جدا ونحن نشكركم على هذا العمل', {}, 'rejected:not_persian'],
    ['captcha failure rejects a fine comment', 'عالی بود', { captchaOk: false }, 'rejected:captcha_failed'],
    ['rate limit rejects', 'عالی بود', { author: { ...trusted, recentCount: 9 } }, 'rejected:rate_limited'],
    ['reply to a rejected comment is rejected', 'موافقم', { reply: { parentExists: true, sameSubject: true, parentRejected: true, depth: 1 } }, 'rejected:invalid_reply'],
    ['an insult to a named official is held twice over', 'کریمی احمق است', {}, 'held:insult,defamation'],
    ['an accusation against an agency is held', 'شهرداری دزد است', {}, 'held:defamation'],
    ['a link is held', 'جزئیات در www.example.com هست', {}, 'held:spam_link'],
    ['a phone number in Persian digits is held', 'برای داوطلبی با ۰۹۱۲۳۴۵۶۷۸۹ تماس بگیرید', {}, 'held:spam_link'],
    ['a new user is pre-moderated', 'عالی بود', { author: { approvedCount: 0, recentCount: 0, recentTexts: [] } }, 'held:new_user'],
    ['a reported comment is hidden', 'عالی بود', { reportCount: 3 }, 'held:reported'],
    ['unsure language and an insult accumulate', 'يا احمق', {}, 'held:not_persian,insult'],
    ['held reasons from several phases accumulate', 'احمق www.example.com', { author: { approvedCount: 0, recentCount: 0, recentTexts: [] } }, 'held:insult,spam_link,new_user'],
  ];
  for (const [name, text, over, expected] of cases) test(name, () => assert.equal(codes(text, over), expected));

  test('rejections explain themselves in Persian and highlight the original text', () => {
    const text = 'ای جـــنده';
    const v = verdict(text);
    assert.equal(v.decision, 'rejected');
    assert.match(v.reasons[0]!.message, /رکیک/);
    assert.deepEqual(v.reasons[0]!.spans!.map((s) => text.slice(s.start, s.end)), ['جـــنده']);
  });

  test('the classifier score is kept for moderators', () => {
    const v = verdict('کتابخانه کتاب‌های جدید لازم دارد');
    assert.equal(typeof v.scores.offensive, 'number');
    assert.equal(typeof v.scores.relevance, 'number');
  });

  test('model null runs without the classifier', () => {
    const v = moderate({ text: 'کتابخانه کتاب جدید لازم دارد', subject }, {}, null);
    assert.equal(v.scores.offensive, undefined);
    assert.equal(v.decision, 'published');
  });

  test('clean, on-topic hold-out: under 5% not published', () => {
    const idf = buildIdf(cleanHoldout.map((g) => `${g.subject.title}\n${g.subject.body}`));
    const all = cleanHoldout.flatMap((g) => g.comments.map((text) => moderate({ text, subject: g.subject, idf })));
    const bad = all.filter((v) => v.decision !== 'published').length;
    assert.ok(bad / all.length < 0.05, `${bad} of ${all.length}`);
  });
});

test('any input yields a well-formed verdict (property)', () => {
  const pieces = fc.constantFrom('احمق', 'شهردار', 'دزد', 'کتاب', 'salam', 'the', '۰۹۱۲۳۴۵۶۷۸۹', 'www.x.com', '\u200C', 'ـ', 'َ', ' ', '.', '😀', 'ي', 'ك', '\n');
  const text = fc.oneof(fc.array(pieces, { maxLength: 20 }).map((a) => a.join('')), fc.string({ maxLength: 60 }));
  fc.assert(
    fc.property(text, (t) => {
      const v = moderate({ text: t, subject, author: trusted });
      assert.ok(['published', 'held', 'rejected'].includes(v.decision));
      assert.equal(v.decision === 'published', v.reasons.length === 0);
      for (const r of v.reasons) {
        assert.ok(reasonCodes.includes(r.code));
        assert.match(r.message, /[\u0600-\u06FF]/);
        for (const s of r.spans ?? []) assert.ok(s.start >= 0 && s.end <= t.length && s.start < s.end);
      }
    }),
    { numRuns: 200 },
  );
});
