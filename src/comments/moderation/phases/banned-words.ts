// Phase 6: banned words. Obscenity (wordlists.ts) rejects the comment (Coral banned list,
// Discourse `block`); the author sees which words, highlighted by the spans.

import { hitsOf, type ModerationContext } from '../context.ts';
import { spansOf } from '../matcher.ts';
import { messages } from '../explain.ts';
import type { PhaseResult } from '../types.ts';

export function bannedWords(ctx: ModerationContext): PhaseResult | undefined {
  const hits = hitsOf(ctx).obscenity;
  if (hits.length === 0) return undefined;
  return {
    decision: 'rejected',
    reasons: [{ code: 'banned_word', message: messages.bannedWord, spans: spansOf(hits), detail: 'obscenity' }],
  };
}
