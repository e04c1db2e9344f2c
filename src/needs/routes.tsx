// Residents' needs: /needs, /needs/new, /needs/:id, support, the secretariat's status.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export async function needsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
