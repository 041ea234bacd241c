import type { HomeTileSource } from '../home/home-tile.js';

/** Home tile: the action plan, counted in commitments. */
export const actionPlanTile: HomeTileSource = async (db) => {
  const row = await db
    .selectFrom('commitments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return [
    {
      title: 'home.actionPlan.title',
      description: 'home.actionPlan.desc',
      href: '/rencana-aksi',
      count: Number(row.n),
      countLabel: 'home.actionPlan.count',
    },
  ];
};
