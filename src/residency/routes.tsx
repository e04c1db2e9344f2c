// Residency verification: /my/residency (national ID against the census), /admin/residency (census upload, verification by hand).

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export async function residencyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
