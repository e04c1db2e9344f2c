// Phase 12: reports. A comment reported `reportHideCount` times or more is hidden pending a
// moderator (the caller re-runs moderation when a report arrives, or checks this phase alone).

import type { ModerationContext } from '../context.ts';
import { messages } from '../explain.ts';
import type { PhaseResult } from '../types.ts';

export function reports(ctx: ModerationContext): PhaseResult | undefined {
  const count = ctx.input.reportCount ?? 0;
  if (count < ctx.config.reportHideCount) return undefined;
  return { decision: 'held', reasons: [{ code: 'reported', message: messages.reported(count), detail: `reports=${count}` }] };
}
