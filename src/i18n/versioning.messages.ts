import type { Messages } from './messages.js';

/** No lost updates (edit versions, ETag/If-Match, the conflict page) and strict API bodies. */
export const versioningMessages: Messages = {
  id: {
    'validation.unknownKeys': 'Kunci tidak dikenal: {keys}. Hapus atau periksa ejaannya.',
    'validation.emptyPatch': 'Kirim setidaknya satu isian yang ingin diubah.',
    'error.EDIT_CONFLICT':
      'Data ini sudah diubah orang lain sejak Anda membukanya. Muat ulang lalu gabungkan perubahan.',
    'error.PRECONDITION_FAILED':
      'If-Match tidak cocok dengan versi terkini data ini (basi atau tidak terbaca). Ambil data dengan GET, lalu kirim lagi dengan ETag-nya.',
    'conflict.title': 'Data ini sudah diubah orang lain',
    'conflict.lead':
      'Sejak Anda membuka formulir, orang lain menyimpan perubahan. Perubahan Anda belum disimpan. Bandingkan, lalu simpan gabungannya di bawah.',
    'conflict.caption': 'Isian yang berbeda ({count})',
    'conflict.field': 'Isian',
    'conflict.loaded': 'Yang Anda buka',
    'conflict.theirs': 'Yang disimpan orang lain',
    'conflict.yours': 'Isian Anda',
    'conflict.both': 'keduanya mengubah',
    'conflict.empty': '(kosong)',
    'conflict.bothChanged':
      '{field}: Anda dan orang lain sama-sama mengubahnya. Formulir berisi nilai Anda; periksa sebelum menyimpan.',
    'conflict.mergeHeading': 'Gabungkan dan simpan',
    'conflict.mergeHint':
      'Formulir ini berisi nilai orang lain untuk isian yang tidak Anda ubah, dan nilai Anda untuk isian yang Anda ubah.',
  },
  en: {
    'validation.unknownKeys': 'Unknown keys: {keys}. Remove them or check their spelling.',
    'validation.emptyPatch': 'Send at least one field to change.',
    'error.EDIT_CONFLICT': 'Someone else changed this record after you opened it. Reload it and merge the changes.',
    'error.PRECONDITION_FAILED':
      'If-Match does not match the current version of this record (stale or unreadable). GET it, then send again with its ETag.',
    'conflict.title': 'Someone else changed this record',
    'conflict.lead':
      'Since you opened the form, someone else saved changes. Your changes have not been saved yet. Compare them, then save the merge below.',
    'conflict.caption': 'Fields that differ ({count})',
    'conflict.field': 'Field',
    'conflict.loaded': 'What you opened',
    'conflict.theirs': 'What the other editor saved',
    'conflict.yours': 'Your value',
    'conflict.both': 'both changed',
    'conflict.empty': '(empty)',
    'conflict.bothChanged':
      '{field}: both you and the other editor changed it. The form holds your value; check it before saving.',
    'conflict.mergeHeading': 'Merge and save',
    'conflict.mergeHint':
      "This form holds the other editor's value for fields you did not change, and yours for fields you changed.",
  },
};
