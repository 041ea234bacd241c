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
  if (!fs.existsSync(file)) createKeyFile(dataDir, file);
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
}

/**
 * Several app processes sharing one data folder start at the same moment: the key is written to a
 * file of this process's own and then linked into place, so no process ever reads a key file that
 * another is still writing (an empty key would make tokens the others reject). The first link
 * wins; the others read the winner's key.
 */
function createKeyFile(dataDir: string, file: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(draft, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}
