import type { HomeTileSource } from '../home/home-tile.js';
import { countByTingkat } from './wilayah.repository.js';

/** The home tile of the wilayah pages: how many kelurahan have a profile. */
export const wilayahTile: HomeTileSource = async (db) => {
  const counts = await countByTingkat(db);
  return [
    {
      title: 'home.wilayah.title',
      description: 'home.wilayah.desc',
      href: '/wilayah',
      count: counts['kelurahan'] ?? 0,
      countLabel: 'home.wilayah.count',
    },
  ];
};
