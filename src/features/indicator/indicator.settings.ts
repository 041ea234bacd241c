import type { Db } from '../../storage/database.js';

/**
 * The suppression threshold of the app that owns a database handle. Profile sections receive only
 * (ctx, db, wilayah), so the indicator routes record the configured threshold here at start-up.
 */
const thresholds = new WeakMap<object, number>();
export const DEFAULT_THRESHOLD = 5;

export function setSuppressionThreshold(db: Db, threshold: number): void {
  thresholds.set(db, threshold);
}

export const suppressionThresholdFor = (db: Db): number => thresholds.get(db) ?? DEFAULT_THRESHOLD;
