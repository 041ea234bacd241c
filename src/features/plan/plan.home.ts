import { countRealCommitments } from '../commitment/commitment.repository.js';
import type { HomeTileSource } from '../home/home-tile.js';

/** Home tile: the action plan, counted in real commitments (example content is never counted). */
export const actionPlanTile: HomeTileSource = async (db) => {
  const n = await countRealCommitments(db);
  return [
    {
      title: 'home.actionPlan.title',
      description: 'home.actionPlan.desc',
      href: '/rencana-aksi',
      count: n,
      countLabel: 'home.actionPlan.count',
    },
  ];
};
