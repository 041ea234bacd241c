import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import {
  checkbox,
  checkboxes,
  groupedCheckboxes,
  radioGroup,
  selectField,
  str,
  strs,
  type Choice,
} from '../../views/form-controls.js';
import { organizationGroups, type OrganizationChoice } from '../organization/organization.choices.js';
import { kelurahanGroups, type KelurahanChoice } from '../wilayah/kelurahan.choices.js';
import { OGP_VALUES, valueField } from './commitment.rules.js';
import { EVIDENCE_EXTENSIONS } from './evidence.service.js';
import { MILESTONE_STATUSES } from './commitment.table.js';
import { formatDate } from '../../i18n/i18n.js';
import type { EvidenceRow } from './commitment.repository.js';
import { planUrls } from '../plan/plan.urls.js';
import { englishConflictFields, englishFieldset } from '../../i18n/content-language.js';
import { COMMITMENT_TRANSLATABLE, type CommitmentTextField } from './commitment.schema.js';
import { choiceLabel, versionFields, type ConflictField } from '../../views/conflict.view.js';

type Values = Record<string, unknown>;

export function renderCommitmentForm(
  ctx: RequestContext,
  o: {
    action: string;
    heading: string;
    values: Values;
    errors: FormError[];
    orgs: OrganizationChoice[];
    kelurahan: KelurahanChoice[];
    ideas: Choice[];
  },
): SafeHtml {
  const { t } = ctx;
  const v = o.values;
  const f = (name: string, type = 'text', required = false, hint?: string) =>
    field(ctx, {
      name,
      label: t(`commitment.field.${name}`),
      type,
      value: str(v[name]),
      required,
      errors: o.errors,
      hint,
    });
  const valueWhy = (key: (typeof OGP_VALUES)[number]['key']) =>
    field(ctx, {
      name: `${valueField(key)}Why`,
      label: t('commitment.valueWhy', { value: t(`commitment.value.${key}`) }),
      type: 'textarea',
      value: str(v[`${valueField(key)}Why`]),
      errors: o.errors,
    });
  const orgGroups = organizationGroups(t, o.orgs);
  const leadField = selectField(ctx, {
    name: 'leadOrganizationId',
    label: t('commitment.lead'),
    groups: orgGroups,
    value: str(v['leadOrganizationId']),
    required: true,
    errors: o.errors,
    empty: '—',
  });
  const supportingField = groupedCheckboxes(ctx, {
    name: 'supportingOrganizationIds',
    legend: t('commitment.supporting'),
    groups: orgGroups,
    values: strs(v['supportingOrganizationIds']),
    errors: o.errors,
    hint: t('commitment.hint.supporting'),
  });
  const sdgChoices = Array.from({ length: 17 }, (_, i) => ({ value: String(i + 1), label: `SDG ${i + 1}` }));
  const sdgField = checkboxes(ctx, {
    name: 'sdgGoals',
    legend: t('commitment.field.sdgGoals'),
    choices: sdgChoices,
    values: strs(v['sdgGoals']).map(String),
    errors: o.errors,
  });
  const kelurahanField = groupedCheckboxes(ctx, {
    name: 'kelurahanCodes',
    legend: t('commitment.field.kelurahanCodes'),
    groups: kelurahanGroups(t, o.kelurahan),
    values: strs(v['kelurahanCodes']),
    errors: o.errors,
    hint: t('commitment.hint.kelurahan'),
  });
  const ideasField = o.ideas.length
    ? checkboxes(ctx, {
        name: 'ideaIds',
        legend: t('commitment.field.ideaIds'),
        choices: o.ideas,
        values: strs(v['ideaIds']),
        errors: o.errors,
      })
    : '';
  return html`<h1>${o.heading}</h1>
${errorSummary(ctx, o.errors)}
<form method="post" action="${o.action}" class="stack" novalidate>${csrfField(ctx)}${versionFields(v)}
${f('title', 'text', true)}
${f('problem', 'textarea')}
${f('statusQuo', 'textarea')}
${f('description', 'textarea', false, t('commitment.hint.description'))}
${f('howSolves', 'textarea')}
${f('ogpRelevance', 'textarea')}
${englishFieldset(ctx, {
  fields: (Object.keys(COMMITMENT_TRANSLATABLE) as CommitmentTextField[]).map((name) => ({
    name,
    label: t(`commitment.field.${name}`),
    textarea: name !== 'title',
  })),
  values: v,
  errors: o.errors,
})}
<fieldset class="field"><legend>${t('commitment.values')}</legend><p class="hint">${t('commitment.hint.values')}</p>
${OGP_VALUES.map(
  (
    val,
  ) => html`${checkbox({ name: valueField(val.key), label: t(`commitment.value.${val.key}`), checked: v[valueField(val.key)] === true, errors: o.errors })}
${valueWhy(val.key)}`,
)}
</fieldset>
${f('policyArea')}
${f('sector')}
${f('startMonth', 'month', true, t('commitment.hint.month'))}
${f('endMonth', 'month', true, t('commitment.hint.month'))}
${leadField}
${supportingField}
${f('budgetAmount', 'number', false, t('commitment.hint.budget'))}
${f('budgetSource')}
${f('rpjmdLinks', 'textarea')}
${sdgField}
${kelurahanField}
${ideasField}
<button type="submit">${t('plan.form.save')}</button>
</form>`;
}

