// Routes: the council dashboard, the need index settings and the targeting view.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export async function dashboardRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
