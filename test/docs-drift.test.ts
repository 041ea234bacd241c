import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCliDoc, renderConfigurationDoc } from '../scripts/docs-render.js';
import { generateOpenApi } from '../src/cli/openapi.command.js';

// Committed documents must match what the code generates; regenerate with
// `npx tsx scripts/gen-docs.ts` and `npm run openapi`.
describe('committed documentation', () => {
  it('docs/configuration.md lists every setting with its default', () => {
    expect(fs.readFileSync('docs/configuration.md', 'utf8')).toBe(renderConfigurationDoc());
  });

  it("docs/cli.md matches the commands' help", () => {
    expect(fs.readFileSync('docs/cli.md', 'utf8')).toBe(renderCliDoc());
  });

  it('docs/openapi.json matches the route schemas', async () => {
    const generated = await generateOpenApi();
    expect(JSON.parse(fs.readFileSync('docs/openapi.json', 'utf8'))).toEqual(JSON.parse(generated));
  });
});
