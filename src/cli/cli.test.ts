import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve('bin/terbuka.mjs');

async function terbuka(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      timeout: 110_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each call starts a real process (tsx compiles on first use), so allow for a loaded machine.
describe('terbuka CLI (SQLite)', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-cli-'));
    // vitest exports BASE_URL=/ (a Vite setting); the CLI must see a real one.
    env = { TERBUKA_DATA_DIR: dir, DATABASE_URL: '', BASE_URL: 'http://localhost:3000' };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints help and lists the commands', async () => {
    const res = await terbuka(['--help'], env);
    expect(res.code).toBe(0);
    for (const name of ['serve', 'migrate', 'seed', 'user', 'backup', 'audit']) expect(res.stdout).toContain(name);
  });

  it('rejects unknown commands and flags with a clear message and a non-zero exit', async () => {
    const unknown = await terbuka(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const flag = await terbuka(['backup', '--nope'], env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--nope'/);
  });

  it('migrates, seeds and reports migration status', async () => {
    const migrated = await terbuka(['migrate'], env);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    const seed = await terbuka(['seed'], env);
    expect(seed.code).toBe(0);
    const status = await terbuka(['migrate', 'status'], env);
    expect(status.stdout).toContain('applied  2026_11_27_1600_create_core');
    const db = new Database(path.join(dir, 'terbuka.db'), { readonly: true });
    expect((db.prepare("select count(*) as n from wilayah where tingkat = 'kelurahan'").get() as { n: number }).n).toBe(
      27,
    );
    db.close();
  });

  it('serve starts the portal and, with no admin yet, prints a one-time setup link', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-serve-'));
    // No BASE_URL: the link must name the port actually bound (`--port 0` picks a free one).
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, ...env, BASE_URL: '', TERBUKA_DATA_DIR: fresh, LOG_LEVEL: 'silent' },
    });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no setup link in: ${text}`)), 100_000);
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (/\/setup\/[\w-]+/.test(text)) {
            clearTimeout(timer);
            resolve(text);
          }
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${text}`)));
      });
      expect(output).toContain('No administrator exists yet');
      const port = Number(output.match(/http:\/\/127\.0\.0\.1:(\d+)\/setup\//)?.[1]);
      expect(port).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(fs.existsSync(path.join(fresh, 'terbuka.db'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('creates the first admin with a one-time password link, and rejects a bad role', async () => {
    const res = await terbuka(['user', 'create', '--email', 'poc@madiunkota.go.id', '--role', 'admin'], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/\/atur-sandi\/[\w-]+/);
    const bad = await terbuka(['user', 'create', '--email', 'x@y.id', '--role', 'king'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role must be one of');
  });

  it('backs up into one archive that restores into a fresh data folder, and refuses a folder in use', async () => {
    const out = path.join(dir, 'backups', 'cadangan.tar');
    const res = await terbuka(['backup', '--out', out], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Backup written to ${out}`);
    const fresh = `${dir}-restored`;
    try {
      const restored = await terbuka(['restore', out], { ...env, TERBUKA_DATA_DIR: fresh });
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain(`Restored into ${fresh}`);
      const db = new Database(path.join(fresh, 'terbuka.db'), { readonly: true });
      expect((db.prepare('select count(*) as n from wilayah').get() as { n: number }).n).toBe(31);
      db.close();
      const verify = await terbuka(['audit', 'verify'], { ...env, TERBUKA_DATA_DIR: fresh });
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/intact: \d+ entries verified against [1-9]\d* checkpoints/);
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
    const refused = await terbuka(['restore', out], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Restore refused: The data folder');
    expect(refused.stderr).toContain('is not empty');
  });

  it('audit verify passes on an intact log and names the first hand-edited entry', async () => {
    // The role grant above wrote audit entries; add a few more through the CLI.
    await terbuka(['user', 'create', '--email', 'walidata@madiunkota.go.id', '--role', 'walidata'], env);
    const ok = await terbuka(['audit', 'verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/intact: \d+ entries/);
    const db = new Database(path.join(dir, 'terbuka.db'));
    db.prepare('update audit_log set after_json = \'{"role":"walidata-palsu"}\' where seq = 1').run();
    db.close();
    const broken = await terbuka(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at entry #1');
  });
});
