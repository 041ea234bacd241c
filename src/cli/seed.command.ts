import { loadConfig } from '../config/config.js';
import { openReadyStorage } from './bootstrap.js';
import { parseFlags } from './args.js';
import type { Command } from './cli-error.js';

const usage = `Usage: terbuka seed [--demo]

Loads Kota Madiun's reference data (wilayah, organisations, the OGP plan metadata, city figures).
Safe to run again: existing records are kept.
  --demo   also add example content; every example record is visibly marked "contoh"`;

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Load reference data (and --demo example content)',
  usage,
  async run(args) {
    const { values } = parseFlags(args, { demo: { type: 'boolean' } }, usage);
    if (values.help) return (console.log(usage), 0);
    const storage = await openReadyStorage(loadConfig());
    const { contentSeeds } = await import('../app/seeds/content.seed.js');
    const { demoSeeds } = await import('../app/seeds/demo.seed.js');
    try {
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
