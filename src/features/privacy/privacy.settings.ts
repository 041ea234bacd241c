import { keyFromFile } from '../../config/key-file.js';
import type { Db, DbOrTrx } from '../../storage/database.js';
import type { Config } from '../../config/config.js';

/**
 * The privacy settings of the app (or CLI command) that owns a database handle. The ingest runs
 * from services that receive only storage, so the composition root (src/app/compose.ts) records
 * its configuration here, for the web app and every CLI command alike.
 */
interface PrivacySettings {
  threshold: number;
  dataDir: string;
  secret: string | null;
}

const settings = new WeakMap<object, PrivacySettings>();
export const DEFAULT_THRESHOLD = 5;

export function registerPrivacySettings(
  db: Db,
  config: Pick<Config, 'suppressionThreshold' | 'dataDir' | 'privacyMaskSecret'>,
): void {
  settings.set(db, {
    threshold: config.suppressionThreshold,
    dataDir: config.dataDir,
    secret: config.privacyMaskSecret,
  });
}

/** Transactions are separate objects: callers pass the database handle. */
export const smallCountThresholdFor = (db: DbOrTrx): number => settings.get(db)?.threshold ?? DEFAULT_THRESHOLD;

/**
 * The key of the keyed hash that masks NIK and KK numbers: PRIVACY_MASK_SECRET, or a random key
 * made once in the data folder (never in the database, which holds the masked values).
 */
export function maskKey(db: Db): Buffer {
  const s = settings.get(db);
  if (!s) throw new Error('privacy settings not registered for this database');
  return keyFromFile(s.dataDir, 'privacy-mask.key', s.secret);
}
