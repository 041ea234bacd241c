import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';

describe.each(DIALECTS)('datastore CSV and TSV (%s)', (dialect) => {
  let t: TestApp;
  let rid: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const fields = [
      { id: 'nama', label: 'Nama', type: 'text' as const },
      { id: 'saldo', label: 'Saldo', type: 'float' as const },
    ];
    ({
      resourceIds: [rid],
    } = (await insertDataset(t.db, {
      name: 'saldo-kas',
      title: 'Saldo kas',
      resources: [{ name: 'Saldo', fields, rows: [['=HYPERLINK("http://evil","klik")', -12.5]] }],
    })) as unknown as { resourceIds: [string] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('neutralises a =HYPERLINK(...) cell and keeps -12.5 a number in CSV and TSV dumps', async () => {
    expect((await t.app.inject({ url: `/datastore/dump/${rid}` })).body.split('\r\n')[1]).toBe(
      '1,"\'=HYPERLINK(""http://evil"",""klik"")",-12.5',
    );
    expect((await t.app.inject({ url: `/datastore/dump/${rid}?format=tsv` })).body.split('\r\n')[1]).toBe(
      '1\t\'=HYPERLINK("http://evil","klik")\t-12.5',
    );
  });

  it('neutralises records_format=csv and tsv in the API and CKAN searches, keeping -12.5 a number', async () => {
    const api = await t.app.inject({ url: `/api/v1/datastore/${rid}?records_format=csv` });
    expect(api.json().data.records).toBe('1,"\'=HYPERLINK(""http://evil"",""klik"")",-12.5\r\n');
    const tsv = await t.app.inject({ url: `/api/v1/datastore/${rid}?records_format=tsv` });
    expect(tsv.json().data.records).toBe('1\t\'=HYPERLINK("http://evil","klik")\t-12.5\r\n');
    const ckan = await t.app.inject({ url: `/api/3/action/datastore_search?resource_id=${rid}&records_format=csv` });
    expect(ckan.json().result.records).toBe('1,"\'=HYPERLINK(""http://evil"",""klik"")",-12.5\r\n');
  });
});
