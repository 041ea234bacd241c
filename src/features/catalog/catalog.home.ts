import type { HomeTileSource } from '../home/home-tile.js';

/** The home page tile: how many datasets the public catalogue shows. */
export const datasetTile: HomeTileSource = async (db) => {
  const row = await db
    .selectFrom('datasets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'published')
    .where('private', '=', 0)
    .executeTakeFirst();
  return [
    {
      title: 'catalog.home.title',
      description: 'catalog.home.desc',
      href: '/data',
      count: Number(row?.n ?? 0),
      countLabel: 'catalog.home.count',
    },
  ];
};
