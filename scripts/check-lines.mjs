#!/usr/bin/env node
// Biome wraps code at 120 columns but never breaks a string or template literal, so long ones stay
// long. This check fails on any code line longer than the limit, which Biome cannot enforce.
// Message catalogues (*.messages.ts) are exempt: each entry is one sentence of prose, and cutting
// it into concatenated pieces would make it harder to translate, not easier to read.
// `node scripts/check-lines.mjs [limit]` — lists every offending line, longest first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const limit = Number(process.argv[2] ?? 160);
const files = execFileSync(
  'git',
  ['ls-files', '-co', '--exclude-standard', '--', 'src', 'test', 'bench', 'scripts', 'bin'],
  {
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter((file) => /\.(ts|mjs|cjs|js)$/.test(file) && !file.endsWith('.messages.ts') && fs.existsSync(file));

const long = [];
for (const file of files) {
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.length > limit) long.push({ where: `${file}:${i + 1}`, length: line.length });
    });
}
long.sort((a, b) => b.length - a.length);
for (const { where, length } of long) console.log(`${where}: ${length} characters`);
if (long.length > 0) {
  console.log(`${long.length} code lines over ${limit} characters.`);
  process.exitCode = 1;
}
