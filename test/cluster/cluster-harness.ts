import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { parseEnv } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.js';
import { createDatabase, type Storage } from '../../src/storage/database.js';
import { PG_ADMIN_URL, pgUrlFor } from '../helpers/test-env.js';
import { type Reply, type RequestOptions, send } from './http-client.js';

const BIN = path.resolve('bin/terbuka.mjs');
/** The load balancer's configuration, exactly as deployed (README, "Deployment: several processes"). */
export const HAPROXY_CONFIG = path.resolve('deploy/haproxy.cfg');
/** The environment every deployed process shares (systemd's EnvironmentFile). */
export const DEPLOYED_ENV = path.resolve('deploy/terbuka.env');
const BACKEND_NAMES = ['app1', 'app2', 'app3'] as const;

/** The HAProxy binary, or null where it is not installed (`.ci/run` installs Debian's package). */
export function findHaproxy(): string | null {
  for (const candidate of ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

export interface Backend {
  readonly name: (typeof BACKEND_NAMES)[number];
  readonly port: number;
  readonly process: ChildProcess;
  /** The process's stdout and stderr: pino JSON lines and what the CLI prints. */
  readonly output: string[];
  /** Parsed pino lines with this message. */
  logLines(message: string): Array<Record<string, unknown>>;
}

export interface Cluster {
  /** The load balancer's URL: what users (and BASE_URL) see. */
  readonly url: string;
  readonly databaseUrl: string;
  /** The data folder all three processes share (server secrets, uploaded files). */
  readonly dataDir: string;
  /** A connection of the test's own, to check what is really in the database. */
  readonly storage: Storage;
  readonly backends: readonly Backend[];
  /** A request through the load balancer. */
  request(method: string, urlPath: string, options?: RequestOptions): Promise<Reply>;
  /** SIGKILLs one app process (no shutdown hooks run) and waits until it is gone. */
  kill(name: Backend['name']): Promise<void>;
  /** Stops everything and drops the database. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** A unique part of the database name (the test run's id, so a crashed run is cleaned up too). */
  runId: string;
  /** Extra settings for every app process. */
  settings?: Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ready: () => Promise<boolean>, timeoutMs: number, describe: () => string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await ready().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms\n${describe()}`);
}

function collect(child: ChildProcess, into: string[]): void {
  child.stdout?.on('data', (chunk: Buffer) => into.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => into.push(chunk.toString('utf8')));
}

/**
 * deploy/haproxy.cfg with the listening and backend addresses moved to this run's ports and the
 * lines marked `# privileged` (user, group) dropped: the file the test runs is otherwise the one
 * that is deployed.
 */
function haproxyConfig(lbPort: number, ports: readonly number[]): string {
  let index = 0;
  return fs
    .readFileSync(HAPROXY_CONFIG, 'utf8')
    .split('\n')
    .filter((line) => !/#\s*privileged\b/.test(line))
    .map((line) =>
      line
        .replace(/^(\s*bind\s+)\S+/, `$1127.0.0.1:${lbPort}`)
        .replace(/^(\s*server\s+\S+\s+)\S+/, (_m, head: string) => `${head}127.0.0.1:${ports[index++]}`),
    )
    .join('\n');
}

function startBackend(name: Backend['name'], port: number, env: NodeJS.ProcessEnv): Backend {
  const output: string[] = [];
  // As `npm start` runs it, but without npm in between: the kill must hit the server itself.
  const child = spawn(process.execPath, ['--max-semi-space-size=16', BIN, 'serve', '--port', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  collect(child, output);
  return {
    name,
    port,
    process: child,
    output,
    logLines: (message) =>
      output
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.msg === message),
  };
}

/**
 * Three app processes (`terbuka serve`) on one fresh PostgreSQL database and one shared data
 * folder (as deployed on one host: README, "Deployment: several processes"), started at the same
 * moment (so their migrations race), behind HAProxy with the deployed configuration and settings.
 */
export async function startCluster(haproxyBin: string, options: ClusterOptions): Promise<Cluster> {
  const database = `terbuka_cluster_${options.runId}`;
  const databaseUrl = pgUrlFor(database);
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`).finally(() => admin.end());

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-cluster-'));
  const lbPort = await freePort();
  const ports = [await freePort(), await freePort(), await freePort()];
  const url = `http://127.0.0.1:${lbPort}`;
  // The deployed settings (TRUST_PROXY, HOST, PG_POOL_SIZE), with this run's database, folder and URL.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...parseEnv(fs.readFileSync(DEPLOYED_ENV, 'utf8')),
    DATABASE_URL: databaseUrl,
    TERBUKA_DATA_DIR: dataDir,
    BASE_URL: url,
    LOG_LEVEL: 'info',
    ...options.settings,
  };
  const backends = BACKEND_NAMES.map((name, i) => startBackend(name, ports[i]!, env));
  let haproxy: ChildProcess | null = null;
  const haproxyOutput: string[] = [];
  const storage = createDatabase(loadConfig({}, { DATABASE_URL: databaseUrl, TERBUKA_DATA_DIR: dataDir }));

  const stop = async () => {
    const exits = [...backends.map((b) => b.process), ...(haproxy ? [haproxy] : [])]
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))));
    await Promise.race([Promise.all(exits), sleep(10_000)]);
    await storage.close();
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).finally(() => client.end());
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const outputs = () => backends.map((b) => `--- ${b.name}\n${b.output.join('').slice(-3000)}`).join('\n');
    for (const backend of backends) {
      await waitFor(
        backend.name,
        async () => {
          if (backend.process.exitCode !== null) throw new Error(`${backend.name} exited`);
          return (await send(`http://127.0.0.1:${backend.port}`, 'GET', '/healthz')).status === 200;
        },
        90_000,
        outputs,
      );
    }
    const configFile = path.join(dataDir, 'haproxy.cfg');
    fs.writeFileSync(configFile, haproxyConfig(lbPort, ports));
    haproxy = spawn(haproxyBin, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    collect(haproxy, haproxyOutput);
    // Ready when round-robin has reached every backend (each passed its first health check).
    const seen = new Set<string>();
    await waitFor(
      'haproxy',
      async () => {
        const reply = await send(url, 'GET', '/healthz');
        if (reply.status === 200 && reply.backend) seen.add(reply.backend);
        return seen.size === backends.length;
      },
      30_000,
      () => haproxyOutput.join(''),
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    databaseUrl,
    dataDir,
    storage,
    backends,
    request: (method, urlPath, requestOptions) => send(url, method, urlPath, requestOptions),
    async kill(name) {
      const child = backends.find((b) => b.name === name)!.process;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    stop,
  };
}
