import fs from 'node:fs';
import { loadConfig } from '../config/config.js';
import { createDatabase } from '../storage/database.js';
import { parseFlags } from './args.js';
import type { Command } from './cli-error.js';
import { pino } from 'pino';

const usage = `Usage: terbuka openapi [--write FILE]

Prints the OpenAPI 3.1 document generated from the route schemas (or writes it to FILE).`;

export async function generateOpenApi(): Promise<string> {
  // The document depends only on the route schemas, so an empty in-memory database will do.
  const config = loadConfig(process.env, { DATABASE_URL: '', BASE_URL: 'http://localhost:3000', PORT: '3000' });
  const storage = createDatabase(config, { sqliteFile: ':memory:' });
  const { buildApp } = await import('../app/build-app.js');
  try {
    const app = await buildApp({ config, storage, logger: pino({ level: 'silent' }) });
    await app.ready();
    const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
    await app.close();
    return doc;
  } finally {
    await storage.close();
  }
}

export const openapiCommand: Command = {
  name: 'openapi',
  summary: 'Print or write the OpenAPI document',
  usage,
  async run(args) {
    const { values } = parseFlags(args, { write: { type: 'string' } }, usage);
    if (values.help) return (console.log(usage), 0);
    const doc = await generateOpenApi();
    if (values.write) {
      fs.writeFileSync(values.write, doc);
      console.log(`Wrote ${values.write}`);
    } else process.stdout.write(doc);
    return 0;
  },
};
