import type { DbOrTrx } from '../../storage/database.js';
import type { Kysely, Selectable } from 'kysely';
import type { Tingkat, WilayahTable } from './wilayah.table.js';
import type { Database } from '../../storage/schema.js';
import { compiledOnce, whenReady } from '../../storage/compiled-query.js';

const SUMMARY_COLUMNS = [
  'kode',
  'kode_tanpa_titik',
  'nama',
  'tingkat',
  'kode_induk',
  'nama_induk',
  'kode_pos',
  'centroid_lat',
  'centroid_lng',
  'luas_km2',
  'sumber',
] as const;

export interface WilayahFilter {
  tingkat?: Tingkat;
  induk?: string;
}

// The API's hottest query: compiled once, executed with the code as its only parameter.
const findWilayahQuery = compiledOnce(
  (db: Kysely<Database>, kode: string) => db.selectFrom('wilayah').selectAll().where('kode', '=', kode),
  [''],
);

/** An area by code, synchronous where the database allows it (see compiledOnce). */
export function findWilayahNow(
  db: DbOrTrx,
  kode: string,
): Selectable<WilayahTable> | undefined | Promise<Selectable<WilayahTable> | undefined> {
  return whenReady(findWilayahQuery(db, kode), (rows) => rows[0]);
}

export const findWilayah = async (db: DbOrTrx, kode: string) => findWilayahNow(db, kode);

export function listWilayah(db: DbOrTrx, filter: WilayahFilter = {}) {
  let q = db.selectFrom('wilayah').select(SUMMARY_COLUMNS).orderBy('kode');
  if (filter.tingkat) q = q.where('tingkat', '=', filter.tingkat);
  if (filter.induk) q = q.where('kode_induk', '=', filter.induk);
  return q.execute();
}

/** Geometry of every area under a parent (and the parent itself), for maps. */
export function listGeometries(db: DbOrTrx, kodePrefix: string) {
  return db
    .selectFrom('wilayah')
    .select(['kode', 'nama', 'tingkat', 'kode_induk', 'geometry'])
    .where((eb) => eb.or([eb('kode', '=', kodePrefix), eb('kode', 'like', `${kodePrefix}.%`)]))
    .orderBy('kode')
    .execute();
}

export async function countByTingkat(db: DbOrTrx): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('wilayah')
    .select(['tingkat', db.fn.countAll<number>().as('n')])
    .groupBy('tingkat')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.tingkat, Number(r.n)]));
}

/** Every kelurahan for a choice list (forms, filters), by name, with its kecamatan (for grouping). */
export function listKelurahanChoices(
  db: DbOrTrx,
): Promise<Array<{ kode: string; nama: string; nama_induk: string | null }>> {
  return db
    .selectFrom('wilayah')
    .select(['kode', 'nama', 'nama_induk'])
    .where('tingkat', '=', 'kelurahan')
    .orderBy('nama')
    .execute();
}

/** The names of the given areas, by name (none asked, none read). */
export async function listWilayahNames(
  db: DbOrTrx,
  codes: readonly string[],
): Promise<Array<{ kode: string; nama: string }>> {
  if (!codes.length) return [];
  return db
    .selectFrom('wilayah')
    .select(['kode', 'nama'])
    .where('kode', 'in', [...codes])
    .orderBy('nama')
    .execute();
}

/** The code of the kota (or kabupaten) the portal serves: the first by code. */
export async function findKotaKode(db: DbOrTrx): Promise<string | undefined> {
  return (
    await db
      .selectFrom('wilayah')
      .select('kode')
      .where('tingkat', 'in', ['kota', 'kabupaten'])
      .orderBy('kode')
      .executeTakeFirst()
  )?.kode;
}

/** Every kelurahan and desa (the level below the kecamatan) with its kecamatan's name, by name. */
export function listKelurahanAndDesa(db: DbOrTrx) {
  return db
    .selectFrom('wilayah')
    .select(['kode', 'nama', 'nama_induk', 'tingkat'])
    .where('tingkat', 'in', ['kelurahan', 'desa'])
    .orderBy('nama')
    .execute();
}

/** Which of these codes are kelurahan (forms check the kelurahan they name). */
export async function knownKelurahanCodes(db: DbOrTrx, codes: readonly string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  return new Set(
    (
      await db
        .selectFrom('wilayah')
        .select('kode')
        .where('kode', 'in', [...codes])
        .where('tingkat', '=', 'kelurahan')
        .execute()
    ).map((w) => w.kode),
  );
}
