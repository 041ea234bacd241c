import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  non2xx: number;
  /** Requests wrk gave up on after its timeout (2 s). */
  timeouts: number;
  /** Connect, read and write errors. */
  socketErrors: number;
}

export interface WrkOptions {
  seconds?: number;
  connections?: number;
  headers?: Record<string, string>;
  /** A Lua script (wrk -s), e.g. to spread requests over several URLs. */
  script?: string;
}

const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };
function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  return m ? Number(m[1]) * UNITS[m[2]!]! : NaN;
}

function wrkArgs(url: string, o: WrkOptions): string[] {
  const args = ['-t1', `-c${o.connections ?? 50}`, `-d${o.seconds ?? 8}s`, '--timeout', '2s', '--latency'];
  for (const [name, value] of Object.entries(o.headers ?? {})) args.push('-H', `${name}: ${value}`);
  if (o.script) args.push('-s', o.script);
  return [...args, url];
}

/** Runs wrk (the Debian package) against a URL and parses throughput and latency percentiles. */
export function runWrk(url: string, seconds = 8, connections = 50, headers: Record<string, string> = {}): LoadResult {
  return parseWrk(execFileSync('wrk', wrkArgs(url, { seconds, connections, headers }), { encoding: 'utf8' }));
}

/** runWrk without blocking this process (so it can sample the server meanwhile). */
export function runWrkAsync(url: string, options: WrkOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', wrkArgs(url, options), { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(parseWrk(out)) : reject(new Error(`wrk exited with ${code}`))));
  });
}

function parseWrk(out: string): LoadResult {
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p99 = toMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? '');
  const p50 = toMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  return {
    requestsPerSecond: rps,
    p99Ms: p99,
    p50Ms: p50,
    non2xx,
    timeouts: Number(socket?.[4] ?? 0),
    socketErrors: socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0,
  };
}

/** Starts a bench server script in its own process and waits for the port it prints. */
export async function startServer(
  script: string,
  env: Record<string, string>,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /PORT (\d+)/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  child.stdout!.resume();
  return { port, child };
}
