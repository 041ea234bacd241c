import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/helpers/test-env.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../../test/helpers/test-app.js';
import { createDatabase } from '../../../storage/database.js';
import { nowIso } from '../../../ids.js';
import { seedCityIndicators } from '../indicator.seed.js';
import { clearProtectionCache, groupProtection, linkedGroup, protectionStats } from './group-protection.js';
import { readStoredProtection, storeProtection } from './protection-store.js';
import { warmupsSettled } from './warmup-queue.js';

interface ApiValue {
  wilayah: { kode: string };
  period: string;
  value: number | null;
  display: string;
  suppressed: string | null;
}

/** The protection is computed once per data version for all processes, and warmed after writes. */
describe.each(DIALECTS)('stored linked-table protection (%s)', (dialect) => {
  let t: TestApp;
  let walidata: TestUser;
  let disnaker: TestUser;
  let source: string;
  const importAs = (user: TestUser, csv: string) => {
    const m = multipart({ sourceId: source }, { name: 'nilai.csv', content: csv });
    const headers = { ...user.headers, 'content-type': m.contentType };
    return t.app.inject({ method: 'POST', url: '/api/v1/indicators/pengangguran/import', headers, payload: m.payload });
  };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCityIndicators(t.db);
    walidata = await createTestUser(t.db, ['walidata']);
    disnaker = await createTestUser(t.db, [['produsen', 'disnaker-kukm']]);
    const detail = (await t.app.inject({ url: '/api/v1/indicators/pengangguran' })).json().data;
    source = detail.sources.find((s: { producer: string }) => s.producer.includes('Disnaker')).id;
    // Published by the walidata: a year of kelurahan figures with a small count among them.
    const csv = 'wilayah_kode,periode,nilai\n35.77.01.1001,2027,3\n35.77.01.1002,2027,40\n35.77.01.1003,2027,25\n';
    const res = await importAs(walidata, csv);
    expect(res.statusCode).toBe(200);
    await warmupsSettled();
  });
  afterAll(async () => {
    await t?.close();
  });

  const values = async (period: string) => {
    const res = await t.app.inject({ url: `/api/v1/indicators/pengangguran/values?period=${period}&source=${source}` });
    expect(res.statusCode).toBe(200);
    return (res.json().data as ApiValue[]).map((v) => [v.wilayah.kode, v.display, v.suppressed]);
  };
  const stored = () =>
    t.db
      .selectFrom('indicator_protection')
      .selectAll()
      .where('root_code', '=', 'pengangguran')
      .where('year', '=', '2027')
      .execute();
  const setFigure = (wilayahKode: string, value: number) =>
    t.db
      .updateTable('indicator_values')
      .set({ value, updated_at: nowIso() })
      .where('wilayah_kode', '=', wilayahKode)
      .where('period', '=', '2027')
      .where('source_id', '=', source)
      .execute();
  const coldStart = async () => {
    clearProtectionCache();
    await t.db.deleteFrom('indicator_protection').execute();
  };

  it('computes a version once, stores it, and a fresh process reads it back without computing', async () => {
    await coldStart();
    const before = protectionStats.computed;
    const first = await values('2027');
    expect(first).toContainEqual(['35.77.01.1001', '<5', 'primary']);
    expect(protectionStats.computed).toBe(before + 1);
    expect(await stored()).toHaveLength(1);
    clearProtectionCache(); // another process: nothing in its memory
    expect(await values('2027')).toEqual(first);
    expect(protectionStats.computed).toBe(before + 1);
  });

  it('recomputes after the data changes, even where the change was made by another process', async () => {
    await values('2027');
    const [old] = await stored();
    // Another process's write: no warm-up runs here, only the version read from the data differs.
    await setFigure('35.77.01.1002', 2);
    const before = protectionStats.computed;
    const after = await values('2027');
    expect(protectionStats.computed).toBe(before + 1);
    expect(after).toContainEqual(['35.77.01.1002', '<5', 'primary']);
    const [row] = await stored();
    expect(row!.version).not.toBe(old!.version);
    // Restore the figure for the next tests.
    await setFigure('35.77.01.1002', 40);
  });

  it('lets two processes compute the same version at once: both succeed with the same outcome', async () => {
    await coldStart();
    const other = createDatabase(t.config);
    try {
      const indicator = await t.db
        .selectFrom('indicators')
        .select(['code', 'breakdown_of'])
        .where('code', '=', 'pengangguran')
        .executeTakeFirstOrThrow();
      const before = protectionStats.computed;
      const [a, b] = await Promise.all([
        linkedGroup(t.db, indicator).then((g) => groupProtection(t.db, g, 5, '2027')),
        linkedGroup(other.db, indicator).then((g) => groupProtection(other.db, g, 5, '2027')),
      ]);
      // Each computed it unless the other's row was already there when it looked.
      expect(protectionStats.computed - before).toBeGreaterThanOrEqual(1);
      expect([...a]).toEqual([...b]);
      expect(a.size).toBeGreaterThan(0);
      expect(await stored()).toHaveLength(1);
      clearProtectionCache();
      const computed = protectionStats.computed;
      expect([...(await groupProtection(other.db, await linkedGroup(other.db, indicator), 5, '2027'))]).toEqual([...a]);
      expect(protectionStats.computed).toBe(computed);
      // The stores themselves racing, several at once over both connections: none fails.
      const key = { rootCode: 'pengangguran', year: '2027', threshold: 5 };
      const handles = [t.db, other.db, t.db, other.db, t.db, other.db];
      await Promise.all(handles.map((db) => storeProtection(db, key, 'v-race', a)));
      expect(await readStoredProtection(other.db, key, 'v-race')).toEqual(a);
    } finally {
      await other.close();
    }
  });

  it('warms the protection after an approval: the next public read computes nothing', async () => {
    await coldStart();
    const csv = 'wilayah_kode,periode,nilai\n35.77.02.1001,2028,2\n35.77.02.1002,2028,31\n35.77.02.1003,2028,44\n';
    const res = await importAs(disnaker, csv);
    expect(res.statusCode).toBe(202);
    const id = res.json().data.submission.id as string;
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/indicator-submissions/${id}/review`,
      headers: walidata.headers,
      payload: { decision: 'approve' },
    });
    expect(approved.statusCode).toBe(200);
    await warmupsSettled();
    const rows = await t.db
      .selectFrom('indicator_protection')
      .select('year')
      .where('root_code', '=', 'pengangguran')
      .execute();
    expect(rows.map((r) => r.year)).toContain('2028');
    const before = protectionStats.computed;
    clearProtectionCache(); // any process, not only the one that approved
    expect(await values('2028')).toContainEqual(['35.77.02.1001', '<5', 'primary']);
    expect(protectionStats.computed).toBe(before);
  });
});
