// Types of the comment moderation core (DESIGN.md "Comments and moderation").
// Everything here is data: no I/O, JSON-serialisable, shared by the phases, the pipeline,
// the CLI and the server.

import type { ModerationContext } from './context.ts';
import type { IdfTable } from './tfidf.ts';

export type { Model } from './classifier.ts';
export type { IdfTable } from './tfidf.ts';

/** Final state of a comment after moderation (DESIGN.md comment lifecycle). */
export type Decision = 'published' | 'held' | 'rejected';

/**
 * Why a comment was held or rejected. The first thirteen are the codes of issue #5;
 * `captcha_failed` and `invalid_reply` belong to the captcha and reply-target phases.
 */
export type ReasonCode =
  | 'too_short'
  | 'too_long'
  | 'rate_limited'
  | 'not_persian'
  | 'finglish'
  | 'banned_word'
  | 'insult'
  | 'defamation'
  | 'off_topic'
  | 'spam_link'
  | 'spam_repeat'
  | 'new_user'
  | 'reported'
  | 'captcha_failed'
  | 'invalid_reply';

export const reasonCodes: readonly ReasonCode[] = [
  'too_short',
  'too_long',
  'rate_limited',
  'not_persian',
  'finglish',
  'banned_word',
  'insult',
  'defamation',
  'off_topic',
  'spam_link',
  'spam_repeat',
  'new_user',
  'reported',
  'captcha_failed',
  'invalid_reply',
];

/** A half-open range [start, end) of UTF-16 code units in the ORIGINAL text (as typed). */
export interface Span {
  start: number;
  end: number;
}

export interface Reason {
  code: ReasonCode;
  /** Persian explanation shown to the author (rejected) or to the moderator (held). */
  message: string;
  /** Offsets into the original text, for highlighting in the moderation queue. */
  spans?: Span[];
  /** Short machine-readable detail (e.g. `classifier`, `unsure`, `parent_missing`, the matched list). */
  detail?: string;
}

export interface Verdict {
  decision: Decision;
  reasons: Reason[];
  /** Named scores kept for moderators, e.g. `offensive` (0..1), `relevance` (0..1). */
  scores: Record<string, number>;
}

/** What the comment is attached to: a plan, an article, a need… */
export interface ModerationSubject {
  title: string;
  /** Lead and body, as one text. */
  body: string;
  /** Names of real persons mentioned by the subject (officials, applicants…), for the defamation proxy. */
  names?: string[];
}

/** Facts about the reply target, computed by the caller from the database. */
export interface ReplyFacts {
  parentExists: boolean;
  /** The parent belongs to the same subject as the new comment. */
  sameSubject: boolean;
  /** The parent (or one of its ancestors) was rejected. */
  parentRejected: boolean;
  /** Depth of the NEW comment: a top-level comment is 0, a reply to it 1, … (limit `maxReplyDepth`). */
  depth: number;
}

/** Facts about the author, computed by the caller from the database. */
export interface AuthorFacts {
  /** Comments of this author approved so far (published by the pipeline or by a moderator). */
  approvedCount: number;
  /** Comments of this author in the last `rateLimitWindowSeconds`, not counting this one. */
  recentCount: number;
  /** Texts of this author's comments in the last `repeatWindowSeconds`, newest first. */
  recentTexts: string[];
}

export interface ModerationInput {
  /** The comment exactly as typed; spans refer to it. */
  text: string;
  subject: ModerationSubject | null;
  /** Captcha result; absent = not checked here (CLI, tests). */
  captchaOk?: boolean;
  /** Absent for a top-level comment. */
  reply?: ReplyFacts;
  /** Absent when the author's history is not available (CLI `check`, evaluation). */
  author?: AuthorFacts;
  /** Comments from the same IP address in the last `rateLimitWindowSeconds`, not counting this one. */
  ipRecentCount?: number;
  /** Reports received (for re-moderation of a published comment). */
  reportCount?: number;
  /** Document frequencies over all subjects, for relevance; overrides `config.idf`. */
  idf?: IdfTable;
}

/** Tunable settings; every field has a documented default in `defaultConfig`. */
export interface ModerationConfig {
  /** Fewer letters than this (after normalisation) → rejected `too_short`. Default 2. */
  minLetters: number;
  /** More characters than this (after normalisation) → rejected `too_long`. Default 1500. */
  maxChars: number;
  /** Window the caller uses to count `author.recentCount` and `ipRecentCount`. Default 60 s. */
  rateLimitWindowSeconds: number;
  /** At least this many comments by the user in the window → rejected `rate_limited`. Default 3. */
  rateLimitPerUser: number;
  /** At least this many comments from the IP in the window → rejected `rate_limited`. Default 10. */
  rateLimitPerIp: number;
  /** Deepest allowed reply (top level = 0). Default 3. */
  maxReplyDepth: number;
  /** Texts with fewer letters are judged by the letter fallback and held when unsure. Default 15. */
  languageMinLetters: number;
  /**
   * Classifier probability at or above which a comment is held `insult`. Default: the model's
   * own recommended `threshold` (0.9 for the shipped model, 0.5 for `train` output), else 0.5.
   */
  classifierThreshold?: number;
  /** Max number of words between an insult/accusation and a person or organisation. Default 6. */
  defamationWindow: number;
  /** Only comments with at least this many content words can be held `off_topic`. Default 12. */
  relevanceMinTokens: number;
  /** TF-IDF cosine below this (for a long comment) → held `off_topic`. Default 0.04. */
  relevanceThreshold: number;
  /** Window the caller uses to collect `author.recentTexts`. Default 600 s. */
  repeatWindowSeconds: number;
  /** Shingle similarity at or above which a text repeats a recent one. Default 0.9. */
  repeatSimilarity: number;
  /** Authors with fewer approved comments are pre-moderated (`new_user`). Default 2. */
  trustApprovedCount: number;
  /** This many reports or more → held `reported` pending a moderator. Default 3. */
  reportHideCount: number;
  /** IDF table used when the input carries none. */
  idf?: IdfTable;
}

export const defaultConfig: Readonly<ModerationConfig> = Object.freeze({
  minLetters: 2,
  maxChars: 1500,
  rateLimitWindowSeconds: 60,
  rateLimitPerUser: 3,
  rateLimitPerIp: 10,
  maxReplyDepth: 3,
  languageMinLetters: 15,
  defamationWindow: 6,
  relevanceMinTokens: 12,
  relevanceThreshold: 0.04,
  repeatWindowSeconds: 600,
  repeatSimilarity: 0.9,
  trustApprovedCount: 2,
  reportHideCount: 3,
});

/** What a phase adds to the verdict. A `decision` of `rejected` stops the pipeline. */
export interface PhaseResult {
  decision?: Exclude<Decision, 'published'>;
  reasons?: Reason[];
  scores?: Record<string, number>;
}

/** A moderation phase: a pure function of the context. */
export type Phase = (ctx: ModerationContext) => PhaseResult | undefined;
