// Routes: public results per plan, place and harm, and the map.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export async function resultsRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
