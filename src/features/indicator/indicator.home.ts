import type { HomeTileSource } from '../home/home-tile.js';

/** The home page tile: how many real indicators the catalogue holds. */
export const indicatorTile: HomeTileSource = async (db) => {
  const row = await db
    .selectFrom('indicators')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_example', '=', 0) // example indicators (`seed --demo`) are never counted
    .executeTakeFirst();
  return [
    {
      title: 'indicator.home.title',
      description: 'indicator.home.desc',
      href: '/indikator',
      count: Number(row?.n ?? 0),
      countLabel: 'indicator.home.count',
    },
  ];
};
