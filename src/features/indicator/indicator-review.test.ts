import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { multipart } from '../../../test/helpers/multipart.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { seedCityIndicators } from './indicator.seed.js';

/** Issue 11 #7: a produsen's indicator values are checked by the walidata before they are public, and read correctly. */
describe.each(DIALECTS)('indicator value review and validation (%s)', (dialect) => {
  let t: TestApp;
  let walidata: TestUser;
  let disnaker: TestUser;
  let source: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCityIndicators(t.db);
    walidata = await createTestUser(t.db, ['walidata']);
    disnaker = await createTestUser(t.db, [['produsen', 'disnaker-kukm']]);
    const detail = (await t.app.inject({ url: '/api/v1/indicators/pengangguran' })).json().data;
    source = detail.sources.find((s: { producer: string }) => s.producer.includes('Disnaker')).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const html = (user: TestUser | null, url: string, lang?: string) =>
    t.app.inject({
      url,
      headers: {
        accept: 'text/html',
        ...(user || lang
          ? { cookie: [user?.cookie, lang ? `terbuka_lang=${lang}` : ''].filter(Boolean).join('; ') }
          : {}),
      },
    });
  const importApi = (user: TestUser, csv: string, fields: Record<string, string> = {}, lang?: string) => {
    const m = multipart({ sourceId: source, ...fields }, { name: 'nilai.csv', content: csv });
    const cookie = lang ? `${user.cookie}; terbuka_lang=${lang}` : user.cookie;
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/pengangguran/import',
      headers: { ...user.headers, cookie, 'content-type': m.contentType },
      payload: m.payload,
    });
  };
  const publicValues = async (period: string) =>
    (await t.app.inject({ url: `/api/v1/indicators/pengangguran/values?period=${period}&source=${source}` })).json()
      .data as Array<{ value: number; wilayah: { kode: string } }>;
  const submissions = async () =>
    (await t.app.inject({ url: '/api/v1/indicator-submissions', headers: walidata.headers })).json().data as Array<{
      id: string;
      state: string;
    }>;

  it('holds a produsen import for the walidata, reads 1.234 as 1234, warns on a kecamatan below its kelurahan, and publishes on approval', async () => {
    const csv = 'wilayah_kode,periode,nilai\n35.77.01.1001,2026,1.234\n35.77.01.1002,2026,20\n35.77.01,2026,1.000\n';
    const res = await importApi(disnaker, csv, { note: 'Kecamatan dari pendataan lama' });
    expect(res.statusCode).toBe(202);
    const id = res.json().data.submission.id as string;
    expect(res.json().data.submission).toMatchObject({ state: 'submitted', rows: 3, warnings: 1 });
    // Nothing is public yet: not in the API, not on the page.
    expect(await publicValues('2026')).toEqual([]);
    expect((await html(null, '/indikator/pengangguran')).body).not.toContain('1.234');

    const detail = (
      await t.app.inject({ url: `/api/v1/indicator-submissions/${id}`, headers: walidata.headers })
    ).json().data;
    expect(
      detail.rows.map((r: { wilayahKode: string; value: number; change: string }) => [
        r.wilayahKode,
        r.value,
        r.change,
      ]),
    ).toEqual([
      ['35.77.01.1001', 1234, 'new'],
      ['35.77.01.1002', 20, 'new'],
      ['35.77.01', 1000, 'new'],
    ]);
    expect(detail.warnings[0]).toMatchObject({
      kind: 'exceeds',
      wilayahKode: '35.77.01',
      parentValue: 1000,
      childSum: 1254,
    });

    // The walidata's queues: the dataset queue links the indicator queue, which lists the submission.
    expect((await html(walidata, '/data/periksa')).body).toContain('href="/indikator/periksa"');
    const queue = await html(walidata, '/indikator/periksa');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`/indikator/pengajuan/${id}`);
    const page = await html(walidata, `/indikator/pengajuan/${id}`);
    expect(page.body).toContain('tetapi 2 dari');
    expect(page.body).toContain('Kecamatan dari pendataan lama');

    // Returned with a comment on one row (HTML form); the produsen sees it and answers.
    const noComment = await t.app.inject({
      method: 'POST',
      url: `/indikator/pengajuan/${id}/keputusan`,
      headers: { cookie: walidata.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: walidata.csrf, decision: 'return' }).toString(),
    });
    expect(noComment.statusCode).toBe(422);
    expect(noComment.body).toContain('Tulis setidaknya satu komentar');
    const form = new URLSearchParams({
      _csrf: walidata.csrf,
      decision: 'return',
      'comment.row:35.77.01|2026': 'Kecamatan lebih kecil dari kelurahannya?',
    });
    const returned = await t.app.inject({
      method: 'POST',
      url: `/indikator/pengajuan/${id}/keputusan`,
      headers: { cookie: walidata.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(returned.statusCode).toBe(303);
    expect((await html(disnaker, `/indikator/pengajuan/${id}`)).body).toContain(
      'Kecamatan lebih kecil dari kelurahannya?',
    );
    expect((await html(disnaker, '/indikator/pengangguran/kelola')).body).toContain(`/indikator/pengajuan/${id}`);
    const answer = multipart(
      { _csrf: disnaker.csrf, note: 'Angka kecamatan belum memuat dua kelurahan baru.' },
      {
        name: 'nilai.csv',
        content: 'wilayah_kode,periode,nilai\n35.77.01.1001,2026,1.234\n35.77.01.1002,2026,20\n35.77.01,2026,1.254\n',
      },
    );
    const again = await t.app.inject({
      method: 'POST',
      url: `/indikator/pengajuan/${id}/ajukan-ulang`,
      headers: { cookie: disnaker.cookie, accept: 'text/html', 'content-type': answer.contentType },
      payload: answer.payload,
    });
    expect(again.statusCode).toBe(303);
    // Another organisation's produsen sees nothing of it; the page reads in English too.
    const other = await createTestUser(t.db, [['produsen', 'bps-kota-madiun']]);
    expect((await html(other, `/indikator/pengajuan/${id}`)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/indicator-submissions', headers: other.headers })).json().data).toEqual(
      [],
    );
    expect((await html(walidata, `/indikator/pengajuan/${id}`, 'en')).body).toContain('Approve and publish');
    // A produsen cannot approve its own values.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/indicator-submissions/${id}/review`,
          headers: disnaker.headers,
          payload: { decision: 'approve' },
        })
      ).statusCode,
    ).toBe(403);
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/indicator-submissions/${id}/review`,
      headers: walidata.headers,
      payload: { decision: 'approve' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().data.state).toBe('approved');
    expect((await publicValues('2026')).map((v) => [v.wilayah.kode, v.value])).toEqual([
      ['35.77.01', 1254],
      ['35.77.01.1001', 1234],
      ['35.77.01.1002', 20],
    ]);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/indicator-submissions/${id}/review`,
          headers: walidata.headers,
          payload: { decision: 'approve' },
        })
      ).statusCode,
    ).toBe(409);
    const actions = (
      await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'indicator.submission%').execute()
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'indicator.submission_submit',
        'indicator.submission_return',
        'indicator.submission_resubmit',
        'indicator.submission_approve',
      ]),
    );
  });

  it('refuses -4 people, 2.5 people and unknown columns with one clear message, and keeps nothing', async () => {
    const before = (await submissions()).length;
    const bad = await importApi(
      disnaker,
      'wilayah_kode,periode,nilai\n35.77.02.1001,2027,-4\n35.77.02.1002,2027,"2,5"\n35.77.02.1003,2027,7\n',
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.rows.map((r: { row: number; message: string }) => [r.row, r.message])).toEqual([
      [2, 'ivalue.negativeCount'],
      [3, 'ivalue.fractionalCount'],
    ]);
    const unknown = await importApi(disnaker, 'kode,tahun,jumlah\n35.77.02.1001,2027,4\n35.77.02.1002,2027,5\n');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('IMPORT_UNKNOWN_COLUMNS');
    expect(unknown.json().error.message).toContain('Kolom tidak dikenal: kode, tahun, jumlah');
    expect(unknown.json().error.message).toContain('wilayah_kode/kode_wilayah');
    expect(unknown.json().error.details.rows).toBeUndefined();
    const m = multipart(
      { _csrf: disnaker.csrf, sourceId: source },
      { name: 'x.csv', content: 'kode,tahun,jumlah\n35.77.02.1001,2027,4\n' },
    );
    const form = await t.app.inject({
      method: 'POST',
      url: `/indikator/pengangguran/impor`,
      headers: { cookie: `${disnaker.cookie}; terbuka_lang=en`, accept: 'text/html', 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Unknown columns: kode, tahun, jumlah.');
    expect(form.body).not.toContain('Row 2');
    const english = await importApi(disnaker, 'kode,tahun,jumlah\n35.77.02.1001,2027,4\n', {}, 'en');
    expect(english.json().error.message).toContain('Unknown columns: kode, tahun, jumlah. Expected columns:');
    // An English file read as the import says; a walidata import goes live at once.
    const en = await importApi(walidata, 'wilayah_kode,periode,nilai\n35.77,2027,"1,234"\n', { numberFormat: 'en' });
    expect(en.statusCode).toBe(200);
    expect((await publicValues('2027')).map((v) => v.value)).toEqual([1234]);
    expect((await submissions()).length).toBe(before);
    // The walidata's own import is live, and still says where a total is below its parts.
    const own = await importApi(walidata, 'wilayah_kode,periode,nilai\n35.77.03,2027,5\n35.77.03.1001,2027,9\n');
    expect(own.statusCode).toBe(200);
    expect(own.json().data.warnings).toEqual([
      expect.objectContaining({ kind: 'exceeds', wilayahKode: '35.77.03', parentValue: 5, childSum: 9 }),
    ]);

    // The value form: the same rules, the page again with the reason.
    const post = (user: TestUser, value: string, wilayahKode = '35.77.02.1001') =>
      t.app.inject({
        method: 'POST',
        url: '/indikator/pengangguran/nilai',
        headers: { cookie: user.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: user.csrf,
          sourceId: source,
          wilayahKode,
          period: '2027',
          value,
          status: 'final',
        }).toString(),
      });
    const frac = await post(disnaker, '2,5');
    expect(frac.statusCode).toBe(422);
    expect(frac.body).toContain('Jumlah orang harus bilangan bulat');
    const neg = await post(disnaker, '-4');
    expect(neg.body).toContain('Jumlah orang tidak boleh negatif');
    const ok = await post(disnaker, '1.500');
    expect(ok.statusCode).toBe(303);
    expect((await html(disnaker, ok.headers.location as string)).body).toContain(
      'Diajukan untuk diperiksa walidata (1 nilai)',
    );
    // Values entered one at a time join the same waiting submission.
    const next = await post(disnaker, '30', '35.77.02.1002');
    expect((await html(disnaker, next.headers.location as string)).body).toContain(
      'Diajukan untuk diperiksa walidata (2 nilai)',
    );
    expect((await submissions()).length).toBe(before + 1);
    // A decision on what the walidata saw: rows that joined since are not approved unseen.
    const waiting = (await submissions()).find((x) => x.state === 'submitted')!;
    const seen = (
      await t.app.inject({ url: `/api/v1/indicator-submissions/${waiting.id}`, headers: walidata.headers })
    ).json().data.updatedAt;
    await post(disnaker, '31', '35.77.02.1003');
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/v1/indicator-submissions/${waiting.id}/review`,
      headers: walidata.headers,
      payload: { decision: 'approve', seen },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('SUBMISSION_CHANGED');
    expect((await publicValues('2027')).map((v) => v.value)).toEqual([1234, 5, 9]);
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/pengangguran/values',
      headers: disnaker.headers,
      payload: { sourceId: source, wilayahKode: '35.77.02.1002', period: '2027', value: -4 },
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().error.details.fields[0].message).toBe('Jumlah orang tidak boleh negatif (-4).');
  });
});
