import { messagesFrom } from '../plan/pairs.js';

export const auditMessages = messagesFrom([
  ['audit.checkpoints.title', 'Titik periksa log audit', 'Audit log checkpoints'],
  [
    'audit.checkpoints.subtitle',
    'Kepala rantai log audit (jumlah entri dan hash), ditandatangani dengan kunci di luar basis data. Simpan salinannya: penghapusan atau penulisan ulang log akan terdeteksi saat dibandingkan.',
    'The head of the audit log chain (entry count and hash), signed with a key kept outside the database. Keep copies: a truncated or rewritten log is detected against them.',
  ],
  ['audit.checkpoints.entry', '{count} entri, hash {hash}', '{count} entries, hash {hash}'],
]);
