import type { Db, DbOrTrx } from '../../storage/database.js';
import type { Seed } from '../../storage/seeds/seed.js';
import { readReferenceCsv } from '../../storage/seeds/reference-files.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../../actor/actor.js';
import { writeValue } from './indicator-value-write.js';
import { CITY_INDICATORS, type SeedIndicator, type SeedSource } from './indicator-city.catalogue.js';

export const SEED_ACTOR: Actor = { id: null, label: 'system:seed' };

async function orgId(db: DbOrTrx, slug: string | null): Promise<string | null> {
  if (!slug) return null;
  return (await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst())?.id ?? null;
}

/** Creates the indicator and its sources when missing (matched by code and producer); returns their ids. Idempotent. */
export async function ensureIndicator(
  trx: DbOrTrx,
  ind: SeedIndicator,
  sources: SeedSource[],
  example: boolean,
): Promise<{ id: string; sources: Map<string, string>; created: boolean }> {
  const now = nowIso();
  let row = await trx.selectFrom('indicators').selectAll().where('code', '=', ind.code).executeTakeFirst();
  let created = false;
  if (!row) {
    const producerIds = (await Promise.all(ind.producers.map((s) => orgId(trx, s)))).filter((x): x is string => !!x);
    await trx
      .insertInto('indicators')
      .values({
        id: newId(),
        code: ind.code,
        name_id: ind.nameId,
        name_en: ind.nameEn,
        concept: ind.concept,
        definition: ind.definition,
        interpretation: ind.interpretation ?? '',
        formula: ind.formula,
        unit: ind.unit,
        measure: ind.measure,
        classification: ind.classification ?? 'Wilayah (Kemendagri); periode',
        lowest_level: ind.lowestLevel,
        better_direction: ind.direction,
        counts_people: ind.countsPeople ? 1 : 0,
        not_people_reason: ind.countsPeople ? '' : (ind.notPeopleReason ?? ''),
        breakdown_of: ind.breakdownOf ?? null,
        breakdown_dimension: ind.breakdownDimension ?? null,
        decimals: ind.decimals,
        producer_org_ids: JSON.stringify(producerIds),
        dataset_ids: '[]',
        official_source_id: null,
        is_example: example ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    row = await trx.selectFrom('indicators').selectAll().where('code', '=', ind.code).executeTakeFirstOrThrow();
    created = true;
    await recordAudit(trx, SEED_ACTOR, {
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: row.id,
      after: { code: ind.code, seed: true },
    });
  }
  const ids = new Map<string, string>();
  for (const s of sources) {
    const existing: { id: string } | undefined = await trx
      .selectFrom('indicator_sources')
      .select('id')
      .where('indicator_id', '=', row.id)
      .where('producer', '=', s.producer)
      .executeTakeFirst();
    const id: string = existing?.id ?? newId();
    if (!existing) {
      await trx
        .insertInto('indicator_sources')
        .values({
          id,
          indicator_id: row.id,
          organization_id: await orgId(trx, s.orgSlug),
          producer: s.producer,
          method: s.method,
          citation: s.citation,
          is_example: example ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    if (s.official && !row.official_source_id) {
      await trx.updateTable('indicators').set({ official_source_id: id }).where('id', '=', row.id).execute();
      row = { ...row, official_source_id: id };
    }
    ids.set(s.key, id);
  }
  return { id: row.id, sources: ids, created };
}

export interface SeedValue {
  code: string;
  source: string;
  kode: string;
  period: string;
  value: number;
  note?: string;
  citation?: string;
  denominator?: string;
  status?: 'provisional' | 'final' | 'revised';
}

/** Writes values only where none exist yet, so re-running a seed never overwrites a walidata's revision. */
export async function seedValues(
  trx: DbOrTrx,
  refs: Map<string, { id: string; sources: Map<string, string> }>,
  values: SeedValue[],
  example: boolean,
): Promise<number> {
  let added = 0;
  for (const v of values) {
    const ref = refs.get(v.code)!;
    const sourceId = ref.sources.get(v.source)!;
    const exists = await trx
      .selectFrom('indicator_values')
      .select('id')
      .where('indicator_id', '=', ref.id)
      .where('source_id', '=', sourceId)
      .where('wilayah_kode', '=', v.kode)
      .where('period', '=', v.period)
      .executeTakeFirst();
    if (exists) continue;
    const indicator = await trx.selectFrom('indicators').selectAll().where('id', '=', ref.id).executeTakeFirstOrThrow();
    await writeValue(
      trx,
      SEED_ACTOR,
      indicator,
      {
        sourceId,
        wilayahKode: v.kode,
        period: v.period,
        value: v.value,
        status: v.status ?? 'final',
        note: v.note ?? '',
        citation: v.citation ?? '',
        denominator: v.denominator ?? '',
        filters: '',
        missingCount: undefined,
      },
      { origin: 'seed', example },
    );
    added++;
  }
  return added;
}

interface CityCsvRow {
  indikator: string;
  tahun: string;
  nilai: string;
  satuan: string;
  wilayah_kode: string;
  sumber: string;
  catatan: string;
}

const NOTE_YEARLESS =
  'Tahun angka tidak disebut dalam sumber; dicatat pada periode 2025 agar dapat dibandingkan dengan angka Kepmendagri.';

/** Maps each CSV row to indicator values; the counts inside the TPT notes become BPS values of `pengangguran`. */
export function cityValuesFromCsv(rows: CityCsvRow[]): SeedValue[] {
  const out: SeedValue[] = [];
  for (const r of rows) {
    const base = { kode: r.wilayah_kode, value: Number(r.nilai), citation: r.sumber, note: r.catatan };
    switch (r.indikator) {
      case 'jumlah_penduduk':
        out.push({ ...base, code: 'jumlah-penduduk', source: 'dukcapil', period: r.tahun });
        break;
      case 'jumlah_penduduk_sp2020':
        out.push({ ...base, code: 'jumlah-penduduk', source: 'sp2020', period: r.tahun });
        break;
      case 'jumlah_penduduk_laki_laki':
        out.push({ ...base, code: 'jumlah-penduduk-laki-laki', source: 'dukcapil', period: r.tahun });
        break;
      case 'jumlah_penduduk_perempuan':
        out.push({ ...base, code: 'jumlah-penduduk-perempuan', source: 'dukcapil', period: r.tahun });
        break;
      case 'luas_wilayah_kepmendagri':
        out.push({ ...base, code: 'luas-wilayah', source: 'kepmendagri', period: r.tahun });
        break;
      case 'luas_wilayah_bps':
        out.push({
          ...base,
          code: 'luas-wilayah',
          source: 'bps',
          period: r.tahun || '2025',
          note: [r.catatan, r.tahun ? '' : NOTE_YEARLESS].filter(Boolean).join(' '),
        });
        break;
      case 'tingkat_pengangguran_terbuka': {
        out.push({ ...base, code: 'tpt', source: 'bps', period: r.tahun });
        const people = /(?:pengangguran|penganggur)\s+(\d+)|^(\d+)\s+orang/.exec(r.catatan);
        const n = people ? Number(people[1] ?? people[2]) : null;
        if (n)
          out.push({
            code: 'pengangguran',
            source: 'bps',
            kode: r.wilayah_kode,
            period: r.tahun,
            value: n,
            citation: r.sumber,
            note: `Dari rilis TPT ${r.tahun}: ${r.catatan}`,
          });
        break;
      }
      case 'angkatan_kerja':
        out.push({ ...base, code: 'angkatan-kerja', source: 'bps', period: r.tahun });
        break;
      case 'jumlah_pengangguran_pendataan_disnaker':
        out.push({
          ...base,
          code: 'pengangguran',
          source: 'disnaker',
          period: r.tahun,
          denominator: 'penduduk usia 15–45 tahun di luar pelajar',
        });
        break;
      case 'persentase_penduduk_miskin':
        out.push({ ...base, code: 'persentase-penduduk-miskin', source: 'bps', period: r.tahun });
        break;
      case 'kelurahan_binaan_desa_cantik':
        out.push({ ...base, code: 'kelurahan-desa-cantik', source: 'bps', period: r.tahun });
        break;
      default:
        break;
    }
  }
  return out;
}

/** Loads Kota Madiun's real city figures with their cited sources. Idempotent and quick (a few dozen rows). */
export async function seedCityIndicators(db: Db): Promise<{ indicators: number; values: number }> {
  const rows = readReferenceCsv<CityCsvRow>('kota-madiun-indikator-kota.csv');
  return db.transaction().execute(async (trx) => {
    const refs = new Map<string, { id: string; sources: Map<string, string> }>();
    let created = 0;
    for (const { ind, sources } of CITY_INDICATORS) {
      const ref = await ensureIndicator(trx, ind, sources, false);
      refs.set(ind.code, ref);
      if (ref.created) created++;
    }
    const values = await seedValues(trx, refs, cityValuesFromCsv(rows), false);
    return { indicators: created, values };
  });
}

export const cityIndicatorSeed: Seed = {
  name: 'indikator kota',
  async run(db) {
    const r = await seedCityIndicators(db);
    return `${r.indicators} indikator baru, ${r.values} nilai baru`;
  },
};
