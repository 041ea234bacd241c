import type { Config } from '../config/config.js';
import type { Storage, Db } from '../storage/database.js';
import type { Mailer } from '../features/mail/mail.service.js';

/** What every route and service can reach, decorated onto the Fastify instance as `deps`. */
export interface AppDeps {
  config: Config;
  storage: Storage;
  db: Db;
  mailer: Mailer;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
