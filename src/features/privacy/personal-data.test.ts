import { describe, expect, it } from 'vitest';
import { detectColumn, kindFromHeader } from './personal-data.js';
import { isAddress, isEmail, isPhone, looksLikeName, nikShape } from './personal-values.js';
import { isPeopleCountHeader } from './people-counts.js';

// Realistic but invented: Kota Madiun region codes (35.77.0x), birth dates, serials.
const NIKS = [
  '3577014505900001',
  '3577021208850003',
  '3577035001010012',
  '3577010303770021',
  '3577026711000005',
  '3519044410920002',
];
const KKS = [
  '3577010101150003',
  '3577021502180011',
  '3577031010200007',
  '3577012306170002',
  '3577020907190009',
  '3577030112160004',
  '3577011111190006',
  '3577022012150010',
  '3577030303210008',
  '3577010505220001',
];

describe('value shapes', () => {
  it('recognises NIK structure: province, region parts, day (+40 for women), month, serial', () => {
    expect(nikShape('3577014505900001')).toBe('female');
    expect(nikShape('3577021208850003')).toBe('date');
    expect(nikShape("'3577021208850003")).toBe('date');
    expect(nikShape('9977021208850003')).toBeNull(); // no province 99
    expect(nikShape('3500021208850003')).toBeNull(); // kabupaten/kota 00
    expect(nikShape('3577023208850003')).toBeNull(); // day 32
    expect(nikShape('3577027208850003')).toBeNull(); // day 72
    expect(nikShape('3577021213850003')).toBeNull(); // month 13
    expect(nikShape('3577021208850000')).toBeNull(); // serial 0000
    expect(nikShape('357702120885000')).toBeNull(); // 15 digits
  });
  it('recognises Indonesian phone numbers in their usual spellings', () => {
    for (const p of [
      '081234567890',
      '0812-3456-7890',
      '0812 3456 789',
      '+62 812 3456 7890',
      '62812345678',
      '+6281234567890',
      '(0351) 462123',
      '0351-462123',
      '021 5551234',
    ]) {
      expect(isPhone(p), p).toBe(true);
    }
    for (const n of [
      '2023',
      '1500000',
      '12345678',
      '63137',
      '35.77.01.1001',
      '3577011001',
      '8991234567890',
      '1.250.000',
      '2023-07-01',
    ]) {
      expect(isPhone(n), n).toBe(false);
    }
  });
  it('recognises e-mail addresses, house addresses and names', () => {
    expect(isEmail('siti.aminah@gmail.com')).toBe(true);
    expect(isEmail('bukan email')).toBe(false);
    expect(isAddress('Jl. Pahlawan No. 12')).toBe(true);
    expect(isAddress('RT 01/RW 02 Kel. Taman')).toBe(true);
    expect(isAddress('Jl. Pahlawan')).toBe(false);
    expect(looksLikeName('Siti Aminah')).toBe(true);
    expect(looksLikeName('BUDI SANTOSO')).toBe(true);
    expect(looksLikeName('Dinas Kesehatan')).toBe(false);
    expect(looksLikeName('Belum Kawin')).toBe(false);
    expect(looksLikeName('Oro Oro Ombo', new Set(['oro oro ombo']))).toBe(false);
  });
});

describe('headers', () => {
  it('names personal kinds, not counts or organisation/place names', () => {
    const cases: Record<string, string | null> = {
      nik: 'nik',
      NIK: 'nik',
      nik_ktp: 'nik',
      no_ktp: 'nik',
      no_kk: 'kk',
      nomor_kk: 'kk',
      kk: 'kk',
      'No. KK': 'kk',
      nomor_kartu_keluarga: 'kk',
      no_hp: 'phone',
      telepon: 'phone',
      no_wa: 'phone',
      email: 'email',
      'E-mail': 'email',
      nama: 'name',
      nama_lengkap: 'name',
      name: 'name',
      nama_kepala_keluarga: 'name',
      full_name: 'name',
      nama_kk: 'name',
      alamat: 'address',
      alamat_domisili: 'address',
      tanggal_lahir: 'birth_date',
      tgl_lahir: 'birth_date',
      ttl: 'birth_date',
      birth_date: 'birth_date',
      nama_kelurahan: null,
      nama_kecamatan: null,
      nama_opd: null,
      nama_dataset: null,
      nama_usaha: null,
      jumlah_kk: null,
      jumlah_kelahiran: null,
      kode_wilayah: null,
      tahun: null,
      npwp: null,
      kode_pos: null,
      nama_jalan: null,
    };
    for (const [h, kind] of Object.entries(cases)) expect(kindFromHeader(h), h).toBe(kind);
  });
  it('knows counts of people from amounts', () => {
    for (const h of ['jumlah_penduduk', 'jml_laki_laki', 'perempuan', 'pencari_kerja', 'jumlah', 'jiwa', 'jumlah_kk'])
      expect(isPeopleCountHeader(h), h).toBe(true);
    for (const h of ['anggaran', 'jumlah_anggaran', 'luas_ha', 'tahun', 'kode_wilayah', 'persentase_penduduk_miskin'])
      expect(isPeopleCountHeader(h), h).toBe(false);
  });
});

