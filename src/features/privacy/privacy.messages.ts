import type { Messages } from '../../i18n/messages.js';

export const privacyMessages: Messages = {
  id: {
    'error.PRIVACY_UNRESOLVED':
      'Dataset ini belum bisa diterbitkan: kolom berikut berisi data pribadi atau angka kecil tentang orang dan belum ditangani: {columns}. Produsen dapat menghapus atau menyamarkan kolom, atau membatasi dataset (tidak publik); walidata dapat menyatakan deteksi keliru dengan alasan.',
    'error.PRIVACY_FINDING_NOT_FOUND': 'Tidak ada temuan terbuka untuk kolom "{column}" pada sumber daya ini.',
    'error.PRIVACY_LIVE_TABLE':
      'Data yang sudah terbit untuk publik tidak diubah di tempat. Unggah data yang sudah diperbaiki sebagai data baru, atau batasi dataset.',
    'error.PRIVACY_TABLE_CHANGED': 'Data sumber daya ini baru saja diganti. Muat ulang halaman dan coba lagi.',
    'privacy.reasonRequired': 'Tuliskan alasan paling sedikit {n} karakter.',
    'privacy.confirmRequired': 'Centang konfirmasi bahwa kolom ini bukan data pribadi.',
    'privacy.actionNotAllowed': 'Tindakan ini tidak tersedia untuk temuan ini.',
    'privacy.title': 'Data pribadi dan angka kecil',
    'privacy.warning':
      'Ditemukan kolom yang tampaknya berisi data pribadi atau angka kecil tentang orang. Selama belum ditangani, dataset ini tidak bisa diterbitkan untuk publik, dan berkas aslinya tidak pernah dibagikan kepada publik.',
    'privacy.allResolved':
      'Semua temuan sudah ditangani. Berkas asli tetap tidak dibagikan kepada publik karena masih memuat data tersebut.',
    'privacy.restricted': 'Dataset ini dibatasi (tidak publik): datanya hanya terlihat oleh produsen dan walidata.',
    'privacy.staged': 'data untuk versi berikutnya',
    'privacy.caption': 'Temuan per kolom pada {name}',
    'privacy.col.column': 'Kolom',
    'privacy.col.kind': 'Jenis',
    'privacy.col.sample': 'Jumlah dalam sampel',
    'privacy.col.status': 'Status',
    'privacy.col.action': 'Tindakan',
    'privacy.sample': '{matches} dari {sampled} nilai contoh',
    'privacy.sampleHeader': 'judul kolom; {matches} dari {sampled} nilai contoh cocok',
    'privacy.sampleCounts': '{matches} sel di bawah {threshold} dari {sampled} sel',
    'privacy.kind.nik': 'NIK',
    'privacy.kind.kk': 'Nomor KK',
    'privacy.kind.phone': 'Nomor telepon',
    'privacy.kind.email': 'Alamat e-mail',
    'privacy.kind.name': 'Nama orang',
    'privacy.kind.address': 'Alamat rumah',
    'privacy.kind.birth_date': 'Tanggal lahir',
    'privacy.kind.small_counts': 'Angka kecil tentang orang',
    'privacy.status.open': 'Belum ditangani',
    'privacy.status.drop': 'Kolom dihapus oleh {by}, {at}',
    'privacy.status.mask': 'Kolom disamarkan oleh {by}, {at}',
    'privacy.status.override': 'Dinyatakan bukan data pribadi oleh {by}, {at}. Alasan: {reason}',
    'privacy.action.drop': 'Hapus kolom',
    'privacy.action.mask': 'Samarkan kolom',
    'privacy.action.restrict': 'Batasi dataset (tidak publik)',
    'privacy.restrictHint':
      'Dataset terbatas tetap tersimpan dan bisa dilihat produsen dan walidata, tetapi tidak muncul di katalog, API, dan unduhan publik.',
    'privacy.override.legend': 'Walidata: nyatakan deteksi keliru',
    'privacy.override.reason': 'Alasan (dicatat dalam log audit)',
    'privacy.override.confirm':
      'Saya memastikan kolom ini bukan data pribadi (atau angkanya sudah publik dan tidak mengungkap orang).',
    'privacy.override.submit': 'Nyatakan bukan data pribadi',
    'privacy.liveHint': 'Data ini sudah terbit. Untuk mengubahnya, unggah data baru yang sudah diperbaiki.',
    'privacy.methods.title': 'Bagaimana data pribadi dijaga',
    'privacy.methods.p1':
      'Setiap berkas yang diunggah, lewat situs, API, atau perintah impor, diperiksa sebelum bisa diterbitkan. Pemeriksa membaca judul kolom dan contoh nilainya, dan mengenali NIK dan nomor KK (16 angka dengan kode wilayah, tanggal lahir atau tanggal terbit, dan nomor urut), nomor telepon Indonesia, alamat e-mail, nama orang, alamat rumah, dan tanggal lahir.',
    'privacy.methods.p2':
      'Sebuah kolom ditandai bila judulnya menyebut jenis data itu, atau bila paling sedikit separuh nilai contohnya berbentuk data itu. Kode barang, NPWP, tahun, jumlah uang, kode wilayah, dan kode pos tidak ditandai.',
    'privacy.methods.p3':
      'Kolom yang menghitung orang (jumlah penduduk, laki-laki, perempuan, pencari kerja, dan sejenisnya) dengan angka di bawah {threshold} juga ditandai, karena angka sekecil itu bisa menunjuk orang tertentu.',
    'privacy.methods.p4':
      'Dataset dengan temuan tidak bisa diterbitkan untuk publik sampai setiap temuan ditangani: kolom dihapus, kolom disamarkan (NIK dan KK diganti kode acak berkunci yang tidak bisa dibalik; nilai lain diganti ***), atau dataset dibatasi sehingga tidak publik. Walidata dapat menyatakan sebuah temuan keliru hanya dengan alasan tertulis, dan itu tercatat dalam log audit.',
    'privacy.methods.p5':
      'Berkas asli yang pernah memuat data pribadi tidak pernah dibagikan kepada publik, juga setelah kolomnya dihapus atau disamarkan, karena berkas itu masih memuat datanya.',
  },
  en: {
    'error.PRIVACY_UNRESOLVED':
      'This dataset cannot be published yet: these columns hold personal data or small counts of people and have not been dealt with: {columns}. The producer can drop or mask the column, or restrict the dataset (not public); the walidata can declare a detection wrong, with a reason.',
    'error.PRIVACY_FINDING_NOT_FOUND': 'There is no open finding for column "{column}" of this resource.',
    'error.PRIVACY_LIVE_TABLE':
      'Data already public is not changed in place. Upload corrected data as new data, or restrict the dataset.',
    'error.PRIVACY_TABLE_CHANGED': 'The data of this resource was just replaced. Reload the page and try again.',
    'privacy.reasonRequired': 'Write a reason of at least {n} characters.',
    'privacy.confirmRequired': 'Tick the confirmation that this column is not personal data.',
    'privacy.actionNotAllowed': 'This action is not available for this finding.',
    'privacy.title': 'Personal data and small counts',
    'privacy.warning':
      'Columns were found that appear to hold personal data or small counts of people. Until they are dealt with, this dataset cannot be published, and its original file is never shared with the public.',
    'privacy.allResolved':
      'Every finding has been dealt with. The original file is still not shared with the public, as it still holds the data.',
    'privacy.restricted':
      'This dataset is restricted (not public): its data is visible to its producers and the walidata only.',
    'privacy.staged': 'data for the next version',
    'privacy.caption': 'Findings per column in {name}',
    'privacy.col.column': 'Column',
    'privacy.col.kind': 'Kind',
    'privacy.col.sample': 'Count in the sample',
    'privacy.col.status': 'Status',
    'privacy.col.action': 'Action',
    'privacy.sample': '{matches} of {sampled} sampled values',
    'privacy.sampleHeader': 'column header; {matches} of {sampled} sampled values match',
    'privacy.sampleCounts': '{matches} cells below {threshold} of {sampled} cells',
    'privacy.kind.nik': 'NIK (national ID number)',
    'privacy.kind.kk': 'KK (family card) number',
    'privacy.kind.phone': 'Phone number',
    'privacy.kind.email': 'E-mail address',
    'privacy.kind.name': 'Personal name',
    'privacy.kind.address': 'Home address',
    'privacy.kind.birth_date': 'Date of birth',
    'privacy.kind.small_counts': 'Small counts of people',
    'privacy.status.open': 'Not dealt with',
    'privacy.status.drop': 'Column dropped by {by}, {at}',
    'privacy.status.mask': 'Column masked by {by}, {at}',
    'privacy.status.override': 'Declared not personal data by {by}, {at}. Reason: {reason}',
    'privacy.action.drop': 'Drop column',
    'privacy.action.mask': 'Mask column',
    'privacy.action.restrict': 'Restrict the dataset (not public)',
    'privacy.restrictHint':
      'A restricted dataset stays stored and visible to its producers and the walidata, but is not in the public catalogue, APIs or downloads.',
    'privacy.override.legend': 'Walidata: declare the detection wrong',
    'privacy.override.reason': 'Reason (kept in the audit log)',
    'privacy.override.confirm':
      'I confirm that this column is not personal data (or that its figures are already public and identify no one).',
    'privacy.override.submit': 'Declare not personal data',
    'privacy.liveHint': 'This data is already published. To change it, upload corrected data as new data.',
    'privacy.methods.title': 'How personal data is kept out',
    'privacy.methods.p1':
      'Every uploaded file, whether through the site, the API or the import command, is checked before it can be published. The checker reads the column headers and a sample of values, and recognises NIK and KK numbers (16 digits with a region code, a date of birth or of issue, and a serial), Indonesian phone numbers, e-mail addresses, personal names, home addresses and dates of birth.',
    'privacy.methods.p2':
      'A column is flagged when its header names such data, or when at least half of its sampled values have its shape. Product codes, NPWP numbers, years, money amounts, region codes and postcodes are not flagged.',
    'privacy.methods.p3':
      'Columns that count people (population, men, women, job seekers and the like) holding figures below {threshold} are flagged too, because figures that small can point at particular people.',
    'privacy.methods.p4':
      'A dataset with findings cannot be published until each finding is dealt with: the column is dropped, the column is masked (NIK and KK numbers become a keyed code that cannot be reversed; other values become ***), or the dataset is restricted so that it is not public. The walidata can declare a finding wrong only with a written reason, which is kept in the audit log.',
    'privacy.methods.p5':
      'An original file that held personal data is never shared with the public, even after its columns were dropped or masked, because the file itself still holds the data.',
  },
};
