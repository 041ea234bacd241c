import { loadConfig } from '../config/config.js';
import { openReadyStorage } from './bootstrap.js';
import { parseFlags } from './args.js';
import { CliError, type Command } from './cli-error.js';

const usage = `Usage: terbuka seed [--demo [--force]]

Loads Kota Madiun's reference data (wilayah, organisations, the OGP plan metadata, city figures).
Safe to run again: existing records are kept.
  --demo   also add example content, kept apart from real records: an example action plan
           ("[Contoh] …", its own IDs such as IDMDN-CONTOH-01, never a real OGP number) and an
           example forum (/forum/contoh); none of it counts in real figures, exports or feeds.
           Refused when the instance already holds real commitments, forum members or meetings.
  --force  add the example content even then (it is still kept apart)`;

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Load reference data (and --demo example content, kept apart from real records)',
  usage,
  async run(args) {
    const { values } = parseFlags(args, { demo: { type: 'boolean' }, force: { type: 'boolean' } }, usage);
    if (values.help) return (console.log(usage), 0);
    if (values.force && !values.demo) throw new CliError(`--force only goes with --demo.\n\n${usage}`);
    const storage = await openReadyStorage(loadConfig());
    const { contentSeeds } = await import('../app/seeds/content.seed.js');
    const { demoSeeds, realContentOf } = await import('../app/seeds/demo.seed.js');
    try {
      if (values.demo && !values.force) {
        // Checked before anything is written, so a refused run changes nothing.
        const real = await realContentOf(storage.db);
        if (real.length)
          throw new CliError(
            `Refusing --demo: this instance holds real content (${real.map((r) => `${r.count} ${r.kind}`).join(', ')}).\n` +
              'Example content is meant for a test instance. Add --force to add it anyway ' +
              '(it is kept in its own example plan and forum).',
          );
      }
      for (const seed of contentSeeds) console.log(`${seed.name}: ${await seed.run(storage.db)}`);
      if (values.demo)
        for (const seed of demoSeeds) console.log(`${seed.name} (contoh): ${await seed.run(storage.db)}`);
      console.log('Seed complete.');
      return 0;
    } finally {
      await storage.close();
    }
  },
};
