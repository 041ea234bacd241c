import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { groupedCheckboxes, selectField, str, strs, type Choice } from '../../views/form-controls.js';
import { organizationGroups, type OrganizationChoice } from '../organization/organization.choices.js';
import { englishConflictFields, englishFieldset } from '../../i18n/content-language.js';
import { PLAN_TRANSLATABLE } from './plan.schema.js';
import { choiceLabel, versionFields, type ConflictField } from '../../views/conflict.view.js';

export type FormValues = Record<string, unknown>;

export function renderPlanForm(
  ctx: RequestContext,
  o: { action: string; heading: string; values: FormValues; errors: FormError[]; orgs: OrganizationChoice[] },
): SafeHtml {
  const { t } = ctx;
  const v = o.values;
  const f = (name: string, type = 'text', required = false, hint?: string) =>
    field(ctx, { name, label: t(`plan.field.${name}`), type, value: str(v[name]), required, errors: o.errors, hint });
  return html`<h1>${o.heading}</h1>
${errorSummary(ctx, o.errors)}
<form method="post" action="${o.action}" class="stack" novalidate>${csrfField(ctx)}${versionFields(v)}
${f('title', 'text', true)}
${f('periodStart', 'date', true)}
${f('periodEnd', 'date', true)}
${f('termEndDate', 'date', false, t('plan.hint.termEndDate'))}
${f('cocreationStart', 'date', false, t('plan.hint.cocreation'))}
${f('cocreationEnd', 'date')}
${groupedCheckboxes(ctx, {
  name: 'leadOrganizationIds',
  legend: t('plan.field.leads'),
  groups: organizationGroups(t, o.orgs),
  values: strs(v['leadOrganizationIds']),
  errors: o.errors,
  hint: t('plan.hint.leads'),
})}
${f('foreword', 'textarea')}
${f('strategicVision', 'textarea')}
${f('engagement', 'textarea')}
${f('endorsedOn', 'date', false, t('plan.hint.endorsedOn'))}
${f('endorsementNote', 'textarea')}
${englishFieldset(ctx, {
  fields: Object.keys(PLAN_TRANSLATABLE).map((name) => ({
    name,
    label: t(`plan.field.${name}`),
    textarea: name !== 'title',
  })),
  values: v,
  errors: o.errors,
})}
<button type="submit">${t('plan.form.save')}</button>
</form>`;
}

/** The plan form's fields, as the "changed by someone else" diff names them. */
export function planConflictFields(ctx: RequestContext, orgs: Choice[]): ConflictField[] {
  const names = ['title', 'periodStart', 'periodEnd', 'termEndDate', 'cocreationStart', 'cocreationEnd'];
  const texts = ['foreword', 'strategicVision', 'engagement', 'endorsedOn', 'endorsementNote'];
  const f = (name: string) => ({ name, label: ctx.t(`plan.field.${name}`) });
  return [
    ...names.map(f),
    { name: 'leadOrganizationIds', label: ctx.t('plan.field.leads'), format: choiceLabel(orgs) },
    ...texts.map(f),
    ...englishConflictFields(ctx.t, (Object.keys(PLAN_TRANSLATABLE) as string[]).map(f)),
  ];
}

export function renderProfileForm(
  ctx: RequestContext,
  o: { action: string; values: FormValues; errors: FormError[]; orgs: OrganizationChoice[] },
): SafeHtml {
  const { t } = ctx;
  const v = o.values;
  const f = (name: string, type = 'text', required = false) =>
    field(ctx, { name, label: t(`plan.profile.field.${name}`), type, value: str(v[name]), required, errors: o.errors });
  return html`<h1>${t('plan.profile.edit')}</h1>
${errorSummary(ctx, o.errors)}
<form method="post" action="${o.action}" class="stack" novalidate>${csrfField(ctx)}
${f('jurisdictionName', 'text', true)}
${f('joinedOn', 'date')}
${f('launchedOn', 'date')}
${f('termEndDate', 'date')}
${f('contactName')}
${f('contactTitle')}
${selectField(ctx, {
  name: 'contactOrganizationId',
  label: t('plan.profile.field.contactOrganizationId'),
  groups: organizationGroups(t, o.orgs),
  value: str(v['contactOrganizationId']),
  errors: o.errors,
  empty: '—',
})}
${selectField(ctx, {
  name: 'monitoringOrganizationId',
  label: t('plan.profile.field.monitoringOrganizationId'),
  groups: organizationGroups(t, o.orgs),
  value: str(v['monitoringOrganizationId']),
  errors: o.errors,
  empty: '—',
})}
${f('forumName')}
${f('forumDescription', 'textarea')}
<button type="submit">${t('plan.form.save')}</button>
</form>`;
}
