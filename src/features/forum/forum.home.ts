import type { HomeTileSource } from '../home/home-tile.js';

/** Home tile: the multi-stakeholder forum with its number of active members (example members are not counted). */
export const forumTile: HomeTileSource = async (db) => {
  const row = await db
    .selectFrom('forum_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('left_on', 'is', null)
    .where('is_example', '=', 0)
    .executeTakeFirst();
  return [
    {
      title: 'forum.title',
      description: 'forum.homeDesc',
      href: '/forum',
      count: Number(row?.n ?? 0),
      countLabel: 'forum.homeCount',
    },
  ];
};
