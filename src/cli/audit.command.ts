import fs from 'node:fs';
import { loadConfig } from '../config/config.js';
import { verifyAuditChain, type VerifyResult } from '../features/audit/audit-verify.js';
import { writeCheckpoint } from '../features/audit/audit-checkpoints.js';
import { openReadyStorage } from './bootstrap.js';
import { parseFlags } from './args.js';
import { CliError, type Command } from './cli-error.js';

const usage = `Usage: terbuka audit verify [--checkpoints DIR]... | terbuka audit checkpoint

verify      Recomputes the keyed hash chain of the audit log and compares it with every signed
            checkpoint in <data dir>/audit-checkpoints/. Reports the first entry that was altered,
            removed or inserted by hand, or the checkpoint the table no longer matches.
            --checkpoints DIR adds a folder of checkpoint files kept elsewhere (a backup's
            copy, a mirror of /audit/checkpoints.atom saved as .jsonl). Exit 0 intact, 1 broken.
checkpoint  Signs the current head (count + hash) and appends it to today's checkpoint file.`;

const reasons: Record<NonNullable<VerifyResult['brokenAt']>['reason'], string> = {
  hash_mismatch: 'hash mismatch: altered, or rebuilt without the audit key',
  link_mismatch: 'link mismatch',
  sequence_gap: 'sequence gap',
  head_mismatch: 'head mismatch',
  checkpoint_forged: 'checkpoint signature invalid',
  checkpoint_ahead: 'entries missing: a checkpoint counted more entries than the log holds',
  checkpoint_mismatch: 'hash differs from a signed checkpoint: the chain was rewritten',
};

function describe(result: VerifyResult): string {
  if (result.ok) {
    if (result.checked === 0) return `Audit log intact: no entries yet (${result.checkpoints} checkpoints).`;
    return `Audit log intact: ${result.checked} entries verified against ${result.checkpoints} checkpoints.`;
  }
  const b = result.brokenAt!;
  const where = b.checkpoint
    ? ` Checkpoint ${b.checkpoint.source}:${b.checkpoint.line} (${b.checkpoint.at}, ${b.checkpoint.count} entries).`
    : '';
  return `Audit log BROKEN at entry #${b.seq} (${reasons[b.reason]}); ${result.checked} entries verified.${where}`;
}

export const auditCommand: Command = {
  name: 'audit',
  summary: "Verify the audit log's keyed hash chain and checkpoints",
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === '--help' || sub === '-h') return (console.log(usage), 0);
    if (sub !== 'verify' && sub !== 'checkpoint')
      throw new CliError(`Unknown audit action "${sub ?? ''}".\n\n${usage}`);
    const { values } = parseFlags(rest, { checkpoints: { type: 'string', multiple: true } }, usage);
    if (values.help) return (console.log(usage), 0);
    // Migrated and composed like every command (AUDIT_SECRET registered): a fresh data folder gets a verdict too.
    const storage = await openReadyStorage(loadConfig());
    try {
      if (sub === 'checkpoint') {
        const c = await writeCheckpoint(storage.db);
        console.log(`Checkpoint signed: ${c.count} entries, head ${c.headHash.slice(0, 16)}…, at ${c.at}.`);
        return 0;
      }
      const extraFolders = values.checkpoints ?? [];
      for (const dir of extraFolders)
        if (!fs.existsSync(dir)) throw new CliError(`No checkpoint folder at ${dir}.\n\n${usage}`);
      const result = await verifyAuditChain(storage.db, { extraFolders });
      console.log(describe(result));
      return result.ok ? 0 : 1;
    } finally {
      await storage.close();
    }
  },
};
