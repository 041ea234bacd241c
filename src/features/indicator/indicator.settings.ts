import type { Db } from '../../storage/database.js';

/**
 * The suppression threshold of the app that owns a database handle. Profile sections receive only
 * (ctx, db, wilayah), so the composition root (src/app/compose.ts) records the configured threshold here.
 */
const thresholds = new WeakMap<object, number>();
export const DEFAULT_THRESHOLD = 5;

export function setSuppressionThreshold(db: Db, threshold: number): void {
  thresholds.set(db, threshold);
}

export const suppressionThresholdFor = (db: Db): number => thresholds.get(db) ?? DEFAULT_THRESHOLD;
