// The news desk (/admin/news) and the public news: /news, /news/:newsCode, /feed.xml.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export async function newsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