/** The commitment form's fields, as the "changed by someone else" diff names them. */
export function commitmentConflictFields(
  ctx: RequestContext,
  o: { orgs: Choice[]; kelurahan: Choice[]; ideas: Choice[] },
): ConflictField[] {
  const { t } = ctx;
  const f = (name: string) => ({ name, label: t(`commitment.field.${name}`) });
  const yesNo = (v: unknown) => (v === true || v === '1' ? t('common.yes') : t('common.no'));
  return [
    ...['title', 'problem', 'statusQuo', 'description', 'howSolves', 'ogpRelevance'].map(f),
    ...OGP_VALUES.flatMap((val) => [
      { name: valueField(val.key), label: t(`commitment.value.${val.key}`), format: yesNo },
      {
        name: `${valueField(val.key)}Why`,
        label: t('commitment.valueWhy', { value: t(`commitment.value.${val.key}`) }),
      },
    ]),
    ...['policyArea', 'sector', 'startMonth', 'endMonth'].map(f),
    { name: 'leadOrganizationId', label: t('commitment.lead'), format: choiceLabel(o.orgs) },
    { name: 'supportingOrganizationIds', label: t('commitment.supporting'), format: choiceLabel(o.orgs) },
    ...['budgetAmount', 'budgetSource', 'rpjmdLinks', 'sdgGoals'].map(f),
    { ...f('kelurahanCodes'), format: choiceLabel(o.kelurahan) },
    { ...f('ideaIds'), format: choiceLabel(o.ideas) },
    ...englishConflictFields(t, (Object.keys(COMMITMENT_TRANSLATABLE) as string[]).map(f)),
  ];
}

/** The milestone form's fields, as the diff names them. */
export function milestoneConflictFields(ctx: RequestContext, orgs: Choice[]): ConflictField[] {
  const { t } = ctx;
  const f = (name: string) => ({ name, label: t(`commitment.mfield.${name}`) });
  return [
    ...['activity', 'deliverable', 'startDate', 'endDate'].map(f),
    { ...f('responsibleOrganizationId'), format: choiceLabel(orgs) },
    ...['weight'].map(f),
    { ...f('status'), format: (v: unknown) => (v ? t(`commitment.status.${String(v)}`) : '') },
    ...['progressPercent', 'completedOn'].map(f),
  ];
}

