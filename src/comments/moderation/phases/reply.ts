// Phase 4: the reply target is valid — the parent exists, belongs to the same subject, is not
// rejected (Coral `AncestorRejectedError`), and the new comment is not deeper than allowed.

import type { ModerationContext } from '../context.ts';
import { messages } from '../explain.ts';
import type { PhaseResult, Reason } from '../types.ts';

export function replyTarget(ctx: ModerationContext): PhaseResult | undefined {
  const r = ctx.input.reply;
  if (!r) return undefined;
  let reason: Reason | undefined;
  if (!r.parentExists) reason = { code: 'invalid_reply', message: messages.parentMissing, detail: 'parent_missing' };
  else if (!r.sameSubject) reason = { code: 'invalid_reply', message: messages.parentOtherSubject, detail: 'other_subject' };
  else if (r.parentRejected) reason = { code: 'invalid_reply', message: messages.parentRejected, detail: 'parent_rejected' };
  else if (r.depth > ctx.config.maxReplyDepth) {
    reason = { code: 'invalid_reply', message: messages.tooDeep(ctx.config.maxReplyDepth), detail: 'too_deep' };
  }
  return reason ? { decision: 'rejected', reasons: [reason] } : undefined;
}
