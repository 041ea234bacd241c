// Entry of the ingest worker thread. The sources are TypeScript, and module loader hooks are
// per thread, so this thread registers tsx's loader itself before loading them.
const { register } = await import('tsx/esm/api');
register();
await import('./load-worker.ts');
