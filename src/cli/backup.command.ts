import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { openReadyStorage } from './bootstrap.js';
import { parseFlags } from './args.js';
import type { Command } from './cli-error.js';

const usage = `Usage: terbuka backup [--out FILE]

Writes ONE archive (tar) while the server runs: the database (SQLite: a consistent copy of the
file; PostgreSQL: every table, the datastore's included, as JSON lines through the driver — no
pg_dump needed), every stored file (uploaded originals, evidence, forum documents, from the local
disk or the database store), the audit checkpoints (the head is signed first), the data folder's
keys, and manifest.json with the sha256 of every member.
Default file: <data dir>/backups/terbuka-<timestamp>.tar. Keep it as safe as the database: it
holds password hashes, private originals and the server keys. Restore with "terbuka restore".`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the database, every stored file and the audit checkpoints into one archive',
  usage,
  async run(args) {
    const { values } = parseFlags(args, { out: { type: 'string', short: 'o' } }, usage);
    if (values.help) return (console.log(usage), 0);
    const config = loadConfig();
    const target =
      values.out ??
      path.join(config.dataDir, 'backups', `terbuka-${new Date().toISOString().replace(/[:.]/g, '-')}.tar`);
    const storage = await openReadyStorage(config);
    try {
      const { writeBackup } = await import('../backup/backup-archive.js');
      const summary = await writeBackup(storage, config, target);
      console.log(`Backup written to ${summary.file}`);
      console.log(`${summary.members} members (${summary.storedFiles} stored files), ${summary.bytes} bytes.`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};
