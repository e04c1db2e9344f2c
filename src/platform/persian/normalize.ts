// The one normalisation applied before storing searchable text, searching, moderating and
// comparing names (DESIGN.md "Persian first"). SQLite FTS and PG tsvector fold neither Arabic
// letters nor digit sets (stack.md §5.9), so everything that reaches them must pass through here.

import { toAsciiDigits } from './digits.ts';

const ZWNJ = '\u200C';

// Tatweel, ZWJ, BOM and bidi controls (LRM, RLM, ALM, embeddings/overrides, isolates) carry no
// meaning for storage and make visually identical strings compare different.
const INVISIBLE = /[\u0640\u061C\u200D\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

// Harakat and superscript alef. Hamza above and below (U+0654, U+0655) are spelling, not
// vowels: «خانهٔ», «رأی» keep them in stored text; matchKey folds them away (foldHamza).
const HARAKAT = /[\u064B-\u0653\u0656-\u065F\u0670]/g;

// NFKC composes Arabic ي + hamza into ئ but has no composition for Persian ی + hamza; map it
// by hand so both spellings end up the same.
const YEH_HAMZA = /[\u064A\u0649\u06CC]\u0654/g;

const LETTERS: Readonly<Record<string, string>> = {
  '\u064A': 'ی', // ي Arabic yeh
  '\u0649': 'ی', // ى alef maksura
  '\u0643': 'ک', // ك Arabic kaf
  '\u0629': 'ه', // ة teh marbuta
  '\u06C0': 'ه\u0654', // ۀ heh with yeh above → هٔ, the form Persian keyboards type
  '\u0671': 'ا', // ٱ alef wasla
};
const LETTER_RE = /[\u064A\u0649\u0643\u0629\u06C0\u0671]/g;

// Forms that are correct spelling, kept in stored text, but one letter for searching and comparing.
const HAMZA_FORMS: Readonly<Record<string, string>> = { '\u0623': 'ا', '\u0625': 'ا' };
const HAMZA_RE = /[\u0623\u0625]|[\u0654\u0655]/g;

/** Folds hamza spellings for matching: أ and إ → ا, hamza above or below removed («خانهٔ» → «خانه»). */
export function foldHamza(text: string): string {
  return text.replace(HAMZA_RE, (ch) => HAMZA_FORMS[ch] ?? '');
}

// A ZWNJ only means something between two word characters; elsewhere it is invisible noise.
const STRAY_ZWNJ = /(?<![\p{L}\p{M}\p{N}])\u200C|\u200C(?![\p{L}\p{M}\p{N}])/gu;
const ZWNJ_RUN = /\u200C{2,}/g;

// Digits only: ٫ and ٬ are left alone here because outside a number they are ordinary punctuation.
const NON_ASCII_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/g;

// Newlines survive so multi-line bodies keep their paragraphs; NFKC has already turned NBSP and
// the other Unicode spaces into U+0020.
const HORIZONTAL_SPACE = /[ \t\f\v]+/g;
const CRLF = /\r\n?/g;

/** Normalises Persian text for display and storage (letters, digits, marks, spaces; keeps ZWNJ and hamza spellings). */
export function normalizePersian(text: string): string {
  // ZWNJ has no compatibility decomposition, so NFKC leaves it in place (tested).
  let s = text.normalize('NFKC').replace(INVISIBLE, '');
  // Removing tatweel or bidi marks can leave a base letter next to a mark it composes with
  // (ا ـ ٓ → آ); so can removing vowel marks (ا ْ ٔ → أ): compose, remove, compose again, so the
  // result does not depend on what stood between them.
  s = s.normalize('NFC').replace(HARAKAT, '').normalize('NFC');
  // Letter mapping can do the same (ٱ + ٔ → أ, ى + ٔ → ئ).
  s = s.replace(LETTER_RE, (ch) => LETTERS[ch] ?? ch);
  s = s.replace(YEH_HAMZA, 'ئ').normalize('NFC');
  s = s.replace(NON_ASCII_DIGIT, toAsciiDigits);
  s = s.replace(CRLF, '\n');
  s = s.replace(ZWNJ_RUN, ZWNJ).replace(STRAY_ZWNJ, '');
  s = s.replace(HORIZONTAL_SPACE, ' ');
  return s.trim();
}

/** Key for search and comparison: normalizePersian, hamza spellings folded, ZWNJ folded to a space and whitespace collapsed. */
export function matchKey(text: string): string {
  return foldHamza(normalizePersian(text)).replace(/[\s\u200C]+/g, ' ').trim();
}

/** True when two texts are equal after matchKey (Arabic/Persian letters, digits, ZWNJ, spacing). */
export function samePersianText(a: string, b: string): boolean {
  return a === b || matchKey(a) === matchKey(b);
}
