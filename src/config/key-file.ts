import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * A server secret that must never live in the database it protects: the configured value when
 * there is one, else a random key made once in the data folder (`fileName`, mode 0600) and read
 * by every later start and every process sharing that folder. Used for the privacy mask's keyed
 * hash and the CSRF tokens' HMAC, each with its own file so one key never serves two purposes.
 */
export function keyFromFile(dataDir: string, fileName: string, configured: string | null = null): Buffer {
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
