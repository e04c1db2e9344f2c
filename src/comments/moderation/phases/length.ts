// Phase 1: length and rate limits (Coral `commentLength` and `@rate`, Isso `Guard`).
// Nothing is stored for a comment refused here; the author keeps the text in the form.

import { textOf, type ModerationContext } from '../context.ts';
import { messages } from '../explain.ts';
import type { PhaseResult } from '../types.ts';

export function lengthAndRate(ctx: ModerationContext): PhaseResult | undefined {
  const { config, input } = ctx;
  const userOver = input.author !== undefined && input.author.recentCount >= config.rateLimitPerUser;
  const ipOver = input.ipRecentCount !== undefined && input.ipRecentCount >= config.rateLimitPerIp;
  if (userOver || ipOver) {
    return {
      decision: 'rejected',
      reasons: [{ code: 'rate_limited', message: messages.rateLimited, detail: userOver ? 'user' : 'ip' }],
    };
  }
  const t = textOf(ctx);
  if (t.letters < config.minLetters) {
    return { decision: 'rejected', reasons: [{ code: 'too_short', message: messages.tooShort(config.minLetters) }] };
  }
  const chars = [...t.normalized].length;
  if (chars > config.maxChars) {
    return { decision: 'rejected', reasons: [{ code: 'too_long', message: messages.tooLong(config.maxChars, chars) }] };
  }
  return undefined;
}
