// Residents support the plans of their places: POST /plans/:id/support and
// POST /plans/:id/support/withdraw. Both answer with a redirect back to the plan's support box
// and a flash message, refusals included: a person never lands on an error page for these.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../accounts/permissions.ts';
import type { AppContext } from '../context.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { t } from '../platform/i18n/t.ts';
import { idFrom } from './load-plan-pages.ts';
import { supportPlan } from './support-plan.ts';
import { withdrawPlanSupport } from './support-withdraw.ts';

/** Supports and withdrawals per person (or address, before sign-in) per minute. */
export const SUPPORT_ACTIONS_PER_MINUTE = 20;

export async function planSupportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const limited = {
    config: {
      rateLimit: {
        max: SUPPORT_ACTIONS_PER_MINUTE,
        timeWindow: '1 minute',
        // Per person: many residents share one address behind a mobile operator's NAT.
        keyGenerator: (request: FastifyRequest) => (request.actor ? `support:u${request.actor.id}` : `support:${request.ip}`),
      },
    },
  };

  /** Runs the operation for the signed-in person and redirects to the box with its message. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    run: (actor: Actor, planId: number) => Promise<{ kind: 'success' | 'info'; text: string }>,
  ) {
    const planId = idFrom((request.params as { id?: string }).id ?? '');
    if (planId === null) throw notFound();
    const back = `/plans/${planId}`;
    if (!request.actor) return reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
    try {
      setFlash(reply, await run(request.actor, planId));
    } catch (err) {
      // A plan that is not there (or not public) is a 404 as on its page; every refusal is told on the page.
      if (!(err instanceof AppError) || err.code === 'not_found' || err.status >= 500) throw err;
      setFlash(reply, { kind: 'error', text: err.detail ?? t(`error.${err.code}.title`) });
    }
    return reply.redirect(`${back}#support`, 303);
  }

  app.post('/plans/:id/support', limited, async (request, reply) =>
    act(request, reply, async (actor, planId) => {
      const r = await supportPlan(ctx, actor, planId);
      return r.added ? { kind: 'success', text: t('planSupport.done.added') } : { kind: 'info', text: t('planSupport.done.already') };
    }),
  );

  app.post('/plans/:id/support/withdraw', limited, async (request, reply) =>
    act(request, reply, async (actor, planId) => {
      const r = await withdrawPlanSupport(ctx, actor, planId);
      return r.removed ? { kind: 'success', text: t('planSupport.done.withdrawn') } : { kind: 'info', text: t('planSupport.done.not_supported') };
    }),
  );
}
