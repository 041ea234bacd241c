// Regenerates docs/configuration.md (from src/config/defaults.ts) and docs/cli.md (from each
// command's usage text). Tests fail when the committed files differ from what this produces.
import fs from 'node:fs';
import { renderConfigurationDoc, renderCliDoc } from './docs-render.js';

fs.writeFileSync('docs/configuration.md', renderConfigurationDoc());
fs.writeFileSync('docs/cli.md', renderCliDoc());
console.log('Wrote docs/configuration.md and docs/cli.md');
