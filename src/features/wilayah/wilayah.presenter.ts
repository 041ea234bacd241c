import type { Selectable } from 'kysely';
import type { WilayahTable } from './wilayah.table.js';
import { urls } from '../../urls.js';

type WilayahSummaryRow = Omit<Selectable<WilayahTable>, 'geometry'>;

export interface WilayahJson {
  kode: string;
  kodeTanpaTitik: string;
  nama: string;
  tingkat: string;
  kodeInduk: string | null;
  namaInduk: string | null;
  kodePos: string | null;
  centroid: { lat: number; lng: number } | null;
  luasKm2: number | null;
  sumber: string;
  url: string;
}

export function presentWilayah(row: WilayahSummaryRow): WilayahJson {
  return {
    kode: row.kode,
    kodeTanpaTitik: row.kode_tanpa_titik,
    nama: row.nama,
    tingkat: row.tingkat,
    kodeInduk: row.kode_induk,
    namaInduk: row.nama_induk,
    kodePos: row.kode_pos,
    centroid:
      row.centroid_lat === null || row.centroid_lng === null ? null : { lat: row.centroid_lat, lng: row.centroid_lng },
    luasKm2: row.luas_km2,
    sumber: row.sumber,
    url: urls.wilayah(row.kode),
  };
}

/**
 * The JSON document for one area. The stored GeoJSON text is spliced in as-is rather than parsed
 * and re-serialised: it is already valid JSON, and this is the API's hottest path.
 */
export function wilayahDocument(row: Selectable<WilayahTable>): string {
  const body = JSON.stringify({ ok: true, data: { ...presentWilayah(row), geometry: null } });
  return row.geometry ? body.replace(/"geometry":null}}$/, `"geometry":${row.geometry}}}`) : body;
}
