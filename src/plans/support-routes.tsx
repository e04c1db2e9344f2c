// Residents support the plans of their places: POST /plans/:id/support.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export async function planSupportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