export function renderMilestoneForm(
  ctx: RequestContext,
  o: {
    action: string;
    heading: string;
    values: Values;
    errors: FormError[];
    orgs: OrganizationChoice[];
    progressOnly: boolean;
  },
): SafeHtml {
  const { t } = ctx;
  const v = o.values;
  const f = (name: string, type = 'text', required = false, hint?: string) =>
    field(ctx, {
      name,
      label: t(`commitment.mfield.${name}`),
      type,
      value: str(v[name]),
      required,
      errors: o.errors,
      hint,
    });
  const responsibleField = () =>
    selectField(ctx, {
      name: 'responsibleOrganizationId',
      label: t('commitment.mfield.responsibleOrganizationId'),
      groups: organizationGroups(t, o.orgs),
      value: str(v['responsibleOrganizationId']),
      required: true,
      errors: o.errors,
      empty: '—',
    });
  const statusField = radioGroup(ctx, {
    name: 'status',
    legend: t('commitment.mfield.status'),
    choices: MILESTONE_STATUSES.map((s) => ({ value: s, label: t(`commitment.status.${s}`) })),
    value: str(v['status']) || 'not_started',
    errors: o.errors,
  });
  return html`<h2>${o.heading}</h2>
${errorSummary(ctx, o.errors)}
<form method="post" action="${o.action}" class="stack" novalidate>${csrfField(ctx)}${versionFields(v)}
${
  o.progressOnly
    ? html`<p class="hint">${t('commitment.progressOnly')}</p>`
    : html`${f('activity', 'text', true)}
${f('deliverable', 'textarea', true, t('commitment.hint.deliverable'))}
${f('startDate', 'date', true)}
${f('endDate', 'date', true)}
${responsibleField()}
${f('weight', 'number', true, t('commitment.hint.weight'))}`
}
${statusField}
${f('progressPercent', 'number', false, t('commitment.hint.progress'))}
${f('completedOn', 'date')}
${
  str(v['completedOn'])
    ? field(ctx, {
        name: 'completedOnCorrectionReason',
        label: t('correction.field.reason'),
        type: 'textarea',
        value: str(v['completedOnCorrectionReason']),
        hint: t('correction.hint.completedOn'),
        errors: o.errors,
      })
    : ''
}
<button type="submit">${t('plan.form.save')}</button>
</form>`;
}

export function renderEvidenceForms(
  ctx: RequestContext,
  o: { milestoneId: string; evidence: EvidenceRow[]; errors: FormError[]; values: Values; maxMb: number },
): SafeHtml {
  const { t, locale } = ctx;
  const v = o.values;
  const visibility = (prefix: string) =>
    radioGroup(ctx, {
      name: `${prefix}visibility`,
      legend: t('commitment.efield.visibility'),
      choices: [
        { value: 'public', label: t('commitment.public') },
        { value: 'internal', label: t('commitment.internal') },
      ],
      value: str(v[`${prefix}visibility`]) || 'public',
      errors: o.errors,
    });
  const evidenceHref = (e: EvidenceRow) => (e.kind === 'link' ? (e.url ?? '#') : planUrls.evidenceFile(e.id));
  const evidenceMeta = (e: EvidenceRow) =>
    `· ${formatDate(locale, e.evidence_date)} · ${t(e.visibility === 'public' ? 'commitment.public' : 'commitment.internal')}`;
  const evidenceList = o.evidence.length
    ? html`<ul>${o.evidence.map(
        (e) => html`<li><a href="${evidenceHref(e)}">${e.title}</a> <span class="muted">${evidenceMeta(e)}</span></li>`,
      )}</ul>`
    : html`<p class="muted">${t('commitment.noEvidence')}</p>`;
  const fileAction = planUrls.milestoneEvidence(o.milestoneId);
  const evidenceDateField = (name: string) =>
    field(ctx, {
      name,
      label: t('commitment.efield.evidenceDate'),
      type: 'date',
      value: str(v[name]),
      required: true,
      errors: o.errors,
    });
  const fileField = field(ctx, {
    name: 'file',
    label: t('commitment.efield.file'),
    type: 'file',
    required: true,
    errors: o.errors,
    hint: t('commitment.hint.file', { types: EVIDENCE_EXTENSIONS.join(', '), mb: o.maxMb }),
    attrs: `accept="${EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(',')}"`,
  });
  return html`<h2 id="bukti">${t('commitment.evidence')}</h2>
${evidenceList}
${errorSummary(ctx, o.errors)}
<h3>${t('commitment.uploadFile')}</h3>
<form method="post" action="${fileAction}" enctype="multipart/form-data" class="stack" novalidate>${csrfField(ctx)}
${field(ctx, { name: 'title', label: t('commitment.efield.title'), value: str(v['title']), required: true, errors: o.errors })}
${evidenceDateField('evidenceDate')}
${visibility('')}
${fileField}
<button type="submit">${t('commitment.upload')}</button>
</form>
<h3>${t('commitment.addLink')}</h3>
<form method="post" action="${planUrls.milestoneLink(o.milestoneId)}" class="stack" novalidate>${csrfField(ctx)}
${field(ctx, { name: 'link-title', label: t('commitment.efield.title'), value: str(v['link-title']), required: true, errors: o.errors })}
${field(ctx, { name: 'link-url', label: t('commitment.efield.url'), type: 'url', value: str(v['link-url']), required: true, errors: o.errors })}
${evidenceDateField('link-evidenceDate')}
${visibility('link-')}
<button type="submit">${t('commitment.saveLink')}</button>
</form>`;
}
