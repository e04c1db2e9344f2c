// Folding a comment into "units" for matching, each unit carrying its offsets in the original
// text. Every letter goes through the platform's `normalizePersian` (Arabic ي/ك/ة → ی/ک/ه,
// harakat, tatweel and bidi marks removed, digits to ASCII, NFKC presentation forms), one
// character at a time, so that a match can be mapped back to the characters the author typed.
//
// On top of that, for matching only:
//   * Latin letters are lower-cased;
//   * a letter repeated with nothing, ZWNJ or a symbol between (سسسسگ, س‌س‌گ) is collapsed to
//     one unit — the same is done to word lists, so stretched letters match;
//   * what separates two units is kept as flags: a soft gap (ZWNJ, punctuation, emoji), a space,
//     or a stop (. ! ? ؟ ؛ newline), so that matchers can decide what counts as a word boundary.

import { foldHamza, normalizePersian } from '../../platform/persian/index.ts';

/** Flags describing what stood between a unit and the previous one. */
export const GAP_SOFT = 1;
export const GAP_SPACE = 2;
export const GAP_STOP = 4;

/** Script class of a unit; a change of class is a word boundary (کیر123, abcسلام). */
export const CLASS_ARABIC = 1;
export const CLASS_LATIN = 2;
export const CLASS_DIGIT = 3;
export const CLASS_OTHER = 4;

export interface Units {
  /** One folded character per unit (after collapsing repeats). */
  chars: string[];
  /** Offsets in the original text: unit i covers [start[i], end[i]). */
  start: number[];
  end: number[];
  /** Gap flags before unit i (0 = nothing between unit i-1 and unit i). */
  gap: number[];
  cls: number[];
}

const KIND_DROP = 0;
const KIND_SOFT = 1;
const KIND_SPACE = 2;
const KIND_STOP = 3; // a stop character (also soft)
const KIND_NEWLINE = 4; // a stop that is also a space

interface CharFold {
  kind: number;
  /** Folded letters/digits when kind is a letter (empty otherwise). */
  letters: string;
}
const LETTER_KIND = 5;

const cache = new Map<string, CharFold>();
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const STOP_CHARS = new Set(['.', '!', '?', '؟', '؛', ';', '…', '։', '।', '۔']);

function foldChar(ch: string): CharFold {
  let f = cache.get(ch);
  if (f) return f;
  if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') f = { kind: KIND_NEWLINE, letters: '' };
  else if (/\s/u.test(ch)) f = { kind: KIND_SPACE, letters: '' };
  else if (ch === '\u200C') f = { kind: KIND_SOFT, letters: '' };
  else if (STOP_CHARS.has(ch)) f = { kind: KIND_STOP, letters: '' };
  else {
    const n = foldHamza(normalizePersian(ch)).toLowerCase();
    if (n === '') f = { kind: KIND_DROP, letters: '' };
    else {
      let letters = '';
      for (const c of n) if (LETTER_OR_DIGIT.test(c)) letters += c;
      if (letters !== '') f = { kind: LETTER_KIND, letters };
      else if (/^\p{M}+$/u.test(n)) f = { kind: KIND_DROP, letters: '' };
      else f = { kind: KIND_SOFT, letters: '' };
    }
  }
  if (cache.size < 20000) cache.set(ch, f);
  return f;
}

export function classOf(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return CLASS_DIGIT;
  if (code < 0x250) return CLASS_LATIN;
  if ((code >= 0x0600 && code <= 0x06ff) || (code >= 0x0750 && code <= 0x077f) || (code >= 0x08a0 && code <= 0x08ff)) {
    return CLASS_ARABIC;
  }
  return CLASS_OTHER;
}

/**
 * Folds `text` into units. With `collapse` (the default) a repeated letter separated from its
 * previous copy by nothing, ZWNJ or a symbol — not by a space or a stop — becomes one unit.
 */
