import type { Seed } from './seed.js';

/** Example content for `seed --demo`; every record is marked "contoh". Features add theirs here. */
export const demoSeeds: Seed[] = [];
