import type { Seed } from '../../storage/seeds/seed.js';
import { demoIndicatorSeed } from '../../features/indicator/indicator-demo.seed.js';
import { commitmentDemoSeed } from '../../features/commitment/commitment-demo.seed.js';
import { forumDemoSeed } from '../../features/forum/forum-demo.seed.js';

/** Example content for `seed --demo`; every record is marked "contoh". Features add theirs here. */
export const demoSeeds: Seed[] = [demoIndicatorSeed, commitmentDemoSeed, forumDemoSeed];
