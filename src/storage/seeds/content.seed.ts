import type { Seed } from './seed.js';

/**
 * Real reference content beyond wilayah and organisations (which load on every start):
 * features add their seeds here (the OGP plan metadata, the city's figures, …).
 */
export const contentSeeds: Seed[] = [];
