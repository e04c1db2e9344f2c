// Phase 10: spam. Links, e-mail addresses, Telegram-style handles and phone numbers (in
// Persian, Arabic-Indic or ASCII digits, with or without separators) hold the comment (Coral
// `detectLinks`); so does repeating one of the author's recent comments (Coral `repeatPost`)
// or one word over and over.

import { toAsciiDigits } from '../../../platform/persian/index.ts';
import { textOf, type ModerationContext } from '../context.ts';
import { messages } from '../explain.ts';
import { foldForFeatures } from '../text.ts';
import type { PhaseResult, Reason, Span } from '../types.ts';

const TLD =
  'com|ir|net|org|info|io|me|co|xyz|top|site|online|shop|store|app|dev|biz|tv|us|uk|de|ru|link|ly|gl|to|cc|club|live|news|blog|website';
const URL_RE = new RegExp(
  String.raw`(?:https?:\/\/|www\.)[^\s<>"'«»]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:${TLD})\b(?:\/[^\s<>"'«»]*)?|\bt\.me\/\S+`,
  'giu',
);
const EMAIL_RE = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/giu;
const HANDLE_RE = /(?<![\p{L}\p{N}_.@])@[a-z][a-z0-9_]{4,}/giu;
// A run of digits with separators; checked afterwards against Iranian phone shapes.
const DIGIT_RUN_RE = /(?:\+|00)?\d(?:[\d\s\-.()]*\d)?/gu;
const PHONE_SHAPES = [/^(?:\+?98|0098|0)?9\d{9}$/, /^0\d{10}$/, /^(?:\+?98|0098)\d{10}$/];

function spansOf(re: RegExp, text: string, accept: (m: string) => boolean = () => true): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    if (accept(m[0])) out.push({ start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

function shingles(s: string): Set<string> {
  const out = new Set<string>();
  const t = s.replace(/ /g, '');
  if (t.length < 3) out.add(t);
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}

/** Jaccard similarity of character 3-gram sets (spaces ignored). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  return jaccard(shingles(a), shingles(b));
}

function jaccard(A: ReadonlySet<string>, B: ReadonlySet<string>): number {
  let inter = 0;
  for (const g of A) if (B.has(g)) inter++;
  const union = A.size + B.size - inter;
  return union === 0 ? 0 : inter / union;
}

// An author's recent texts come back on each of their next posts; folding and shingling each of
// them again was most of the pipeline's time for active authors (bench/COMMENTS.md). Bounded,
// oldest out; the verdict does not depend on it.
const RECENT_CACHE_MAX = 2000;
const recentShingles = new Map<string, Set<string>>();
function shinglesOfRecent(text: string): Set<string> {
  let s = recentShingles.get(text);
  if (!s) {
    s = shingles(foldForFeatures(text));
    if (recentShingles.size >= RECENT_CACHE_MAX) recentShingles.delete(recentShingles.keys().next().value!);
    recentShingles.set(text, s);
  }
  return s;
}

export function spam(ctx: ModerationContext): PhaseResult | undefined {
  const text = ctx.input.text;
  const reasons: Reason[] = [];
  // toAsciiDigits maps one UTF-16 unit to one, so offsets stay those of the original.
  const ascii = toAsciiDigits(text);
  // Cheap checks first: links need a dot, e-mails and handles an @, phones a digit.
  const hasDot = ascii.includes('.');
  const hasAt = ascii.includes('@');
  const emails = hasAt && hasDot ? spansOf(EMAIL_RE, ascii) : [];
  const links = hasDot ? spansOf(URL_RE, ascii).filter((l) => !emails.some((e) => l.start >= e.start && l.end <= e.end)) : [];
  const handles = hasAt ? spansOf(HANDLE_RE, ascii).filter((h) => !emails.some((e) => h.start >= e.start && h.end <= e.end)) : [];
  const phones = /\d/.test(ascii)
    ? spansOf(DIGIT_RUN_RE, ascii, (m) => {
        const d = m.replace(/[^\d+]/g, '');
        return PHONE_SHAPES.some((re) => re.test(d));
      })
    : [];
  if (links.length + handles.length > 0) {
    reasons.push({ code: 'spam_link', message: messages.spamLink, spans: [...links, ...handles].sort((a, b) => a.start - b.start), detail: 'link' });
  }
  if (emails.length > 0) reasons.push({ code: 'spam_link', message: messages.spamEmail, spans: emails, detail: 'email' });
  if (phones.length > 0) reasons.push({ code: 'spam_link', message: messages.spamPhone, spans: phones, detail: 'phone' });

  const t = textOf(ctx);
  const recent = ctx.input.author?.recentTexts ?? [];
  if (t.features !== '' && recent.length > 0) {
    const own = shingles(t.features);
    const best = Math.max(...recent.map((r) => jaccard(own, shinglesOfRecent(r))));
    if (best >= ctx.config.repeatSimilarity) {
      reasons.push({ code: 'spam_repeat', message: messages.spamRepeat, detail: `similarity=${Math.round(best * 100) / 100}` });
    }
  }
  const words = t.features.split(' ').filter((w) => w !== '');
  if (words.length >= 8) {
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    const top = Math.max(...counts.values());
    if (top / words.length >= 0.5) reasons.push({ code: 'spam_repeat', message: messages.spamSelfRepeat, detail: 'self' });
  }
  return reasons.length > 0 ? { decision: 'held', reasons } : undefined;
}
