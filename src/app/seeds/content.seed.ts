import type { Seed } from '../../storage/seeds/seed.js';
import { datasetGroupsSeed } from '../../features/dataset/dataset.seed.js';
import { cityIndicatorSeed } from '../../features/indicator/indicator.seed.js';
import { ogpMadiunSeed } from '../../features/plan/plan.seed.js';

/**
 * Real reference content beyond wilayah and organisations (which load on every start):
 * features add their seeds here (the OGP plan metadata, the city's figures, …).
 */
export const contentSeeds: Seed[] = [datasetGroupsSeed, cityIndicatorSeed, ogpMadiunSeed];
