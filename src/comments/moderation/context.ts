// The context every phase receives. Derived values (normalised text, folded units, word hits,
// classifier score) are computed on first use and memoised on the context, so a phase can be
// tested alone with `createContext(...)` and, in the pipeline, nothing is computed twice.

import { normalizePersian } from '../../platform/persian/index.ts';
import { score, type Model } from './classifier.ts';
import { compileList, findWords, type WordEntry, type WordHit, type WordMatcher } from './matcher.ts';
import { foldNormalized, toUnits, tokensOf, type Token, type Units } from './text.ts';
import { defaultConfig, type ModerationConfig, type ModerationInput } from './types.ts';
import { accusationWords, insultWords, obscenityWords, organisationWords, personTitles } from './wordlists.ts';

export interface DerivedText {
  /** normalizePersian(text): what is stored and displayed. */
  normalized: string;
  /** Folded units of the ORIGINAL text (offsets point into it). */
  units: Units;
  /** Words separated by spaces or stops (ZWNJ and punctuation inside a word do not split it). */
  words: Token[];
  /** One-string folded form for the classifier, relevance and repeats. */
  features: string;
  /** Letters in the normalised text. */
  letters: number;
}

export interface WordHits {
  obscenity: WordHit[];
  insult: WordHit[];
  accusation: WordHit[];
  /** Persons (titles, roles, subject names) and organisations. */
  target: WordHit[];
}

export interface ModerationContext {
  readonly input: ModerationInput;
  readonly config: ModerationConfig;
  /** Offensive-language model; null disables the classifier part of the insult phase. */
  readonly model: Model | null;
  /** Memoised values; use the accessors below. */
  memo: { text?: DerivedText; hits?: WordHits; offensive?: number };
}

export function createContext(
  input: ModerationInput,
  config: Partial<ModerationConfig> = {},
  model: Model | null = null,
): ModerationContext {
  return { input, config: { ...defaultConfig, ...config }, model, memo: {} };
}

const LETTER = /\p{L}/gu;

export function deriveText(text: string): DerivedText {
  const normalized = normalizePersian(text);
  const units = toUnits(text);
  return {
    normalized,
    units,
    words: tokensOf(units, false),
    features: foldNormalized(normalized),
    letters: normalized.match(LETTER)?.length ?? 0,
  };
}

/** The normalised and folded forms of the comment (the "normalize" phase fills this). */
export function textOf(ctx: ModerationContext): DerivedText {
  return (ctx.memo.text ??= deriveText(ctx.input.text));
}

const matchers = {
  obscenity: compileList('obscenity', obscenityWords),
  insult: compileList('insult', insultWords),
  accusation: compileList('accusation', accusationWords),
  person: compileList('person', personTitles),
  organisation: compileList('organisation', organisationWords),
};

/** The compiled built-in lists (for tests and tools). */
export function builtInMatchers(): Readonly<Record<keyof typeof matchers, WordMatcher>> {
  return matchers;
}

const nameMatchers = new Map<string, WordMatcher>();

/** Matcher for the names of a subject: each full name, and the family name of multi-word names. */
export function namesMatcher(names: readonly string[]): WordMatcher {
  const key = names.join('\u0000');
  let m = nameMatchers.get(key);
  if (m) return m;
  const entries: WordEntry[] = [];
  for (const name of names) {
    const trimmed = normalizePersian(name);
    if (trimmed === '') continue;
    entries.push({ word: trimmed, suffixes: ['ی', 'ها', 'ه'] });
    const parts = trimmed.split(/\s+/);
    const last = parts[parts.length - 1]!;
    if (parts.length > 1 && [...last].length >= 3) entries.push({ word: last, suffixes: ['ی', 'ها', 'ه'] });
  }
  m = compileList('name', entries);
  if (nameMatchers.size > 500) nameMatchers.clear();
  nameMatchers.set(key, m);
  return m;
}

/** Hits of every built-in list (and of the subject's names) in the comment. */
export function hitsOf(ctx: ModerationContext): WordHits {
  if (ctx.memo.hits) return ctx.memo.hits;
  const u = textOf(ctx).units;
  const target = [...findWords(matchers.person, u), ...findWords(matchers.organisation, u)];
  const names = ctx.input.subject?.names;
  if (names && names.length > 0) target.push(...findWords(namesMatcher(names), u));
  const hits: WordHits = {
    obscenity: findWords(matchers.obscenity, u),
    insult: findWords(matchers.insult, u),
    accusation: findWords(matchers.accusation, u),
    target,
  };
  return (ctx.memo.hits = hits);
}

/** Threshold in force: the config's, else the model's recommendation, else 0.5. */
export function classifierThreshold(ctx: ModerationContext): number {
  return ctx.config.classifierThreshold ?? ctx.model?.threshold ?? 0.5;
}

/** Classifier probability that the comment is offensive, or undefined without a model. */
export function offensiveScore(ctx: ModerationContext): number | undefined {
  if (!ctx.model) return undefined;
  return (ctx.memo.offensive ??= score(ctx.model, textOf(ctx).features, true));
}
