import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { checkbox, radioGroup, selectField, str } from '../../views/form-controls.js';
import { DOCUMENT_EXTENSIONS_HINT } from '../../files/file-type.js';
import { EARLY_RESULTS, IRM_COMPLETION, OPENED_GOVERNMENT, POTENTIAL } from '../../rubric/irm-scales.js';
import { CHECKS, type CheckKey } from './monitoring.schema.js';
import type { Suggestion } from './inception.service.js';
import { MAX_END_FILES } from './end-assessment.service.js';

type Values = Record<string, unknown>;
const LENSES = ['accessInfo', 'civicParticipation', 'publicAccountability', 'technology'] as const;

export interface CommitmentChoice {
  id: string;
  ogpId: string;
  title: string;
}

export function renderInceptionForm(
  ctx: RequestContext,
  o: {
    planId: string;
    planTitle: string;
    action: string;
    values: Values;
    errors: FormError[];
    suggestions: Record<string, Suggestion>;
    commitments: CommitmentChoice[];
  },
): SafeHtml {
  const { t } = ctx;
  const v = (k: string) => str(o.values[k]);
  const yesNo = [
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ];
  // "Met" where the platform's own records say not: warned beside the check and confirmed once at the end.
  const contradicts = (k: CheckKey) => v(`${k}.met`) === 'yes' && o.suggestions[k]?.met === false;
  const contradicted = CHECKS.filter(contradicts);
  const confirmBox = contradicted.length
    ? html`<div class="notice warn" id="contradictions"><h2>${t('monitoring.contradictionTitle')}</h2>
<p>${t('monitoring.contradictionIntro')}</p>
<ul>${contradicted.map((k) => html`<li><a href="#${k}.met">${t(`monitoring.check.${k}`)}</a>: ${o.suggestions[k]?.note ?? ''}</li>`)}</ul>
${checkbox({ name: 'confirmContradiction', label: t('monitoring.confirmContradiction'), checked: !!o.values['confirmContradiction'], errors: o.errors })}
</div>`
    : '';
  return html`<h1>${t('monitoring.inceptionFor', { title: o.planTitle })}</h1>
<p class="lead">${t('monitoring.inceptionIntro')}</p>
${errorSummary(ctx, o.errors)}
<form method="post" action="${o.action}" novalidate>${csrfField(ctx)}
<h2>${t('monitoring.processChecks')}</h2>
${CHECKS.map(
  (k) => html`<fieldset><legend>${t(`monitoring.check.${k}`)}</legend>
<p class="hint">${t('monitoring.platformSays')}: ${o.suggestions[k]?.met ? t('common.yes') : t('common.no')} — ${o.suggestions[k]?.note ?? ''}</p>
${contradicts(k) ? html`<p class="notice warn">${t('monitoring.contradictionHere')}</p>` : ''}
${radioGroup(ctx, { name: `${k}.met`, legend: t('monitoring.met'), choices: yesNo, value: v(`${k}.met`), required: true, errors: o.errors })}
${field(ctx, {
  name: `${k}.note`,
  label: t('monitoring.evidenceNote'),
  hint: t('monitoring.evidenceHint'),
  type: 'textarea',
  value: v(`${k}.note`),
  required: true,
  errors: o.errors,
})}
</fieldset>`,
)}
<h2>${t('monitoring.commitmentsCaption')}</h2>
${
  o.commitments.length
    ? o.commitments.map(
        (c, i) => html`<fieldset><legend>${c.ogpId} — ${c.title}</legend>
<input type="hidden" name="commitments.${i}.commitmentId" value="${c.id}">
${radioGroup(ctx, {
  name: `commitments.${i}.verifiable`,
  legend: t('monitoring.verifiable'),
  hint: t('monitoring.verifiableHint'),
  choices: yesNo,
  value: v(`commitments.${i}.verifiable`),
  required: true,
  errors: o.errors,
})}
<fieldset><legend>${t('monitoring.lens')}</legend><p class="hint">${t('monitoring.lensHint')}</p>
${LENSES.map((l) =>
  checkbox({
    name: `commitments.${i}.lenses.${l}`,
    label: t(`monitoring.lens.${l}`),
    checked: !!o.values[`commitments.${i}.lenses.${l}`],
    errors: o.errors,
  }),
)}</fieldset>
${radioGroup(ctx, {
  name: `commitments.${i}.potential`,
  legend: t('monitoring.potential'),
  choices: POTENTIAL.map((p) => ({ value: p, label: t(`monitoring.potential.${p}`) })),
  value: v(`commitments.${i}.potential`),
  required: true,
  errors: o.errors,
})}
${field(ctx, { name: `commitments.${i}.note`, label: t('monitoring.note'), type: 'textarea', value: v(`commitments.${i}.note`), errors: o.errors })}
</fieldset>`,
      )
    : html`<p>${t('monitoring.noCommitments')}</p>`
}
${field(ctx, { name: 'summary', label: t('monitoring.summary'), type: 'textarea', value: v('summary'), errors: o.errors })}
${checkbox({ name: 'publish', label: t('monitoring.publish'), checked: !!o.values['publish'] })}
${confirmBox}
<button type="submit">${t('common.save')}</button> <a href="/rencana-aksi/${o.planId}/pemantauan">${t('common.cancel')}</a>
</form>`;
}

