/**
 * Value shapes of personal data in Indonesian files. Each test looks at one trimmed cell; the
 * column-level decision (header, share of matching values) is in personal-data.ts.
 */

/** Province codes of Kemendagri region codes (the first two digits of a NIK or KK number). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75,
  76, 81, 82, 91, 92, 93, 94,
]);

const SIXTEEN_DIGITS = /^\d{16}$/;

/** A spreadsheet's text marker (a leading apostrophe) is not part of the number. */
const bare = (v: string): string => (v.charCodeAt(0) === 39 ? v.slice(1) : v);

/**
 * Whether a cell has the structure of a NIK or KK number: region code (real province, kabupaten/
 * kota and kecamatan parts not 00), a DDMMYY date (a NIK adds 40 to the day for women; a KK's
 * date is its date of issue) and a serial that is not 0000. Returns 'female' when the day can only
 * be a woman's NIK, 'date' when it is a plain date (a man's NIK or a KK number), or null.
 */
export function nikShape(value: string): 'female' | 'date' | null {
  const v = bare(value);
  if (v.length !== 16 || !SIXTEEN_DIGITS.test(v)) return null;
  const n = (i: number) => (v.charCodeAt(i) - 48) * 10 + (v.charCodeAt(i + 1) - 48);
  if (!PROVINCES.has(n(0)) || n(2) === 0 || n(4) === 0) return null;
  const day = n(6);
  const month = n(8);
  if (month < 1 || month > 12) return null;
  if (v.endsWith('0000')) return null;
  if (day >= 1 && day <= 31) return 'date';
  if (day >= 41 && day <= 71) return 'female';
  return null;
}

const PHONE_CHARS = /^\+?[\d\s().-]+$/;
const MOBILE = /^(?:62|0)8[1-9]\d{6,10}$/;
/** Area code (2-4 digits after the 0) and subscriber number: 9 to 11 digits in all. */
const LANDLINE = /^(?:62|0)[2-79]\d{7,10}$/;

/** Indonesian mobile (08…, +62 8…, 62 8…) and landline ((0351) 123456, 021-1234567) numbers. */
export function isPhone(value: string): boolean {
  if (value.length < 9 || value.length > 22 || !PHONE_CHARS.test(value)) return false;
  const digits = value.replace(/\D/g, '');
  if (MOBILE.test(digits)) return true;
  // A landline needs a leading 0 (or +62) written as such: plain numbers never start with 0.
  return LANDLINE.test(digits) && (value.startsWith('0') || value.startsWith('(0') || value.startsWith('+62'));
}

const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

const STREET = /\b(?:jl|jln|jalan|gg|gang)\.?\s+\S.*?\b(?:no|nomor|no\.)\.?\s*\d+/i;
const RT_RW = /\brt\.?\s*0*\d{1,3}\s*\/\s*(?:rw\.?\s*)?0*\d{1,3}\b/i;

/** A house address: a street with a house number, or an RT/RW pair. A road's name alone is not one. */
export function isAddress(value: string): boolean {
  return STREET.test(value) || RT_RW.test(value);
}

/** Words that make a capitalised phrase an organisation, place or category rather than a person. */
const NOT_A_PERSON = new Set(
  (
    'dinas badan kantor puskesmas pustu posyandu sekolah sd smp sma smk mi mts ma tk paud pt cv ud pd koperasi rumah sakit rs ' +
    'rsud pasar bank kelurahan kecamatan kota kabupaten desa dusun kampung jalan jl gang taman masjid musholla gereja pura ' +
    'vihara universitas institut politeknik negeri swasta pondok pesantren toko warung perumahan rt rw bagian bidang seksi ' +
    'sekretariat inspektorat satuan polisi pamong praja dan atau of the for ke di laki perempuan pria wanita kawin belum ' +
    'tidak sudah tamat ya lainnya islam kristen katolik hindu buddha konghucu timur barat utara selatan tengah lapangan ' +
    'gedung balai terminal stasiun kali sungai madiun jawa indonesia pemerintah daerah dprd kpu bappeda bpbd bpkad dukcapil ' +
    'umum khusus baru lama total jumlah'
  ).split(' '),
);

const WORD = /^[A-Z][A-Za-z'’-]*\.?$/;

/**
 * A personal name by its look: 2 to 4 words, each capitalised (BUDI SANTOSO or Budi Santoso),
 * letters only, none of them a word of organisations, places or categories, and not a wilayah name.
 */
export function looksLikeName(value: string, placeNames?: ReadonlySet<string>): boolean {
  if (value.length < 4 || value.length > 60) return false;
  const words = value.split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  for (const w of words) {
    if (!WORD.test(w) || w.length < 2) return false;
    if (NOT_A_PERSON.has(w.toLowerCase().replace(/\.$/, ''))) return false;
  }
  return !placeNames?.has(value.toLowerCase());
}
