import type { Command } from './cli-error.js';

/** Feature commands (e.g. `import`) register here. */
export const extraCommands: Command[] = [];
