import type { Db } from '../../storage/database.js';

/** One tile on the home page: what a part of the portal offers, with a live count. */
export interface HomeTile {
  /** i18n keys */
  title: string;
  description: string;
  href: string;
  count: number;
  /** i18n key for the unit, with {n}. */
  countLabel: string;
}

export type HomeTileSource = (db: Db) => Promise<HomeTile[]>;

/** The tiles, in order: the composition root lists every feature's (src/app/registrations.ts). */
declare module '../../http/deps.js' {
  interface AppDeps {
    homeTiles: readonly HomeTileSource[];
  }
}
