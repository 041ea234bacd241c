import type { Command } from './cli-error.js';
import { importCommand } from './import.command.js';
import { privacyScanCommand } from './privacy.command.js';
import { jobsCommand } from './jobs.command.js';

/** Feature commands (e.g. `import`) register here. */
export const extraCommands: Command[] = [importCommand, privacyScanCommand, jobsCommand];
