import type { Seed } from '../../storage/seeds/seed.js';
import type { DbOrTrx } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';
import { SETTINGS } from '../../config/defaults.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordVersion } from '../history/history.service.js';
import { ensureExamplePlan } from '../plan/plan-demo.seed.js';
import { formatExampleOgpId } from './commitment.service.js';
import { loadCommitmentViews, nextCommitmentNumber } from './commitment.repository.js';
import { commitmentSnapshot, milestoneSnapshot } from './commitment.presenter.js';
import type { MilestoneStatus } from './commitment.table.js';

const ACTOR = { id: null, label: 'system:seed-demo' };

interface DemoMilestone {
  activity: string;
  deliverable: string;
  start: string;
  end: string;
  org: string;
  weight: number;
  status: MilestoneStatus;
  progress: number;
  evidence?: string;
}
interface DemoCommitment {
  title: string;
  lead: string;
  supporting: string[];
  kelurahan: string[];
  values: Partial<Record<'access_info' | 'civic_participation' | 'public_accountability' | 'technology', string>>;
  problem: string;
  description: string;
  policyArea: string;
  start: string;
  end: string;
  sdg: number[];
  milestones: DemoMilestone[];
}

const DEMO: DemoCommitment[] = [
  {
    title: '[Contoh] Pendampingan kelurahan wisata',
    lead: 'disbudparpora',
    supporting: ['yayasan-bambu-nusantara', 'forum-csr'],
    kelurahan: ['35.77.02.1002', '35.77.03.1005'],
    values: { civic_participation: 'Contoh: warga dan Pokdarwis ikut menentukan atraksi dan aturan kunjungan.' },
    problem: 'Contoh: potensi wisata kelurahan belum dikelola bersama warga.',
    description: 'Contoh: pendampingan pembentukan Pokdarwis dan profil kelurahan wisata.',
    policyArea: 'Pariwisata',
    start: '2025-09',
    end: '2027-12',
    sdg: [8, 11],
    milestones: [
      {
        activity: '[Contoh] Lokakarya pembentukan Pokdarwis',
        deliverable: 'Contoh: notulen dan daftar hadir lokakarya',
        start: '2025-09-01',
        end: '2025-12-31',
        org: 'disbudparpora',
        weight: 1,
        status: 'complete',
        progress: 100,
        evidence: 'https://example.org/contoh/notulen-lokakarya',
      },
      {
        activity: '[Contoh] Profil kelurahan wisata terbit',
        deliverable: 'Contoh: profil atraksi, amenitas, dan kelas kelurahan wisata',
        start: '2026-01-01',
        end: '2026-12-31',
        org: 'disbudparpora',
        weight: 2,
        status: 'in_progress',
        progress: 40,
        evidence: 'https://example.org/contoh/draf-profil',
      },
    ],
  },
  {
    title: '[Contoh] Satu data kelurahan',
    lead: 'diskominfo',
    supporting: ['bps-kota-madiun', 'akademisi'],
    kelurahan: [],
    values: {
      access_info: 'Contoh: data per kelurahan terbuka dengan metadata.',
      technology: 'Contoh: portal data dengan API terbuka.',
    },
    problem: 'Contoh: satu indikator, dua angka dari dua produsen.',
    description: 'Contoh: standar data, metadata, dan jadwal rilis data kelurahan.',
    policyArea: 'Satu Data',
    start: '2025-10',
    end: '2028-06',
    sdg: [16, 17],
    milestones: [
      {
        activity: '[Contoh] Daftar data prioritas kelurahan disepakati',
        deliverable: 'Contoh: berita acara Forum Satu Data',
        start: '2025-10-01',
        end: '2026-03-31',
        org: 'diskominfo',
        weight: 1,
        status: 'in_progress',
        progress: 60,
      },
      {
        activity: '[Contoh] Data kelurahan terbit dengan metadata',
        deliverable: 'Contoh: dataset di portal',
        start: '2026-04-01',
        end: '2027-12-31',
        org: 'diskominfo',
        weight: 1,
        status: 'not_started',
        progress: 0,
      },
    ],
  },
  {
    title: '[Contoh] Kelurahan bebas pengangguran',
    lead: 'disnaker-kukm',
    supporting: ['forum-csr'],
    kelurahan: ['35.77.02.1002', '35.77.01.1001'],
    values: {
      public_accountability: 'Contoh: angka pencari kerja terverifikasi per kelurahan dilaporkan berkala.',
      civic_participation: 'Contoh: kelurahan dan warga ikut memutakhirkan data.',
    },
    problem: 'Contoh: angka pengangguran kota tidak bisa dipecah per kelurahan.',
    description: 'Contoh: pendataan by-name, pelatihan, dan penempatan per kelurahan (bukan TPT).',
    policyArea: 'Ketenagakerjaan',
    start: '2025-10',
    end: '2028-06',
    sdg: [8],
    milestones: [
      {
        activity: '[Contoh] Pendataan pencari kerja pintu ke pintu',
        deliverable: 'Contoh: rekap agregat per kelurahan',
        start: '2025-10-01',
        end: '2026-06-30',
        org: 'disnaker-kukm',
        weight: 1,
        status: 'in_progress',
        progress: 30,
      },
    ],
  },
];

