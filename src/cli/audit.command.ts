import { loadConfig } from '../config/config.js';
import { createDatabase } from '../storage/database.js';
import { verifyAuditChain } from '../features/audit/audit.service.js';
import { parseFlags } from './args.js';
import { CliError, type Command } from './cli-error.js';

const usage = `Usage: terbuka audit verify

Recomputes the hash chain of the audit log and reports the first entry that was altered,
removed or inserted by hand. Exit code 0 when intact, 1 when broken.`;

export const auditCommand: Command = {
  name: 'audit',
  summary: "Verify the audit log's hash chain",
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === '--help' || sub === '-h') return (console.log(usage), 0);
    if (sub !== 'verify') throw new CliError(`Unknown audit action "${sub ?? ''}".\n\n${usage}`);
    const { values } = parseFlags(rest, {}, usage);
    if (values.help) return (console.log(usage), 0);
    const storage = createDatabase(loadConfig());
    try {
      const result = await verifyAuditChain(storage.db);
      if (result.ok) {
        console.log(`Audit log intact: ${result.checked} entries verified.`);
        return 0;
      }
      console.log(
        `Audit log BROKEN at entry #${result.brokenAt!.seq} (${result.brokenAt!.reason.replace('_', ' ')}); ${result.checked} entries before it verified.`,
      );
      return 1;
    } finally {
      await storage.close();
    }
  },
};
