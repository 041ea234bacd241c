import { messagesFrom } from './pairs.js';

export const planMessages = messagesFrom([
  ['error.PLAN_NOT_FOUND', 'Rencana aksi tidak ditemukan.', 'Action plan not found.'],
  [
    'error.PLAN_BAD_TRANSITION',
    'Rencana aksi berstatus “{from}” tidak dapat dipindah ke “{to}”.',
    'A plan with status “{from}” cannot move to “{to}”.',
  ],
  [
    'error.PLAN_NOT_READY',
    'Rencana aksi belum dapat diajukan: {n} hal masih perlu diselesaikan.',
    'The plan cannot be submitted yet: {n} things still need attention.',
  ],
  [
    'plan.rule.termBeforeStart',
    'Akhir masa jabatan tidak boleh sebelum awal periode.',
    'The end of term cannot be before the start of the period.',
  ],
  [
    'plan.problem.ideaUnanswered',
    'Ide “{title}” belum mendapat tanggapan beralasan.',
    'Idea “{title}” has no reasoned response yet.',
  ],
  ['plan.problem.ideaPending', 'Ide “{title}” belum dimoderasi.', 'Idea “{title}” has not been moderated yet.'],
  [
    'plan.rule.endorsedAfterSubmission',
    'Dukungan masyarakat sipil harus dicatat sebelum (atau pada) tanggal pengajuan rencana aksi.',
    "Civil-society endorsement must be dated before (or on) the plan's submission date.",
  ],
  [
    'plan.problem.endorsement',
    'Dukungan (endorsement) masyarakat sipil atas rencana aksi belum dicatat.',
    'Civil-society endorsement of the plan has not been recorded.',
  ],
  [
    'error.PLAN_LEADS_POINT_OF_CONTACT',
    'Hanya narahubung (admin) rencana aksi yang dapat mengubah daftar OPD pengampu; kembalikan daftar itu seperti semula.',
    'Only the action plan’s point of contact (an admin) can change the list of lead OPDs; put the list back as it was.',
  ],
  [
    'error.PLAN_CLOSED',
    'Rencana aksi ini sudah ditutup dan menjadi catatan tetap: rencana, komitmen, tonggak, dan buktinya tidak dapat diubah lagi.',
    'This action plan is closed and is now a fixed record: the plan, its commitments, milestones and evidence can no longer be changed.',
  ],
  [
    'error.PLAN_PERIOD_NOT_STARTED',
    'Pelaksanaan belum dapat dimulai: periode rencana aksi baru dimulai {date}.',
    'Implementation cannot start yet: the action plan period starts on {date}.',
  ],
  [
    'error.PLAN_EARLY_CLOSURE_REASON',
    'Periode rencana aksi baru berakhir {date}. Untuk menutupnya lebih awal, tuliskan alasannya.',
    'The action plan period ends on {date}. To close it early, give the reason.',
  ],
  [
    'plan.rule.earlyClosureReason',
    'Tuliskan alasan penutupan sebelum akhir periode; alasan ini ditampilkan untuk publik.',
    'Give the reason for closing before the period ends; it is shown publicly.',
  ],
  ['plan.field.earlyClosureReason', 'Alasan penutupan dini', 'Reason for early closure'],
  [
    'plan.hint.earlyClosureReason',
    'Wajib jika rencana ditutup sebelum akhir periode ({date}). Ditampilkan untuk publik pada rencana aksi.',
    'Required when the plan is closed before its period ends ({date}). Shown publicly on the plan.',
  ],
  [
    'plan.submissionJudged',
    'Tanggal pengajuan rencana aksi pernah dikoreksi. Tenggat penilaian awal tetap dihitung dari tanggal aslinya, {date}.',
    'The plan’s submission date has been corrected. The inception assessment is still due from its original date, {date}.',
  ],
  ['plan.closure.title', 'Menutup {title}', 'Closing {title}'],
  [
    'plan.closedEarly',
    'Rencana aksi ini ditutup sebelum akhir periodenya ({date}). Alasan:',
    'This action plan was closed before its period ended ({date}). Reason:',
  ],
  ['plan.problem.noCommitments', 'Rencana aksi belum memiliki komitmen.', 'The plan has no commitments yet.'],
  ['plan.status.draft', 'Draf', 'Draft'],
  ['plan.status.co-creation', 'Ko-kreasi', 'Co-creation'],
  ['plan.status.submitted', 'Diajukan', 'Submitted'],
  ['plan.status.implementation', 'Pelaksanaan', 'Implementation'],
  ['plan.status.closed', 'Ditutup', 'Closed'],
  ['nav.actionPlan', 'Rencana Aksi OGP', 'OGP Action Plan'],
  ['nav.ideas', 'Ide Warga', 'Ideas'],
  ['home.actionPlan.title', 'Rencana Aksi OGP Lokal', 'OGP Local Action Plan'],
  [
    'home.actionPlan.desc',
    'Komitmen kota, tonggak, bukti, dan kemajuannya — dari ide warga sampai hasil.',
    "The city's commitments, milestones, evidence and progress — from citizens' ideas to results.",
  ],
  ['home.actionPlan.count', '{n} komitmen', '{n} commitments'],
]);
