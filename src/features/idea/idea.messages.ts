import { messagesFrom } from '../plan/pairs.js';

export const ideaMessages = messagesFrom([
  ['error.IDEA_NOT_FOUND', 'Ide tidak ditemukan.', 'Idea not found.'],
  [
    'error.IDEAS_CLOSED',
    'Rencana aksi ini sedang tidak menerima ide.',
    'This action plan is not taking ideas at the moment.',
  ],
  [
    'error.IDEA_NOT_MODERATED',
    'Ide ini belum disetujui moderator, jadi belum dapat ditanggapi.',
    'This idea has not been approved by a moderator yet, so it cannot be answered.',
  ],
  [
    'idea.rule.mergedNeedsCommitment',
    'Pilih komitmen tempat ide ini digabungkan.',
    'Choose the commitment the idea was merged into.',
  ],
  [
    'idea.rule.notAdoptedNoCommitment',
    'Ide yang tidak diadopsi tidak dapat ditautkan ke komitmen.',
    'An idea that was not adopted cannot be linked to a commitment.',
  ],
  [
    'idea.rule.unknownCommitment',
    'Komitmen tidak dikenal atau bukan bagian dari rencana aksi ini.',
    'Unknown commitment, or not part of this plan.',
  ],
  ['idea.notice.responded', 'Ide Anda “{title}” mendapat tanggapan', 'Your idea “{title}” has a response'],
  ['idea.notice.body', 'Tanggapan: {kind}. {name}: {reason}', 'Response: {kind}. {name}: {reason}'],
  ['idea.kind.adopted', 'Diadopsi', 'Adopted'],
  ['idea.kind.merged', 'Digabung ke komitmen', 'Merged into a commitment'],
  ['idea.kind.not_adopted', 'Tidak diadopsi', 'Not adopted'],
  ['idea.channel.online', 'Warga terdaftar (daring)', 'Registered citizen (online)'],
  ['idea.channel.anonymous', 'Warga (anonim, dimoderasi)', 'Citizen (anonymous, moderated)'],
  ['idea.channel.offline', 'Dicatat dari pertemuan', 'Recorded at a meeting'],
  ['idea.moderation.pending', 'Menunggu moderasi', 'Awaiting moderation'],
  ['idea.moderation.approved', 'Disetujui', 'Approved'],
  ['idea.moderation.rejected', 'Ditolak', 'Rejected'],
  ['idea.theme.pariwisata', 'Pariwisata', 'Tourism'],
  ['idea.theme.ketenagakerjaan', 'Ketenagakerjaan', 'Employment'],
  ['idea.theme.satu-data', 'Satu data', 'One data'],
  ['idea.theme.lingkungan', 'Lingkungan', 'Environment'],
  ['idea.theme.layanan-publik', 'Layanan publik', 'Public services'],
  ['idea.theme.partisipasi', 'Partisipasi', 'Participation'],
  ['idea.theme.ekonomi', 'Ekonomi', 'Economy'],
  ['idea.theme.lainnya', 'Lainnya', 'Other'],
]);
