import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { createDatabase } from '../storage/database.js';
import { parseFlags } from './args.js';
import { CliError, type Command } from './cli-error.js';

const usage = `Usage: terbuka backup [--out FILE]

Online backup of the SQLite database (safe while the server runs).
Default file: <data dir>/backups/terbuka-<timestamp>.db. For PostgreSQL use pg_dump.`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the SQLite database to a file',
  usage,
  async run(args) {
    const { values } = parseFlags(args, { out: { type: 'string', short: 'o' } }, usage);
    if (values.help) return console.log(usage), 0;
    const config = loadConfig();
    if (config.databaseUrl) throw new CliError('This portal runs on PostgreSQL: back it up with pg_dump, e.g.\n  pg_dump "$DATABASE_URL" --format=custom --file=terbuka.dump', 1);
    const storage = createDatabase(config);
    try {
      const target = values.out ?? path.join(config.dataDir, 'backups', `terbuka-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
      await storage.dialect.backup(storage.db, target);
      console.log(`Backup written to ${path.resolve(target)}`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};
