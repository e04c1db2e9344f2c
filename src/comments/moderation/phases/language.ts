// Phase 5: language. Persian is accepted; Arabic, English, other languages and Finglish are
// rejected with a Persian explanation; texts too short to judge, or mixed, are held — never
// rejected. A few Latin words inside a Persian sentence are fine (moderation.md §3.2, §3.4).
//
// Procedure:
//   1. Drop links, e-mails, @mentions and Latin hashtags; split into words and count each word's
//      script on the ORIGINAL letters (normalisation would turn Arabic ي/ك/ة into Persian ی/ک/ه).
//   2. Arabic-script majority: Urdu, Kurdish and Pashto have letters of their own; Persian and
//      Arabic are told apart by `eld` (small data, subset fa/ar) on the Arabic-script words,
//      cross-checked with Persian-only letters (پ چ ژ گ), the keyboard used (ی/ک vs ي/ك), Persian
//      morphology (می‌، ‌ها) and common Persian and Arabic words; clear Persian signs with no
//      Arabic one skip eld. Below `languageMinLetters` letters eld is not asked: Arabic script
//      without a sign of Arabic is Persian on this site, otherwise the comment is held.
//   3. Latin majority: Finglish (finglish.ts) or another language; short → held.
//   4. Another script (Cyrillic, Hebrew, CJK…): rejected when long enough, else held.

import { eld } from 'eld/small';
import type { ModerationContext } from '../context.ts';
import { finglishScore, isFinglish } from '../finglish.ts';
import { languageName, messages } from '../explain.ts';
import type { PhaseResult } from '../types.ts';
import { persianShortWords } from '../wordlists.ts';

const faAr = eld.newInstance();
faAr.setLanguageSubset(['fa', 'ar']);

