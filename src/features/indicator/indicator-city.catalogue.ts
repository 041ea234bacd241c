import type { BreakdownDimension, Direction, IndicatorLevel } from './indicator.table.js';

// Kota Madiun's city-level indicators as the seed registers them: each definition (MS-Ind fields)
// with its sources. Data only; indicator.seed.ts writes them and their values.

export interface SeedIndicator {
  code: string;
  nameId: string;
  nameEn: string;
  concept: string;
  definition: string;
  interpretation?: string;
  formula: string;
  unit: string;
  measure: string;
  classification?: string;
  lowestLevel: IndicatorLevel;
  direction: Direction;
  countsPeople: boolean;
  decimals: number;
  producers: string[];
  /** Required when countsPeople is false: protection is on unless declared off with a reason. */
  notPeopleReason?: string;
  breakdownOf?: string;
  breakdownDimension?: BreakdownDimension;
}
export interface SeedSource {
  key: string;
  producer: string;
  orgSlug: string | null;
  method: string;
  citation: string;
  official?: boolean;
}

/** The administrative count of registered residents, the official source of the population figures. */
const DUKCAPIL: SeedSource = {
  key: 'dukcapil',
  producer: 'Dukcapil (Kepmendagri No 300.2.2-2138 Tahun 2025)',
  orgSlug: null,
  method: 'Hitungan administratif penduduk terdaftar (Dukcapil).',
  citation: 'cahyadsn/wilayah db/wilayah_penduduk.sql (MIT)',
  official: true,
};

const BPS_SAKERNAS: SeedSource = {
  key: 'bps',
  producer: 'BPS Kota Madiun — Sakernas Agustus',
  orgSlug: 'bps-kota-madiun',
  method:
    'Survei Angkatan Kerja Nasional (Sakernas) Agustus: survei sampel rumah tangga; estimasi valid sampai tingkat kota. ' +
    'Definisi BPS: penduduk usia kerja 15+, penganggur terbuka termasuk yang mencari kerja, mempersiapkan usaha, ' +
    'putus asa, atau sudah diterima tetapi belum mulai bekerja.',
  citation: 'BPS Kota Madiun, Sakernas Agustus (dikutip media; lihat sitasi tiap nilai)',
  official: true,
};

