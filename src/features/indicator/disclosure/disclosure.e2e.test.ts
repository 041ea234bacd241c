import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../../../test/helpers/test-app.js';
import { newId, nowIso } from '../../../ids.js';
import { buildLinkedTable, cellKey, type GroupIndicator } from './linked-table.js';
import { generateTable, type Shape } from './generated-tables.js';
import { loadSolver } from './lp-solver.js';
import { checkRecovery } from './recovery-checker.js';
import type { PublishedCell } from './published-table.js';

interface ApiValue {
  wilayah: { kode: string };
  period: string;
  value: number | null;
  display: string;
  suppressed: 'primary' | 'secondary' | null;
  denominator: string;
  citation: string;
  note: string;
  missingCount: number | null;
  source: { id: string };
}

const SCENARIOS: Array<[string, number, Omit<Shape, 'kelurahan'> & { kelurahan: number }]> = [
  [
    'by sex, kelurahan and kota without kecamatan',
    11,
    { kelurahan: 9, withKecamatan: false, periods: 'year', members: ['male', 'female'], smallShare: 0.3 },
  ],
  [
    'by level with the middle level',
    12,
    { kelurahan: 12, withKecamatan: true, periods: 'year', members: [], smallShare: 0.35 },
  ],
  [
    'by level without the middle level',
    13,
    { kelurahan: 27, withKecamatan: false, periods: 'year', members: [], smallShare: 0.2 },
  ],
  [
    'by period: a year and its quarters',
    14,
    { kelurahan: 4, withKecamatan: true, periods: 'quarters', members: [], smallShare: 0.3 },
  ],
  [
    'by period: months, quarters and the year',
    15,
    { kelurahan: 2, withKecamatan: false, periods: 'months', members: [], smallShare: 0.25 },
  ],
  [
    'combined: sex × levels × quarters',
    16,
    { kelurahan: 4, withKecamatan: true, periods: 'quarters', members: ['male', 'female'], smallShare: 0.25 },
  ],
];

