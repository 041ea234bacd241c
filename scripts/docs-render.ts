import { SETTINGS } from '../src/config/defaults.js';
import { commands, helpText } from '../src/main.js';

export function renderConfigurationDoc(): string {
  const rows = Object.entries(SETTINGS).map(
    ([name, s]) => `| \`${name}\` | ${s.default === '' ? '*(empty)*' : `\`${s.default}\``} | ${s.description} |`,
  );
  return `# Configuration

Terbuka reads its settings from environment variables once at start-up, validates them, and
refuses to start with a clear message when one is wrong. Generated from
\`src/config/defaults.ts\` by \`npx tsx scripts/gen-docs.ts\`; a test fails when they differ.

| Variable | Default | Meaning |
| --- | --- | --- |
${rows.join('\n')}
`;
}

export function renderCliDoc(): string {
  return `# Command-line reference

Generated from the commands' own help by \`npx tsx scripts/gen-docs.ts\`; a test fails when it is stale.
Run as \`npx terbuka …\` (or \`node bin/terbuka.mjs …\`).

\`\`\`
${helpText()}
\`\`\`

${commands.map((c) => `## terbuka ${c.name}\n\n\`\`\`\n${c.usage}\n\`\`\`\n`).join('\n')}`;
}
