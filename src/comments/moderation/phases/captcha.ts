// Phase 2: captcha. The caller verifies the altcha solution or the no-JavaScript fallback
// (single use, not expired) and passes the result; absent means "not checked here".

import type { ModerationContext } from '../context.ts';
import { messages } from '../explain.ts';
import type { PhaseResult } from '../types.ts';

export function captcha(ctx: ModerationContext): PhaseResult | undefined {
  if (ctx.input.captchaOk !== false) return undefined;
  return { decision: 'rejected', reasons: [{ code: 'captcha_failed', message: messages.captchaFailed }] };
}
