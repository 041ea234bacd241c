#!/usr/bin/env node
// The README's test command: type-check, lint, then the whole vitest suite on SQLite and
// PostgreSQL, then one plain "N passed, N failed" line that CI reads (a failed type-check or lint
// counts as one failed test). SKIP_LINT=1 skips the lint in local loops only (CI never sets it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;

console.log('› tsc --noEmit');
const tsc = run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (tsc !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(tsc);
}
if (process.env.SKIP_LINT !== '1') {
  console.log('› npm run lint');
  const lint = run('npm', ['run', '-s', 'lint']);
  if (lint !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(lint);
  }
}
fs.rmSync('test-results/vitest.json', { force: true });
const status = run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(fs.readFileSync('test-results/vitest.json', 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numFailedTestSuites ?? 0);
  skipped = report.numPendingTests + (report.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 ? status : failed > 0 ? 1 : passed === 0 ? 1 : 0);
