import type { Config } from '../config/config.js';
import type { Storage, Db } from '../storage/database.js';
import type { NavItem } from '../views/nav.js';

/**
 * What every route can reach, decorated onto the Fastify instance as `deps` by the composition
 * root (src/app/). The plumbing knows only these; a feature that needs something wired by
 * the root (the mailer, page extras, home tiles, …) adds it to this interface from its own folder:
 *   declare module '../../http/deps.js' { interface AppDeps { mailer: Mailer } }
 * so the root's object fails to compile until it supplies it.
 */
export interface AppDeps {
  config: Config;
  storage: Storage;
  db: Db;
  /** The main menu, in order. */
  nav: readonly NavItem[];
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
