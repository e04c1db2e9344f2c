// The one normalisation applied before storing searchable text, searching, moderating and
// comparing names (DESIGN.md "Persian first"). SQLite FTS and PG tsvector fold neither Arabic
// letters nor digit sets (stack.md §5.9), so everything that reaches them must pass through here.

import { toAsciiDigits } from './digits.ts';

const ZWNJ = '\u200C';

// Tatweel, ZWJ, BOM and bidi controls (LRM, RLM, ALM, embeddings/overrides, isolates) carry no
// meaning for storage and make visually identical strings compare different.
const INVISIBLE = /[\u0640\u061C\u200D\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

// Harakat and superscript alef. Removed only after letter mapping, because hamza above (U+0654)
// is still needed to turn ی + ٔ into ئ.
const HARAKAT = /[\u064B-\u065F\u0670]/g;

// NFKC composes Arabic ي + hamza into ئ but has no composition for Persian ی + hamza; map it
// by hand so both spellings end up the same.
const YEH_HAMZA = /[\u064A\u0649\u06CC]\u0654/g;

const LETTERS: Readonly<Record<string, string>> = {
  '\u064A': 'ی', // ي Arabic yeh
  '\u0649': 'ی', // ى alef maksura
  '\u0643': 'ک', // ك Arabic kaf
  '\u0629': 'ه', // ة teh marbuta
  '\u06C0': 'ه', // ۀ heh with yeh above
  '\u0623': 'ا', // أ
  '\u0625': 'ا', // إ
  '\u0671': 'ا', // ٱ alef wasla
};
const LETTER_RE = /[\u064A\u0649\u0643\u0629\u06C0\u0623\u0625\u0671]/g;

// A ZWNJ only means something between two word characters; elsewhere it is invisible noise.
const STRAY_ZWNJ = /(?<![\p{L}\p{M}\p{N}])\u200C|\u200C(?![\p{L}\p{M}\p{N}])/gu;
const ZWNJ_RUN = /\u200C{2,}/g;

// Digits only: ٫ and ٬ are left alone here because outside a number they are ordinary punctuation.
const NON_ASCII_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/g;

// Newlines survive so multi-line bodies keep their paragraphs; NFKC has already turned NBSP and
// the other Unicode spaces into U+0020.
const HORIZONTAL_SPACE = /[ \t\f\v]+/g;
const CRLF = /\r\n?/g;

/** Normalises Persian text for display and storage (letters, digits, marks, spaces; keeps ZWNJ). */
export function normalizePersian(text: string): string {
  // ZWNJ has no compatibility decomposition, so NFKC leaves it in place (tested).
  let s = text.normalize('NFKC').replace(INVISIBLE, '');
  // Removing tatweel or bidi marks can leave a base letter next to a combining mark it was
  // separated from (ا ـ ٓ); recompose so the result does not depend on where they were.
  s = s.normalize('NFC');
  s = s.replace(YEH_HAMZA, 'ئ');
  s = s.replace(LETTER_RE, (ch) => LETTERS[ch] ?? ch);
  s = s.replace(HARAKAT, '');
  s = s.replace(NON_ASCII_DIGIT, toAsciiDigits);
  s = s.replace(CRLF, '\n');
  s = s.replace(ZWNJ_RUN, ZWNJ).replace(STRAY_ZWNJ, '');
  s = s.replace(HORIZONTAL_SPACE, ' ');
  return s.trim();
}

/** Key for search and comparison: normalizePersian, then ZWNJ folded to a space and whitespace collapsed. */
export function matchKey(text: string): string {
  return normalizePersian(text).replace(/[\s\u200C]+/g, ' ').trim();
}

/** True when two texts are equal after matchKey (Arabic/Persian letters, digits, ZWNJ, spacing). */
export function samePersianText(a: string, b: string): boolean {
  return a === b || matchKey(a) === matchKey(b);
}