async function orgId(db: DbOrTrx, slug: string): Promise<string> {
  return (await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/**
 * Example commitments, every one titled “[Contoh] …”, flagged is_example and kept in the example
 * plan with IDs from the example series (IDMDN-CONTOH-01…): the real plan, its progress, its
 * exports and the real OGP numbering stay as they were.
 */
export const commitmentDemoSeed: Seed = {
  name: 'action-plan-demo',
  async run(db) {
    const plan = await ensureExamplePlan(db);
    const code = process.env['OGP_JURISDICTION_CODE'] || SETTINGS.OGP_JURISDICTION_CODE.default;
    let added = 0;
    for (const d of DEMO) {
      const exists = await db
        .selectFrom('commitments')
        .select('id')
        .where('plan_id', '=', plan.id)
        .where('title', '=', d.title)
        .executeTakeFirst();
      if (exists) continue;
      const lead = await orgId(db, d.lead);
      const supporting = await Promise.all(d.supporting.map((s) => orgId(db, s)));
      await db.transaction().execute(async (trx) => {
        const number = await nextCommitmentNumber(trx, { example: true });
        const now = nowIso();
        const row = {
          id: newId(),
          edit_version: 1,
          plan_id: plan.id,
          ogp_id: formatExampleOgpId(code, number),
          number,
          title: d.title,
          problem: d.problem,
          status_quo: '',
          description: d.description,
          how_solves: '',
          ogp_relevance: '',
          value_access_info: d.values.access_info ? 1 : 0,
          value_access_info_why: d.values.access_info ?? '',
          value_civic_participation: d.values.civic_participation ? 1 : 0,
          value_civic_participation_why: d.values.civic_participation ?? '',
          value_public_accountability: d.values.public_accountability ? 1 : 0,
          value_public_accountability_why: d.values.public_accountability ?? '',
          value_technology: d.values.technology ? 1 : 0,
          value_technology_why: d.values.technology ?? '',
          policy_area: d.policyArea,
          sector: d.policyArea,
          start_month: d.start,
          end_month: d.end,
          budget_amount: null,
          budget_source: 'Contoh',
          rpjmd_links: '',
          sdg_goals: JSON.stringify(d.sdg),
          kelurahan_codes: JSON.stringify(d.kelurahan),
          is_example: 1,
          translations: '{}',
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto('commitments').values(row).execute();
        await trx
          .insertInto('commitment_institutions')
          .values({ commitment_id: row.id, organization_id: lead, role: 'lead' })
          .execute();
        for (const s of supporting)
          await trx
            .insertInto('commitment_institutions')
            .values({ commitment_id: row.id, organization_id: s, role: 'supporting' })
            .execute();
        for (const [i, m] of d.milestones.entries()) {
          const ms = {
            id: newId(),
            commitment_id: row.id,
            position: i + 1,
            activity: m.activity,
            deliverable: m.deliverable,
            start_date: m.start,
            end_date: m.end,
            responsible_organization_id: await orgId(trx, m.org),
            weight: m.weight,
            status: m.status,
            progress_percent: m.progress,
            completed_on: m.status === 'complete' ? m.end : null,
            created_at: now,
            updated_at: now,
          };
          await trx.insertInto('milestones').values(ms).execute();
          if (m.evidence) {
            await trx
              .insertInto('evidence')
              .values({
                id: newId(),
                milestone_id: ms.id,
                commitment_id: row.id,
                kind: 'link',
                title: `[Contoh] ${m.deliverable}`,
                url: m.evidence,
                file_name: null,
                media_type: null,
                size_bytes: null,
                sha256: null,
                evidence_date: m.end < now.slice(0, 10) ? m.end : now.slice(0, 10),
                visibility: 'public',
                uploaded_by: null,
                uploader_organization_id: lead,
                created_at: now,
              })
              .execute();
          }
        }
        const view = (await loadCommitmentViews(trx, [row]))[0]!;
        await recordAudit(trx, ACTOR, {
          action: 'commitment.create',
          entityType: 'commitment',
          entityId: row.id,
          after: commitmentSnapshot(view),
        });
        await recordVersion(trx, ACTOR, 'commitment', row.id, commitmentSnapshot(view));
        for (const m of view.milestones) await recordVersion(trx, ACTOR, 'milestone', m.id, milestoneSnapshot(m));
      });
      added++;
    }
    return `${added} komitmen contoh`;
  },
};
