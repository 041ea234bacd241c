import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { createDatabase } from '../storage/database.js';
import { registerAuditSecret } from '../features/audit/audit.key.js';
import { checkpointFolder, writeCheckpoint } from '../features/audit/audit-checkpoints.js';
import { parseFlags } from './args.js';
import { CliError, type Command } from './cli-error.js';

const usage = `Usage: terbuka backup [--out FILE]

Online backup of the SQLite database (safe while the server runs).
Default file: <data dir>/backups/terbuka-<timestamp>.db. For PostgreSQL use pg_dump.
The audit head is signed first, and every audit checkpoint is copied beside the backup
(<FILE>.audit-checkpoints/), so a restored log can be checked against them.`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the SQLite database to a file',
  usage,
  async run(args) {
    const { values } = parseFlags(args, { out: { type: 'string', short: 'o' } }, usage);
    if (values.help) return (console.log(usage), 0);
    const config = loadConfig();
    const storage = createDatabase(config);
    registerAuditSecret(storage.db, config.auditSecret);
    try {
      // The dialect knows whether the app can copy the database itself (no connection is opened to ask).
      if (storage.dialect.backupAdvice) throw new CliError(storage.dialect.backupAdvice, 1);
      const target =
        values.out ??
        path.join(config.dataDir, 'backups', `terbuka-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
      await writeCheckpoint(storage.db);
      await storage.dialect.backup(storage.db, target);
      const checkpoints = `${target}.audit-checkpoints`;
      fs.cpSync(checkpointFolder(storage.db), checkpoints, { recursive: true });
      console.log(`Backup written to ${path.resolve(target)}`);
      console.log(`Audit checkpoints copied to ${path.resolve(checkpoints)}`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};
