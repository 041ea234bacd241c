export type Tingkat = 'provinsi' | 'kota' | 'kabupaten' | 'kecamatan' | 'kelurahan' | 'desa';

export interface WilayahTable {
  kode: string;
  kode_tanpa_titik: string;
  nama: string;
  tingkat: Tingkat;
  kode_induk: string | null;
  nama_induk: string | null;
  kode_pos: string | null;
  centroid_lat: number | null;
  centroid_lng: number | null;
  luas_km2: number | null;
  /** GeoJSON geometry (WGS84, [lng, lat]) as text. */
  geometry: string | null;
  sumber: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    wilayah: WilayahTable;
  }
}