describe.each(DIALECTS)('recovery checker on generated linked tables through the public API (%s)', (dialect) => {
  let t: TestApp;
  let kelurahan: string[];
  const ids = { total: '', members: {} as Record<string, string> };
  const sourceOf = new Map<string, string>();
  const codeOf = new Map<string, string>();

  async function indicator(code: string, extra: Record<string, unknown> = {}) {
    const id = newId();
    const now = nowIso();
    await t.db
      .insertInto('indicators')
      .values({
        id,
        code,
        name_id: code,
        name_en: code,
        concept: '',
        definition: '',
        interpretation: '',
        formula: '',
        unit: 'jiwa',
        measure: '',
        classification: '',
        lowest_level: 'kelurahan',
        better_direction: 'neutral',
        counts_people: 1,
        decimals: 0,
        producer_org_ids: '[]',
        dataset_ids: '[]',
        official_source_id: null,
        is_example: 0,
        created_at: now,
        updated_at: now,
        ...extra,
      })
      .execute();
    const sid = newId();
    // No organisation: members link to the total's source by the same producer text.
    await t.db
      .insertInto('indicator_sources')
      .values({
        id: sid,
        indicator_id: id,
        organization_id: null,
        producer: 'Dinas Uji',
        method: 'uji',
        citation: '',
        is_example: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.db.updateTable('indicators').set({ official_source_id: sid }).where('id', '=', id).execute();
    sourceOf.set(id, sid);
    codeOf.set(id, code);
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    kelurahan = (
      await t.db.selectFrom('wilayah').select('kode').where('tingkat', '=', 'kelurahan').orderBy('kode').execute()
    ).map((r) => r.kode);
    ids.total = await indicator('gen-total');
    ids.members = {
      male: await indicator('gen-male', { breakdown_of: 'gen-total', breakdown_dimension: 'sex' }),
      female: await indicator('gen-female', { breakdown_of: 'gen-total', breakdown_dimension: 'sex' }),
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(SCENARIOS)(
    '%s: no hidden cell can be recovered from what is published',
    async (_name, seed, s) => {
      const solver = await loadSolver();
      await t.db
        .deleteFrom('indicator_values')
        .where('indicator_id', 'in', [ids.total, ...Object.values(ids.members)])
        .execute();
      const values = generateTable(
        seed,
        { ...s, kelurahan: kelurahan.slice(0, s.kelurahan) },
        { ...ids, source: (id) => sourceOf.get(id)! },
      );
      const now = nowIso();
      for (const v of values) {
        await t.db
          .insertInto('indicator_values')
          .values({
            id: newId(),
            indicator_id: v.indicatorId,
            source_id: v.sourceId,
            wilayah_kode: v.wilayahKode,
            period: v.period,
            value: v.value,
            status: 'final',
            note: 'catatan',
            citation: 'resource r-1',
            denominator: `${v.value} baris`,
            filters: '',
            missing_count: 0,
            origin: 'derived',
            derivation_id: null,
            is_example: 0,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      const indicators = s.members.length ? [ids.total, ...s.members.map((m) => ids.members[m]!)] : [ids.total];
      const cells: PublishedCell[] = [];
      for (const id of indicators) {
        const res = await t.app.inject({ url: `/api/v1/indicators/${codeOf.get(id)}/values` });
        expect(res.statusCode).toBe(200);
        for (const v of res.json().data as ApiValue[]) {
          const key = cellKey(id, v.source.id, v.wilayah.kode, v.period);
          if (v.suppressed) {
            cells.push({ key, mark: v.suppressed });
            // Side channels (#5): nothing but the mark travels with a hidden cell.
            expect(v).toMatchObject({ value: null, denominator: '', citation: '', note: '', missingCount: null });
          } else {
            cells.push({ key, value: v.value! });
            // Row counts of a count of people are not published even beside a published value.
            expect(v).toMatchObject({ denominator: '', missingCount: null });
          }
        }
      }
      expect(cells).toHaveLength(values.length);
      // #5 in the other doors: no row count in the CSV, the JSON-stat or the page.
      for (const url of [
        '/api/v1/indicators/gen-total/values.csv',
        '/api/v1/indicators/gen-total/values.jsonstat',
        '/indikator/gen-total',
      ]) {
        const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain(' baris');
      }
      expect(cells.filter((c) => c.mark === 'primary').length).toBeGreaterThan(0);
      // The attacker knows the structure (which cells add up to which), not the hidden values.
      const groupInds: GroupIndicator[] = [
        { id: ids.total, protect: true, breakdownOf: null, dimension: null },
        ...Object.values(ids.members).map((id) => ({ id, protect: true, breakdownOf: ids.total, dimension: 'sex' })),
      ];
      const sources = groupInds.map((g) => ({ id: sourceOf.get(g.id)!, indicatorId: g.id, linkKey: 'Dinas Uji' }));
      const structure = buildLinkedTable(
        values.map((v) => ({ ...v, value: 0 })),
        groupInds,
        sources,
      );
      const relations = structure.relations.map((r) => ({ total: r.total, parts: r.parts }));
      const recovered = checkRecovery(solver, { cells, relations, threshold: 5 }).filter((r) => r.recovered);
      expect(recovered).toEqual([]);

      // A filtered read hides exactly what the full table hides.
      const hiddenOne = cells.find((c) => c.mark === 'primary')!;
      const [indId, , kode, period] = hiddenOne.key.split('|');
      const one = (
        await t.app.inject({ url: `/api/v1/indicators/${codeOf.get(indId!)}/values?wilayah=${kode}&period=${period}` })
      ).json().data as ApiValue[];
      expect(one.map((v) => v.display)).toEqual(['<5']);
    },
    120_000,
  );

  it('#6 protects an indicator in any unit by default; "not a count of people" needs a reason and is audited', async () => {
    const id = await indicator('balita-gizi', { unit: 'balita', counts_people: 0 });
    const sogaten = kelurahan[0]!;
    await t.db
      .insertInto('indicator_values')
      .values({
        id: newId(),
        indicator_id: id,
        source_id: sourceOf.get(id)!,
        wilayah_kode: sogaten,
        period: '2024',
        value: 2,
        status: 'final',
        note: '',
        citation: '',
        denominator: '',
        filters: '',
        missing_count: null,
        origin: 'form',
        derivation_id: null,
        is_example: 0,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    const read = async () =>
      (await t.app.inject({ url: '/api/v1/indicators/balita-gizi/values' })).json().data[0] as ApiValue;
    expect(await read()).toMatchObject({ value: null, display: '<5', suppressed: 'primary' });
    const walidata = await createTestUser(t.db, ['walidata']);
    const refused = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/indicators/balita-gizi',
      headers: walidata.headers,
      payload: { countsPeople: false },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.fields[0].field).toBe('notPeopleReason');
    expect(await read()).toMatchObject({ display: '<5' });
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/indicators/balita-gizi',
      headers: walidata.headers,
      payload: { countsPeople: false, notPeopleReason: 'Indeks gizi, bukan hitungan orang.' },
    });
    expect(ok.statusCode).toBe(200);
    expect(await read()).toMatchObject({ value: 2, suppressed: null });
    const json = (await t.app.inject({ url: '/api/v1/indicators/balita-gizi' })).json().data;
    expect(json).toMatchObject({
      countsPeople: false,
      protected: false,
      notPeopleReason: 'Indeks gizi, bukan hitungan orang.',
    });
    const page = await t.app.inject({ url: '/indikator/balita-gizi', headers: { accept: 'text/html' } });
    expect(page.body).toContain('Indeks gizi, bukan hitungan orang.');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('indicator.declare_protection');
  });
});
