// Ballot rounds: /ballots, /ballots/:id, casting, receipts, results and the .pb export; the secretariat's pages under /admin/ballots.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export async function ballotRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
