#!/usr/bin/env -S node --max-semi-space-size=16
// --max-semi-space-size=16: Node 24's V8 sizes the young generation from the machine's memory (up
// to 64 MB semi-spaces on this 24 GB machine); 16 MB, Node 20's ceiling, keeps a 1M-row ingest under
// its 250 MB budget (266 → 216 MB peak RSS, same speed). `npm start` passes the same flag.
// Runs the TypeScript sources directly through tsx's loader, so there is no build step to forget.
// Terbuka runs on the Node 24 that `npm ci` installs in node_modules/.bin (the `node` package); an
// older Node (Debian's 20) would otherwise crash inside better-sqlite3 or fail on a dependency.
const needed = 24;
if (Number(process.versions.node.split('.')[0]) < needed) {
  console.error(
    `Terbuka needs Node ${needed} (this is ${process.version}). Run it through npm, which uses the Node ${needed} ` +
      'installed in node_modules/.bin: `npm start`, or `npx terbuka <command>`.',
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
