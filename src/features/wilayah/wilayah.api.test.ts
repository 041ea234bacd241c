import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe.each(DIALECTS)('wilayah API and pages (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists all 31 areas of Kota Madiun', async () => {
    const res = await t.app.inject({ url: '/api/v1/wilayah' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(true);
    expect(body.meta.total).toBe(31);
    expect(body.data.filter((w: { tingkat: string }) => w.tingkat === 'kelurahan')).toHaveLength(27);
  });

  it('filters by level and parent', async () => {
    const res = await t.app.inject({ url: '/api/v1/wilayah?level=kelurahan&parent=35.77.01' });
    const body = res.json();
    expect(body.data.length).toBeGreaterThan(0);
    expect(
      body.data.every(
        (w: { kodeInduk: string; tingkat: string }) => w.kodeInduk === '35.77.01' && w.tingkat === 'kelurahan',
      ),
    ).toBe(true);
    const kec = (await t.app.inject({ url: '/api/v1/wilayah?level=kecamatan' })).json();
    expect(kec.data.map((w: { nama: string }) => w.nama)).toEqual(['Kartoharjo', 'Manguharjo', 'Taman']);
  });

  it('returns Sogaten with its kecamatan and GeoJSON geometry', async () => {
    const res = await t.app.inject({ url: '/api/v1/wilayah/35.77.02.1002' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const { data } = res.json();
    expect(data.nama).toBe('Sogaten');
    expect(data.namaInduk).toBe('Manguharjo');
    expect(data.kodeInduk).toBe('35.77.02');
    expect(['Polygon', 'MultiPolygon']).toContain(data.geometry.type);
    expect(data.geometry.coordinates.length).toBeGreaterThan(0);
  });

  it("answers an unknown code with 404 and the error shape, in the user's language", async () => {
    const res = await t.app.inject({ url: '/api/v1/wilayah/35.77.09.9999' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      ok: false,
      error: {
        code: 'WILAYAH_NOT_FOUND',
        message: 'Kode wilayah 35.77.09.9999 tidak dikenal.',
        details: { kode: '35.77.09.9999' },
      },
    });
    const en = await t.app.inject({ url: '/api/v1/wilayah/35.77.09.9999', cookies: { terbuka_lang: 'en' } });
    expect(en.json().error.message).toBe('Area code 35.77.09.9999 is not known.');
  });

  it('rejects a malformed code with 400', async () => {
    const res = await t.app.inject({ url: '/api/v1/wilayah/not-a-code' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('renders a kelurahan profile with its map and JSON twin', async () => {
    const res = await t.app.inject({ url: '/wilayah/35.77.02.1002', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sogaten');
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('class="focus"');
    expect(res.body).toContain('rel="alternate" type="application/json" href="/api/v1/wilayah/35.77.02.1002"');
  });

  it('renders the wilayah index as kota → kecamatan → kelurahan', async () => {
    const res = await t.app.inject({ url: '/wilayah' });
    expect(res.body).toContain('Kota Madiun');
    expect(res.body.indexOf('Kartoharjo')).toBeLessThan(res.body.indexOf('Manguharjo'));
    expect((res.body.match(/href="\/wilayah\/35\.77\.0\d\.\d{4}"/g) ?? []).length).toBe(27);
  });

  it('shows an HTML error page for an unknown kelurahan page', async () => {
    const res = await t.app.inject({ url: '/wilayah/35.77.02.9999', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('tidak dikenal');
  });

  it('answers /healthz after checking the database', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.json()).toEqual({ ok: true, database: dialect });
  });
});
