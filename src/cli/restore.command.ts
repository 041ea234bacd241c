import { loadConfig } from '../config/config.js';
import { parseFlags } from './args.js';
import { CliError, type Command } from './cli-error.js';

const usage = `Usage: terbuka restore ARCHIVE

Restores an archive made by "terbuka backup" into an EMPTY data folder (TERBUKA_DATA_DIR, missing
or empty) and, with DATABASE_URL, an EMPTY PostgreSQL database of the same kind as the backup's.
Every member's sha256 is checked against the manifest before anything is written; a damaged or
altered archive, or a target that is not empty, is refused. All or nothing: on any failure the
new data folder is removed and the database's tables dropped. Afterwards, "terbuka audit verify"
checks the restored log against the restored checkpoints.`;

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore a backup archive into an empty data folder / empty database',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(args, {}, usage, true);
    if (values.help) return (console.log(usage), 0);
    if (positionals.length !== 1) throw new CliError(usage);
    const config = loadConfig();
    const { restoreBackup, RestoreRefused } = await import('../backup/restore-archive.js');
    try {
      const summary = await restoreBackup(config, positionals[0]!);
      console.log(`Restored into ${summary.dataDir} (${summary.storedFiles} stored files).`);
      console.log('Check it with: terbuka audit verify');
      return 0;
    } catch (error) {
      if (error instanceof RestoreRefused) throw new CliError(`Restore refused: ${error.message}`, 1);
      throw error;
    }
  },
};
