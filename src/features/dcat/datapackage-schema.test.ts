import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import { PENDUDUK_FIELDS, PENDUDUK_ROWS } from '../datastore/datastore.fixtures.js';

// ajv-formats is CommonJS with a default export; under NodeNext its plugin sits on `.default`.
const addFormats = formatsModule as unknown as typeof formatsModule.default;
const PROFILE = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../test/fixtures/datapackage-v2/datapackage.json', import.meta.url)),
    'utf8',
  ),
);

describe.each(DIALECTS)('datapackage.json against the Data Package v2 JSON Schema (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertDataset(t.db, {
      name: 'penduduk-lengkap',
      title: 'Penduduk per kelurahan',
      tags: ['kependudukan'],
      groups: ['kependudukan'],
      spatial: ['35.77.02.1002'],
      extra: { source: 'Dinas Kependudukan dan Pencatatan Sipil' },
      resources: [
        { name: 'Penduduk 2023–2024', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS },
        { name: 'Peta', format: 'pdf' },
      ],
    });
    // As little as the walidata allows: no tags, no resources, no source, licence not specified.
    const minimal = await insertDataset(t.db, { name: 'minimal', title: 'Data minimal', license: 'notspecified' });
    await t.db
      .updateTable('datasets')
      .set({ source: '', contact_name: '', contact_email: '' })
      .where('id', '=', minimal.id)
      .execute();
    await reindexDataset(t.db, minimal.id);
    await insertDataset(t.db, {
      name: 'tanpa-tag',
      title: 'Tanpa tag',
      resources: [{ name: 'Tabel', format: 'xlsx' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('validates every seeded descriptor with Ajv, and leaves out empty keywords', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('textarea', true);
    const validate = ajv.compile(PROFILE);
    const names = (await t.db.selectFrom('catalog_entries').select('name').orderBy('name').execute()).map(
      (r) => r.name,
    );
    expect(names).toEqual(['minimal', 'penduduk-lengkap', 'tanpa-tag']);
    for (const name of names) {
      const dp = (await t.app.inject({ url: `/dataset/${name}/datapackage.json` })).json();
      validate(dp);
      expect(validate.errors ?? [], name).toEqual([]);
    }
    const minimal = (await t.app.inject({ url: '/dataset/minimal/datapackage.json' })).json();
    expect(minimal).not.toHaveProperty('keywords');
    // The schema does catch what issue 22 reported.
    expect(validate({ ...minimal, keywords: [] })).toBe(false);
  });
});
