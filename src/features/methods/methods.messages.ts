import type { Messages } from '../../i18n/messages.js';

export const methodsMessages: Messages = {
  id: {
    'layout.methods': 'Metode',
    'methods.title': 'Metode: cara portal ini melindungi data',
    'methods.intro':
      'Halaman ini menjelaskan dengan bahasa sehari-hari bagaimana angka diterbitkan tanpa membuka keterangan tentang orang perorangan.',
    'methods.contents': 'Isi',
    'methods.disclosure.title': 'Angka kecil tentang orang',
    'methods.disclosure.p1':
      'Setiap indikator dianggap hitungan orang, apa pun satuannya (jiwa, balita, KK, peserta…), kecuali penyusunnya menyatakan "bukan hitungan orang" dengan alasan. Pernyataan itu dicatat di log audit dan tampil di halaman indikator.',
    'methods.disclosure.p2':
      'Angka antara 1 dan {n1} disembunyikan dan ditulis "<{n}". Angka nol tetap terbit, karena nol tidak menceritakan siapa pun.',
    'methods.disclosure.p3':
      'Menyembunyikan satu angka saja tidak cukup: bila total kota dan semua kelurahan lain terbit, pengurangan sederhana membuka angka yang disembunyikan. Karena itu portal melihat seluruh tabel yang saling terkait: kota, kecamatan dan kelurahan (juga bila satu tingkat tidak punya angka), tahun, triwulan dan bulan, serta total dengan rinciannya (misalnya menurut jenis kelamin), untuk indikator dan sumber yang sama.',
    'methods.disclosure.p4':
      'Angka lain yang bisa membuka angka tersembunyi ikut disembunyikan dan ditulis "x". Portal memilih angka yang paling murah untuk disembunyikan (angka terkecil yang masih memberi ruang), lalu memeriksa hasilnya seperti penyerang: dengan pemrograman linear (pemecah HiGHS) ia menghitung, untuk setiap angka tersembunyi, batas terkecil dan terbesar yang dapat disimpulkan dari semua angka yang terbit. Bila batas itu lebih sempit daripada "1 sampai {n1}", atau persamaannya saja sudah mengunci angka dalam rentang kurang dari {n}, angka lain ikut disembunyikan, dan pemeriksaan diulang. Cara ini mengikuti perlindungan tabel terkait yang dipakai kantor statistik (gaya τ-ARGUS).',
    'methods.disclosure.p5':
      'Di samping angka tersembunyi tidak terbit catatan, penyebut, jumlah baris, jumlah data kosong, maupun tautan ke data mentahnya. Untuk hitungan orang, jumlah baris dan jumlah data kosong tidak pernah diterbitkan, karena keduanya juga hitungan orang.',
    'methods.disclosure.p6':
      'Grafik menggambar angka tersembunyi sebagai batang berarsir berlabel "<{n}" atau "x", tidak pernah sebagai celah yang tampak seperti nol. Gambar dari data contoh diberi tanda "CONTOH".',
    'methods.disclosure.p7':
      'Yang tidak dicakup: pemeriksaan menganggap penyerang mengetahui semua hubungan penjumlahan di dalam satu indikator dan sumber (dan rinciannya), tetapi tidak menghubungkan indikator yang berbeda tanpa pernyataan rincian, sumber yang berbeda, atau data di luar portal. Hitungan di data mentah (datastore) diatur tersendiri.',
  },
  en: {
    'layout.methods': 'Methods',
    'methods.title': 'Methods: how this portal protects data',
    'methods.intro':
      'This page explains in plain words how figures are published without revealing anything about individual people.',
    'methods.contents': 'Contents',
    'methods.disclosure.title': 'Small counts of people',
    'methods.disclosure.p1':
      'Every indicator is treated as a count of people, whatever its unit (jiwa, toddlers, households, participants…), unless its author declares it "not a count of people" and gives a reason. That declaration is recorded in the audit log and shown on the indicator page.',
    'methods.disclosure.p2':
      'Counts from 1 to {n1} are hidden and shown as "<{n}". Zeros stay published: a zero tells nothing about anyone.',
    'methods.disclosure.p3':
      'Hiding one figure is not enough: when the city total and every other kelurahan are published, a subtraction gives the hidden one back. So the portal looks at the whole linked table: city, kecamatan and kelurahan (also when a level has no figures), years, quarters and months, and totals with their breakdowns (for example by sex), for the same indicator and source.',
    'methods.disclosure.p4':
      'Other figures that would give a hidden one away are hidden too and shown as "x". The portal chooses the cheapest ones (the smallest figure that still leaves room), then checks the result the way an attacker would: with linear programming (the HiGHS solver) it works out, for every hidden figure, the smallest and largest value that can be inferred from everything published. If that range is narrower than "1 to {n1}", or the equations alone pin the figure within less than {n}, another figure is hidden and the check runs again. This follows the linked-table protection used by statistical offices (τ-ARGUS style).',
    'methods.disclosure.p5':
      'Beside a hidden figure, no note, denominator, row count, count of missing values or link to the raw data is published. For counts of people, row counts and counts of missing values are never published, because they are counts of people too.',
    'methods.disclosure.p6':
      'Charts draw a hidden figure as a hatched bar labelled "<{n}" or "x", never as a gap that looks like zero. Images of example data carry a "CONTOH" (example) mark.',
    'methods.disclosure.p7':
      'What is not covered: the check assumes an attacker who knows every adding-up relation within one indicator and source (and its breakdowns), but it does not link different indicators without a breakdown declaration, different sources, or data from outside the portal. Counts in raw data (the datastore) are handled separately.',
  },
};
