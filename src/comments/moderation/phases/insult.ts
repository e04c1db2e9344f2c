// Phase 7: insult words and the offensive-language classifier. A listed insult holds the comment
// for a moderator; so does a classifier probability at or above `classifierThreshold` (Coral
// `toxic.ts`: the score only withholds, never rejects). The score is always kept.

import { classifierThreshold, hitsOf, offensiveScore, type ModerationContext } from '../context.ts';
import { spansOf } from '../matcher.ts';
import { messages } from '../explain.ts';
import type { PhaseResult, Reason } from '../types.ts';

export function insult(ctx: ModerationContext): PhaseResult | undefined {
  const hits = hitsOf(ctx).insult;
  const p = offensiveScore(ctx);
  const reasons: Reason[] = [];
  if (hits.length > 0) {
    reasons.push({ code: 'insult', message: messages.insultWord, spans: spansOf(hits), detail: 'word_list' });
  } else if (p !== undefined && p >= classifierThreshold(ctx)) {
    reasons.push({ code: 'insult', message: messages.insultScore, detail: 'classifier' });
  }
  const scores = p === undefined ? undefined : { offensive: Math.round(p * 1000) / 1000 };
  if (reasons.length === 0) return scores ? { scores } : undefined;
  return { decision: 'held', reasons, ...(scores ? { scores } : {}) };
}
