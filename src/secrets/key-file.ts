import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * A server secret kept outside the database: the configured value when there is one, else a
 * random key made once in the data folder (mode 0600). Keeping it out of the database is the
 * point: whoever can write the database must not also hold the key (privacy masks, the audit
 * chain, CSRF tokens), each with its own file so one key never serves two purposes.
 */
export function secretKey(configured: string | null, dataDir: string, fileName: string): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, fileName);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
}
