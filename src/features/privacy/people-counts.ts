import { sql } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import { headerTokens } from './personal-data.js';

/** Header words of a count of people (jumlah_penduduk, jml_laki_laki, pencari_kerja, jiwa…). */
const PEOPLE = new Set(
  (
    'penduduk jiwa orang laki perempuan pria wanita lk pr pencari pengangguran pekerja karyawan pegawai siswa murid ' +
    'mahasiswa pasien peserta balita bayi anak lansia warga kk keluarga tangga korban kasus penerima kelahiran lahir ' +
    'kematian meninggal disabilitas difabel buta huruf penderita ibu hamil persons people population male female'
  ).split(' '),
);
/** Words that make a number something other than a head count (an amount, an area, a share). */
const NOT_PEOPLE = new Set(
  (
    'anggaran rupiah rp biaya nilai dana pendapatan belanja harga luas ha km m2 ton kg liter produksi unit persen ' +
    'persentase rasio rata rerata indeks angka tingkat laju kepadatan ipm'
  ).split(' '),
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
  /** Cells with 0 < value < threshold (in the sample, or in the whole table when read whole). */
  small: number;
  /** Non-empty cells looked at. */
  cells: number;
}

const PLAIN_INT = /^\d{1,3}$/;

/**
 * The integer columns counting people that hold small counts (0 < v < threshold). The analysed
 * sample decides first (its counts are then reported, as for personal data); a column whose
 * sample shows none, in a table larger than the sample, is read whole (one aggregate query per
 * such column after the load, never per row), so a rare small cell is not missed.
 */
export async function smallCountColumns(
  db: DbOrTrx,
  table: string,
  fields: readonly DatastoreField[],
  threshold: number,
  sample: { values: readonly (readonly string[])[]; rows: number },
): Promise<SmallCountColumn[]> {
  const found: SmallCountColumn[] = [];
  if (threshold <= 1) return found;
  for (const [i, f] of fields.entries()) {
    if (f.type !== 'int' || !(isPeopleCountHeader(f.label) || isPeopleCountHeader(f.id))) continue;
    const values = sample.values[i] ?? [];
    let small = 0;
    for (const v of values) if (PLAIN_INT.test(v) && Number(v) > 0 && Number(v) < threshold) small++;
    if (small > 0) {
      found.push({ column: f.id, small, cells: values.length });
      continue;
    }
    if (values.length >= sample.rows) continue;
    const col = sql.ref(f.id);
    const row = await sql<{ small: number | string | null; cells: number | string | null }>`select
        sum(case when ${col} > 0 and ${col} < ${threshold} then 1 else 0 end) as small,
        count(${col}) as cells
      from ${sql.table(table)}`.execute(db);
    const whole = Number(row.rows[0]?.small ?? 0);
    if (whole > 0) found.push({ column: f.id, small: whole, cells: Number(row.rows[0]?.cells ?? 0) });
  }
  return found;
}
