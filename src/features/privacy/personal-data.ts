import { isAddress, isEmail, isPhone, looksLikeName, nikShape } from './personal-values.js';

/** Kinds of personal data a column can hold. */
export const PERSONAL_KINDS = ['nik', 'kk', 'phone', 'email', 'name', 'address', 'birth_date'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

/** One column the detector flagged: what it holds, how many sampled values match, of how many. */
export interface PersonalColumn {
  column: string;
  kind: PersonalKind;
  /** Sampled non-empty values that have the kind's shape. */
  matches: number;
  /** Non-empty values in the sample. */
  sampled: number;
  /** Whether the header named the kind (a header alone is enough to flag a column). */
  byHeader: boolean;
}

/**
 * A column is flagged by its values when at least this share of its sampled non-empty values
 * has one kind's shape, and at least MIN_VALUE_MATCHES do. Half is "clearly": a column of
 * product codes or amounts matches a NIK or phone shape in a few per cent of cells at most, while
 * a column of personal data with some blanks, typos or foreign numbers still matches far more.
 */
export const VALUE_SHARE = 0.5;
export const MIN_VALUE_MATCHES = 3;
/** Names must also be mostly different from each other (categories such as "Belum Kawin" repeat). */
export const NAME_DISTINCT_SHARE = 0.8;

/** Header words that make a column a count (jumlah_kk is a number of families, not KK numbers). */
const COUNT_WORDS = new Set(['jumlah', 'jml', 'total', 'banyak', 'banyaknya', 'count', 'number', 'persen', 'rasio']);
const PERSON_NAME_WORDS = new Set(
  (
    'lengkap kepala keluarga penduduk warga pemilik ayah ibu suami istri anak peserta pasien siswa murid mahasiswa pegawai ' +
    'penerima responden pencari kerja pelapor pemohon lansia balita bayi kk ktp orang tua wali pendaftar pelamar guru ' +
    'karyawan petugas korban tersangka saksi person full first last given family middle'
  ).split(' '),
);

const PHONE_WORDS = [
  'hp',
  'telp',
  'tlp',
  'telpon',
  'telepon',
  'phone',
  'ponsel',
  'handphone',
  'whatsapp',
  'wa',
  'mobile',
  'msisdn',
];
const BIRTH_WORDS = ['lahir', 'ttl', 'birth', 'dob', 'birthdate'];

export function headerTokens(header: string): string[] {
  return header
    .toLowerCase()
    .replace(/e-mail/g, 'email')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The kind a header names, or null. Counts of a kind (jumlah_kk, jumlah_lahir) name none. */
export function kindFromHeader(header: string): PersonalKind | null {
  const t = headerTokens(header);
  if (t.length === 0 || t.some((w) => COUNT_WORDS.has(w))) return null;
  const has = (w: string) => t.includes(w);
  const joined = t.join('_');
  if (has('nik') || (has('ktp') && !has('nama')) || joined.includes('induk_kependudukan')) return 'nik';
  if ((has('kk') && !has('nama') && !has('kepala')) || joined.includes('kartu_keluarga')) return 'kk';
  if (PHONE_WORDS.some(has)) return 'phone';
  if (has('email') || has('surel') || has('mail')) return 'email';
  if (BIRTH_WORDS.some(has) || joined.includes('birth_date')) return 'birth_date';
  if (has('alamat') || has('address') || has('domisili') || joined === 'jalan' || joined === 'jl') return 'address';
  if (t[0] === 'nama' || t[0] === 'name' || t.at(-1) === 'name') {
    if (t.length === 1 || t.slice(1).every((w) => PERSON_NAME_WORDS.has(w))) return 'name';
    if (t.length === 2 && t[0] !== 'nama' && PERSON_NAME_WORDS.has(t[0]!)) return 'name';
  }
  return null;
}

export interface DetectOptions {
  /** Lower-cased wilayah names: a column of kelurahan names is not a column of people. */
  placeNames?: ReadonlySet<string>;
}

/** Counts, among non-empty values, how many have each shape. */
function countShapes(values: readonly string[], options: DetectOptions) {
  let nik = 0;
  let female = 0;
  let phone = 0;
  let email = 0;
  let name = 0;
  let address = 0;
  const names = new Set<string>();
  let sampled = 0;
  for (const v of values) {
    if (v === '') continue;
    sampled++;
    const shape = nikShape(v);
    if (shape) {
      nik++;
      if (shape === 'female') female++;
      continue;
    }
    if (isPhone(v)) phone++;
    else if (isEmail(v)) email++;
    else if (isAddress(v)) address++;
    else if (looksLikeName(v, options.placeNames)) {
      name++;
      names.add(v.toLowerCase());
    }
  }
  return { sampled, nik, female, phone, email, name, distinctNames: names.size, address };
}

/**
 * Classifies one column from its header and its sampled values (trimmed cells). Returns the
 * finding, or null when the column does not look personal.
 */
export function detectColumn(
  column: string,
  values: readonly string[],
  options: DetectOptions = {},
): PersonalColumn | null {
  const c = countShapes(values, options);
  const byHeader = kindFromHeader(column);
  // Birth dates have no shape of their own (event dates look the same): the header decides.
  const matches: Record<PersonalKind, number> = {
    nik: c.nik,
    kk: c.nik,
    phone: c.phone,
    email: c.email,
    name: c.name,
    address: c.address,
    birth_date: c.sampled,
  };
  if (byHeader) return { column, kind: byHeader, matches: matches[byHeader], sampled: c.sampled, byHeader: true };
  if (c.sampled === 0) return null;
  const clear = (n: number) => n >= MIN_VALUE_MATCHES && n >= c.sampled * VALUE_SHARE;
  // A 16-digit column: women's NIKs carry day+40; a column of plain dates only is KK numbers.
  if (clear(c.nik))
    return {
      column,
      kind: c.female > 0 || c.nik < 10 ? 'nik' : 'kk',
      matches: c.nik,
      sampled: c.sampled,
      byHeader: false,
    };
  if (clear(c.phone)) return { column, kind: 'phone', matches: c.phone, sampled: c.sampled, byHeader: false };
  if (clear(c.email)) return { column, kind: 'email', matches: c.email, sampled: c.sampled, byHeader: false };
  if (clear(c.address)) return { column, kind: 'address', matches: c.address, sampled: c.sampled, byHeader: false };
  if (clear(c.name) && c.name >= 5 && c.distinctNames >= c.name * NAME_DISTINCT_SHARE) {
    return { column, kind: 'name', matches: c.name, sampled: c.sampled, byHeader: false };
  }
  return null;
}
