import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTestEnv } from '../../test/helpers/cli-env.js';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { importCommand } from './import.command.js';
import { CliError } from './cli-error.js';

describe.each(DIALECTS)('terbuka import (%s)', (dialect) => {
  const env = cliTestEnv(dialect);

  it('creates the draft dataset, adds the resource, then replaces it on a second run', async () => {
    const file = path.join(env.t.config.dataDir, 'umkm.csv');
    fs.writeFileSync(file, 'Kelurahan;Jumlah UMKM;Omzet\nKlegen;1.204;12,5\nSukosari;987;7,25\nJumlah;2.191;19,75\n');
    await expect(importCommand.run([file, '--dataset', 'umkm-cli'])).rejects.toThrow(/--org/);
    expect(await importCommand.run([file, '--dataset', 'umkm-cli', '--org', 'kelurahan-klegen'])).toBe(0);
    const text = env.out.join('\n');
    expect(text).toContain('Created draft dataset "umkm-cli"');
    expect(text).toContain('2 rows loaded, 1 left out');
    expect(text).toContain('jumlah_umkm (int)');
    expect(await importCommand.run([file, '--dataset', 'umkm-cli'])).toBe(0);
    expect(env.out.join('\n')).toContain('Replaced resource "umkm.csv"');
    const resources = await env.t.storage.db
      .selectFrom('resources')
      .innerJoin('datasets', 'datasets.id', 'resources.dataset_id')
      .select(['resources.id', 'datasets.state'])
      .where('datasets.name', '=', 'umkm-cli')
      .execute();
    expect(resources).toEqual([expect.objectContaining({ state: 'draft' })]);
  });

  it('fails with a clear message and changes nothing on a bad file', async () => {
    const file = path.join(env.t.config.dataDir, 'kosong.csv');
    fs.writeFileSync(file, 'a,b\n');
    const error = await importCommand.run([file, '--dataset', 'umkm-cli']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toContain('INGEST_NO_DATA_ROWS');
    const count = await env.t.storage.db
      .selectFrom('resources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('stages new data for a published dataset instead of replacing the live data, and says so', async () => {
    const file = path.join(env.t.config.dataDir, 'umkm-2025.csv');
    fs.writeFileSync(file, 'Kelurahan;Jumlah UMKM\nKlegen;1.300\nSukosari;1.001\n');
    await env.t.storage.db.updateTable('datasets').set({ state: 'published' }).where('name', '=', 'umkm-cli').execute();
    env.out.length = 0;
    expect(await importCommand.run([file, '--dataset', 'umkm-cli', '--name', 'umkm.csv'])).toBe(0);
    expect(env.out.join('\n')).toContain(
      'New data for resource "umkm.csv" staged in the revision of published dataset "umkm-cli"',
    );
    const live = await env.t.storage.db
      .selectFrom('resources')
      .innerJoin('datasets', 'datasets.id', 'resources.dataset_id')
      .select(['resources.state'])
      .where('datasets.name', '=', 'umkm-cli')
      .execute();
    // The live resource stays; the new data waits in a hidden pending row.
    expect(live.map((r) => r.state).sort()).toEqual(['active', 'pending']);
  });
});
