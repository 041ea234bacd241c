import { NO_MIGRATIONS } from 'kysely';
import { loadConfig } from '../config/config.js';
import { createDatabase } from '../storage/database.js';
import { createMigrator } from '../storage/migrator.js';
import { CliError, type Command } from './cli-error.js';
import { parseFlags } from './args.js';

const usage = `Usage: terbuka migrate [up|down|status] [--all]

  up       apply every pending migration (default)
  down     undo the latest migration (--all: every migration)
  status   list migrations and whether each is applied`;

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply, undo or list database migrations',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(args, { all: { type: 'boolean' } }, usage, true);
    if (values.help) return (console.log(usage), 0);
    const action = positionals[0] ?? 'up';
    if (!['up', 'down', 'status'].includes(action) || positionals.length > 1)
      throw new CliError(`Unknown migrate action "${positionals.join(' ')}".\n\n${usage}`);
    const storage = createDatabase(loadConfig());
    try {
      const migrator = createMigrator(storage.db);
      if (action === 'status') {
        for (const m of await migrator.getMigrations())
          console.log(
            `${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  (${m.executedAt.toISOString()})` : ''}`,
          );
        return 0;
      }
      const result =
        action === 'up'
          ? await migrator.migrateToLatest()
          : values.all
            ? await migrator.migrateTo(NO_MIGRATIONS)
            : await migrator.migrateDown();
      for (const r of result.results ?? [])
        console.log(
          `${r.status === 'Success' ? 'ok   ' : r.status === 'Error' ? 'FAIL ' : 'skip '} ${r.direction.toLowerCase()} ${r.migrationName}`,
        );
      if (result.error) throw new CliError(`Migration failed: ${(result.error as Error).message ?? result.error}`, 1);
      if (!result.results?.length) console.log('Nothing to do.');
      return 0;
    } finally {
      await storage.close();
    }
  },
};
