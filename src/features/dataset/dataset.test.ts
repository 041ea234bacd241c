import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { multipart } from '../../../test/helpers/multipart.js';

const CSV = 'RW;Jumlah Penduduk;Luas (ha)\n01;1.234;12,5\n02;2.345;7,25\nJumlah;3.579;19,75\n';

describe.each(DIALECTS)('datasets and the walidata workflow (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let other: TestUser;
  let walidata: TestUser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    produsen = await createTestUser(t.db, [['produsen', 'kelurahan-oro-oro-ombo']]);
    other = await createTestUser(t.db, [['produsen', 'kelurahan-klegen']]);
    walidata = await createTestUser(t.db, ['walidata']);
  });
  afterAll(() => t.close());

  const api = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: user ? user.headers : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  const meta = {
    title: 'Penduduk per RW',
    notes: 'Jumlah penduduk per RW.',
    tags: ['penduduk', 'rw'],
    licenseId: 'cc-by-4.0',
    updateFrequency: 'annual',
    nextReleaseDate: '2020-01-31',
    spatialCodes: ['35.77.01.1001'],
    concept: 'Penduduk',
    definition: 'Orang yang berdomisili',
    unit: 'jiwa',
    source: 'Register kelurahan',
  };

  async function upload(user: TestUser, name: string, fileName: string, content: string) {
    const body = multipart({ name: fileName }, { name: fileName, content });
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/datasets/${name}/resources`,
      headers: { ...user.headers, ...body.headers },
      payload: body.payload,
    });
  }

  it('lets a kelurahan produsen create a draft, and no one from another organisation', async () => {
    const created = await api(produsen, 'POST', '/api/v1/datasets', {
      name: 'penduduk-rw',
      organization: 'kelurahan-oro-oro-ombo',
      ...meta,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().data).toMatchObject({
      state: 'draft',
      version: 0,
      licenseTitle: 'Creative Commons Attribution 4.0',
      tags: ['penduduk', 'rw'],
    });
    const foreign = await api(other, 'POST', '/api/v1/datasets', {
      name: 'penduduk-rw-2',
      organization: 'kelurahan-oro-oro-ombo',
      ...meta,
    });
    expect(foreign.statusCode).toBe(403);
    // A draft is not even visible outside its organisation.
    expect((await api(other, 'PATCH', '/api/v1/datasets/penduduk-rw', meta)).statusCode).toBe(404);
    const dup = await api(produsen, 'POST', '/api/v1/datasets', {
      name: 'penduduk-rw',
      organization: 'kelurahan-oro-oro-ombo',
      ...meta,
    });
    expect(dup.statusCode).toBe(422);
    expect((await api(null, 'GET', '/api/v1/datasets/penduduk-rw')).statusCode).toBe(404);
    expect((await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit')).json().error.code).toBe(
      'DATASET_NO_RESOURCES',
    );
  });

  it('uploads a semicolon CSV with Indonesian numbers into the datastore with a quality report', async () => {
    const res = await upload(produsen, 'penduduk-rw', 'penduduk.csv', CSV);
    expect(res.statusCode).toBe(201);
    const r = res.json().data;
    expect(r).toMatchObject({ format: 'CSV', urlType: 'upload', datastoreActive: true, rowCount: 2 });
    expect(r.fields.map((f: { type: string }) => f.type)).toEqual(['text', 'int', 'float']);
    expect(r.quality.counts.total_row).toBe(1);
    const bad = await upload(produsen, 'penduduk-rw', 'page.csv', '<!doctype html><html><body>Login</body></html>');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('INGEST_HTML_NOT_DATA');
    const after = await api(produsen, 'GET', '/api/v1/datasets/penduduk-rw');
    expect(after.json().data.resources).toHaveLength(1);
  });

  it('goes submitted → returned with per-field comments → resubmitted → published, audited', async () => {
    expect(
      (await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/review', { decision: 'approve' })).statusCode,
    ).toBe(403);
    expect((await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit')).json().data.state).toBe('submitted');
    expect((await api(produsen, 'PATCH', '/api/v1/datasets/penduduk-rw', meta)).statusCode).toBe(409);
    const queue = await t.app.inject({ url: '/data/periksa', headers: { ...walidata.headers, accept: 'text/html' } });
    expect(queue.body).toContain('Penduduk per RW');
    const review = await t.app.inject({
      url: '/data/periksa/penduduk-rw',
      headers: { ...walidata.headers, accept: 'text/html' },
    });
    expect(review.body).toContain('Laporan mutu data');
    const returned = await api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/review', {
      decision: 'return',
      comments: [{ field: 'unit', comment: 'Satuan harus "jiwa" sesuai BPS, periksa.' }],
    });
    expect(returned.json().data.state).toBe('returned');
    const page = await t.app.inject({
      url: '/dataset/penduduk-rw/ubah',
      headers: { ...produsen.headers, accept: 'text/html' },
    });
    expect(page.body).toContain('Satuan harus &quot;jiwa&quot; sesuai BPS, periksa.');
    expect(page.body.indexOf('komentar-unit')).toBeLessThan(page.body.indexOf('id="unit"'));
    expect(
      (await api(produsen, 'PATCH', '/api/v1/datasets/penduduk-rw', { ...meta, unit: 'jiwa' })).json().data.state,
    ).toBe('returned');
    await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit');
    const published = await api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/review', { decision: 'approve' });
    expect(published.json().data).toMatchObject({ state: 'published', version: 1, overdue: true });
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'dataset.%').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'dataset.create',
        'dataset.submit',
        'dataset.return',
        'dataset.update',
        'dataset.publish',
      ]),
    );
    expect((await api(other, 'PATCH', '/api/v1/datasets/penduduk-rw', meta)).statusCode).toBe(403);
    expect((await upload(other, 'penduduk-rw', 'x.csv', CSV)).statusCode).toBe(403);
    const visitor = await t.app.inject({ url: '/dataset/penduduk-rw', headers: { accept: 'text/html' } });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.body).toContain('Penduduk per RW');
    expect(visitor.body).toContain('Terlambat');
    expect(visitor.body).toContain('rel="alternate" type="application/json" href="/api/v1/datasets/penduduk-rw"');
  });

  it('keeps a published dataset public while its revision is checked, then publishes it as a new version', async () => {
    const edited = await api(produsen, 'PATCH', '/api/v1/datasets/penduduk-rw', {
      ...meta,
      unit: 'jiwa',
      title: 'Penduduk per RW (revisi)',
    });
    expect(edited.json().data).toMatchObject({
      state: 'published',
      version: 1,
      title: 'Penduduk per RW',
      revision: { state: 'draft', metadata: { title: 'Penduduk per RW (revisi)' } },
    });
    const publicView = async () => {
      const page = await t.app.inject({ url: '/dataset/penduduk-rw', headers: { accept: 'text/html' } });
      const json = await api(null, 'GET', '/api/v1/datasets/penduduk-rw');
      const list = await api(null, 'GET', '/api/v1/datasets');
      const ckan = await api(null, 'GET', '/api/3/action/package_show?id=penduduk-rw');
      return { page, json, list, ckan };
    };
    for (const step of ['draft', 'submitted', 'returned'] as const) {
      if (step === 'submitted')
        expect((await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit')).json().data.revision.state).toBe(
          'submitted',
        );
      if (step === 'returned') {
        // The walidata's queue lists the revision; while it is there the producer cannot change it.
        const queue = await t.app.inject({
          url: '/data/periksa',
          headers: { ...walidata.headers, accept: 'text/html' },
        });
        expect(queue.body).toContain('/data/periksa/penduduk-rw');
        expect(queue.body).toContain('perubahan versi 2:');
        const queueJson = await api(walidata, 'GET', '/api/v1/datasets?state=submitted');
        expect(queueJson.json().data.map((d: { name: string }) => d.name)).toContain('penduduk-rw');
        expect((await api(produsen, 'PATCH', '/api/v1/datasets/penduduk-rw', meta)).statusCode).toBe(409);
        const review = await t.app.inject({
          url: '/data/periksa/penduduk-rw',
          headers: { ...walidata.headers, accept: 'text/html' },
        });
        expect(review.body).toContain('(revisi)');
        const back = await api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/review', {
          decision: 'return',
          comments: [{ field: 'unit', comment: 'Satuan perlu dijelaskan.' }],
        });
        expect(back.json().data.revision.state).toBe('returned');
        const own = await t.app.inject({
          url: '/dataset/penduduk-rw',
          headers: { ...produsen.headers, accept: 'text/html' },
        });
        expect(own.body).toContain('Perubahan untuk versi 2');
        expect(own.body).toContain('Satuan perlu dijelaskan.');
      }
      const { page, json, list, ckan } = await publicView();
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Penduduk per RW');
      expect(page.body).not.toContain('(revisi)');
      expect(json.json().data).toMatchObject({ state: 'published', version: 1, title: 'Penduduk per RW' });
      expect(json.json().data.revision).toBeUndefined();
      expect(list.json().data.map((d: { name: string }) => d.name)).toContain('penduduk-rw');
      expect(ckan.json().result.title).toBe('Penduduk per RW');
    }
    // A new resource for a published dataset waits in the revision (staged-resources.test.ts); taken back here.
    const stagedNew = await upload(produsen, 'penduduk-rw', 'baru.csv', 'RW;Jumlah Penduduk\n01;9\n');
    expect(stagedNew.statusCode).toBe(202);
    expect(stagedNew.json().data.staged).toBe('new');
    expect(
      (await api(produsen, 'DELETE', `/api/v1/datasets/penduduk-rw/staged/${stagedNew.json().data.id}`)).statusCode,
    ).toBe(200);
    await api(produsen, 'PATCH', '/api/v1/datasets/penduduk-rw', {
      ...meta,
      unit: 'jiwa (orang)',
      title: 'Penduduk per RW (revisi)',
    });
    await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit');
    const approved = await api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/publish');
    expect(approved.json().data).toMatchObject({
      state: 'published',
      version: 2,
      title: 'Penduduk per RW (revisi)',
      unit: 'jiwa (orang)',
    });
    expect(approved.json().data.revision).toBeUndefined();
    expect((await api(null, 'GET', '/api/3/action/package_show?id=penduduk-rw')).json().result.title).toBe(
      'Penduduk per RW (revisi)',
    );
    const v1 = await api(null, 'GET', '/api/v1/datasets/penduduk-rw/versions/1');
    expect(v1.json().data.metadata.title).toBe('Penduduk per RW');
    const page = await t.app.inject({ url: '/dataset/penduduk-rw/versi/1', headers: { accept: 'text/html' } });
    expect(page.body).toContain('Versi 1');
    const resourceId = v1.json().data.resources[0].id;
    const file = await t.app.inject({ url: `/dataset/penduduk-rw/versi/1/berkas/${resourceId}` });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe(CSV);
    expect(file.headers['content-disposition']).toContain('attachment');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'dataset').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['dataset.revise', 'dataset.return', 'dataset.publish']),
    );
  });

  it('keeps the live data until the walidata approves new data for a published resource', async () => {
    const before = await api(null, 'GET', '/api/v1/datasets/penduduk-rw');
    const resourceId = before.json().data.resources[0].id;
    const stage = async (fileName: string, content: string) => {
      const body = multipart({}, { name: fileName, content });
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/datasets/penduduk-rw/resources/${resourceId}/pending`,
        headers: { ...produsen.headers, ...body.headers },
        payload: body.payload,
      });
    };
    const total = async () =>
      (await api(null, 'GET', `/api/3/action/datastore_search?resource_id=${resourceId}&limit=10`)).json().result.total;
    const form = multipart({ _csrf: produsen.csrf }, { name: 'first.csv', content: CSV });
    const viaForm = await t.app.inject({
      method: 'POST',
      url: `/dataset/penduduk-rw/sumber-daya/${resourceId}/data-baru`,
      headers: { ...produsen.headers, ...form.headers, accept: 'text/html' },
      payload: form.payload,
    });
    expect(viaForm.statusCode).toBe(303);
    expect(viaForm.headers.location).toBe(`/dataset/penduduk-rw/sumber-daya/${resourceId}`);
    const foreign = multipart({}, { name: 'x.csv', content: CSV });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/datasets/penduduk-rw/resources/${resourceId}/pending`,
          headers: { ...other.headers, ...foreign.headers },
          payload: foreign.payload,
        })
      ).statusCode,
    ).toBe(403);
    const staged = await stage(
      'penduduk-2025.csv',
      'RW;Jumlah Penduduk;Luas (ha)\n01;1.500;12,5\n02;2.400;7,25\n03;900;3\n',
    );
    expect(staged.statusCode).toBe(202);
    expect(staged.json().data.rowsLoaded).toBe(3);
    expect((await stage('page.csv', '<!doctype html><html><body>Login</body></html>')).statusCode).toBe(422);
    // The public still sees the approved data everywhere.
    expect(await total()).toBe(2);
    expect((await api(null, 'GET', '/api/v1/datasets/penduduk-rw')).json().data.resources).toHaveLength(1);
    expect((await api(null, 'GET', '/api/3/action/package_show?id=penduduk-rw')).json().result.resources).toHaveLength(
      1,
    );
    const own = await api(produsen, 'GET', '/api/v1/datasets/penduduk-rw');
    expect(own.json().data.revision.pendingData).toEqual([{ resourceId, fileName: 'penduduk-2025.csv', rows: 3 }]);
    const ownPage = await t.app.inject({
      url: '/dataset/penduduk-rw',
      headers: { ...produsen.headers, accept: 'text/html' },
    });
    expect(ownPage.body).toContain('penduduk-2025.csv (3 baris)');
    expect(ownPage.body).toContain('Unggah data baru');
    await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit');
    const review = await t.app.inject({
      url: '/data/periksa/penduduk-rw',
      headers: { ...walidata.headers, accept: 'text/html' },
    });
    expect(review.body).toContain('Data baru yang menunggu pemeriksaan');
    expect(review.body).toContain('penduduk-2025.csv');
    expect(await total()).toBe(2);
    const approved = await api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/publish');
    expect(approved.json().data.version).toBe(3);
    expect(await total()).toBe(3);
    const v3 = await api(null, 'GET', '/api/v1/datasets/penduduk-rw/versions/3');
    expect(v3.json().data.resources[0].rowCount).toBe(3);
    const v2 = await api(null, 'GET', '/api/v1/datasets/penduduk-rw/versions/2');
    expect(v2.json().data.resources[0].rowCount).toBe(2);
    expect((await t.app.inject({ url: `/dataset/penduduk-rw/versi/2/berkas/${resourceId}` })).body).toBe(CSV);
    expect((await t.app.inject({ url: `/dataset/penduduk-rw/versi/3/berkas/${resourceId}` })).body).toContain(
      '03;900;3',
    );
  });

  it('registers links, hides the quality report from visitors, and removes resources', async () => {
    expect(
      (
        await api(produsen, 'POST', '/api/v1/datasets', {
          ...meta,
          name: 'peta-rw',
          title: 'Peta RW',
          organization: 'kelurahan-oro-oro-ombo',
        })
      ).statusCode,
    ).toBe(201);
    const link = await api(produsen, 'POST', '/api/v1/datasets/peta-rw/resources', {
      name: 'Peta RW',
      url: 'https://contoh.id/peta.pdf',
      format: 'pdf',
    });
    expect(link.statusCode).toBe(201);
    expect(link.json().data).toMatchObject({ urlType: '', format: 'PDF', datastoreActive: false });
    const badLink = await api(produsen, 'POST', '/api/v1/datasets/peta-rw/resources', {
      name: 'x',
      url: 'javascript:alert(1)',
    });
    expect(badLink.statusCode).toBe(400);
    expect((await upload(produsen, 'peta-rw', 'rw.csv', CSV)).statusCode).toBe(201);
    const removed = await api(produsen, 'DELETE', `/api/v1/datasets/peta-rw/resources/${link.json().data.id}`);
    expect(removed.statusCode).toBe(204);
    await api(produsen, 'POST', '/api/v1/datasets/peta-rw/submit');
    await api(walidata, 'POST', '/api/v1/datasets/peta-rw/publish');
    const shown = await api(null, 'GET', '/api/v1/datasets/peta-rw');
    expect(shown.json().data.version).toBe(1);
    expect(shown.json().data.resources).toHaveLength(1);
    expect(shown.json().data.resources[0].quality).toBeUndefined();
    expect(shown.json().data.reviews).toBeUndefined();
    // Once published, resources are not changed in place: the removal waits for the walidata.
    expect(
      (await api(produsen, 'DELETE', `/api/v1/datasets/peta-rw/resources/${shown.json().data.resources[0].id}`))
        .statusCode,
    ).toBe(202);
    expect((await api(null, 'GET', '/api/v1/datasets/peta-rw')).json().data.resources).toHaveLength(1);
  });

  it('lets only the walidata withdraw or supersede', async () => {
    expect((await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/withdraw', { reason: 'x' })).statusCode).toBe(
      403,
    );
    const w = await api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/withdraw', {
      reason: 'Data tidak lagi dikumpulkan.',
    });
    expect(w.json().data.state).toBe('withdrawn');
    const list = await api(null, 'GET', '/api/v1/datasets');
    expect(list.json().data.map((d: { name: string }) => d.name)).not.toContain('penduduk-rw');
    const mine = await api(produsen, 'GET', '/api/v1/datasets?mine=true');
    expect(mine.json().data.map((d: { name: string }) => d.name)).toContain('penduduk-rw');
  });

  it('renders the HTML forms and re-renders them with errors', async () => {
    const form = await t.app.inject({ url: '/data/baru', headers: { ...produsen.headers, accept: 'text/html' } });
    expect(form.statusCode).toBe(200);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/data/baru',
      headers: { ...produsen.headers, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${produsen.csrf}&title=&name=X%20Y&organization=kelurahan-oro-oro-ombo`,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('error-summary');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/data/baru',
      headers: { ...produsen.headers, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload:
        `_csrf=${produsen.csrf}&title=UMKM&name=umkm-oro&organization=kelurahan-oro-oro-ombo` +
        '&licenseId=cc-by-4.0&updateFrequency=annual&tags=umkm,%20usaha',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/dataset/umkm-oro');
    const body = multipart({ _csrf: produsen.csrf, name: 'UMKM' }, { name: 'umkm.csv', content: '' });
    const empty = await t.app.inject({
      method: 'POST',
      url: `/dataset/umkm-oro/sumber-daya/baru`,
      headers: { ...produsen.headers, ...body.headers, accept: 'text/html' },
      payload: body.payload,
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Berkas kosong.');
    const good = multipart(
      { _csrf: produsen.csrf, name: 'UMKM' },
      { name: 'umkm.csv', content: 'nama,jumlah\nA,1\nB,2\n' },
    );
    const up = await t.app.inject({
      method: 'POST',
      url: `/dataset/umkm-oro/sumber-daya/baru`,
      headers: { ...produsen.headers, ...good.headers, accept: 'text/html' },
      payload: good.payload,
    });
    expect(up.statusCode).toBe(303);
    let page = '';
    for (let i = 0; i < 50; i++) {
      page = (
        await t.app.inject({
          url: up.headers.location as string,
          headers: { ...produsen.headers, accept: 'text/html' },
        })
      ).body;
      if (!page.includes('http-equiv="refresh"')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(page).toContain('Impor selesai');
    expect(page).toContain('Laporan mutu data');
    const mine = await t.app.inject({ url: '/data/saya', headers: { ...produsen.headers, accept: 'text/html' } });
    expect(mine.body).toContain('UMKM');
  });
});
