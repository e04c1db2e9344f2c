// Phase 11: trust. Authors with fewer than `trustApprovedCount` approved comments are
// pre-moderated (Coral `statusPreModerateNewCommenter`, default 2). Skipped without author facts.

import type { ModerationContext } from '../context.ts';
import { messages } from '../explain.ts';
import type { PhaseResult } from '../types.ts';

export function trust(ctx: ModerationContext): PhaseResult | undefined {
  const a = ctx.input.author;
  if (!a || a.approvedCount >= ctx.config.trustApprovedCount) return undefined;
  return { decision: 'held', reasons: [{ code: 'new_user', message: messages.newUser, detail: `approved=${a.approvedCount}` }] };
}
