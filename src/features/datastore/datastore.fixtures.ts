import type { DatastoreField } from '../ingest/ingest.table.js';

/** A small resource for tests: population by kelurahan, with values that look like formulas and SQL. */
export const PENDUDUK_FIELDS: DatastoreField[] = [
  { id: 'kelurahan', label: 'Kelurahan', type: 'text' },
  { id: 'kode_wilayah', label: 'Kode Wilayah', type: 'text' },
  { id: 'tahun', label: 'Tahun', type: 'int' },
  { id: 'jumlah', label: 'Jumlah Penduduk', type: 'int' },
  { id: 'rasio', label: 'Rasio Jenis Kelamin', type: 'float' },
  { id: 'aktif', label: 'Aktif', type: 'bool' },
  { id: 'tanggal', label: 'Tanggal', type: 'date' },
  { id: 'catatan', label: 'Catatan', type: 'text' },
];

export const PENDUDUK_ROWS: unknown[][] = [
  ['Sogaten', '35.77.02.1002', 2023, 5100, 98.5, true, '2023-12-31', 'data awal'],
  ['Sogaten', '35.77.02.1002', 2024, 5230, 99.1, true, '2024-12-31', '=HYPERLINK("http://evil")'],
  ['Manguharjo', '35.77.02.1001', 2023, 7400, 101.2, true, '2023-12-31', '+62 351'],
  ['Manguharjo', '35.77.02.1001', 2024, 7510, 100.4, false, '2024-12-31', "Robert'); DROP TABLE datasets;--"],
  ['Kartoharjo', '35.77.01.1001', 2023, 6100, null, true, '2023-12-31', '@SUM(A1)'],
  ['Kartoharjo', '35.77.01.1001', 2024, 6230, 97.9, null, '2024-12-31', '-10 catatan, "kutip"'],
];
