import type { Db } from '../../storage/database.js';

/** Shared by the action-plan tests: organisation ids by slug, and request bodies that pass every rule. */
export async function orgId(db: Db, slug: string): Promise<string> {
  return (await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

export async function planBody(db: Db, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Rencana Aksi Uji 2025–2028',
    periodStart: '2025-07-01',
    periodEnd: '2028-10-31',
    termEndDate: '2028-10-31',
    cocreationStart: '2025-01-01',
    cocreationEnd: '2025-07-15',
    leadOrganizationIds: [await orgId(db, 'bapelitbangda')],
    foreword: 'Kata pengantar.',
    strategicVision: 'Pemerintahan terbuka sampai kelurahan.',
    engagement: 'Forum multipihak bertemu tiap bulan.',
    ...overrides,
  };
}

export async function commitmentBody(db: Db, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Pendampingan kelurahan wisata',
    problem: 'Potensi wisata kelurahan belum terkelola.',
    statusQuo: 'Belum ada pendampingan.',
    description: 'Mendampingi kelurahan membentuk Pokdarwis.',
    howSolves: 'Warga mengelola wisata sendiri.',
    ogpRelevance: 'Partisipasi warga dalam perencanaan.',
    valueCivicParticipation: true,
    valueCivicParticipationWhy: 'Warga ikut menentukan atraksi.',
    policyArea: 'Pariwisata',
    sector: 'Pariwisata',
    startMonth: '2025-08',
    endMonth: '2027-12',
    budgetAmount: 150000000,
    budgetSource: 'APBD',
    rpjmdLinks: 'RPJMD Misi 3',
    sdgGoals: [8, 11],
    kelurahanCodes: ['35.77.02.1002'],
    leadOrganizationId: await orgId(db, 'disbudparpora'),
    supportingOrganizationIds: [await orgId(db, 'yayasan-bambu-nusantara')],
    ...overrides,
  };
}

export async function milestoneBody(db: Db, overrides: Record<string, unknown> = {}) {
  return {
    activity: 'Lokakarya pembentukan Pokdarwis',
    deliverable: 'SK Pokdarwis dan notulen lokakarya',
    startDate: '2025-09-01',
    endDate: '2025-12-31',
    responsibleOrganizationId: await orgId(db, 'disbudparpora'),
    weight: 1,
    ...overrides,
  };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
