import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { cliTestEnv } from '../../test/helpers/cli-env.js';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { grantRole } from '../features/account/account.service.js';
import { createUser } from '../features/account/account.service.js';
import { auditCommand } from './audit.command.js';
import { backupCommand } from './backup.command.js';

describe.each(DIALECTS)('`terbuka audit` verdicts and checkpoints (%s)', (dialect) => {
  const env = cliTestEnv(dialect);
  const run = async (...args: string[]) => {
    env.out.length = 0;
    const code = await auditCommand.run(args);
    return { code, text: env.out.join('\n') };
  };

  it('gives a clear verdict on an empty log, with exit code 0', async () => {
    expect(await env.t.storage.db.selectFrom('audit_log').select('seq').execute()).toEqual([]);
    expect(await run('verify')).toEqual({ code: 0, text: 'Audit log intact: no entries yet (0 checkpoints).' });
  });

  it('signs checkpoints and names the one a truncated log no longer reaches', async () => {
    const db = env.t.storage.db;
    const id = await createUser(db, {
      email: 'walidata@madiunkota.go.id',
      name: 'Walidata',
      password: 'kata-sandi-uji-2026',
    });
    for (const role of ['walidata', 'admin', 'warga'] as const)
      await grantRole(db, { id: null, label: 'cli' }, id, role, null);
    const signed = await run('checkpoint');
    expect(signed.code).toBe(0);
    expect(signed.text).toMatch(/^Checkpoint signed: 3 entries, head [0-9a-f]{16}…/);
    expect(await run('verify')).toMatchObject({
      code: 0,
      text: expect.stringContaining('3 entries verified against 1 checkpoints'),
    });

    // The attack that passed before: delete the last rows and move audit_head back.
    await db.deleteFrom('audit_log').where('seq', '>', 1).execute();
    const first = await db.selectFrom('audit_log').select('hash').where('seq', '=', 1).executeTakeFirstOrThrow();
    await db.updateTable('audit_head').set({ seq: 1, hash: first.hash }).where('id', '=', 1).execute();
    const broken = await run('verify');
    expect(broken.code).toBe(1);
    const file = path.join(env.t.config.dataDir, 'audit-checkpoints', `${new Date().toISOString().slice(0, 10)}.jsonl`);
    expect(broken.text).toContain(
      'BROKEN at entry #2 (entries missing: a checkpoint counted more entries than the log holds)',
    );
    expect(broken.text).toContain(`Checkpoint ${file}:1`);
    expect(broken.text).toContain('3 entries).');

    // An attacker who also deletes the data folder's files is caught by a copy kept elsewhere.
    const mirror = path.join(env.t.config.dataDir, 'mirror');
    fs.cpSync(path.dirname(file), mirror, { recursive: true });
    fs.rmSync(path.dirname(file), { recursive: true });
    expect((await run('verify')).code).toBe(0);
    const caught = await run('verify', '--checkpoints', mirror);
    expect(caught.code).toBe(1);
    expect(caught.text).toContain(`Checkpoint ${path.join(mirror, path.basename(file))}:1`);
    await expect(run('verify', '--checkpoints', path.join(mirror, 'nope'))).rejects.toThrow('No checkpoint folder');
  });

  it('puts the checkpoints into the backup archive, after signing the head', async () => {
    const out = path.join(env.t.config.dataDir, 'backups', 'cadangan.tar');
    env.out.length = 0;
    expect(await backupCommand.run(['--out', out])).toBe(0);
    const members = await tarMembers(out);
    const lines = [...members.entries()]
      .filter(([name]) => name.startsWith('audit-checkpoints/'))
      .flatMap(([, text]) => text.trim().split('\n'));
    // The data folder's checkpoints were removed above: the backup signed a new one first.
    expect(lines.map((l) => JSON.parse(l).count)).toEqual([1]);
    expect(JSON.parse(members.get('manifest.json')!).members.map((m: { name: string }) => m.name)).toContain(
      'terbuka-backup.json',
    );
  });
});

/** The members of a tar archive as text. */
async function tarMembers(file: string): Promise<Map<string, string>> {
  const members = new Map<string, string>();
  const extract = tar.extract();
  fs.createReadStream(file).pipe(extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract as AsyncIterable<Readable & { header: tar.Header }>) {
    const parts: Buffer[] = [];
    for await (const part of entry) parts.push(part as Buffer);
    members.set(entry.header.name, Buffer.concat(parts).toString('utf8'));
  }
  return members;
}