export function toUnits(text: string, collapse = true): Units {
  const chars: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const gap: number[] = [];
  const cls: number[] = [];
  let pending = 0;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const code = text.charCodeAt(i);
    let width = 1;
    let kind: number;
    let letters = '';
    if (code < 0x80) {
      // ASCII fast path.
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
        kind = LETTER_KIND;
        letters = text[i]!;
      } else if (code >= 0x41 && code <= 0x5a) {
        kind = LETTER_KIND;
        letters = String.fromCharCode(code + 32);
      } else if (code === 0x0a || code === 0x0d) kind = KIND_NEWLINE;
      else if (code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c) kind = KIND_SPACE;
      else if (code === 0x2e || code === 0x21 || code === 0x3f || code === 0x3b) kind = KIND_STOP;
      else kind = KIND_SOFT;
    } else {
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < len) width = 2;
      const f = foldChar(text.slice(i, i + width));
      kind = f.kind;
      letters = f.letters;
    }
    if (kind === LETTER_KIND) {
      for (const c of letters) {
        const last = chars.length - 1;
        if (collapse && last >= 0 && chars[last] === c && (pending & (GAP_SPACE | GAP_STOP)) === 0) {
          end[last] = i + width;
        } else {
          chars.push(c);
          start.push(i);
          end.push(i + width);
          gap.push(chars.length === 1 ? pending | GAP_SPACE : pending);
          cls.push(classOf(c));
        }
        pending = 0;
      }
    } else if (kind === KIND_SPACE) pending |= GAP_SPACE;
    else if (kind === KIND_NEWLINE) pending |= GAP_SPACE | GAP_STOP;
    else if (kind === KIND_STOP) pending |= GAP_STOP | GAP_SOFT;
    else if (kind === KIND_SOFT) pending |= GAP_SOFT;
    i += width;
  }
  return { chars, start, end, gap, cls };
}

/** True when a word may start at unit i (start of text, any gap, or a change of script). */
export function isWordStart(u: Units, i: number): boolean {
  return i === 0 || u.gap[i] !== 0 || u.cls[i] !== u.cls[i - 1];
}

/** True when a word may end just before unit i (end of text, any gap, or a change of script). */
export function isWordEnd(u: Units, i: number): boolean {
  return i >= u.chars.length || u.gap[i] !== 0 || u.cls[i] !== u.cls[i - 1];
}

/** A word of the text: units [from, to) with no gap between them. */
export interface Token {
  text: string;
  from: number;
  to: number;
  /** Original offsets. */
  start: number;
  end: number;
  /** Sentence number (counted by stops followed or preceded by a space, and by ! ? ؟ newline). */
  sentence: number;
}

/**
 * Splits units into words. With `splitOnSoft` false, ZWNJ and punctuation without a space do
 * not split a word (بی‌شرف, ا.ح.م.ق stay one token).
 */
export function tokensOf(u: Units, splitOnSoft = true): Token[] {
  const out: Token[] = [];
  let sentence = 0;
  let from = 0;
  const n = u.chars.length;
  for (let i = 1; i <= n; i++) {
    const g = i < n ? u.gap[i]! : GAP_SPACE;
    const boundary = i === n || (splitOnSoft ? g !== 0 : (g & GAP_SPACE) !== 0) || u.cls[i] !== u.cls[i - 1];
    if (!boundary) continue;
    out.push({
      text: u.chars.slice(from, i).join(''),
      from,
      to: i,
      start: u.start[from]!,
      end: u.end[i - 1]!,
      sentence,
    });
    if (i < n && (g & GAP_STOP) !== 0 && (g & GAP_SPACE) !== 0) sentence++;
    from = i;
  }
  return out;
}

/** Folds a word-list entry the same way as the text: its letters, and where it allows a gap. */
export function foldEntry(entry: string): { letters: string; gapAllowed: boolean[] } {
  const u = toUnits(entry);
  return { letters: u.chars.join(''), gapAllowed: u.gap.map((g, i) => i > 0 && g !== 0) };
}

/**
 * Matching key of a whole text as one string: normalizePersian, lower case, ZWNJ and every
 * run of non-letters as one space, letters repeated 3+ times cut to one. Used by the
 * classifier, relevance and repeat detection (no offsets needed there).
 */
export function foldForFeatures(text: string): string {
  return foldNormalized(normalizePersian(text));
}

/** foldForFeatures for a text that already went through normalizePersian. */
export function foldNormalized(normalized: string): string {
  return foldHamza(normalized)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .trim();
}
