import type { FastifyInstance } from 'fastify';
import { wilayahApi } from '../features/wilayah/wilayah.api.js';
import { wilayahWeb } from '../features/wilayah/wilayah.web.js';
import { homeWeb } from '../features/home/home.web.js';
import { accountApi } from '../features/account/account.api.js';
import { accountWeb } from '../features/account/account.web.js';
import { authWeb } from '../features/account/auth.web.js';
import { notificationApi } from '../features/notification/notification.api.js';
import { notificationWeb } from '../features/notification/notification.web.js';




/** Every feature's routes. Register a feature's `*.api.ts` and `*.web.ts` plugins here. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  for (const plugin of [homeWeb, wilayahApi, wilayahWeb]) {
    await app.register(plugin);
  }
  for (const plugin of [notificationApi, notificationWeb]) await app.register(plugin);
  for (const plugin of [accountApi, accountWeb, authWeb]) await app.register(plugin);
}
