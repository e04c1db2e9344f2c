// Routes: /admin/indicators (catalogue, values, CSV/XLSX upload and its progress page).

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export async function indicatorRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