describe('columns by their values (headers that say nothing)', () => {
  it('flags NIK, KK, phone, e-mail, name and address columns and reports the sample counts', () => {
    expect(detectColumn('kolom_a', [...NIKS, ''])).toMatchObject({
      kind: 'nik',
      matches: 6,
      sampled: 6,
      byHeader: false,
    });
    expect(detectColumn('kolom_b', KKS)).toMatchObject({ kind: 'kk', matches: 10 });
    expect(detectColumn('kontak', ['081234567890', '0857-1234-5678', '+62 813 1111 2222', '-'])).toMatchObject({
      kind: 'phone',
      matches: 3,
      sampled: 4,
    });
    expect(detectColumn('kontak2', ['a@contoh.id', 'b.c@gmail.com', 'siti@yahoo.co.id'])).toMatchObject({
      kind: 'email',
      matches: 3,
    });
    expect(
      detectColumn('x', [
        'Siti Aminah',
        'Budi Santoso',
        'AHMAD FAUZI',
        'Dewi Lestari Putri',
        'Rina Wati',
        'Joko Susilo',
      ]),
    ).toMatchObject({ kind: 'name', matches: 6 });
    expect(detectColumn('lokasi', ['Jl. Pahlawan No. 12', 'Jl. Cokroaminoto No 3', 'RT 02/RW 05'])).toMatchObject({
      kind: 'address',
      matches: 3,
    });
  });
  it('flags by header even when the values are masked or odd', () => {
    expect(detectColumn('nik', ['-', 'xxx'])).toMatchObject({ kind: 'nik', byHeader: true, matches: 0, sampled: 2 });
  });
  it('flags a column once half of its values match, not before', () => {
    expect(detectColumn('k', ['081234567890', '081234567891', '081234567892', 'a', 'b', 'c'])?.kind).toBe('phone');
    expect(detectColumn('k', ['081234567890', '081234567891', '081234567892', 'a', 'b', 'c', 'd'])).toBeNull();
  });
});

describe('near-misses are not flagged', () => {
  const barcodes = [
    '8991234567890123',
    '8886001038011234',
    '4987176012345678',
    '6901234567891234',
    '8992761111111111',
    '0012345678901234',
  ];
  const npwp = [
    '09.254.294.3-407.000',
    '01.234.567.8-901.000',
    '0923456789012345'.slice(0, 15),
    '02.111.222.3-604.000',
  ];
  const corpus: Record<string, string[]> = {
    kode_barang: barcodes,
    npwp,
    tahun: ['2019', '2020', '2021', '2022', '2023', '2024'],
    anggaran: ['1500000000', '250.000.000', '1.250.000,50', '980000000', '12500000', '35000000000'],
    kode_wilayah: ['35.77.01.1001', '35.77.01.1002', '35.77.02.1003', '35.77.03.1004', '3577011001', '3577021002'],
    kode_pos: ['63131', '63132', '63133', '63137', '63139', '63121'],
    jumlah: ['12', '40', '37', '1024', '5', '880'],
    tanggal_kegiatan: ['2023-07-01', '12/08/2023', '2024-01-15', '01-02-2024', '2022-12-31', '2023-03-03'],
    opd: [
      'Dinas Kesehatan',
      'Badan Pendapatan Daerah',
      'Dinas Pendidikan',
      'Kantor Kecamatan Taman',
      'RSUD Kota Madiun',
      'Dinas Sosial',
    ],
    status: ['Belum Kawin', 'Kawin', 'Cerai Hidup', 'Belum Kawin', 'Kawin', 'Kawin'],
    jenis_kelamin: ['Laki Laki', 'Perempuan', 'Laki Laki', 'Perempuan', 'Laki Laki', 'Perempuan'],
    kelurahan: ['Oro Oro Ombo', 'Kartoharjo', 'Kejuron', 'Sogaten', 'Manisrejo', 'Nambangan Lor'],
    nama_jalan: [
      'Jl. Pahlawan',
      'Jl. Cokroaminoto',
      'Jl. Diponegoro',
      'Jl. Basuki Rahmat',
      'Jl. Merdeka',
      'Jl. Yos Sudarso',
    ],
  };
  const places = new Set(['nambangan lor', 'oro oro ombo']);
  for (const [header, values] of Object.entries(corpus)) {
    it(header, () => expect(detectColumn(header, values, { placeNames: places })).toBeNull());
  }
});
