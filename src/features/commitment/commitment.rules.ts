import type { FieldError } from '../../errors.js';
import type { CommitmentRow, MilestoneRow } from './commitment.repository.js';

/** The plan window that every commitment and milestone date must fall inside. */
export interface PlanWindow {
  periodStart: string;
  periodEnd: string;
  /** End of the administration's term (plan's own, else the OGP profile's). */
  termEnd: string | null;
}

export const OGP_VALUES = [
  { key: 'accessInfo', column: 'value_access_info', why: 'value_access_info_why', ogp: 'access_to_information' },
  {
    key: 'civicParticipation',
    column: 'value_civic_participation',
    why: 'value_civic_participation_why',
    ogp: 'civic_participation',
  },
  {
    key: 'publicAccountability',
    column: 'value_public_accountability',
    why: 'value_public_accountability_why',
    ogp: 'public_accountability',
  },
  { key: 'technology', column: 'value_technology', why: 'value_technology_why', ogp: 'technology_and_innovation' },
] as const;

export type ValueFlags = Pick<
  CommitmentRow,
  | 'value_access_info'
  | 'value_access_info_why'
  | 'value_civic_participation'
  | 'value_civic_participation_why'
  | 'value_public_accountability'
  | 'value_public_accountability_why'
  | 'value_technology'
  | 'value_technology_why'
>;

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
/** Form/API field names: valueAccessInfo, valueAccessInfoWhy, … */
export const valueField = (key: string) => `value${cap(key)}`;

/** At least one OGP value with a justification; technology only on top of another value; every ticked value justified. */
export function valueProblems(c: ValueFlags): FieldError[] {
  const errors: FieldError[] = [];
  let justified = 0;
  let core = 0;
  for (const v of OGP_VALUES) {
    if (!c[v.column]) continue;
    if (!c[v.why].trim()) errors.push({ field: `${valueField(v.key)}Why`, message: 'commitment.rule.valueWhy' });
    else justified++;
    if (v.key !== 'technology') core++;
  }
  if (justified === 0 && errors.length === 0)
    errors.push({ field: valueField('accessInfo'), message: 'commitment.rule.oneValue' });
  else if (core === 0) errors.push({ field: valueField('accessInfo'), message: 'commitment.rule.techAlone' });
  return errors;
}

/** Start/end months in order and inside the plan period. */
export function monthProblems(startMonth: string, endMonth: string, w: PlanWindow): FieldError[] {
  const errors: FieldError[] = [];
  if (endMonth < startMonth) errors.push({ field: 'endMonth', message: 'validation.dateOrder' });
  if (startMonth < w.periodStart.slice(0, 7))
    errors.push({ field: 'startMonth', message: 'commitment.rule.beforePlan', params: { date: w.periodStart } });
  if (endMonth > w.periodEnd.slice(0, 7))
    errors.push({ field: 'endMonth', message: 'commitment.rule.afterPlan', params: { date: w.periodEnd } });
  if (w.termEnd && endMonth > w.termEnd.slice(0, 7))
    errors.push({ field: 'endMonth', message: 'commitment.rule.afterTerm', params: { date: w.termEnd } });
  return errors;
}

export interface MilestoneFields {
  deliverable: string;
  start_date: string | null;
  end_date: string | null;
  responsible_organization_id: string | null;
}

/** Deliverable, dates and owner present; end ≥ start; inside the plan period and not after the term end. */
export function milestoneProblems(m: MilestoneFields, w: PlanWindow, prefix = ''): FieldError[] {
  const f = (name: string) => prefix + name;
  const errors: FieldError[] = [];
  if (!m.deliverable.trim()) errors.push({ field: f('deliverable'), message: 'commitment.rule.deliverable' });
  if (!m.start_date) errors.push({ field: f('startDate'), message: 'commitment.rule.startDate' });
  if (!m.end_date) errors.push({ field: f('endDate'), message: 'commitment.rule.endDate' });
  if (!m.responsible_organization_id)
    errors.push({ field: f('responsibleOrganizationId'), message: 'commitment.rule.owner' });
  if (m.start_date && m.end_date && m.end_date < m.start_date)
    errors.push({ field: f('endDate'), message: 'validation.dateOrder' });
  if (m.start_date && m.start_date < w.periodStart)
    errors.push({ field: f('startDate'), message: 'commitment.rule.beforePlan', params: { date: w.periodStart } });
  if (m.end_date && m.end_date > w.periodEnd)
    errors.push({ field: f('endDate'), message: 'commitment.rule.afterPlan', params: { date: w.periodEnd } });
  if (m.end_date && w.termEnd && m.end_date > w.termEnd)
    errors.push({ field: f('endDate'), message: 'commitment.rule.afterTerm', params: { date: w.termEnd } });
  return errors;
}

/** Everything that keeps a commitment from being valid for submission (for the linked error summary). */
export function commitmentProblems(
  c: CommitmentRow,
  milestones: MilestoneRow[],
  w: PlanWindow,
  hasLead: boolean,
): FieldError[] {
  const errors = [...valueProblems(c), ...monthProblems(c.start_month, c.end_month, w)];
  if (!hasLead) errors.push({ field: 'leadOrganizationId', message: 'commitment.rule.lead' });
  if (!milestones.length) errors.push({ field: 'milestones', message: 'commitment.rule.noMilestones' });
  for (const m of milestones) {
    for (const e of milestoneProblems(m, w))
      errors.push({ ...e, field: `milestone-${m.id}`, params: { ...e.params, activity: m.activity } });
  }
  return errors;
}
