import type { Db } from '../../storage/database.js';
import { AppError } from '../../errors.js';
import { listPlanCommitments } from '../commitment/commitment.repository.js';
import type { CommitmentView } from '../commitment/commitment.repository.js';
import { assessmentsByCommitment } from '../monitoring/report.service.js';
import {
  COMPLETION_SCALE,
  EARLY_RESULTS_SCALE,
  OPENED_GOVERNMENT_SCALE,
  POTENTIAL_SCALE,
} from '../../rubric/irm-scales.js';
import type { Scale } from '../../rubric/scale.js';
import { ogpPolicyArea } from './ogp-themes.js';

/**
 * Columns of OGP's public commitment data (names as OGP publishes them, see
 * docs/ogp-commitment-export.md for each column's source and meaning), in order, then the
 * government's own self-reported progress and the example-data flag.
 */
export const OGP_DATASET_COLUMNS = [
  'Commitment unique identifier',
  'Commitment title',
  'Country/Locality',
  'Region',
  'Action plan',
  'Year of submission',
  'Action plan number',
  'Commitment number',
  'Start date',
  'End date',
  'Status',
  'Lead institution',
  'Supporting institutions',
  'Theme',
  'Theme (Indonesian)',
  'Access to information',
  'Civic participation',
  'Public accountability',
  'Technology and innovation for transparency and accountability',
  'Specificity',
  'Potential impact',
  'Completion',
  'Early results',
  'Did it open government?',
  'Did it open government? (access to information)',
  'Did it open government? (civic participation)',
  'Did it open government? (public accountability)',
  'Self-reported progress (%)',
  'Self-reported completion',
  'Example',
] as const;

/** OGP's region for Indonesia. */
export const OGP_REGION = 'Asia and the Pacific';

/** OGP's English label of a level; null for an empty or unknown answer. */
const ogpLabel = <C extends string>(scale: Scale<C>, code: string | null | undefined): string | null =>
  scale.has(code) ? scale.label(code) : null;

/** The commitment's overall "did it open government": the strongest result among the values assessed. */
export function overallOpenedGovernment(values: Array<string | null>): string | null {
  return OPENED_GOVERNMENT_SCALE.highest(values);
}

/** Where implementation stands, from the milestones the government reports. */
export function commitmentStatus(view: Pick<CommitmentView, 'percent'>): 'Not started' | 'In progress' | 'Complete' {
  if (view.percent >= 100) return 'Complete';
  return view.percent > 0 ? 'In progress' : 'Not started';
}

export type DatasetRow = Record<(typeof OGP_DATASET_COLUMNS)[number], string | number | null>;

export async function ogpDataset(
  db: Db,
  planId: string,
): Promise<{ plan: { id: string; title: string; planNumber: number }; views: CommitmentView[]; rows: DatasetRow[] }> {
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new AppError('PLAN_NOT_FOUND', 404, { id: planId });
  const profile = await db.selectFrom('ogp_profile').select('jurisdiction_name').where('id', '=', 1).executeTakeFirst();
  const jurisdiction = profile?.jurisdiction_name || 'Kota Madiun';
  const locality = /indonesia/i.test(jurisdiction) ? jurisdiction : `${jurisdiction}, Indonesia`;
  const views = await listPlanCommitments(db, planId);
  const assessments = await assessmentsByCommitment(db, planId);
  const yesNo = (v: number | boolean) => (v ? 'Yes' : 'No');
  const rows = views.map((v): DatasetRow => {
    const c = v.row;
    const a = assessments.get(c.id);
    const [ogAccess, ogParticipation, ogAccountability] = a?.openedGovernment ?? [null, null, null];
    const og = a?.openedGovernment ? overallOpenedGovernment(a.openedGovernment) : null;
    const theme = c.policy_area || c.sector;
    return {
      'Commitment unique identifier': c.ogp_id,
      'Commitment title': c.title,
      'Country/Locality': locality,
      Region: OGP_REGION,
      'Action plan': plan.title,
      'Year of submission': plan.submitted_on ? Number(plan.submitted_on.slice(0, 4)) : null,
      'Action plan number': plan.plan_number,
      'Commitment number': c.number,
      'Start date': c.start_month,
      'End date': c.end_month,
      Status: commitmentStatus(v),
      'Lead institution': v.lead?.name ?? null,
      'Supporting institutions': v.supporting
        .map((o) => o.name)
        .sort((a, b) => a.localeCompare(b))
        .join('; '),
      Theme: ogpPolicyArea(theme),
      'Theme (Indonesian)': theme,
      'Access to information': yesNo(c.value_access_info),
      'Civic participation': yesNo(c.value_civic_participation),
      'Public accountability': yesNo(c.value_public_accountability),
      'Technology and innovation for transparency and accountability': yesNo(c.value_technology),
      Specificity: a?.verifiable === undefined ? null : a.verifiable ? 'Verifiable' : 'Not verifiable',
      'Potential impact': ogpLabel(POTENTIAL_SCALE, a?.potential),
      Completion: ogpLabel(COMPLETION_SCALE, a?.completion),
      // The IRM's current indicator and the older one it replaced stay in their own columns, never merged.
      'Early results': ogpLabel(EARLY_RESULTS_SCALE, a?.earlyResults),
      'Did it open government?': ogpLabel(OPENED_GOVERNMENT_SCALE, og),
      'Did it open government? (access to information)': ogpLabel(OPENED_GOVERNMENT_SCALE, ogAccess),
      'Did it open government? (civic participation)': ogpLabel(OPENED_GOVERNMENT_SCALE, ogParticipation),
      'Did it open government? (public accountability)': ogpLabel(OPENED_GOVERNMENT_SCALE, ogAccountability),
      'Self-reported progress (%)': v.percent,
      'Self-reported completion': COMPLETION_SCALE.label(v.completion),
      // An example commitment sits in an example plan; either flag marks the row.
      Example: yesNo(c.is_example === 1 || plan.is_example === 1),
    };
  });
  return { plan: { id: plan.id, title: plan.title, planNumber: plan.plan_number }, views, rows };
}
