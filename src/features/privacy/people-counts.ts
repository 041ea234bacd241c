import { sql } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import { headerTokens } from './personal-data.js';

/** Header words of a count of people (jumlah_penduduk, jml_laki_laki, pencari_kerja, jiwa…). */
const PEOPLE = new Set(
  ('penduduk jiwa orang laki perempuan pria wanita lk pr pencari pengangguran pekerja karyawan pegawai siswa murid ' +
    'mahasiswa pasien peserta balita bayi anak lansia warga kk keluarga tangga korban kasus penerima kelahiran lahir ' +
    'kematian meninggal disabilitas difabel buta huruf penderita ibu hamil persons people population male female').split(' '),
);
/** Words that make a number something other than a head count (an amount, an area, a share). */
const NOT_PEOPLE = new Set(
  ('anggaran rupiah rp biaya nilai dana pendapatan belanja harga luas ha km m2 ton kg liter produksi unit persen ' +
    'persentase rasio rata rerata indeks angka tingkat laju kepadatan ipm').split(' '),
);
const COUNT = new Set(['jumlah', 'jml', 'total', 'banyak', 'banyaknya', 'count']);

/**
 * Whether a header names a count of people. "jumlah"/"total" alone counts too (a resident table's
 * usual total column), unless the header says it is an amount, an area or a rate.
 */
export function isPeopleCountHeader(header: string): boolean {
  const t = headerTokens(header);
  if (t.some((w) => NOT_PEOPLE.has(w))) return false;
  return t.some((w) => PEOPLE.has(w) || COUNT.has(w));
}

export interface SmallCountColumn {
  column: string;
  /** Cells with 0 < value < threshold. */
  small: number;
  /** Non-empty cells of the column. */
  cells: number;
}

/**
 * The integer columns counting people that hold small counts (0 < v < threshold), read over
 * the whole loaded table (one aggregate query per such column, after the load: never per row).
 */
export async function smallCountColumns(db: DbOrTrx, table: string, fields: readonly DatastoreField[], threshold: number): Promise<SmallCountColumn[]> {
  const found: SmallCountColumn[] = [];
  if (threshold <= 1) return found;
  for (const f of fields) {
    if (f.type !== 'int' || !(isPeopleCountHeader(f.label) || isPeopleCountHeader(f.id))) continue;
    const col = sql.ref(f.id);
    const row = await sql<{ small: number | string | null; cells: number | string | null }>`select
        sum(case when ${col} > 0 and ${col} < ${threshold} then 1 else 0 end) as small,
        count(${col}) as cells
      from ${sql.table(table)}`.execute(db);
    const small = Number(row.rows[0]?.small ?? 0);
    if (small > 0) found.push({ column: f.id, small, cells: Number(row.rows[0]?.cells ?? 0) });
  }
  return found;
}
