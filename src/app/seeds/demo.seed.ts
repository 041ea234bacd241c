import type { Seed } from '../../storage/seeds/seed.js';
import type { DbOrTrx } from '../../storage/database.js';
import { demoIndicatorSeed } from '../../features/indicator/indicator-demo.seed.js';
import { commitmentDemoSeed } from '../../features/commitment/commitment-demo.seed.js';
import { forumDemoSeed } from '../../features/forum/forum-demo.seed.js';
import { countRealCommitments } from '../../features/commitment/commitment.repository.js';
import { countRealForumRecords } from '../../features/forum/forum.repository.js';

/** Example content for `seed --demo`; every record is marked "contoh". Features add theirs here. */
export const demoSeeds: Seed[] = [demoIndicatorSeed, commitmentDemoSeed, forumDemoSeed];

/**
 * The real records an instance already holds (commitments, forum members, forum meetings), by
 * kind: `seed --demo` refuses to run beside any of them unless forced, so that nobody mistakes a
 * live portal for a test one. Empty when the instance holds only reference data.
 */
export async function realContentOf(db: DbOrTrx): Promise<Array<{ kind: string; count: number }>> {
  const commitments = await countRealCommitments(db);
  const forum = await countRealForumRecords(db);
  return [
    { kind: 'commitments', count: commitments },
    { kind: 'forum members', count: forum.members },
    { kind: 'forum meetings', count: forum.meetings },
  ].filter((c) => c.count > 0);
}
