/**
 * A commitment's primary policy area (free text, in Indonesian) in the English vocabulary OGP's
 * Support Unit tags commitments with: its "Policy Areas" glossary
 * (https://www.opengovpartnership.org/glossary-cat/policy-areas/) and the public-service sectors of
 * its Global Report (https://www.opengovpartnership.org/campaigns/global-report/priority-policy-areas/).
 * Only terms found there are used; an area with no OGP term (tourism, employment…) stays in
 * Indonesian only, rather than being given a term OGP does not use (see docs/ogp-commitment-export.md).
 */
const OGP_POLICY_AREAS: ReadonlyArray<readonly [RegExp, string]> = [
  [/satu data|data terbuka|open data|statistik/, 'Open Data'],
  [/keterbukaan informasi|informasi publik|ppid/, 'Right to Information'],
  [/pengadaan|kontrak/, 'Open Contracting'],
  [/anggaran|keuangan daerah|fiskal/, 'Fiscal Openness'],
  [/pelayanan publik|layanan publik/, 'Public Service Delivery'],
  [/partisipasi|musrenbang/, 'Public Participation'],
  [/pengaduan|akuntabilitas sosial/, 'Social Accountability'],
  [/disabilitas/, 'People with Disabilities'],
  [/iklim/, 'Climate Mitigation and Adaptation'],
  [/data pribadi|privasi/, 'Data Stewardship and Privacy'],
  [/bantuan hukum|peradilan|keadilan/, 'Access to Justice'],
  [/kepolisian|pemasyarakatan/, 'Policing and Corrections'],
  [/keamanan|ketertiban/, 'Security and Public Safety'],
  [/media|telekomunikasi|penyiaran/, 'Media and Telecommunications'],
  [/konflik kepentingan/, 'Conflicts of Interest'],
  [/laporan harta|lhkpn/, 'Asset Disclosure'],
  [/pendidikan|sekolah/, 'Education'],
  [/kesehatan|puskesmas/, 'Health'],
  [/air bersih|air minum|sanitasi/, 'Water and Sanitation'],
];

/** OGP's English term for an Indonesian policy area, or null when OGP has none for it. */
export function ogpPolicyArea(indonesian: string): string | null {
  const text = indonesian.toLowerCase();
  return OGP_POLICY_AREAS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}
