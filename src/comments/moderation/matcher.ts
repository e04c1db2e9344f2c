// Whole-word matching of word lists on folded units (text.ts), robust to the Persian pitfalls
// of moderation.md §1.3: Arabic letters, harakat, tatweel, stretched letters, ZWNJ and spaces
// or dots inserted inside a word, common inflections. Coral and Discourse take a non-letter as
// the word boundary, which turns every ZWNJ and every fatha into a break; here the text is
// folded first, and the boundary rules below decide what may sit inside a word.
//
// A list entry matches at unit p when:
//   1. a word may start at p (start of text, any gap before it, or a change of script);
//   2. the entry's letters follow, with at most punctuation/ZWNJ between them (ا.ح.م.ق,
//      اح‌مق), or a space where the entry itself has one (حرام زاده), or a space splitting off
//      a piece of at most two letters (اح مق, ا ح م ق): two real words never join into one;
//   3. then, optionally, one of the entry's suffixes (ها، ان، ی، ه، ت، ش…), joined by nothing
//      or a ZWNJ;
//   4. and then a word ends (end of text, any gap, or a change of script).
// So «خرید», «دزدگیر» and «کسب» pass where «خر», «دزد» and «کس…» are listed.

import { GAP_SPACE, foldEntry, isWordEnd, isWordStart, toUnits, type Units } from './text.ts';
import type { Span } from './types.ts';

/** A word-list entry: the word and the suffixes it may carry. */
export interface WordEntry {
  word: string;
  suffixes: readonly string[];
}

interface Compiled {
  word: string;
  letters: string;
  gapAllowed: boolean[];
  suffixes: string[];
}

export interface WordMatcher {
  readonly name: string;
  readonly size: number;
  byFirst: Map<string, Compiled[]>;
}

export interface WordHit {
  /** The list entry as written in the list. */
  word: string;
  list: string;
  /** Units [from, to) including any suffix. */
  from: number;
  to: number;
  /** Offsets in the original text. */
  start: number;
  end: number;
}

/** Compiles entries into a matcher (entries are folded exactly like texts). */
export function compileList(name: string, entries: readonly WordEntry[]): WordMatcher {
  const byFirst = new Map<string, Compiled[]>();
  let size = 0;
  for (const e of entries) {
    const { letters, gapAllowed } = foldEntry(e.word);
    if (letters === '') continue;
    const suffixes = [...new Set(e.suffixes.map((s) => foldEntry(s).letters).filter((s) => s !== ''))];
    // Longest suffix first, so احمق‌های is one hit rather than احمق‌ها + a stray ی.
    suffixes.sort((a, b) => b.length - a.length);
    const c: Compiled = { word: e.word, letters, gapAllowed, suffixes };
    const first = letters[0]!;
    const list = byFirst.get(first);
    if (list) list.push(c);
    else byFirst.set(first, [c]);
    size++;
  }
  // Longer entries first, so that «کس کش» wins over a shorter entry at the same place.
  for (const list of byFirst.values()) list.sort((a, b) => b.letters.length - a.letters.length);
  return { name, size, byFirst };
}

function matchAt(u: Units, p: number, c: Compiled): number {
  const m = c.letters.length;
  const n = u.chars.length;
  if (p + m > n) return -1;
  let splits: number[] | undefined;
  for (let k = 0; k < m; k++) {
    if (u.chars[p + k] !== c.letters[k]) return -1;
    if (k > 0 && (u.gap[p + k]! & GAP_SPACE) !== 0) (splits ??= []).push(k);
  }
  if (splits) {
    // Pieces between the spaces inside the match; an unexpected space is allowed only next to
    // a piece of at most two letters.
    const cuts = [0, ...splits, m];
    for (let j = 1; j < cuts.length - 1; j++) {
      const k = cuts[j]!;
      if (c.gapAllowed[k]) continue;
      const left = k - cuts[j - 1]!;
      const right = cuts[j + 1]! - k;
      if (left > 2 && right > 2) return -1;
    }
  }
  const q = p + m;
  for (const s of c.suffixes) {
    if (q + s.length > n) continue;
    let ok = true;
    for (let k = 0; k < s.length; k++) {
      if (u.chars[q + k] !== s[k] || (u.gap[q + k]! & GAP_SPACE) !== 0) {
        ok = false;
        break;
      }
    }
    if (ok && isWordEnd(u, q + s.length)) return q + s.length;
  }
  return isWordEnd(u, q) ? q : -1;
}

/** Every whole-word hit of the list in the units, left to right, non-overlapping. */
export function findWords(matcher: WordMatcher, u: Units): WordHit[] {
  const hits: WordHit[] = [];
  const n = u.chars.length;
  for (let p = 0; p < n; p++) {
    if (!isWordStart(u, p)) continue;
    const candidates = matcher.byFirst.get(u.chars[p]!);
    if (!candidates) continue;
    for (const c of candidates) {
      const to = matchAt(u, p, c);
      if (to < 0) continue;
      hits.push({ word: c.word, list: matcher.name, from: p, to, start: u.start[p]!, end: u.end[to - 1]! });
      p = to - 1;
      break;
    }
  }
  return hits;
}

/** Convenience for tests and callers without units: fold and match. */
export function findInText(matcher: WordMatcher, text: string): WordHit[] {
  return findWords(matcher, toUnits(text));
}

/** Spans of hits, merged when they overlap. */
export function spansOf(hits: readonly { start: number; end: number }[]): Span[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else out.push({ start: h.start, end: h.end });
  }
  return out;
}
