#!/usr/bin/env node
// Runs after `npm ci`/`npm install`. Terbuka runs on the Node the `node` package puts in
// node_modules/.bin (npm puts that folder first on PATH for every script, so this file runs on it
// too). npm itself may run on an older system Node, and then it builds better-sqlite3's native
// addon for that Node's ABI (and headers, via `nodedir`); rebuild it here for the runtime's.
// The other native pieces need nothing: @node-rs/argon2 and @resvg/resvg-js are N-API (ABI-stable)
// and esbuild is a plain executable.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The headers of the Node that runs this script, shipped inside the `node` package. */
function runtimeHeadersDir() {
  const pkg = require.resolve(`node-${process.platform}-${process.arch}/package.json`, {
    paths: [path.dirname(require.resolve('node/package.json'))],
  });
  const dir = path.dirname(pkg);
  return fs.existsSync(path.join(dir, 'include', 'node', 'node.h')) ? dir : undefined;
}

function sqliteLoads() {
  // A child process, because a failed dlopen cannot be retried in the same process.
  const probe = "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()";
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

if (sqliteLoads()) process.exit(0);

const nodedir = runtimeHeadersDir();
console.log(`› rebuilding better-sqlite3 for Node ${process.version}${nodedir ? ` (headers in ${nodedir})` : ''}`);
// npm_execpath is the npm that started this script; running it with this Node makes node-gyp
// build for this Node.
const npm = process.env.npm_execpath;
const args = ['rebuild', 'better-sqlite3', '--foreground-scripts', ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
const rebuild = npm
  ? spawnSync(process.execPath, [npm, ...args], { stdio: 'inherit' })
  : spawnSync('npm', args, { stdio: 'inherit' });
if (rebuild.status !== 0 || !sqliteLoads()) {
  console.error(`better-sqlite3 could not be built for Node ${process.version}; a C++ toolchain (make, g++, python3) is needed.`);
  process.exit(1);
}