export const CITY_INDICATORS: Array<{ ind: SeedIndicator; sources: SeedSource[] }> = [
  {
    ind: {
      code: 'jumlah-penduduk',
      nameId: 'Jumlah penduduk',
      nameEn: 'Population',
      concept: 'Penduduk',
      definition: 'Banyaknya penduduk yang tercatat di suatu wilayah pada periode rujukan.',
      interpretation:
        'Dukcapil menghitung penduduk terdaftar (administratif); sensus BPS mencacah penduduk. Angkanya berbeda karena metodenya berbeda.',
      formula: 'Jumlah orang',
      unit: 'jiwa',
      measure: 'Jumlah',
      lowestLevel: 'kelurahan',
      direction: 'neutral',
      countsPeople: true,
      decimals: 0,
      producers: ['bps-kota-madiun'],
    },
    sources: [
      {
        key: 'dukcapil',
        producer: 'Dukcapil (Kepmendagri No 300.2.2-2138 Tahun 2025)',
        orgSlug: null,
        method:
          'Hitungan administratif penduduk terdaftar dalam data kependudukan (Dukcapil), ditetapkan dengan Keputusan Mendagri.',
        citation: 'cahyadsn/wilayah db/wilayah_penduduk.sql (MIT), mengutip Kepmendagri No 300.2.2-2138 Tahun 2025',
        official: true,
      },
      {
        key: 'sp2020',
        producer: 'BPS — Sensus Penduduk 2020',
        orgSlug: 'bps-kota-madiun',
        method: 'Sensus penduduk oleh BPS (pencacahan), berbeda dengan hitungan administratif Dukcapil.',
        citation: 'satukanegeri.com, memberitakan BRS BPS Kota Madiun tentang Sensus Penduduk 2020',
      },
    ],
  },
  {
    ind: {
      code: 'jumlah-penduduk-laki-laki',
      nameId: 'Jumlah penduduk laki-laki',
      nameEn: 'Male population',
      concept: 'Penduduk menurut jenis kelamin',
      definition: 'Banyaknya penduduk laki-laki yang tercatat.',
      formula: 'Jumlah orang',
      unit: 'jiwa',
      measure: 'Jumlah',
      lowestLevel: 'kelurahan',
      direction: 'neutral',
      countsPeople: true,
      breakdownOf: 'jumlah-penduduk',
      breakdownDimension: 'sex',
      decimals: 0,
      producers: [],
    },
    sources: [DUKCAPIL],
  },
  {
    ind: {
      code: 'jumlah-penduduk-perempuan',
      nameId: 'Jumlah penduduk perempuan',
      nameEn: 'Female population',
      concept: 'Penduduk menurut jenis kelamin',
      definition: 'Banyaknya penduduk perempuan yang tercatat.',
      formula: 'Jumlah orang',
      unit: 'jiwa',
      measure: 'Jumlah',
      lowestLevel: 'kelurahan',
      direction: 'neutral',
      countsPeople: true,
      breakdownOf: 'jumlah-penduduk',
      breakdownDimension: 'sex',
      decimals: 0,
      producers: [],
    },
    sources: [DUKCAPIL],
  },
  {
    ind: {
      code: 'luas-wilayah',
      nameId: 'Luas wilayah',
      nameEn: 'Land area',
      concept: 'Luas daratan wilayah administrasi',
      definition: 'Luas wilayah administrasi dalam kilometer persegi.',
      interpretation: 'Kepmendagri (basis BIG) dan BPS memakai angka berbeda; angka BPS lebih lama.',
      formula: 'Luas poligon batas wilayah',
      unit: 'km2',
      measure: 'Luas',
      lowestLevel: 'kelurahan',
      direction: 'neutral',
      countsPeople: false,
      notPeopleReason: 'Luas wilayah dalam km², bukan hitungan orang.',
      decimals: 3,
      producers: ['bps-kota-madiun'],
    },
    sources: [
      {
        key: 'kepmendagri',
        producer: 'Kepmendagri (basis BIG)',
        orgSlug: null,
        method: 'Luas menurut Keputusan Mendagri tentang kode dan data wilayah administrasi, berbasis batas dari BIG.',
        citation: 'cahyadsn/wilayah db/wilayah_luas.sql (MIT)',
        official: true,
      },
      {
        key: 'bps',
        producer: 'BPS Kota Madiun',
        orgSlug: 'bps-kota-madiun',
        method: 'Angka resmi BPS yang lebih lama (Kota Madiun Dalam Angka).',
        citation: 'beberapa halaman yang mengutip BPS Kota Madiun (mis. Kota Madiun Dalam Angka)',
      },
    ],
  },
  {
    ind: {
      code: 'tpt',
      nameId: 'Tingkat pengangguran terbuka (TPT)',
      nameEn: 'Open unemployment rate',
      concept: 'Ketenagakerjaan (konsep BPS/ILO)',
      definition: 'Persentase penganggur terbuka terhadap angkatan kerja.',
      interpretation:
        'Makin rendah makin baik. Estimasi Sakernas hanya valid sampai tingkat kota; untuk kelurahan gunakan data administratif (bukan TPT).',
      formula: 'TPT = penganggur ÷ angkatan kerja × 100',
      unit: 'persen',
      measure: 'Persentase',
      lowestLevel: 'kota',
      direction: 'lower',
      countsPeople: false,
      notPeopleReason: 'Persentase dari estimasi survei, bukan hitungan orang.',
      decimals: 2,
      producers: ['bps-kota-madiun'],
    },
    sources: [BPS_SAKERNAS],
  },
  {
    ind: {
      code: 'angkatan-kerja',
      nameId: 'Angkatan kerja',
      nameEn: 'Labour force',
      concept: 'Ketenagakerjaan (konsep BPS/ILO)',
      definition: 'Penduduk usia kerja (15+) yang bekerja atau menganggur.',
      formula: 'Angkatan kerja = bekerja + penganggur',
      unit: 'orang',
      measure: 'Jumlah',
      lowestLevel: 'kota',
      direction: 'neutral',
      countsPeople: true,
      decimals: 0,
      producers: ['bps-kota-madiun'],
    },
    sources: [BPS_SAKERNAS],
  },
  {
    ind: {
      code: 'pengangguran',
      nameId: 'Jumlah penganggur',
      nameEn: 'Number of unemployed people',
      concept: 'Penganggur',
      definition: 'Banyaknya penduduk usia kerja yang tidak bekerja dan mencari pekerjaan atau mempersiapkan usaha.',
      interpretation:
        'Dua produsen, dua metode: BPS memperkirakan dari survei sampel (Sakernas, valid tingkat kota); ' +
        'Disnaker KUKM mendata dari pintu ke pintu menurut nama dan alamat (dapat dirinci per kelurahan). ' +
        'Angka BPS adalah angka resmi statistik; angka Disnaker menjadi dasar program per kelurahan.',
      formula: 'Jumlah orang',
      unit: 'orang',
      measure: 'Jumlah',
      lowestLevel: 'kelurahan',
      direction: 'lower',
      countsPeople: true,
      decimals: 0,
      producers: ['bps-kota-madiun', 'disnaker-kukm'],
    },
    sources: [
      BPS_SAKERNAS,
      {
        key: 'disnaker',
        producer: 'Disnaker KUKM Kota Madiun — pendataan pintu ke pintu',
        orgSlug: 'disnaker-kukm',
        method:
          'Pendataan pencari kerja dari pintu ke pintu, menurut nama dan alamat (by name by address), usia 15–45 tahun; pelajar dikeluarkan dari hitungan.',
        citation: 'madiuntoday.id 2023-02-20 (Disnaker KUKM Kota Madiun)',
      },
    ],
  },
  {
    ind: {
      code: 'persentase-penduduk-miskin',
      nameId: 'Persentase penduduk miskin',
      nameEn: 'Poverty rate',
      concept: 'Kemiskinan (pendekatan kebutuhan dasar BPS)',
      definition: 'Persentase penduduk dengan pengeluaran per kapita per bulan di bawah garis kemiskinan.',
      formula: 'Penduduk miskin ÷ jumlah penduduk × 100',
      unit: 'persen',
      measure: 'Persentase',
      lowestLevel: 'kota',
      direction: 'lower',
      countsPeople: false,
      notPeopleReason: 'Persentase dari estimasi survei, bukan hitungan orang.',
      decimals: 2,
      producers: ['bps-kota-madiun'],
    },
    sources: [
      {
        key: 'bps',
        producer: 'BPS Kota Madiun — Susenas',
        orgSlug: 'bps-kota-madiun',
        method: 'Survei Sosial Ekonomi Nasional (Susenas) Maret; garis kemiskinan pendekatan kebutuhan dasar.',
        citation: 'bapelitbangda.madiunkota.go.id (BPS Kota Madiun)',
        official: true,
      },
    ],
  },
  {
    ind: {
      code: 'kelurahan-desa-cantik',
      nameId: 'Kelurahan binaan Desa Cantik',
      nameEn: 'Kelurahan in the Desa Cantik programme',
      concept: 'Pembinaan statistik sektoral BPS (Desa/Kelurahan Cinta Statistik)',
      definition: 'Banyaknya kelurahan yang dibina dalam program Desa/Kelurahan Cinta Statistik.',
      formula: 'Jumlah kelurahan',
      unit: 'kelurahan',
      measure: 'Jumlah',
      lowestLevel: 'kota',
      direction: 'higher',
      countsPeople: false,
      notPeopleReason: 'Hitungan kelurahan, bukan hitungan orang.',
      decimals: 0,
      producers: ['bps-kota-madiun'],
    },
    sources: [
      {
        key: 'bps',
        producer: 'BPS Kota Madiun dan Pemkot Madiun',
        orgSlug: 'bps-kota-madiun',
        method: 'Penetapan kelurahan binaan program Desa Cantik.',
        citation: 'jatim.antaranews.com/berita/824211',
        official: true,
      },
    ],
  },
];
