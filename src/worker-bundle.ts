import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Worker threads as plain JavaScript.
 *
 * The sources are TypeScript run through tsx, and module loader hooks are per thread: a worker
 * started from a `.ts` entry has to register tsx itself, which costs a hooks thread, its own
 * module graph through the hooks and tens of megabytes — on every start. Instead the worker's
 * entry is bundled once with esbuild (our own modules inlined, npm packages left as imports)
 * into `node_modules/.cache/terbuka/`, where package imports still resolve, and the bundle is
 * reused until one of its input files changes (checked by size and modification time).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'terbuka');

interface Manifest {
  output: string;
  /** Input file (relative to the repository) → [size, mtimeMs]. */
  inputs: Record<string, [number, number]>;
}

const built = new Map<string, Promise<URL | null>>();

function stamp(file: string): [number, number] | null {
  try {
    const s = fs.statSync(file);
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

function upToDate(manifest: Manifest): boolean {
  if (!fs.existsSync(path.join(CACHE_DIR, manifest.output))) return false;
  for (const [file, [size, mtime]] of Object.entries(manifest.inputs)) {
    const now = stamp(path.join(ROOT, file));
    if (!now || now[0] !== size || now[1] !== mtime) return false;
  }
  return true;
}

/** Writes a file so that concurrent readers see either nothing or the whole of it. */
function writeAtomically(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

async function build(entry: string): Promise<URL> {
  const name = path.basename(entry).replace(/\.[cm]?[jt]s$/, '');
  const manifestFile = path.join(CACHE_DIR, `${name}.json`);
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (upToDate(manifest)) return pathToFileURL(path.join(CACHE_DIR, manifest.output));
  } catch {
    // No bundle yet, or an unreadable manifest: build one.
  }
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const output = `${name}.${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  const inputs: Manifest['inputs'] = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const s = stamp(path.join(ROOT, file));
    if (s) inputs[file] = s;
  }
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const outFile = path.join(CACHE_DIR, output);
  if (!fs.existsSync(outFile)) writeAtomically(outFile, code);
  writeAtomically(manifestFile, JSON.stringify({ output, inputs } satisfies Manifest));
  return pathToFileURL(outFile);
}

/**
 * The URL of a plain-JavaScript bundle of the TypeScript module `entry`, built on first use;
 * null when it cannot be built here (no esbuild, or no writable cache folder), in which case
 * the caller starts its worker the slow way.
 */
export function workerBundle(entry: URL): Promise<URL | null> {
  const key = fileURLToPath(entry);
  let p = built.get(key);
  if (!p) {
    p = build(key).catch(() => null);
    built.set(key, p);
  }
  return p;
}

/**
 * The parent's Node options a worker accepts: the young-generation flag that bin/terbuka.mjs sets
 * for the main thread is refused in a worker (ERR_WORKER_INVALID_EXEC_ARGV), which sizes its heap
 * with `resourceLimits` instead.
 */
export function workerExecArgv(args: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--max-semi-space-size') i++;
    else if (!a.startsWith('--max-semi-space-size=')) out.push(a);
  }
  return out;
}

/** The parent's Node options minus module loaders (a bundled worker needs none). */
export function plainWorkerExecArgv(): string[] {
  const out: string[] = [];
  const args = workerExecArgv();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--import' || a === '--loader' || a === '--experimental-loader' || a === '--require' || a === '-r') i++;
    else if (!/^--(import|loader|experimental-loader|require)=/.test(a)) out.push(a);
  }
  return out;
}
