import { CliError, type Command } from './cli/cli-error.js';
import { ConfigError } from './config/config.js';
import { serveCommand } from './cli/serve.command.js';
import { migrateCommand } from './cli/migrate.command.js';
import { seedCommand } from './cli/seed.command.js';
import { userCommand } from './cli/user.command.js';
import { backupCommand } from './cli/backup.command.js';
import { restoreCommand } from './cli/restore.command.js';
import { auditCommand } from './cli/audit.command.js';
import { openapiCommand } from './cli/openapi.command.js';
import { extraCommands } from './cli/extra-commands.js';

export const commands: Command[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  userCommand,
  backupCommand,
  restoreCommand,
  auditCommand,
  openapiCommand,
  ...extraCommands,
];

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Terbuka — open-government portal

Usage: terbuka <command> [options]   (run "terbuka <command> --help" for details)

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Configuration comes from environment variables; see docs/configuration.md.`;
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    console.log(helpText());
    return 0;
  }
  const command = first === undefined || first.startsWith('-') ? serveCommand : commands.find((c) => c.name === first);
  if (!command) {
    console.error(`Unknown command "${first}".\n\n${helpText()}`);
    return 2;
  }
  try {
    return await command.run(first === undefined || first.startsWith('-') ? argv : rest);
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) {
      console.error(error.message);
      return error instanceof CliError ? error.exitCode : 2;
    }
    console.error(error);
    return 1;
  }
}