/** Links, e-mails, @mentions, Latin #hashtags and HTML entities say nothing about the language. */
const NOISE = /(?:https?:\/\/|www\.)\S+|[^\s@]+@\S+\.\S+|@\w+|#[A-Za-z0-9_]+|&[a-z]+;/gu;
const MAY_HAVE_NOISE = /[@#&]|www\.|:\/\//u;

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const WORD_SEPARATOR = /[^\p{L}\p{M}\u200C]+/u;
const LATIN = /[a-zA-Z\u00C0-\u024F]/u;

/**
 * Light folding for word lookups: Arabic ي ى ك → ی ک, harakat, tatweel and ZWNJ removed.
 * (The full fold of text.ts is not needed to recognise a handful of function words.)
 */
const ARABIC_YEH_KAF_ALL = /[\u064A\u0649\u0643]/g;
const MARKS_AND_JOINERS = /[\u064B-\u065F\u0670\u0640\u200C\u200D]/g;
function lightFold(s: string): string {
  return s.replace(ARABIC_YEH_KAF_ALL, (c) => (c === '\u0643' ? 'ک' : 'ی')).replace(MARKS_AND_JOINERS, '');
}

/** Persian verb prefixes and plural endings (folded words). */
const PERSIAN_MORPHOLOGY = /^(?:می|نمی)\S{2,}|\S{2,}(?:ها|های|هایی|ترین)$/u;

/** Frequent Arabic words that Persian does not use on their own (Arabic spelling, unnormalised). */
const ARABIC_WORDS = new Set(
  'في على هذا هذه التي الذي الى إلى كان كانت أن إن عن مع هو هي نحن انت أنت كل قد لم لن ذلك تلك هل لماذا كيف ليس ايضا أيضا جدا شكرا يا والله'.split(' '),
);
/** Frequent Persian words that Arabic does not use (folded). */
const PERSIAN_WORDS = new Set(
  'است را این آن می نمی های ها برای یک شد بود کرد کند باید شده خیلی هست نیست که چرا از هم اگر ولی اما دارد داره میشه'
    .split(' ')
    .map((w) => lightFold(w)),
);
const SHORT_WORDS = new Set([...persianShortWords].map((w) => lightFold(w)));
/** Persian words that start with ال and must not count as Arabic articles. */
const PERSIAN_AL = new Set(
  'الان البته الگو الگوی الکی الهام الزام الزامی الله الهی الاغ الکترونیک الکترونیکی الویت الماس الفبا الیاف'
    .split(' ')
    .map((w) => lightFold(w)),
);

interface ScriptWords {
  arabic: string[];
  latin: string[];
  other: string[];
  arabicLetters: number;
  latinLetters: number;
  otherLetters: number;
}

const SCRIPT_ARABIC = 1;
const SCRIPT_LATIN = 2;
const SCRIPT_OTHER = 3;
const LETTER = /\p{L}/u;

/** Script of a letter (0 for anything that is not a letter). */
function scriptOf(code: number, ch: string): number {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? SCRIPT_LATIN : 0;
  if ((code >= 0x0600 && code <= 0x06ff) || (code >= 0x0750 && code <= 0x077f) || (code >= 0x08a0 && code <= 0x08ff)) {
    return LETTER.test(ch) ? SCRIPT_ARABIC : 0;
  }
  if (!LETTER.test(ch)) return 0;
  if (ARABIC_SCRIPT.test(ch)) return SCRIPT_ARABIC;
  return LATIN.test(ch) ? SCRIPT_LATIN : SCRIPT_OTHER;
}

function splitWords(text: string): ScriptWords {
  const r: ScriptWords = { arabic: [], latin: [], other: [], arabicLetters: 0, latinLetters: 0, otherLetters: 0 };
  // Digits need no removal: they are not letters, so they separate words anyway.
  const clean = MAY_HAVE_NOISE.test(text) ? text.replace(NOISE, ' ') : text;
  for (const raw of clean.split(WORD_SEPARATOR)) {
    if (raw === '') continue;
    let a = 0;
    let l = 0;
    let o = 0;
    for (let i = 0; i < raw.length; i++) {
      const code = raw.charCodeAt(i);
      const script = code >= 0xd800 && code <= 0xdbff ? scriptOf(raw.codePointAt(i)!, raw.slice(i, ++i + 1)) : scriptOf(code, raw[i]!);
      if (script === SCRIPT_ARABIC) a++;
      else if (script === SCRIPT_LATIN) l++;
      else if (script === SCRIPT_OTHER) o++;
    }
    if (a + l + o === 0) continue;
    r.arabicLetters += a;
    r.latinLetters += l;
    r.otherLetters += o;
    if (a >= l && a >= o) r.arabic.push(raw);
    else if (l >= o) r.latin.push(raw);
    else r.other.push(raw);
  }
  return r;
}

const rejectedAs = (lang: string | undefined): PhaseResult => ({
  decision: 'rejected',
  reasons: [{ code: 'not_persian', message: messages.notPersian(languageName(lang)), ...(lang ? { detail: lang } : {}) }],
});
const unsure = (detail: string): PhaseResult => ({
  decision: 'held',
  reasons: [{ code: 'not_persian', message: messages.languageUnsure, detail: `unsure:${detail}` }],
});

interface LetterCounts {
  ur: number;
  ku: number;
  ps: number;
  persianOnly: number;
  arabicOnly: number;
  persianKeyboard: boolean;
  arabicKeyboard: boolean;
}

// One pass over the letters instead of a regular expression per class.
const LETTER_CLASS = new Map<number, keyof LetterCounts>([
  ...[0x0679, 0x0688, 0x0691, 0x06ba, 0x06d2, 0x06c1, 0x06c3].map((c) => [c, 'ur'] as const), // ٹ ڈ ڑ ں ے ہ ۃ
  ...[0x06d5, 0x06c6, 0x06ce, 0x0695, 0x06b5].map((c) => [c, 'ku'] as const), // ە ۆ ێ ڕ ڵ
  ...[0x067c, 0x0689, 0x0693, 0x0696, 0x069a, 0x0681, 0x0685, 0x06cd, 0x06d0].map((c) => [c, 'ps'] as const), // ټ ډ ړ ږ ښ ځ څ ۍ ې
  ...[0x067e, 0x0686, 0x0698, 0x06af].map((c) => [c, 'persianOnly'] as const), // پ چ ژ گ
  ...[0x0629, 0x0625].map((c) => [c, 'arabicOnly'] as const), // ة إ (Persian writes أ in متأسف، تأثیر)
  ...[0x06cc, 0x06a9].map((c) => [c, 'persianKeyboard'] as const), // ی ک as typed on a Persian keyboard
  ...[0x064a, 0x0643, 0x0649].map((c) => [c, 'arabicKeyboard'] as const), // ي ك ى as typed on an Arabic keyboard
]);

function countLetters(s: string): LetterCounts {
  const c: LetterCounts = { ur: 0, ku: 0, ps: 0, persianOnly: 0, arabicOnly: 0, persianKeyboard: false, arabicKeyboard: false };
  for (let i = 0; i < s.length; i++) {
    const k = LETTER_CLASS.get(s.charCodeAt(i));
    if (k === undefined) continue;
    if (k === 'persianKeyboard' || k === 'arabicKeyboard') c[k] = true;
    else c[k]++;
  }
  return c;
}

function arabicScript(words: string[], letters: number, minLetters: number): PhaseResult | undefined {
  const joined = words.join(' ');
  const counts = countLetters(joined);
  for (const lang of ['ur', 'ku', 'ps'] as const) {
    const c = counts[lang];
    if (c >= 2 && c >= letters * 0.03) {
      // Some Persian writers use a Kurdish or Urdu keyboard: reject only when eld agrees.
      return letters >= minLetters && eld.detect(joined).language === lang ? rejectedAs(lang) : unsure(lang);
    }
  }
  const folded = lightFold(joined).split(' ');
  const { persianKeyboard, arabicKeyboard } = counts;
  const persianEvidence =
    counts.persianOnly +
    2 * folded.filter((w) => PERSIAN_WORDS.has(w) || SHORT_WORDS.has(w)).length +
    folded.filter((w) => PERSIAN_MORPHOLOGY.test(w)).length +
    (persianKeyboard && !arabicKeyboard ? 2 : 0);
  const arabicEvidence =
    2 * words.filter((w) => ARABIC_WORDS.has(w)).length +
    words.filter((w, i) => w.startsWith('ال') && w.length >= 5 && !PERSIAN_AL.has(folded[i]!)).length +
    counts.arabicOnly +
    (arabicKeyboard && !persianKeyboard ? 2 : 0);

  if (letters < minLetters) {
    // Too short for eld. On a Persian site, Arabic script without any sign of Arabic is Persian.
    return arabicEvidence === 0 || persianEvidence >= arabicEvidence ? undefined : unsure('ar');
  }
  // Clear Persian signs and no Arabic one: no need to ask eld (most comments end here).
  if (arabicEvidence === 0 && persianEvidence >= 2) return undefined;
  const lang = faAr.detect(joined).language;
  if (lang === 'fa') return persianEvidence === 0 && arabicEvidence >= 4 ? unsure('ar') : undefined;
  if (lang === 'ar') {
    if (persianEvidence === 0 && arabicEvidence >= 2) return rejectedAs('ar');
    return arabicEvidence === 0 || persianEvidence > arabicEvidence ? undefined : unsure('ar');
  }
  return unsure('unknown');
}

export function language(ctx: ModerationContext): PhaseResult | undefined {
  const min = ctx.config.languageMinLetters;
  // NFKC folds presentation forms (ﺑﻨﮕﺮ) but keeps Arabic ي/ك apart from Persian ی/ک.
  const s = splitWords(ctx.input.text.normalize('NFKC'));
  const total = s.arabic.length + s.latin.length + s.other.length;
  if (total === 0) return undefined; // no letters at all: the length phase refuses it
  if (s.arabic.length >= s.latin.length + s.other.length) {
    return arabicScript(s.arabic, s.arabicLetters, min);
  }
  if (s.latin.length >= s.other.length) {
    const f = finglishScore(s.latin);
    const scores = { finglish: Math.round(f.ratio * 1000) / 1000 };
    const mixed = s.arabic.length > 0.25 * total;
    if (s.latinLetters < min || mixed) {
      if (f.finglish > 0 && f.finglish >= f.english) {
        return { decision: 'held', reasons: [{ code: 'finglish', message: messages.finglishUnsure, detail: 'unsure' }], scores };
      }
      return { ...unsure(mixed ? 'mixed' : 'short'), scores };
    }
    if (isFinglish(f)) {
      return { decision: 'rejected', reasons: [{ code: 'finglish', message: messages.finglish }], scores };
    }
    const lang = eld.detect(s.latin.join(' ')).language;
    return { ...rejectedAs(lang !== '' && lang !== 'fa' ? lang : undefined), scores };
  }
  if (s.otherLetters < min) return unsure('short');
  const lang = eld.detect(s.other.join(' ')).language;
  return rejectedAs(lang !== '' && lang !== 'fa' ? lang : undefined);
}
