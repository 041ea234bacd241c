import type { Seed } from '../../storage/seeds/seed.js';
import { newId } from '../../ids.js';

/** Topic groups of the catalogue (the sectors used by Satu Data portals in Indonesian cities). */
export const DATASET_GROUPS: Array<{ name: string; title: string; description: string }> = [
  {
    name: 'kependudukan',
    title: 'Kependudukan',
    description: 'Jumlah dan komposisi penduduk, kelahiran, kematian, migrasi.',
  },
  { name: 'kesehatan', title: 'Kesehatan', description: 'Fasilitas, tenaga dan layanan kesehatan, gizi, stunting.' },
  { name: 'pendidikan', title: 'Pendidikan', description: 'Sekolah, murid, guru, angka partisipasi.' },
  { name: 'ekonomi', title: 'Ekonomi dan UMKM', description: 'UMKM, harga, pasar, ketenagakerjaan.' },
  { name: 'sosial', title: 'Sosial', description: 'Bantuan sosial, kemiskinan, disabilitas.' },
  { name: 'infrastruktur', title: 'Infrastruktur', description: 'Jalan, drainase, air bersih, sanitasi.' },
  {
    name: 'lingkungan',
    title: 'Lingkungan hidup',
    description: 'Sampah, ruang terbuka hijau, kualitas udara dan air.',
  },
  { name: 'pemerintahan', title: 'Pemerintahan', description: 'Anggaran, pegawai, layanan publik, keterbukaan.' },
  {
    name: 'pariwisata',
    title: 'Pariwisata dan budaya',
    description: 'Kunjungan wisata, kelurahan wisata, cagar budaya.',
  },
];

export const datasetGroupsSeed: Seed = {
  name: 'dataset-groups',
  async run(db) {
    let added = 0;
    for (const g of DATASET_GROUPS) {
      const found = await db.selectFrom('groups').select('id').where('name', '=', g.name).executeTakeFirst();
      if (found) continue;
      await db
        .insertInto('groups')
        .values({ id: newId(), ...g })
        .execute();
      added++;
    }
    return `${added} dataset topic groups added`;
  },
};
