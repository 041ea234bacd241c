import type { Messages } from '../../i18n/messages.js';

export const homeMessages: Messages = {
  id: {
    'home.title': 'Beranda',
    'home.heading': 'Pemerintahan terbuka Kota Madiun',
    'home.intro':
      'Ikuti rencana aksi OGP Lokal 2025–2028 dari usulan warga sampai hasil yang dibuktikan, berdampingan dengan data terbuka setiap kelurahan.',
    'home.offers': 'Yang tersedia di portal ini',
    'home.wilayah.title': 'Wilayah',
    'home.wilayah.desc': 'Profil kecamatan dan kelurahan dengan kode Kemendagri, kode pos, dan peta batas.',
    'home.wilayah.count': '{n} kelurahan',
    'home.machines': 'Untuk mesin dan peneliti',
    'home.machinesText': 'Setiap halaman punya versi JSON. Lihat dokumentasi API untuk semua titik akses.',
  },
  en: {
    'home.title': 'Home',
    'home.heading': 'Open government in Kota Madiun',
    'home.intro':
      "Follow the 2025–2028 OGP Local action plan from citizens' ideas to evidence-backed results, next to open data for every kelurahan.",
    'home.offers': 'What this portal offers',
    'home.wilayah.title': 'Areas',
    'home.wilayah.desc': 'Profiles of kecamatan and kelurahan with Kemendagri codes, postcodes and boundary maps.',
    'home.wilayah.count': '{n} kelurahan',
    'home.machines': 'For machines and researchers',
    'home.machinesText': 'Every page has a JSON twin. See the API documentation for every endpoint.',
  },
};
