import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { stagingActors, type stagingClient } from '../dataset/resources/staging.fixtures.js';
import { people, residentCsv } from './privacy.fixtures.js';

const RESIDENTS = people(33);
const FILE = residentCsv(RESIDENTS);

describe.each(DIALECTS)('personal data: detection at ingest and the publication gate (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let walidata: TestUser;
  let c: ReturnType<typeof stagingClient>;

  beforeAll(async () => {
    ({ t, produsen, walidata, c } = await stagingActors(dialect));
  });
  afterAll(() => t.close());

  const draft = async (name: string) => {
    const res = await c.api(produsen, 'POST', '/api/v1/datasets', {
      name,
      organization: 'kelurahan-oro-oro-ombo',
      title: `Data ${name}`,
      notes: 'Deskripsi data untuk uji (DCAT-AP mewajibkan deskripsi).',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
    });
    expect(res.statusCode).toBe(201);
  };
  const uploadResidents = async (name: string, content = FILE) => {
    const res = await c.upload(produsen, `/api/v1/datasets/${name}/resources`, 'warga.csv', content, {
      name: 'Daftar warga',
    });
    expect(res.statusCode).toBeLessThan(300);
    return res.json().data as {
      id: string;
      quality: { personalData: Array<{ column: string; kind: string; matches: number; sampled: number }> };
    };
  };
  const audits = async (action: string) =>
    t.db.selectFrom('audit_log').select(['action', 'after_json']).where('action', '=', action).execute();

  it("finds the issue's columns (API upload): kind, matches and sample size per column, in the quality report", async () => {
    await draft('warga-api');
    const r = await uploadResidents('warga-api');
    const found = Object.fromEntries(r.quality.personalData.map((f) => [f.column, f]));
    expect(Object.keys(found).sort()).toEqual(['email', 'nama', 'nik', 'no_hp', 'no_kk']);
    expect(found['nik']).toMatchObject({ kind: 'nik', matches: 33, sampled: 33 });
    expect(found['no_kk']).toMatchObject({ kind: 'kk', matches: 33, sampled: 33 });
    expect(found['nama']).toMatchObject({ kind: 'name', sampled: 33 });
    expect(found['no_hp']).toMatchObject({ kind: 'phone', matches: 33 });
    expect(found['email']).toMatchObject({ kind: 'email', matches: 33 });
    // The harmless RT column is not flagged, as personal data or as a small count.
    expect(found['rt']).toBeUndefined();
  });

  it("finds them on the web upload and warns on the producer's resource page, in both languages", async () => {
    await draft('warga-web');
    const res = await c.webUpload(produsen, '/dataset/warga-web/sumber-daya/baru', 'warga.csv', FILE, {
      name: 'Daftar warga',
    });
    expect(res.statusCode).toBe(303);
    const body = await c.settled(produsen, res.headers.location as string);
    expect(body).toContain('Data pribadi dan angka kecil');
    expect(body).toContain('<code>nik</code>');
    expect(body).toContain('33 dari 33 nilai contoh');
    expect(body).toContain('Nomor KK');
    const en = (await c.page(produsen, res.headers.location as string, 'en')).body;
    expect(en).toContain('Personal data and small counts');
    expect(en).toContain('33 of 33 sampled values');
  });

  it('refuses approval while findings are open (API 409 and the review form), and shows the walidata each column', async () => {
    await draft('warga-gate');
    await uploadResidents('warga-gate');
    expect((await c.api(produsen, 'POST', '/api/v1/datasets/warga-gate/submit')).statusCode).toBe(200);
    const refused = await c.api(walidata, 'POST', '/api/v1/datasets/warga-gate/publish');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PRIVACY_UNRESOLVED');
    expect(refused.json().error.message).toContain('nik');
    expect(refused.json().error.details.findings).toHaveLength(5);
    const review = (await c.page(walidata, '/data/periksa/warga-gate')).body;
    expect(review).toContain('Data pribadi dan angka kecil');
    for (const col of ['nik', 'no_kk', 'nama', 'no_hp', 'email']) expect(review).toContain(`<code>${col}</code>`);
    expect(review).toContain('33 dari 33 nilai contoh');
    const form = await c.form(walidata, '/data/periksa/warga-gate', { decision: 'approve' });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('belum bisa diterbitkan');
    expect((await c.api(null, 'GET', '/api/v1/datasets/warga-gate')).statusCode).toBe(404);
  });

  it('lets the producer mask and drop, the walidata override only with a reason and a confirmation; then publishes', async () => {
    await draft('warga-olah');
    const r = await uploadResidents('warga-olah');
    const resolve = (user: TestUser, body: object) =>
      c.api(user, 'POST', `/api/v1/datasets/warga-olah/resources/${r.id}/privacy`, body);
    expect((await resolve(produsen, { column: 'nik', action: 'mask' })).statusCode).toBe(200);
    expect((await resolve(produsen, { column: 'no_kk', action: 'mask' })).statusCode).toBe(200);
    expect((await resolve(produsen, { column: 'no_hp', action: 'drop' })).statusCode).toBe(200);
    // Only the walidata overrides, and only with a reason and the explicit confirmation.
    expect(
      (
        await resolve(produsen, {
          column: 'email',
          action: 'override',
          reason: 'alamat dinas, bukan pribadi',
          confirm: true,
        })
      ).statusCode,
    ).toBe(403);
    const noReason = await resolve(walidata, { column: 'email', action: 'override', confirm: true });
    expect(noReason.statusCode).toBe(422);
    const noConfirm = await resolve(walidata, {
      column: 'email',
      action: 'override',
      reason: 'alamat dinas, bukan pribadi',
    });
    expect(noConfirm.statusCode).toBe(422);
    // The web form: the same rule, re-rendered with the error.
    const webNoReason = await c.form(walidata, `/dataset/warga-olah/sumber-daya/${r.id}/privasi`, {
      column: 'email',
      action: 'override',
      confirm: '1',
      back: '/data/periksa/warga-olah',
    });
    expect(webNoReason.statusCode).toBe(422);
    expect(webNoReason.body).toContain('Tuliskan alasan');
    const web = await c.form(produsen, `/dataset/warga-olah/sumber-daya/${r.id}/privasi`, {
      column: 'email',
      action: 'mask',
      back: `/dataset/warga-olah/sumber-daya/${r.id}`,
    });
    expect(web.statusCode).toBe(303);
    expect(web.headers.location).toBe(`/dataset/warga-olah/sumber-daya/${r.id}`);
    const state = await resolve(walidata, {
      column: 'nama',
      action: 'override',
      reason: 'Nama pejabat publik yang memang diumumkan',
      confirm: true,
    });
    expect(state.statusCode).toBe(200);
    expect(state.json().data.unresolved).toBe(0);
    expect((await audits('privacy.override'))[0]!.after_json).toContain('pejabat publik');
    expect(await audits('privacy.mask')).toHaveLength(3);
    expect(await audits('privacy.drop')).toHaveLength(1);

    // The table holds no NIK, KK, phone or e-mail; NIKs became keyed hashes, the same NIK the same hash.
    const rows = (await c.api(produsen, 'GET', `/api/3/action/datastore_search?resource_id=${r.id}&limit=100`)).json();
    const text = JSON.stringify(rows);
    for (const p of RESIDENTS) for (const v of [p.nik, p.kk, p.hp, p.email]) expect(text).not.toContain(v);
    const records = (await c.api(produsen, 'GET', `/api/v1/datastore/${r.id}?limit=100`)).json().data.records as Array<
      Record<string, unknown>
    >;
    expect(records[0]!['nik']).toMatch(/^HMAC:[A-Za-z0-9_-]{22}$/);
    expect(records[0]!['email']).toBe('***');
    expect(records[0]).not.toHaveProperty('no_hp');
    expect(records).toHaveLength(33);
    // The review page names the resolutions and who made them.
    const review = (await c.page(walidata, '/data/periksa/warga-olah')).body;
    expect(review).toContain('Nama pejabat publik yang memang diumumkan');

    expect((await c.api(produsen, 'POST', '/api/v1/datasets/warga-olah/submit')).statusCode).toBe(200);
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/warga-olah/publish')).statusCode).toBe(200);
    // The original file still holds everything: never public, still there for its producer.
    expect((await t.app.inject({ url: `/dataset/warga-olah/sumber-daya/${r.id}/berkas` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/dataset/warga-olah/versi/1/berkas/${r.id}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/dataset/warga-olah/sumber-daya/${r.id}/berkas`, headers: produsen.headers })).body,
    ).toContain(RESIDENTS[0]!.nik);
    // Visitors get no link that would answer 404; the producer keeps hers.
    const file = `href="/dataset/warga-olah/sumber-daya/${r.id}/berkas"`;
    const pub = (await c.page(null, `/dataset/warga-olah/sumber-daya/${r.id}`)).body;
    expect(pub).not.toContain(file);
    expect((await c.page(null, '/dataset/warga-olah')).body).not.toContain(file);
    expect((await c.page(produsen, `/dataset/warga-olah/sumber-daya/${r.id}`)).body).toContain(file);
    expect((await c.page(null, `/dataset/warga-olah/resource/${r.id}`)).body).not.toContain(file);
    expect((await c.page(produsen, `/dataset/warga-olah/resource/${r.id}`)).body).toContain(file);
    // CKAN, DCAT and schema.org point at the data dump instead.
    const pkg = (await c.api(null, 'GET', '/api/3/action/package_show?id=warga-olah')).json().result;
    expect(pkg.resources[0].url).toContain(`/datastore/dump/${r.id}`);
    expect((await c.page(null, '/dataset/warga-olah')).body).not.toContain(`/sumber-daya/${r.id}/berkas`);
    const dump = (await t.app.inject({ url: `/datastore/dump/${r.id}` })).body;
    expect(dump).not.toContain(RESIDENTS[0]!.nik);
    expect(dump).toContain('HMAC:');
  });

  it('publishes a restricted dataset, which stays away from the public', async () => {
    await draft('warga-batas');
    const r = await uploadResidents('warga-batas');
    const restricted = await c.form(produsen, '/dataset/warga-batas/privasi/batasi', { back: '/dataset/warga-batas' });
    expect(restricted.statusCode).toBe(303);
    expect(await audits('privacy.restrict')).not.toHaveLength(0);
    await c.api(produsen, 'POST', '/api/v1/datasets/warga-batas/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/warga-batas/publish')).statusCode).toBe(200);
    expect((await c.api(null, 'GET', '/api/v1/datasets/warga-batas')).statusCode).toBe(404);
    expect((await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${r.id}`)).json().success).toBe(false);
    expect((await t.app.inject({ url: `/datastore/dump/${r.id}` })).statusCode).toBe(404);
  });

  it('checks staged uploads of a published dataset the same way (new resource and new data)', async () => {
    const {
      resources: [live],
    } = await c.published('penduduk-rw', [['penduduk.csv', 'RW;Jumlah Penduduk\n01;1.234\n02;2.345\n']]);
    const added = await c.upload(produsen, '/api/v1/datasets/penduduk-rw/resources', 'warga.csv', FILE, {
      name: 'Warga baru',
    });
    expect(added.statusCode).toBe(202);
    expect(added.json().data.quality.personalData.map((f: { column: string }) => f.column)).toContain('nik');
    const replaced = await c.upload(
      produsen,
      `/api/v1/datasets/penduduk-rw/resources/${live}/pending`,
      'warga.csv',
      FILE,
    );
    expect(replaced.statusCode).toBe(202);
    expect(replaced.json().data.quality.personalData).toHaveLength(5);
    await c.api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit');
    const refused = await c.api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/publish');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.findings.map((f: { resourceId: string }) => f.resourceId)).toEqual(
      expect.arrayContaining([live, added.json().data.id]),
    );
    // Version 1 is still what the public reads.
    expect(
      JSON.stringify((await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${live}`)).json()),
    ).not.toContain(RESIDENTS[0]!.nik);
  });
});
