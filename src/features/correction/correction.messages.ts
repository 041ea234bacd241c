import { messagesFrom } from '../plan/pairs.js';

export const correctionMessages = messagesFrom([
  [
    'error.DATE_LOCKED',
    'Tanggal ini sudah terkunci karena klaim publik “tepat waktu” bergantung padanya. Untuk mengoreksinya, tuliskan alasannya; koreksi ditampilkan untuk publik beserta tanggal aslinya.',
    'This date is locked because a public “on time” claim depends on it. To correct it, give the reason; the correction is shown publicly with the original date.',
  ],
  [
    'correction.rule.reasonRequired',
    'Tanggal terkunci: tuliskan alasan koreksi (paling sedikit 5 karakter). Alasan, tanggal asli dan tanggal baru ditampilkan untuk publik.',
    'The date is locked: give the reason for the correction (at least 5 characters). The reason, original and new date are shown publicly.',
  ],
  ['correction.field.reason', 'Alasan koreksi tanggal', 'Reason for correcting the date'],
  [
    'correction.hint.reason',
    'Wajib jika tanggal diubah. Dicatat dan ditampilkan untuk publik bersama tanggal aslinya.',
    'Required if the date changes. Recorded and shown publicly with the original date.',
  ],
  [
    'correction.hint.completedOn',
    'Wajib jika tanggal selesai tonggak yang sudah selesai diubah. Dicatat dan ditampilkan untuk publik bersama tanggal aslinya.',
    'Required if the completion date of a completed milestone changes. Recorded and shown publicly with the original date.',
  ],
  ['correction.heading', 'Koreksi tanggal', 'Date corrections'],
  ['correction.item', 'Tanggal dikoreksi dari {from} menjadi {to}.', 'Date corrected from {from} to {to}.'],
  ['correction.reason', 'Alasan:', 'Reason:'],
  ['correction.by', 'oleh {who},', 'by {who},'],
  ['correction.completionHeading', 'Koreksi tanggal selesai tonggak', 'Corrected milestone completion dates'],
  [
    'correction.completionJudged',
    'Tenggat penilaian akhir komitmen tetap dihitung dari tanggal selesai aslinya.',
    'The end-of-commitment review is still due from the original completion dates.',
  ],
  ['role.system', 'sistem', 'system'],
]);
