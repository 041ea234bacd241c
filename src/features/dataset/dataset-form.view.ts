import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { LICENSES } from './licenses.js';
import { UPDATE_FREQUENCIES, type DatasetReviewTable } from './dataset.table.js';
import { versionFields } from '../../views/conflict.view.js';
import { fieldComments } from './dataset.view.js';

export type FormValues = Record<string, string>;

function select(
  ctx: RequestContext,
  name: string,
  label: string,
  options: Array<[string, string]>,
  value: string,
  reviews: DatasetReviewTable[],
): SafeHtml {
  return html`<div class="field"><label for="${name}">${label}</label>
    ${fieldComments(ctx, reviews, name)}
    <select id="${name}" name="${name}">
      ${options.map(([v, l]) => html`<option value="${v}"${raw(v === value ? ' selected' : '')}>${l}</option>`)}</select></div>`;
}

/** The create/edit form; walidata comments appear above the field they concern. */
export function renderDatasetForm(
  ctx: RequestContext,
  o: {
    action: string;
    values: FormValues;
    errors: FormError[];
    creating: boolean;
    organizations: Array<{ slug: string; name: string }>;
    groups: Array<{ name: string; title: string }>;
    reviews: DatasetReviewTable[];
  },
): SafeHtml {
  const { t } = ctx;
  const v = o.values;
  const f = (name: string, type = 'text', required = false, hint?: string) => {
    const comments = fieldComments(ctx, o.reviews, name);
    const label = t(`dataset.field.${name}`);
    return html`${comments}${field(ctx, { name, label, type, value: v[name] ?? '', required, hint, errors: o.errors })}`;
  };
  const groupChecked = (name: string) => raw((v['groups'] ?? '').split(',').includes(name) ? ' checked' : '');
  const privateChecked = raw(v['private'] === 'on' ? ' checked' : '');
  return html`<h1>${o.creating ? t('dataset.form.createTitle') : t('dataset.form.editTitle', { title: v['title'] ?? '' })}</h1>
  ${errorSummary(ctx, o.errors)}
  ${fieldComments(ctx, o.reviews, 'general')}
  <form method="post" action="${o.action}" novalidate>
    ${csrfField(ctx)}${versionFields(v)}
    <fieldset><legend>${t('dataset.form.basics')}</legend>
    ${f('title', 'text', true)}
    ${
      o.creating
        ? html`${f('name', 'text', true, t('dataset.form.nameHint'))}
      ${select(
        ctx,
        'organization',
        t('dataset.field.organization'),
        o.organizations.map((x) => [x.slug, x.name]),
        v['organization'] ?? '',
        o.reviews,
      )}`
        : ''
    }
    ${f('notes', 'textarea')}
    ${f('tags', 'text', false, t('dataset.form.tagsHint'))}
    <div class="field"><fieldset><legend>${t('dataset.field.groups')}</legend>${fieldComments(ctx, o.reviews, 'groups')}
      ${o.groups.map((g) => html`<label class="check"><input type="checkbox" name="groups" value="${g.name}"${groupChecked(g.name)}> ${g.title}</label>`)}
    </fieldset></div>
    ${select(
      ctx,
      'licenseId',
      t('dataset.field.license'),
      LICENSES.map((l) => [l.id, l.title]),
      v['licenseId'] || 'cc-by-4.0',
      o.reviews,
    )}
    ${f('contactName')}
    ${f('contactEmail', 'email')}
    </fieldset>
    <fieldset><legend>${t('dataset.form.schedule')}</legend>
    ${select(
      ctx,
      'updateFrequency',
      t('dataset.field.updateFrequency'),
      UPDATE_FREQUENCIES.map((x) => [x, t(`dataset.frequency.${x}`)]),
      v['updateFrequency'] || 'annual',
      o.reviews,
    )}
    ${f('nextReleaseDate', 'date')}
    ${o.creating ? '' : f('nextReleaseDateCorrectionReason', 'textarea', false, t('dataset.hint.nextReleaseDateCorrectionReason'))}
    ${f('temporalStart', 'date')}
    ${f('temporalEnd', 'date')}
    ${f('spatialCodes', 'text', false, t('dataset.form.spatialHint'))}
    </fieldset>
    <fieldset><legend>${t('dataset.form.standard')}</legend>
    <p class="hint">${t('dataset.form.standardHint')}</p>
    ${f('concept', 'textarea')}
    ${f('definition', 'textarea')}
    ${f('classification', 'textarea')}
    ${f('measure')}
    ${f('unit')}
    ${f('source', 'textarea')}
    ${f('method', 'textarea')}
    ${f('indicatorFormula', 'textarea')}
    ${f('indicatorInterpretation', 'textarea')}
    </fieldset>
    <div class="field"><label class="check"><input type="checkbox" name="private" value="on"${privateChecked}> ${t('dataset.field.private')}</label></div>
    <button type="submit">${o.creating ? t('dataset.form.create') : t('dataset.form.save')}</button>
  </form>`;
}
