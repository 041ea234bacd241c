import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTestEnv } from '../../test/helpers/cli-env.js';
import { DIALECTS } from '../../test/helpers/test-env.js';
import type { CurrentUser } from '../actor/actor.js';
import { insertDataset } from '../features/catalog/catalog.fixtures.js';
import { PENDUDUK_FIELDS, PENDUDUK_ROWS } from '../features/datastore/datastore.fixtures.js';
import { seedCityIndicators } from '../features/indicator/indicator.seed.js';
import { addDerivation } from '../features/indicator/indicator-derivation.service.js';
import { importCommand } from './import.command.js';

const WALIDATA: CurrentUser = {
  id: 'walidata-uji',
  email: 'walidata@contoh.id',
  name: 'Walidata',
  roles: [{ role: 'admin', organizationId: null }],
};

// The CLI goes through the same composition root as the web app (src/app/compose.ts): new data
// loaded by `terbuka import` reaches the listeners of dataset events, as a web upload does.
describe.each(DIALECTS)('terbuka import and derived indicators (%s)', (dialect) => {
  const env = cliTestEnv(dialect);

  it('recomputes an indicator derived from the resource whose data the import replaces', async () => {
    const db = env.t.storage.db;
    await seedCityIndicators(db);
    const ds = await insertDataset(db, {
      name: 'penduduk-cli',
      title: 'Penduduk per kelurahan',
      resources: [
        { name: 'penduduk.csv', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS, wilayahColumn: 'kode_wilayah' },
      ],
    });
    const source = await db
      .selectFrom('indicator_sources')
      .innerJoin('indicators', 'indicators.id', 'indicator_sources.indicator_id')
      .select('indicator_sources.id')
      .where('indicators.code', '=', 'jumlah-penduduk')
      .executeTakeFirstOrThrow();
    const added = await addDerivation(db, WALIDATA, { id: null, label: 'test' }, 'jumlah-penduduk', {
      sourceId: source.id,
      datasetId: ds.id,
      resourceId: ds.resourceIds[0]!,
      valueColumn: 'jumlah',
      aggregation: 'sum',
      wilayahColumn: 'kode_wilayah',
      periodColumn: 'tahun',
      fixedPeriod: null,
    });
    expect(added).toMatchObject({ status: 'ok' });
    const sogaten2024 = async () =>
      await db
        .selectFrom('indicator_values')
        .select(['value', 'status'])
        .where('origin', '=', 'derived')
        .where('wilayah_kode', '=', '35.77.02.1002')
        .where('period', '=', '2024')
        .executeTakeFirst();
    expect(Number((await sogaten2024())?.value)).toBe(5230);

    // A published dataset's new data waits for the walidata; the import replaces data in place
    // while the dataset is being prepared again (a draft), as the web upload form does.
    await db.updateTable('datasets').set({ state: 'draft' }).where('id', '=', ds.id).execute();
    const file = path.join(env.t.config.dataDir, 'penduduk.csv');
    fs.writeFileSync(file, 'kelurahan,kode_wilayah,tahun,jumlah\nSogaten,35.77.02.1002,2024,5300\n');
    expect(await importCommand.run([file, '--dataset', 'penduduk-cli', '--name', 'penduduk.csv'])).toBe(0);
    expect(env.out.join('\n')).toContain('Replaced resource "penduduk.csv"');
    expect(await sogaten2024()).toMatchObject({ status: 'revised' });
    expect(Number((await sogaten2024())?.value)).toBe(5300);
  });
});
