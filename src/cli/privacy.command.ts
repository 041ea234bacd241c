import { loadConfig } from '../config/config.js';
import { openReadyStorage } from './bootstrap.js';
import { parseFlags } from './args.js';
import type { Command } from './cli-error.js';

const usage = `Usage: terbuka privacy

Checks the datastore tables loaded before personal-data detection existed (new uploads are
checked as they load): NIK and KK numbers, phone numbers, e-mail addresses, names, addresses,
birth dates, and small counts of people. Findings are added to each table's quality report, so
the walidata sees them and the next approval waits until they are resolved; original files
with findings are closed to the public at once. Lists the findings, marking tables that are
public now (resolve them, or restrict their datasets). Exits 1 when any public table has one.`;

export const privacyScanCommand: Command = {
  name: 'privacy',
  summary: 'Check tables loaded before personal-data detection; close their originals',
  usage,
  async run(args) {
    const { values } = parseFlags(args, {}, usage);
    if (values.help) return (console.log(usage), 0);
    const { rescanUnscannedTables } = await import('../features/privacy/privacy-rescan.js');
    const config = loadConfig();
    const storage = await openReadyStorage(config);
    try {
      const found = await rescanUnscannedTables(storage, config.suppressionThreshold);
      for (const r of found) {
        console.log(`${r.publicNow ? 'PUBLIC ' : ''}${r.dataset} / ${r.resource} (${r.resourceId}):`);
        for (const f of r.findings)
          console.log(`  ${f.column}: ${f.kind.replace(/_/g, ' ')} (${f.matches} of ${f.sampled})`);
      }
      console.log(found.length ? `${found.length} table(s) with findings.` : 'No findings.');
      return found.some((r) => r.publicNow) ? 1 : 0;
    } finally {
      await storage.close();
    }
  },
};
