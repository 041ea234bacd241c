import type { Db } from '../../storage/database.js';
import { countByTingkat } from '../wilayah/wilayah.repository.js';
import { actionPlanTile } from '../plan/plan.home.js';
import { forumTile } from '../forum/forum.home.js';
import { indicatorTile } from '../indicator/indicator.home.js';
import { datasetTile } from '../catalog/catalog.home.js';

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

/** Features add their tiles here (action plan, datasets, indicators, …). */
export const homeTileSources: HomeTileSource[] = [
  async (db) => {
    const counts = await countByTingkat(db);
    return [{ title: 'home.wilayah.title', description: 'home.wilayah.desc', href: '/wilayah', count: counts['kelurahan'] ?? 0, countLabel: 'home.wilayah.count' }];
  },
  actionPlanTile,
  forumTile,
  datasetTile,
  indicatorTile,
];
