import { loadConfig } from '../config/config.js';
import { openReadyStorage } from './bootstrap.js';
import { parseFlags } from './args.js';
import { CliError, type Command } from './cli-error.js';
import { JOB_STATES, type JobState } from '../jobs/job.table.js';
import type { JobRow } from '../jobs/job-queue.js';

const usage = `Usage: terbuka jobs list [--state STATE] [--name NAME] [--limit N]
       terbuka jobs retry ID [--now]
       terbuka jobs cancel ID
       terbuka jobs sweep [--files-older-than MINUTES]

The durable job queue (ingest loads, sweeps, audit checkpoints…), shared by every process.
list    newest first: id, state, name, attempts, last error. STATE: ${JOB_STATES.join(', ')}
retry   a failed or cancelled job runs again (a serve process picks it up; --now runs it here)
cancel  a queued job will not run (a running one keeps running, but is not retried)
sweep   fails jobs whose process died and removes their leftovers: half-loaded tables no resource
        points to, unreferenced originals older than MINUTES (default JOB_SWEEP_FILE_GRACE_MINUTES)`;

function line(j: JobRow): string {
  const error = j.lastError ? `  ${j.lastError.slice(0, 100)}` : '';
  return `${j.id}  ${j.state.padEnd(9)} ${j.name.padEnd(18)} ${j.attempts}/${j.maxAttempts}  ${j.updatedAt}${error}`;
}

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'List, retry and cancel background jobs; sweep the leftovers of dead ones',
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === '--help' || sub === '-h' || sub === undefined) return (console.log(usage), sub ? 0 : 2);
    const { values, positionals } = parseFlags(
      rest,
      {
        state: { type: 'string' },
        name: { type: 'string' },
        limit: { type: 'string' },
        now: { type: 'boolean' },
        'files-older-than': { type: 'string' },
      },
      usage,
      true,
    );
    if (values.help) return (console.log(usage), 0);
    if (values.state && !JOB_STATES.includes(values.state as JobState))
      throw new CliError(`--state must be one of ${JOB_STATES.join(', ')}.`);
    const id = positionals[0];
    if ((sub === 'retry' || sub === 'cancel') && (!id || positionals.length > 1))
      throw new CliError(`Give exactly one job ID.\n\n${usage}`);
    if (!['list', 'retry', 'cancel', 'sweep'].includes(sub))
      throw new CliError(`Unknown jobs action "${sub}".\n\n${usage}`);
    const config = loadConfig();
    const storage = await openReadyStorage(config);
    const [{ jobQueueOf }, { JobNotFound }, { sweepLeftovers }] = await Promise.all([
      import('../jobs/queue-registry.js'),
      import('../jobs/table-queue.js'),
      import('../features/dataset/resources/load-sweep.js'),
    ]);
    const queue = jobQueueOf(storage.db);
    try {
      if (sub === 'list') {
        const limit = values.limit ? Number(values.limit) : 100;
        if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive whole number.');
        const jobs = await queue.list({ state: values.state as JobState | undefined, name: values.name, limit });
        if (!jobs.length) console.log('No jobs.');
        for (const j of jobs) console.log(line(j));
        return 0;
      }
      if (sub === 'sweep') {
        const minutes = values['files-older-than'];
        const graceMs = minutes === undefined ? config.jobs.fileGraceMs : Number(minutes) * 60_000;
        if (!Number.isFinite(graceMs) || graceMs < 0)
          throw new CliError('--files-older-than must be a number of minutes.');
        const reaped = await queue.reap();
        const swept = await sweepLeftovers(storage, { filesOlderThanMs: graceMs });
        console.log(
          `Swept: ${reaped} dead job(s) reaped, ${swept.jobs} load(s) marked failed, ${swept.tables} table(s) dropped, ${swept.files} file(s) removed.`,
        );
        return 0;
      }
      try {
        const job = sub === 'retry' ? await queue.retry(id!) : await queue.cancel(id!);
        if (sub === 'retry' && values.now) await queue.runDue();
        console.log(line((await queue.get(job.id)) ?? job));
        return 0;
      } catch (error) {
        if (error instanceof JobNotFound) throw new CliError(`No job with id ${id}.`, 1);
        throw error;
      }
    } finally {
      await storage.close();
    }
  },
};
