import type { Seed } from '../../storage/seeds/seed.js';
import type { Db } from '../../storage/database.js';
import { nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { createPlan } from './plan.service.js';
import { submitIdea } from '../idea/idea.service.js';

export const MADIUN_PLAN_TITLE = 'Madiun, Indonesia, 2025–2028';
const SEED_ACTOR = 'system:seed';
const SOURCE = 'Pengumuman Bappeda Kota Madiun tentang OGP Lokal';

const orgIds = async (db: Db, slugs: string[]) => {
  const rows = await db.selectFrom('organizations').select(['id', 'slug']).where('slug', 'in', slugs).execute();
  return slugs.map((s) => rows.find((r) => r.slug === s)?.id).filter((x): x is string => !!x);
};

/**
 * Kota Madiun's real OGP Local facts (domain.md §1): membership dates, the 2025–2028 plan with its
 * named institutions, and the three flagship ideas as *ideas* from Bappeda's announcement — not as
 * commitments, and without an invented response. Idempotent.
 */
export const ogpMadiunSeed: Seed = {
  name: 'ogp-madiun',
  async run(db) {
    const added: string[] = [];
    const [bapelitbangda] = await orgIds(db, ['bapelitbangda']);
    if (!(await db.selectFrom('ogp_profile').select('id').where('id', '=', 1).executeTakeFirst())) {
      const values = {
        id: 1,
        jurisdiction_name: 'Kota Madiun',
        joined_on: '2024-04-16',
        launched_on: '2025-04-30',
        term_end_date: '2028-10-31',
        contact_name: '',
        contact_title: 'Bidang PPM, Bapelitbangda (Bappeda) Kota Madiun',
        contact_organization_id: bapelitbangda ?? null,
        monitoring_organization_id: null,
        forum_name: '',
        forum_description: '',
        updated_at: nowIso(),
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('ogp_profile').values(values).execute();
        await recordAudit(
          trx,
          { id: null, label: SEED_ACTOR },
          { action: 'ogp_profile.update', entityType: 'ogp_profile', entityId: '1', after: values },
        );
      });
      added.push('profil OGP');
    }
    let plan = await db.selectFrom('plans').selectAll().where('title', '=', MADIUN_PLAN_TITLE).executeTakeFirst();
    if (!plan) {
      plan = await createPlan(
        db,
        null,
        {
          title: MADIUN_PLAN_TITLE,
          periodStart: '2025-07-16',
          periodEnd: '2028-10-31',
          termEndDate: '2028-10-31',
          cocreationStart: '2025-04-30',
          cocreationEnd: '2025-07-16',
          submittedOn: '2025-07-16',
          leadOrganizationIds: await orgIds(db, ['bapelitbangda', 'disbudparpora', 'dlh']),
          foreword:
            'Kota Madiun bergabung dengan OGP Lokal pada 16 April 2024 sebagai salah satu dari 55 anggota baru ' +
            'yang dipilih dari 138 pendaftar. OGP Lokal Kota Madiun diluncurkan pada 30 April 2025.',
          strategicVision: '',
          engagement:
            'Perencana kota: Bapelitbangda (Bappeda), dipimpin Bidang PPM. ' +
            'Lembaga dan mitra yang disebut dalam rencana aksi: Dinas Kebudayaan, Pariwisata, Kepemudaan dan Olahraga; ' +
            'Dinas Lingkungan Hidup; kecamatan; akademisi; Yayasan Bambu Nusantara; Forum CSR.',
          endorsedOn: null,
          endorsementNote: '',
          translations: {},
        },
        { status: 'implementation', actorLabel: SEED_ACTOR },
      );
      added.push('rencana aksi 2025–2028');
    }
    const flagship = [
      {
        title: 'Pendampingan pembentukan kelurahan wisata',
        body: 'Pendampingan bagi kelurahan untuk membentuk kelurahan wisata (ide unggulan yang diumumkan Bappeda).',
        theme: 'pariwisata' as const,
      },
      {
        title: 'Kelurahan bebas pengangguran',
        body: 'Kelurahan bebas pengangguran (ide unggulan yang diumumkan Bappeda).',
        theme: 'ketenagakerjaan' as const,
      },
      {
        title: 'Satu data kelurahan / kelurahan cinta statistik',
        body: 'Satu data kelurahan dan kelurahan cinta statistik (ide unggulan yang diumumkan Bappeda).',
        theme: 'satu-data' as const,
      },
    ];
    for (const idea of flagship) {
      const exists = await db
        .selectFrom('ideas')
        .select('id')
        .where('plan_id', '=', plan.id)
        .where('title', '=', idea.title)
        .executeTakeFirst();
      if (exists) continue;
      await submitIdea(
        db,
        null,
        { planId: plan.id, ...idea, sourceLabel: SOURCE, receivedOn: '2025-04-30' },
        { actorLabel: SEED_ACTOR },
      );
      added.push(idea.title);
    }
    return added.length ? `ditambahkan: ${added.join('; ')}` : 'sudah ada';
  },
};
