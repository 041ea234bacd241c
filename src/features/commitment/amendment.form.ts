import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { checkbox, selectField, str, type Choice } from '../../views/form-controls.js';
import type { MilestoneRow } from './commitment.repository.js';
import type { CommitmentInput } from './commitment.schema.js';
import { amendmentUrls, CORE_COMMITMENT_FIELDS } from './amendment.rules.js';

type Values = Record<string, unknown>;

/** The form's values for a commitment as it is now (core fields and each milestone's). */
export function amendmentFormValues(input: CommitmentInput, milestones: MilestoneRow[]): Values {
  const out: Values = Object.fromEntries(CORE_COMMITMENT_FIELDS.map((k) => [k, input[k]]));
  for (const m of milestones) {
    out[`m-${m.id}-deliverable`] = m.deliverable;
    out[`m-${m.id}-startDate`] = m.start_date ?? '';
    out[`m-${m.id}-endDate`] = m.end_date ?? '';
    out[`m-${m.id}-weight`] = String(m.weight);
  }
  return out;
}

/** The posted form in the API's shape: the service ignores what did not change. */
export function amendmentFromForm(body: Values, milestones: MilestoneRow[]) {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const num = (k: string) => (s(k).trim() === '' ? Number.NaN : Number(s(k)));
  const changes = Object.fromEntries(CORE_COMMITMENT_FIELDS.map((k) => [k, s(k)]));
  const ops: Values[] = milestones.map((m) =>
    s(`m-${m.id}-remove`)
      ? { op: 'remove', id: m.id }
      : {
          op: 'change',
          id: m.id,
          deliverable: s(`m-${m.id}-deliverable`),
          startDate: s(`m-${m.id}-startDate`),
          endDate: s(`m-${m.id}-endDate`),
          weight: num(`m-${m.id}-weight`),
        },
  );
  if (s('new-activity').trim())
    ops.push({
      op: 'add',
      activity: s('new-activity'),
      deliverable: s('new-deliverable'),
      startDate: s('new-startDate'),
      endDate: s('new-endDate'),
      responsibleOrganizationId: s('new-responsibleOrganizationId'),
      weight: num('new-weight'),
    });
  return { justification: s('justification'), changes, milestones: ops };
}

export function renderAmendmentForm(
  ctx: RequestContext,
  o: { ogpId: string; values: Values; errors: FormError[]; milestones: MilestoneRow[]; orgs: Choice[] },
): SafeHtml {
  const { t } = ctx;
  const v = (k: string) => str(o.values[k]);
  const f = (name: string, label: string, type = 'text') =>
    field(ctx, { name, label, type, value: v(name), errors: o.errors });
  const long = (name: string) => f(name, t(`commitment.field.${name}`), 'textarea');
  const milestone = (m: MilestoneRow) => html`<fieldset><legend>${m.activity}</legend>
${f(`m-${m.id}-deliverable`, t('commitment.mfield.deliverable'))}
${f(`m-${m.id}-startDate`, t('commitment.mfield.startDate'), 'date')}
${f(`m-${m.id}-endDate`, t('commitment.mfield.endDate'), 'date')}
${f(`m-${m.id}-weight`, t('commitment.mfield.weight'), 'number')}
${checkbox({ name: `m-${m.id}-remove`, label: t('amendment.removeMilestone'), checked: !!v(`m-${m.id}-remove`) })}
</fieldset>`;
  return html`<h1>${t('amendment.proposeTitle', { ogpId: o.ogpId })}</h1>
<p>${t('amendment.proposeHint')}</p>
${errorSummary(ctx, o.errors)}
<form method="post" action="${amendmentUrls.propose(o.ogpId)}" novalidate>${csrfField(ctx)}
${field(ctx, { name: 'justification', label: t('amendment.justification'), type: 'textarea', value: v('justification'), required: true, errors: o.errors })}
${f('title', t('commitment.field.title'))}
${['problem', 'statusQuo', 'description', 'howSolves', 'ogpRelevance'].map(long)}
${f('startMonth', t('commitment.field.startMonth'), 'month')}
${f('endMonth', t('commitment.field.endMonth'), 'month')}
${selectField(ctx, { name: 'leadOrganizationId', label: t('commitment.lead'), choices: o.orgs, value: v('leadOrganizationId'), errors: o.errors })}
<h2>${t('amendment.milestones')}</h2>
${o.milestones.map(milestone)}
<fieldset><legend>${t('amendment.newMilestone')}</legend>
${f('new-activity', t('commitment.mfield.activity'))}
${f('new-deliverable', t('commitment.mfield.deliverable'))}
${f('new-startDate', t('commitment.mfield.startDate'), 'date')}
${f('new-endDate', t('commitment.mfield.endDate'), 'date')}
${selectField(ctx, {
  name: 'new-responsibleOrganizationId',
  label: t('commitment.mfield.responsibleOrganizationId'),
  choices: o.orgs,
  value: v('new-responsibleOrganizationId'),
  empty: '—',
  errors: o.errors,
})}
${f('new-weight', t('commitment.mfield.weight'), 'number')}
</fieldset>
<button type="submit">${t('amendment.submit')}</button> <a href="${amendmentUrls.list(o.ogpId)}">${t('common.cancel')}</a>
</form>`;
}
