import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretKey } from './key-file.js';

describe('server secrets outside the database', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-keys-'));
    dirs.push(dir);
    return path.join(dir, 'data');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uses the configured value and writes no file', () => {
    const dir = freshDir();
    expect(secretKey('x'.repeat(40), dir, 'csrf.key').toString()).toBe('x'.repeat(40));
    expect(fs.existsSync(path.join(dir, 'csrf.key'))).toBe(false);
  });

  it('makes a key file once (mode 0600, no draft left behind) and reads the same key after', () => {
    const dir = freshDir();
    const first = secretKey(null, dir, 'csrf.key');
    expect(first.toString()).toMatch(/^[0-9a-f]{64}$/);
    expect(secretKey(null, dir, 'csrf.key')).toEqual(first);
    expect(fs.statSync(path.join(dir, 'csrf.key')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['csrf.key']);
  });

  it('keeps a key another process made first', () => {
    const dir = freshDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'audit-chain.key'), 'a'.repeat(64) + '\n');
    expect(secretKey(null, dir, 'audit-chain.key').toString()).toBe('a'.repeat(64));
  });
});
