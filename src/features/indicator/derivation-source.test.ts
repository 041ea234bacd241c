import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { formatDate } from '../../i18n/i18n.js';
import { stagingClient } from '../dataset/resources/staging.fixtures.js';
import { seedCityIndicators } from './indicator.seed.js';

const penduduk = (year: number, n: number) =>
  `kelurahan,kode_wilayah,tahun,jumlah\nSogaten,35.77.02.1002,${year},${n}\n`;

describe.each(DIALECTS)('derived values whose source resource leaves the public data (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let walidata: TestUser;
  let c: ReturnType<typeof stagingClient>;
  let sourceId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCityIndicators(t.db);
    produsen = await createTestUser(t.db, [['produsen', 'kelurahan-oro-oro-ombo']]);
    walidata = await createTestUser(t.db, ['walidata']);
    c = stagingClient(t, { produsen, walidata });
    sourceId = (await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk' })).json().data.sources[0].id;
  });
  afterAll(() => t.close());

  const derive = (datasetId: string, resourceId: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/jumlah-penduduk/derivations',
      headers: walidata.headers,
      payload: {
        sourceId,
        datasetId,
        resourceId,
        valueColumn: 'jumlah',
        aggregation: 'sum',
        wilayahColumn: 'kode_wilayah',
        periodColumn: 'tahun',
      },
    });
  const value = async (period: number) =>
    (
      await t.app.inject({ url: `/api/v1/indicators/jumlah-penduduk/values?wilayah=35.77.02.1002&period=${period}` })
    ).json().data[0];
  const derivation = (resourceId: string) =>
    t.db
      .selectFrom('indicator_derivations')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .executeTakeFirstOrThrow();
  const removedAt = async (resourceId: string) =>
    (JSON.parse((await derivation(resourceId)).last_message!) as { at: string }).at;

  it('keeps the published values and says since when the source is gone when approval removes the resource', async () => {
    const {
      id: datasetId,
      resources: [resourceId],
    } = await c.published('penduduk-rw', [['penduduk.csv', penduduk(2024, 5230)]]);
    expect((await derive(datasetId, resourceId!)).json().data).toMatchObject({ status: 'ok', written: 1 });
    // Data staged for the next version is not published yet: nothing may be derived from it.
    const staged = (
      await c.upload(produsen, '/api/v1/datasets/penduduk-rw/resources', 'baru.csv', penduduk(2024, 9999))
    ).json().data.id as string;
    expect((await derive(datasetId, staged)).json().error.code).toBe('INDICATOR_RESOURCE_NOT_FOUND');
    await c.api(produsen, 'DELETE', `/api/v1/datasets/penduduk-rw/staged/${staged}`);

    // Staging the removal changes nothing yet; approval does.
    expect((await c.api(produsen, 'DELETE', `/api/v1/datasets/penduduk-rw/resources/${resourceId}`)).statusCode).toBe(
      202,
    );
    expect((await derivation(resourceId!)).last_status).toBe('ok');
    await c.api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/publish')).json().data.version).toBe(2);

    expect((await derivation(resourceId!)).last_status).toBe('source_removed');
    expect(await value(2024)).toMatchObject({
      value: 5230,
      period: '2024',
      origin: 'derived',
      citation: `resource ${resourceId}`,
      source: { id: sourceId },
    });
    const at = await removedAt(resourceId!);
    const page = (await c.page(null, '/indikator/jumlah-penduduk')).body;
    expect(page).toContain(
      'Nilai turunan dari sumber daya “penduduk” (dataset “Data penduduk-rw”) tidak diperbarui lagi: ' +
        `sumber daya itu dihapus pada versi 2 dataset tersebut, ${formatDate('id', at)}.`,
    );
    expect(page).toContain('Nilai yang sudah terbit tetap ditampilkan beserta sumber dan periodenya.');
    expect(page).toContain('href="/dataset/penduduk-rw/versi/1"');
    expect(page).toContain('5.230');
    expect((await c.page(null, '/indikator/jumlah-penduduk', 'en')).body).toContain(
      `the resource was removed in version 2 of that dataset on ${formatDate('en', at)}`,
    );
    const warnings = (await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk' })).json().data
      .warnings as string[];
    expect(
      warnings.some((w) =>
        w.includes(
          `source resource ${resourceId} was removed in version 2 of dataset penduduk-rw on ${at.slice(0, 10)}`,
        ),
      ),
    ).toBe(true);
    expect((await c.page(walidata, '/indikator/jumlah-penduduk/kelola')).body).toContain(
      `sumber daya dihapus (${formatDate('id', at)})`,
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'indicator.derivation_source_removed')
      .execute();
    expect(audit).toHaveLength(1);
    // The version the figures came from stays readable.
    expect((await t.app.inject({ url: `/dataset/penduduk-rw/versi/1/berkas/${resourceId}` })).body).toBe(
      penduduk(2024, 5230),
    );
  });

  it('says so when the dataset behind the derivation is withdrawn', async () => {
    const {
      id: datasetId,
      resources: [resourceId],
    } = await c.published('penduduk-lama', [['penduduk-lama.csv', penduduk(2023, 5100)]]);
    expect((await derive(datasetId, resourceId!)).json().data).toMatchObject({ status: 'ok', written: 1 });
    expect(
      (await c.api(walidata, 'POST', '/api/v1/datasets/penduduk-lama/withdraw', { reason: 'Diganti sensus baru.' }))
        .statusCode,
    ).toBe(200);

    expect((await derivation(resourceId!)).last_status).toBe('source_removed');
    expect(await value(2023)).toMatchObject({ value: 5100, period: '2023', origin: 'derived' });
    const at = await removedAt(resourceId!);
    const page = (await c.page(null, '/indikator/jumlah-penduduk')).body;
    expect(page).toContain(`dataset “Data penduduk-lama” ditarik pada ${formatDate('id', at)}`);
    expect(page).toContain('href="/dataset/penduduk-lama/versi/1"');
    const warnings = (await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk' })).json().data
      .warnings as string[];
    expect(
      warnings.some((w) => w.includes(`dataset penduduk-lama of source resource ${resourceId} was withdrawn`)),
    ).toBe(true);
  });

  it('stops without naming the dataset when a new version makes it private, and derives nothing from a private dataset', async () => {
    const {
      id: datasetId,
      resources: [resourceId],
    } = await c.published('penduduk-rahasia', [['penduduk-rahasia.csv', penduduk(2022, 4900)]]);
    expect((await derive(datasetId, resourceId!)).json().data).toMatchObject({ status: 'ok', written: 1 });
    const privately = {
      title: 'Data penduduk-rahasia',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
      private: true,
    };
    expect((await c.api(produsen, 'PATCH', '/api/v1/datasets/penduduk-rahasia', privately)).statusCode).toBe(200);
    await c.api(produsen, 'POST', '/api/v1/datasets/penduduk-rahasia/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/penduduk-rahasia/publish')).json().data.version).toBe(2);

    expect((await derivation(resourceId!)).last_status).toBe('source_removed');
    expect(await value(2022)).toMatchObject({ value: 4900, period: '2022', origin: 'derived' });
    const at = await removedAt(resourceId!);
    const page = (await c.page(null, '/indikator/jumlah-penduduk')).body;
    expect(page).toContain(`data sumbernya tidak lagi terbuka untuk publik sejak ${formatDate('id', at)}`);
    expect(page).not.toContain('penduduk-rahasia');
    const api = (await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk' })).body;
    expect(api).toContain('its source data stopped being public');
    expect(api).not.toContain('penduduk-rahasia');
    expect((await c.page(walidata, '/indikator/jumlah-penduduk/kelola')).body).toContain(
      `sumber tidak lagi terbuka (${formatDate('id', at)})`,
    );

    // Registering a new derivation from it is refused, with the reason.
    const refused = await derive(datasetId, resourceId!);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('INDICATOR_DATASET_PRIVATE');
  });
});
