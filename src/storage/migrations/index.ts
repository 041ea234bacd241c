import type { Migration } from 'kysely';
import * as createCore from './2026_11_27_1600_create_core.js';

/**
 * Every migration, in order. A static list (not a folder scan) so the set is explicit in review.
 * Add new ones at the end; never edit one that has been merged.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_27_1600_create_core': createCore,
};
