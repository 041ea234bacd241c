import type { Seed } from '../../storage/seeds/seed.js';
import type { DbOrTrx } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { ensureExamplePlan } from '../plan/plan-demo.seed.js';
import { EXAMPLE_FORUM_RULES_ID, getRulesRow } from './forum.repository.js';
import { addMonths } from '../monitoring/due-dates.js';
import type { ForumSector } from './forum.table.js';

const ACTOR = { id: null, label: 'system:seed-demo' };

// One paragraph per entry, separated by a blank line (as typed in the rules form).
const RULES = [
  '[Contoh] Tata kerja forum multipihak OGP Lokal Kota Madiun.',
  'Forum terdiri atas unsur pemerintah, masyarakat sipil, akademisi, swasta dan warga; ' +
    'unsur nonpemerintah paling sedikit separuh anggota. ' +
    'Anggota nonpemerintah dipilih melalui seleksi terbuka yang diumumkan di portal ini.',
  'Forum bertemu paling sedikit tiap tiga bulan. ' +
    'Agenda dan bahan rapat dipublikasikan paling lambat tujuh hari sebelum pertemuan; ' +
    'notulen dan keputusan paling lambat tujuh hari sesudahnya.',
  'Keputusan diambil secara musyawarah; bila tidak tercapai, pandangan yang berbeda dicatat dalam notulen.',
].join('\n\n');

const MEMBERS: Array<{ name: string; sector: ForumSector; org?: string; role: string; selection: string }> = [
  {
    name: '[Contoh] Kepala Bidang PPM Bapelitbangda',
    sector: 'government',
    org: 'bapelitbangda',
    role: 'Ketua bersama',
    selection: 'Ex officio sebagai titik kontak OGP Lokal',
  },
  {
    name: '[Contoh] Perwakilan Disbudparpora',
    sector: 'government',
    org: 'disbudparpora',
    role: 'Anggota',
    selection: 'Ditunjuk kepala dinas sebagai lembaga pelaksana komitmen',
  },
  {
    name: '[Contoh] Perwakilan Yayasan Bambu Nusantara',
    sector: 'civil_society',
    org: 'yayasan-bambu-nusantara',
    role: 'Ketua bersama',
    selection: 'Seleksi terbuka; dipilih oleh anggota nonpemerintah',
  },
  {
    name: '[Contoh] Perwakilan akademisi',
    sector: 'academia',
    org: 'akademisi',
    role: 'Anggota',
    selection: 'Seleksi terbuka',
  },
  {
    name: '[Contoh] Perwakilan Forum CSR',
    sector: 'private',
    org: 'forum-csr',
    role: 'Anggota',
    selection: 'Usulan Forum CSR Kota Madiun',
  },
  {
    name: '[Contoh] Perwakilan warga Kelurahan Sogaten',
    sector: 'citizen',
    role: 'Anggota',
    selection: 'Dipilih dalam Musrenbang kelurahan',
  },
];

async function orgIdOf(db: DbOrTrx, slug: string | undefined): Promise<string | null> {
  if (!slug) return null;
  return (await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst())?.id ?? null;
}

/**
 * The example forum: every record marked "[Contoh]" and is_example, its rules in their own row and
 * its meetings tied to the example plan, so none of it counts in the real forum or its checks.
 * The demo document is published now (its timestamp is real), for an upcoming example meeting.
 */
export const forumDemoSeed: Seed = {
  name: 'forum-demo',
  async run(db) {
    if (await db.selectFrom('forum_members').select('id').where('is_example', '=', 1).executeTakeFirst())
      return 'forum: already seeded';
    const now = nowIso();
    const today = now.slice(0, 10);
    // Example meetings belong to the example plan, never to a real one.
    const plan = await ensureExamplePlan(db);
    await db.transaction().execute(async (trx) => {
      if (!(await getRulesRow(trx, EXAMPLE_FORUM_RULES_ID)))
        await trx
          .insertInto('forum_rules')
          .values({ id: EXAMPLE_FORUM_RULES_ID, body: RULES, updated_at: now })
          .execute();
      for (const m of MEMBERS) {
        await trx
          .insertInto('forum_members')
          .values({
            id: newId(),
            name: m.name,
            sector: m.sector,
            organization_id: await orgIdOf(trx, m.org),
            affiliation: '',
            role_title: m.role,
            selection_method: m.selection,
            joined_on: '2025-04-30',
            left_on: null,
            is_example: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      const past = newId();
      await trx
        .insertInto('forum_meetings')
        .values({
          id: past,
          plan_id: plan.id,
          title: '[Contoh] Lokakarya ko-kreasi rencana aksi',
          meeting_date: '2025-06-10',
          location: 'Aula Bapelitbangda',
          agenda: 'Contoh: membahas usulan warga dan memilih rancangan komitmen.',
          attendance_government: 8,
          attendance_civil_society: 6,
          attendance_academia: 2,
          attendance_private: 2,
          attendance_citizen: 11,
          minutes: 'Contoh: peserta membahas tiga gagasan unggulan dan usulan dari Musrenbang.',
          decisions: 'Contoh: tiga gagasan dibawa ke rancangan rencana aksi.',
          is_example: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const upcoming = newId();
      await trx
        .insertInto('forum_meetings')
        .values({
          id: upcoming,
          plan_id: plan.id,
          title: '[Contoh] Rapat pemantauan pelaksanaan',
          meeting_date: addMonths(today, 1),
          location: 'Ruang rapat Diskominfo',
          agenda: 'Contoh: kemajuan tiap komitmen dan tanggapan atas laporan swa-penilaian.',
          attendance_government: null,
          attendance_civil_society: null,
          attendance_academia: null,
          attendance_private: null,
          attendance_citizen: null,
          minutes: '',
          decisions: '',
          is_example: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('forum_documents')
        .values({
          id: newId(),
          meeting_id: upcoming,
          title: '[Contoh] Bahan rapat: ringkasan kemajuan komitmen',
          kind: 'link',
          url: 'https://example.org/contoh/bahan-rapat',
          file_name: null,
          media_type: null,
          size_bytes: null,
          sha256: null,
          published_at: now,
          published_by: null,
        })
        .execute();
      await recordAudit(trx, ACTOR, {
        action: 'forum.demo.seed',
        entityType: 'forum_rules',
        entityId: String(EXAMPLE_FORUM_RULES_ID),
        after: { members: MEMBERS.length, meetings: 2 },
      });
    });
    return `forum: ${MEMBERS.length} example members, 2 example meetings`;
  },
};
