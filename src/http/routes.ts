import type { FastifyInstance } from 'fastify';
import { wilayahApi } from '../features/wilayah/wilayah.api.js';
import { wilayahWeb } from '../features/wilayah/wilayah.web.js';
import { homeWeb } from '../features/home/home.web.js';




/** Every feature's routes. Register a feature's `*.api.ts` and `*.web.ts` plugins here. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  for (const plugin of [homeWeb, wilayahApi, wilayahWeb]) {
    await app.register(plugin);
  }
}
