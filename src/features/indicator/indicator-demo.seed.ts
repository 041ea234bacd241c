import type { Db } from '../../storage/database.js';
import type { Seed } from '../../storage/seeds/seed.js';
import { ensureIndicator, seedValues, type SeedValue } from './indicator.seed.js';
import { parentKode } from './period.js';

const DEMO_NOTE = 'contoh — data peragaan, bukan data resmi';

/** A stable pseudo-random number per area and period, so the example looks the same on every machine. */
function spread(kode: string, period: string, min: number, max: number): number {
  let h = 2166136261;
  for (const c of `${kode}|${period}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return min + (Math.abs(h) % (max - min + 1));
}

/**
 * Example per-kelurahan values (every record marked "contoh"): job seekers registered with the
 * labour office (AK/1) and placements, with kecamatan and city totals, including a few small
 * counts so suppression can be seen at work.
 */
export async function seedDemoIndicators(db: Db): Promise<number> {
  const kelurahan = await db
    .selectFrom('wilayah')
    .select(['kode'])
    .where('tingkat', '=', 'kelurahan')
    .orderBy('kode')
    .execute();
  const kota = await db.selectFrom('wilayah').select('kode').where('tingkat', '=', 'kota').executeTakeFirst();
  if (!kelurahan.length || !kota) return 0;
  return db.transaction().execute(async (trx) => {
    const source = {
      key: 'disnaker',
      producer: 'Disnaker KUKM Kota Madiun — registrasi AK/1 (contoh)',
      orgSlug: 'disnaker-kukm',
      method:
        'Pencari kerja yang mendaftar kartu kuning AK/1 (berlaku 2 tahun) dan penempatannya, dihitung per kelurahan tempat tinggal. Data contoh.',
      citation: 'Data contoh untuk peragaan',
      official: true,
    };
    const seekers = await ensureIndicator(
      trx,
      {
        code: 'pencari-kerja-terdaftar',
        nameId: 'Pencari kerja terdaftar (AK/1)',
        nameEn: 'Registered job seekers (AK/1)',
        concept: 'Pencari kerja (data administratif)',
        definition:
          'Banyaknya pencari kerja dengan kartu AK/1 yang masih berlaku, menurut kelurahan tempat tinggal. Bukan TPT.',
        formula: 'Jumlah orang',
        unit: 'orang',
        measure: 'Jumlah',
        lowestLevel: 'kelurahan',
        direction: 'lower',
        countsPeople: true,
        decimals: 0,
        producers: ['disnaker-kukm'],
      },
      [source],
      true,
    );
    const placed = await ensureIndicator(
      trx,
      {
        code: 'penempatan-kerja',
        nameId: 'Pencari kerja yang ditempatkan',
        nameEn: 'Job seekers placed',
        concept: 'Penempatan tenaga kerja (data administratif)',
        definition:
          'Banyaknya pencari kerja terdaftar yang mendapat pekerjaan atau membuka usaha pada periode itu, menurut kelurahan.',
        formula: 'Jumlah orang',
        unit: 'orang',
        measure: 'Jumlah',
        lowestLevel: 'kelurahan',
        direction: 'higher',
        countsPeople: true,
        decimals: 0,
        producers: ['disnaker-kukm'],
      },
      [source],
      true,
    );
    const refs = new Map([
      ['pencari-kerja-terdaftar', seekers],
      ['penempatan-kerja', placed],
    ]);
    const values: SeedValue[] = [];
    for (const period of ['2023', '2024', '2025']) {
      for (const [code, min, max] of [
        ['pencari-kerja-terdaftar', 2, 180],
        ['penempatan-kerja', 1, 40],
      ] as const) {
        const totals = new Map<string, number>();
        for (const k of kelurahan) {
          const v = spread(k.kode, `${code}${period}`, min, max);
          values.push({
            code,
            source: 'disnaker',
            kode: k.kode,
            period,
            value: v,
            note: DEMO_NOTE,
            citation: 'contoh',
          });
          for (const up of [parentKode(k.kode)!, kota.kode]) totals.set(up, (totals.get(up) ?? 0) + v);
        }
        for (const [kode, v] of totals)
          values.push({ code, source: 'disnaker', kode, period, value: v, note: DEMO_NOTE, citation: 'contoh' });
      }
    }
    return seedValues(trx, refs, values, true);
  });
}

export const demoIndicatorSeed: Seed = {
  name: 'indikator kelurahan',
  async run(db) {
    return `${await seedDemoIndicators(db)} nilai contoh`;
  },
};
