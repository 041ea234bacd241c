import type { Db } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';
import { readReferenceCsv, readReferenceJson } from '../../storage/seeds/reference-files.js';
import type { OrganizationKind } from '../../features/organization/organization.table.js';
import type { Tingkat } from '../../features/wilayah/wilayah.table.js';

const WILAYAH_SOURCE =
  'Kepmendagri No 300.2.2-2138 Tahun 2025 via cahyadsn/wilayah (MIT); batas: cahyadsn/wilayah_boundaries (disederhanakan)';

interface WilayahCsvRow {
  kode_kemendagri: string;
  kode_kemendagri_tanpa_titik: string;
  nama: string;
  tingkat: string;
  kode_induk: string;
  nama_induk: string;
  kode_pos: string;
  centroid_lat: string;
  centroid_lng: string;
  luas_km2_dari_poligon: string;
}

interface BoundaryCollection {
  features: Array<{ properties: { kode: string }; geometry: unknown }>;
}

/** Organisations named in the city's OGP plan and Satu Data roles (domain.md §1, §4, §7). */
export const NAMED_ORGANIZATIONS: Array<{ slug: string; name: string; kind: OrganizationKind; description: string }> = [
  {
    slug: 'bapelitbangda',
    name: 'Badan Perencanaan, Penelitian dan Pengembangan Daerah (Bapelitbangda) Kota Madiun',
    kind: 'opd',
    description: 'Perencana kota dan titik kontak OGP Lokal (Bidang PPM).',
  },
  {
    slug: 'disbudparpora',
    name: 'Dinas Kebudayaan, Pariwisata, Kepemudaan dan Olahraga Kota Madiun',
    kind: 'opd',
    description: 'Lembaga pelaksana rencana aksi OGP Lokal 2025–2028.',
  },
  {
    slug: 'dlh',
    name: 'Dinas Lingkungan Hidup Kota Madiun',
    kind: 'opd',
    description: 'Lembaga pelaksana rencana aksi OGP Lokal 2025–2028.',
  },
  {
    slug: 'diskominfo',
    name: 'Dinas Komunikasi dan Informatika Kota Madiun',
    kind: 'opd',
    description: 'Walidata Satu Data Kota Madiun.',
  },
  {
    slug: 'disnaker-kukm',
    name: 'Dinas Tenaga Kerja dan KUKM Kota Madiun',
    kind: 'opd',
    description: 'Produsen data ketenagakerjaan (pendataan pencari kerja dari pintu ke pintu).',
  },
  {
    slug: 'yayasan-bambu-nusantara',
    name: 'Yayasan Bambu Nusantara',
    kind: 'cso',
    description: 'Organisasi masyarakat sipil mitra rencana aksi OGP Lokal.',
  },
  {
    slug: 'forum-csr',
    name: 'Forum CSR Kota Madiun',
    kind: 'private',
    description: 'Forum tanggung jawab sosial perusahaan, mitra rencana aksi.',
  },
  {
    slug: 'akademisi',
    name: 'Perguruan tinggi mitra (akademisi)',
    kind: 'academia',
    description: 'Akademisi mitra rencana aksi OGP Lokal.',
  },
  {
    slug: 'bps-kota-madiun',
    name: 'Badan Pusat Statistik (BPS) Kota Madiun',
    kind: 'external',
    description: 'Pembina data statistik; mitra Desa/Kelurahan Cinta Statistik.',
  },
];

/**
 * Loads Kota Madiun's wilayah and named organisations. Idempotent: existing rows are left as
 * they are (admins may have edited organisations), so it is safe on every start.
 */
export async function seedReference(db: Db): Promise<{ wilayah: number; organizations: number }> {
  const rows = readReferenceCsv<WilayahCsvRow>('kota-madiun-wilayah.csv');
  const boundaries = readReferenceJson<BoundaryCollection>('kota-madiun-boundaries.geojson');
  const geometryByKode = new Map(boundaries.features.map((f) => [f.properties.kode, JSON.stringify(f.geometry)]));
  const num = (v: string) => (v === '' ? null : Number(v));

  let wilayahAdded = 0;
  let orgsAdded = 0;
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      const result = await trx
        .insertInto('wilayah')
        .values({
          kode: r.kode_kemendagri,
          kode_tanpa_titik: r.kode_kemendagri_tanpa_titik,
          nama: r.nama,
          tingkat: r.tingkat as Tingkat,
          kode_induk: r.kode_induk || null,
          nama_induk: r.nama_induk || null,
          kode_pos: r.kode_pos || null,
          centroid_lat: num(r.centroid_lat),
          centroid_lng: num(r.centroid_lng),
          luas_km2: num(r.luas_km2_dari_poligon),
          geometry: geometryByKode.get(r.kode_kemendagri) ?? null,
          sumber: WILAYAH_SOURCE,
        })
        .onConflict((oc) => oc.column('kode').doNothing())
        .executeTakeFirst();
      wilayahAdded += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    const offices = rows
      .filter((r) => r.tingkat === 'kecamatan' || r.tingkat === 'kelurahan')
      .map((r) => ({
        slug: `${r.tingkat}-${r.nama.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        name: `${r.tingkat === 'kecamatan' ? 'Kantor Kecamatan' : 'Kantor Kelurahan'} ${r.nama}`,
        kind: r.tingkat as OrganizationKind,
        description:
          r.tingkat === 'kelurahan' ? 'Produsen data tingkat kelurahan.' : 'Perangkat daerah tingkat kecamatan.',
        wilayah_kode: r.kode_kemendagri,
      }));
    for (const org of [
      ...NAMED_ORGANIZATIONS.map((o) => ({ ...o, wilayah_kode: null as string | null })),
      ...offices,
    ]) {
      const now = nowIso();
      const result = await trx
        .insertInto('organizations')
        .values({
          id: newId(),
          slug: org.slug,
          name: org.name,
          kind: org.kind,
          wilayah_kode: org.wilayah_kode,
          description: org.description,
          website: null,
          email: null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('slug').doNothing())
        .executeTakeFirst();
      orgsAdded += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
  });
  return { wilayah: wilayahAdded, organizations: orgsAdded };
}