export function renderEndForm(
  ctx: RequestContext,
  o: {
    ogpId: string;
    title: string;
    values: Values;
    errors: FormError[];
    values_: { accessInfo: boolean; civicParticipation: boolean; publicAccountability: boolean };
    dueDate: string | null;
    existingFiles: number;
    /** The commitment's end date, and whether today is before it (the review then needs a reason). */
    endDate: string;
    beforeEnd: boolean;
    /** Plans from before the IRM's 2021 refresh rate "did it open government" per value claimed. */
    openedGovernmentRequired: boolean;
  },
): SafeHtml {
  const { t } = ctx;
  const v = (k: string) => str(o.values[k]);
  const ogChoices = OPENED_GOVERNMENT.map((g) => ({ value: g, label: t(`monitoring.og.${g}`) }));
  const ogField = (name: string, lens: 'accessInfo' | 'civicParticipation' | 'publicAccountability') => {
    const required = o.openedGovernmentRequired && o.values_[lens];
    return selectField(ctx, {
      name,
      label: t('monitoring.openedGov', { value: t(`monitoring.lens.${lens}`) }),
      choices: ogChoices,
      value: v(name),
      empty: t('monitoring.notApplicable'),
      required,
      hint: required ? t('monitoring.valueClaimed') : undefined,
      errors: o.errors,
    });
  };
  const reason =
    o.beforeEnd || v('beforeEndReason')
      ? field(ctx, {
          name: 'beforeEndReason',
          label: t('monitoring.beforeEndReason'),
          hint: t('monitoring.beforeEndHint', { date: o.endDate }),
          type: 'textarea',
          value: v('beforeEndReason'),
          required: o.beforeEnd,
          errors: o.errors,
        })
      : '';
  return html`<h1>${t('monitoring.endFor', { ogpId: o.ogpId })}</h1>
<p class="lead">${o.title}</p>
${o.dueDate ? html`<p>${t('monitoring.dueDate')}: <time datetime="${o.dueDate}">${o.dueDate}</time></p>` : ''}
${errorSummary(ctx, o.errors)}
<form method="post" action="/monitoring/komitmen/${o.ogpId}/akhir" enctype="multipart/form-data" novalidate>${csrfField(ctx)}
${selectField(ctx, {
  name: 'completion',
  label: t('monitoring.completion'),
  choices: IRM_COMPLETION.map((c) => ({ value: c, label: t(`monitoring.completion.${c}`) })),
  value: v('completion'),
  required: true,
  errors: o.errors,
})}
${selectField(ctx, {
  name: 'earlyResults',
  label: t('monitoring.earlyResults'),
  hint: t('monitoring.earlyHint'),
  choices: EARLY_RESULTS.map((r) => ({ value: r, label: t(`monitoring.early.${r}`) })),
  value: v('earlyResults'),
  empty: o.openedGovernmentRequired ? t('monitoring.notApplicable') : t('monitoring.chooseLevel'),
  required: !o.openedGovernmentRequired,
  errors: o.errors,
})}
<fieldset><legend>${t('monitoring.openedGovLegend')}</legend>
<p class="hint">${o.openedGovernmentRequired ? t('monitoring.openedGovUsed') : t('monitoring.openedGovOptional')}</p>
${ogField('ogAccessInfo', 'accessInfo')}${ogField('ogCivicParticipation', 'civicParticipation')}${ogField('ogPublicAccountability', 'publicAccountability')}
</fieldset>
${reason}
${field(ctx, { name: 'lessons', label: t('monitoring.lessons'), type: 'textarea', value: v('lessons'), required: true, errors: o.errors })}
<div class="field${o.errors.some((e) => e.field === 'files') ? ' has-error' : ''}"><label for="files">${t('monitoring.files')}</label>
<p class="hint" id="files-hint">${t('monitoring.filesHint', { max: MAX_END_FILES, have: o.existingFiles, types: DOCUMENT_EXTENSIONS_HINT })}</p>
${o.errors.filter((e) => e.field === 'files').map((e) => html`<p class="error">${e.message}</p>`)}
<input type="file" id="files" name="files" multiple aria-describedby="files-hint"></div>
${checkbox({ name: 'publish', label: t('monitoring.publish'), checked: !!o.values['publish'] })}
<button type="submit">${t('common.save')}</button>
</form>`;
}

export function renderSelfForm(
  ctx: RequestContext,
  o: { planId: string; planTitle: string; values: Values; errors: FormError[] },
): SafeHtml {
  const { t } = ctx;
  const v = (k: string) => str(o.values[k]);
  return html`<h1>${t('monitoring.selfFor', { title: o.planTitle })}</h1>
${errorSummary(ctx, o.errors)}
<form method="post" action="/monitoring/rencana/${o.planId}/swa-penilaian" novalidate>${csrfField(ctx)}
${field(ctx, { name: 'title', label: t('monitoring.selfTitle'), value: v('title'), required: true, errors: o.errors })}
${field(ctx, { name: 'periodStart', label: t('monitoring.periodStart'), type: 'date', value: v('periodStart'), required: true, errors: o.errors })}
${field(ctx, {
  name: 'periodEnd',
  label: t('monitoring.periodEnd'),
  hint: t('monitoring.periodEndHint'),
  type: 'date',
  value: v('periodEnd'),
  required: true,
  errors: o.errors,
})}
${field(ctx, {
  name: 'body',
  label: t('monitoring.selfBody'),
  hint: t('monitoring.selfHint'),
  type: 'textarea',
  value: v('body'),
  required: true,
  errors: o.errors,
})}
<button type="submit">${t('monitoring.publishReport')}</button> <a href="/rencana-aksi/${o.planId}/pemantauan">${t('common.cancel')}</a>
</form>`;
}
