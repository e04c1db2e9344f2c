// Council meetings: the secretariat's pages under /admin/meetings, the printable minutes and the public summary at /meetings/:id.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export async function meetingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
