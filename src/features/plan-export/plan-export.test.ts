import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { insertCommitment, insertMilestone, insertPlan, orgId } from '../monitoring/fixtures.test-helper.js';
import { csvCell, neutralise, toCsv } from '../../csv/csv.js';
import { OGP_DATASET_COLUMNS, overallOpenedGovernment } from './dataset.service.js';

describe('CSV cells', () => {
  it('neutralises formula starts and quotes separators', () => {
    expect(neutralise('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(['+62', '-1', '@cmd', '\tx'].map(neutralise)).toEqual(["'+62", "'-1", "'@cmd", "'\tx"]);
    expect(neutralise('Kota Madiun')).toBe('Kota Madiun');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell(null)).toBe('');
    expect(overallOpenedGovernment(['marginal', null, 'major'])).toBe('major');
  });
});

// The header exactly as OGP's commitment data names its columns, then our own (docs/ogp-commitment-export.md).
const EXPECTED_HEADER =
  'Commitment unique identifier,Commitment title,Country/Locality,Region,Action plan,Year of submission,' +
  'Action plan number,Commitment number,Start date,End date,Status,Lead institution,Supporting institutions,' +
  'Theme,Theme (Indonesian),Access to information,Civic participation,Public accountability,' +
  'Technology and innovation for transparency and accountability,Specificity,Potential impact,Completion,' +
  'Early results,Did it open government?,Did it open government? (access to information),' +
  'Did it open government? (civic participation),Did it open government? (public accountability),' +
  'Self-reported progress (%),Self-reported completion,Example';

describe.each(DIALECTS)('plan export (%s)', (dialect) => {
  let t: TestApp;
  let monitor: TestUser;
  let planId: string;
  let c1: { id: string; ogpId: string };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    monitor = await createTestUser(t.db, [['monitor', 'akademisi']]);
    planId = await insertPlan(t.db, {
      title: 'Madiun, Indonesia, 2025–2028',
      submittedOn: '2025-07-16',
      leadOrgIds: [await orgId(t.db, 'bapelitbangda')],
    });
    c1 = await insertCommitment(t.db, planId, {
      title: 'Pendampingan kelurahan wisata',
      values: { access: true, participation: true },
      leadOrgId: await orgId(t.db, 'disbudparpora'),
      supportingOrgIds: [await orgId(t.db, 'yayasan-bambu-nusantara'), await orgId(t.db, 'akademisi')],
    });
    await insertMilestone(t.db, c1.id, { status: 'complete', completedOn: '2026-03-01' });
    const c2 = await insertCommitment(t.db, planId, {
      title: '=HYPERLINK("http://x")',
      values: { accountability: true, technology: true },
    });
    await t.db
      .updateTable('commitments')
      .set({ policy_area: '@Satu data, "kelurahan"' })
      .where('id', '=', c2.id)
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exports the commitments as CSV in the OGP dataset columns, with assessment columns from published assessments', async () => {
    const checks = Object.fromEntries(
      ['forumExists', 'csoMeeting', 'infoShared', 'pageUpdated', 'endorsement'].map((k) => [
        k,
        { met: true, note: 'Diperiksa dari notulen forum.' },
      ]),
    );
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/inception-assessment`,
      headers: monitor.headers,
      payload: {
        ...checks,
        publish: true,
        confirmContradiction: true,
        commitments: [
          {
            commitmentId: c1.id,
            verifiable: true,
            lenses: { accessInfo: true, civicParticipation: true },
            potential: 'substantial',
          },
        ],
      },
    });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/commitments/${c1.ogpId}/end-assessment`,
      headers: monitor.headers,
      payload: {
        completion: 'complete',
        earlyResults: 'significant',
        ogAccessInfo: 'major',
        ogCivicParticipation: 'marginal',
        beforeEndReason: 'Semua tonggak selesai lebih awal.',
        lessons: 'Pokdarwis aktif setelah pendampingan.',
        publish: true,
      },
    });

    const res = await t.app.inject({ url: `/api/v1/plans/${planId}/commitments.csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    const records = parse(res.body, { columns: true }) as Array<Record<string, string>>;
    expect(res.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(EXPECTED_HEADER);
    expect(Object.keys(records[0]!)).toEqual([...OGP_DATASET_COLUMNS]);
    expect(records[0]).toMatchObject({
      'Commitment unique identifier': c1.ogpId,
      'Commitment title': 'Pendampingan kelurahan wisata',
      Region: 'Asia and the Pacific',
      'Action plan': 'Madiun, Indonesia, 2025–2028',
      'Start date': '2025-08',
      'End date': '2027-12',
      Status: 'Complete',
      // OGP has no policy area for tourism: the English column stays empty, the Indonesian is kept.
      Theme: '',
      'Theme (Indonesian)': 'Pariwisata',
      'Year of submission': '2025',
      'Action plan number': '1',
      'Lead institution': 'Dinas Kebudayaan, Pariwisata, Kepemudaan dan Olahraga Kota Madiun',
      'Supporting institutions': 'Perguruan tinggi mitra (akademisi); Yayasan Bambu Nusantara',
      'Access to information': 'Yes',
      'Civic participation': 'Yes',
      'Public accountability': 'No',
      'Technology and innovation for transparency and accountability': 'No',
      Specificity: 'Verifiable',
      'Potential impact': 'Substantial',
      Completion: 'Complete',
      'Early results': 'Significant results',
      'Did it open government?': 'Major',
      'Did it open government? (access to information)': 'Major',
      'Did it open government? (civic participation)': 'Marginal',
      'Did it open government? (public accountability)': '',
      'Self-reported progress (%)': '100',
      Example: 'No',
    });
    expect(records[0]!['Country/Locality']).toContain('Indonesia');
    expect(records[1]).toMatchObject({
      'Commitment unique identifier': expect.stringMatching(/^IDMDN\d{4}$/),
      Specificity: '',
      Completion: '',
      'Technology and innovation for transparency and accountability': 'Yes',
    });
    expect(records[1]!['Theme']).toBe('Open Data');
    expect(records[1]!['Theme (Indonesian)']).toBe('\'@Satu data, "kelurahan"');
    expect(records[1]).toMatchObject({ Status: 'Not started', Example: 'No' });
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('flags every row of an example plan in the Example column, in CSV, JSON and the printed document', async () => {
    const examplePlan = await insertPlan(t.db, { title: '[Contoh] Rencana aksi contoh' });
    await t.db.updateTable('plans').set({ is_example: 1 }).where('id', '=', examplePlan).execute();
    const ex = await insertCommitment(t.db, examplePlan, { title: '[Contoh] Satu data kelurahan' });
    await t.db.updateTable('commitments').set({ is_example: 1 }).where('id', '=', ex.id).execute();
    const csv = await t.app.inject({ url: `/api/v1/plans/${examplePlan}/commitments.csv` });
    const records = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => [r['Commitment title'], r['Example']])).toEqual([
      ['[Contoh] Satu data kelurahan', 'Yes'],
    ]);
    const json = (await t.app.inject({ url: `/api/v1/plans/${examplePlan}/export.json` })).json().data;
    expect(json.rows[0].Example).toBe('Yes');
    const page = await t.app.inject({ url: `/rencana-aksi/${examplePlan}/cetak`, headers: { accept: 'text/html' } });
    expect(page.body).toContain(`${ex.ogpId} · [Contoh] Satu data kelurahan (contoh)`);
    const real = parse((await t.app.inject({ url: `/api/v1/plans/${planId}/commitments.csv` })).body, {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(real.every((r) => r['Example'] === 'No')).toBe(true);
  });

  it('offers the same data as JSON and 404s an unknown plan', async () => {
    const res = await t.app.inject({ url: `/api/v1/plans/${planId}/export.json` });
    expect(res.statusCode).toBe(200);
    const { data } = res.json();
    expect(data.columns).toEqual([...OGP_DATASET_COLUMNS]);
    expect(data.rows[0]['Commitment unique identifier']).toBe(c1.ogpId);
    expect(data.document.commitments[0].milestones).toHaveLength(1);
    expect(
      (await t.app.inject({ url: '/api/v1/plans/00000000-0000-4000-8000-000000000000/commitments.csv' })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/plans/bukan/commitments.csv' })).statusCode).toBe(400);
  });

  it('renders a printable action-plan document and the same as a PDF', async () => {
    const page = await t.app.inject({ url: `/rencana-aksi/${planId}/cetak`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="plan-doc"');
    expect(page.body).toContain('Pendampingan kelurahan wisata');
    expect(page.body).toContain('=HYPERLINK(&quot;http://x&quot;)');
    expect(page.body).toContain('Tonggak komitmen');
    expect(page.body).toContain('Badan Perencanaan, Penelitian dan Pengembangan Daerah');
    expect(page.body).toContain(`href="/rencana-aksi/${planId}/cetak.pdf"`);
    const pdf = await t.app.inject({ url: `/rencana-aksi/${planId}/cetak.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(2000);
  });
});

describe('the OGP dataset CSV', () => {
  it('neutralises a =HYPERLINK(...) cell and keeps -12.5 a number', () => {
    const row = Object.fromEntries(OGP_DATASET_COLUMNS.map((c) => [c, ''])) as Record<string, string | number>;
    Object.assign(row, { Theme: '=HYPERLINK("http://x","klik")', 'Self-reported progress (%)': -12.5 });
    const csv = toCsv(OGP_DATASET_COLUMNS, [OGP_DATASET_COLUMNS.map((c) => row[c])]);
    expect(parse(csv, { columns: true })[0]).toMatchObject({
      Theme: '\'=HYPERLINK("http://x","klik")',
      'Self-reported progress (%)': '-12.5',
    });
  });
});
