// Resolutions: the council's follow-up page, each resolution's page, the responsible agency's progress notes.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export async function resolutionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
