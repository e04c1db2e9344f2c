// Routes: open data exports (/open-data), the read-only JSON API (/api/v1) and its docs (/api/docs).

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export async function openDataRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
