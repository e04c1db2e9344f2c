// Routes: progress reports of funded plans (agency workspace and secretariat review).

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export async function progressReportRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
