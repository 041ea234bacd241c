import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { formatDate } from '../../i18n/i18n.js';
import type { IndicatorRow } from './indicator.service.js';
import type { SourceRow } from './indicator.repository.js';
import type { listHistory } from './indicator.repository.js';
import type { IndicatorDerivationTable } from './indicator.table.js';
import { AGGREGATIONS, DIRECTIONS, LEVELS, VALUE_STATUSES } from './indicator.table.js';
import { indicatorUrls, nameOf } from './indicator.presenter.js';
import { derivationWarnings, officialBadge } from './indicator.view.js';
import { sourceRemovalOf } from './derivation-source.js';
import type { SubmissionListRow } from './indicator-review.service.js';
import { numberFormatSelect, submissionsSection } from './indicator-review.view.js';
import { protectionFields, protectionSection, protectionValues } from './disclosure/protection-form.view.js';
import { withVersion } from '../../views/conflict.view.js';
import type { Choice } from '../../views/form-controls.js';

export interface Option {
  value: string;
  label: string;
}

function derivationStatus(ctx: RequestContext, d: IndicatorDerivationTable): string {
  const removal = sourceRemovalOf(d);
  if (removal)
    return ctx.t(`indicator.sourceRemoved.status.${removal.reason}`, { date: formatDate(ctx.locale, removal.at) });
  if (d.last_status === 'pending_review') return ctx.t('isub.derivationPending');
  return `${d.last_status}${d.last_message ? ` (${d.last_message})` : ''}`;
}

export function select(
  ctx: RequestContext,
  o: {
    name: string;
    id?: string;
    label: string;
    options: Option[];
    value?: string;
    errors?: FormError[];
    required?: boolean;
  },
): SafeHtml {
  const id = o.id ?? o.name;
  const error = o.errors?.find((e) => e.field === id);
  const describedBy = raw(error ? ` aria-describedby="${id}-error" aria-invalid="true"` : '');
  const options = o.options.map(
    (opt) => html`<option value="${opt.value}"${raw(opt.value === o.value ? ' selected' : '')}>${opt.label}</option>`,
  );
  return html`<div class="field${error ? ' has-error' : ''}">
<label for="${id}">${o.label}${o.required ? html` <span class="req">(${ctx.t('form.required')})</span>` : ''}</label>
${error ? html`<p class="error" id="${id}-error">${error.message}</p>` : ''}
<select id="${id}" name="${o.name}"${describedBy}>${options}</select></div>`;
}

export interface ManageModel {
  indicator: IndicatorRow;
  sources: SourceRow[];
  editableSources: SourceRow[];
  canCatalogue: boolean;
  organizations: Option[];
  wilayah: Option[];
  derivations: IndicatorDerivationTable[];
  history: Awaited<ReturnType<typeof listHistory>>;
  submissions: SubmissionListRow[];
  form?: string;
  errors?: FormError[];
  values?: Record<string, string>;
  notice?: string;
  /** Indicators this one can be a breakdown of. */
  totals?: Choice[];
}

export function renderManage(ctx: RequestContext, m: ManageModel): SafeHtml {
  const { t, locale } = ctx;
  const code = m.indicator.code;
  // Several forms share field names; their ids are made unique per form and errors follow the ids.
  const ids: Record<string, Record<string, string>> = {
    designate: { sourceId: 'official-sourceId' },
    value: { sourceId: 'value-sourceId', citation: 'valueCitation' },
    import: { sourceId: 'import-sourceId' },
    derive: { sourceId: 'derive-sourceId' },
  };
  const errs = (form: string) =>
    m.form === form ? (m.errors ?? []).map((e) => ({ ...e, field: ids[form]?.[e.field] ?? e.field })) : [];
  const val = (form: string, name: string, fallback = '') =>
    m.form === form ? (m.values?.[name] ?? fallback) : fallback;
  const sourceOptions = (list: SourceRow[]) =>
    list.map((s) => ({
      value: s.id,
      label: `${s.producer}${s.id === m.indicator.official_source_id ? ` (${t('indicator.official')})` : ''}`,
    }));
  const formBlock = (
    id: string,
    title: string,
    body: SafeHtml,
    opts: { action: string; multipart?: boolean },
  ) => html`<section aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>
${m.form === id ? errorSummary(ctx, errs(id)) : ''}
<form method="post" action="${opts.action}" class="stack"${raw(opts.multipart ? ' enctype="multipart/form-data"' : '')}>${csrfField(ctx)}${body}</form>
</section>`;
  return html`<h1>${t('indicator.manage')}: ${nameOf(m.indicator, locale)}</h1>
<p><a href="${indicatorUrls.page(code)}">${nameOf(m.indicator, locale)}</a></p>
${m.notice ? html`<p class="notice ok" role="status">${m.notice}</p>` : ''}
${derivationWarnings(ctx, m.derivations)}
${submissionsSection(ctx, m.submissions)}
${
  m.canCatalogue
    ? protectionSection(ctx, {
        code,
        totals: m.totals ?? [],
        active: m.form === 'protection',
        errors: errs('protection'),
        values:
          m.form === 'protection'
            ? (m.values ?? {})
            : (withVersion(protectionValues(m.indicator), m.indicator.edit_version) as Record<string, string>),
      })
    : ''
}
${
  m.canCatalogue && m.sources.length
    ? formBlock(
        'designate',
        t('indicator.form.designate'),
        html`
${select(ctx, {
  name: 'sourceId',
  id: 'official-sourceId',
  label: t('indicator.officialSource'),
  options: sourceOptions(m.sources),
  value: m.indicator.official_source_id ?? '',
  errors: errs('designate'),
})}
<button type="submit">${t('indicator.form.designate')}</button>`,
        { action: `${indicatorUrls.page(code)}/resmi` },
      )
    : ''
}
${formBlock(
  'source',
  t('indicator.form.addSource'),
  html`
${select(ctx, {
  name: 'organizationId',
  label: t('indicator.field.organization'),
  options: m.organizations,
  value: val('source', 'organizationId'),
  errors: errs('source'),
})}
${field(ctx, { name: 'producer', label: t('indicator.producer'), required: true, value: val('source', 'producer'), errors: errs('source') })}
${field(ctx, { name: 'method', label: t('indicator.method'), type: 'textarea', required: true, value: val('source', 'method'), errors: errs('source') })}
${field(ctx, { name: 'citation', label: t('indicator.citation'), value: val('source', 'citation'), errors: errs('source') })}
<button type="submit">${t('indicator.form.addSource')}</button>`,
  { action: `${indicatorUrls.page(code)}/sumber` },
)}
${
  m.editableSources.length
    ? formBlock(
        'value',
        t('indicator.form.addValue'),
        html`
${select(ctx, {
  name: 'sourceId',
  id: 'value-sourceId',
  label: t('indicator.field.sourceId'),
  options: sourceOptions(m.editableSources),
  value: val('value', 'sourceId'),
  errors: errs('value'),
  required: true,
})}
${select(ctx, {
  name: 'wilayahKode',
  label: t('indicator.wilayah'),
  options: m.wilayah,
  value: val('value', 'wilayahKode'),
  errors: errs('value'),
  required: true,
})}
${field(ctx, {
  name: 'period',
  label: t('indicator.period'),
  hint: t('indicator.badPeriod'),
  required: true,
  value: val('value', 'period'),
  errors: errs('value'),
})}
${field(ctx, {
  name: 'value',
  label: `${t('indicator.value')} (${m.indicator.unit})`,
  required: true,
  value: val('value', 'value'),
  errors: errs('value'),
  attrs: 'inputmode="decimal"',
})}
${select(ctx, {
  name: 'status',
  label: t('indicator.status'),
  options: VALUE_STATUSES.map((s) => ({ value: s, label: t(`indicator.status.${s}`) })),
  value: val('value', 'status', 'final'),
  errors: errs('value'),
})}
${field(ctx, { name: 'denominator', label: t('indicator.denominator'), value: val('value', 'denominator'), errors: errs('value') })}
${field(ctx, { name: 'filters', label: t('indicator.filters'), value: val('value', 'filters'), errors: errs('value') })}
${field(ctx, { name: 'missingCount', label: t('indicator.missing'), type: 'number', value: val('value', 'missingCount'), errors: errs('value') })}
${field(ctx, { name: 'note', label: t('indicator.note'), value: val('value', 'note'), errors: errs('value') })}
${field(ctx, { name: 'valueCitation', label: t('indicator.citation'), value: val('value', 'citation'), errors: errs('value') })}
<button type="submit">${t('common.save')}</button>`,
        { action: `${indicatorUrls.page(code)}/nilai` },
      )
    : ''
}
${
  m.editableSources.length
    ? formBlock(
        'import',
        t('indicator.form.import'),
        html`
${select(ctx, {
  name: 'sourceId',
  id: 'import-sourceId',
  label: t('indicator.field.sourceId'),
  options: sourceOptions(m.editableSources),
  errors: errs('import'),
})}
${field(ctx, {
  name: 'file',
  label: t('indicator.field.file'),
  type: 'file',
  hint: t('indicator.field.fileHint'),
  errors: errs('import'),
  attrs: 'accept=".csv,.xlsx"',
})}
<div class="field">
<input type="checkbox" id="replace" name="replace" value="true"> <label for="replace" class="inline-label">${t('indicator.field.replace')}</label></div>
${numberFormatSelect(ctx, val('import', 'numberFormat', 'auto'), 'import-numberFormat')}
${
  m.canCatalogue
    ? ''
    : field(ctx, {
        name: 'submissionNote',
        label: t('isub.note'),
        hint: t('isub.noteHint'),
        type: 'textarea',
        value: val('import', 'submissionNote'),
        errors: errs('import'),
      })
}
<button type="submit">${t('indicator.form.import')}</button>`,
        { action: `${indicatorUrls.page(code)}/impor`, multipart: true },
      )
    : ''
}
${
  m.editableSources.length
    ? formBlock(
        'derive',
        t('indicator.form.derive'),
        html`
${select(ctx, {
  name: 'sourceId',
  id: 'derive-sourceId',
  label: t('indicator.field.sourceId'),
  options: sourceOptions(m.editableSources),
  errors: errs('derive'),
})}
${(['datasetId', 'resourceId', 'valueColumn', 'wilayahColumn', 'periodColumn', 'fixedPeriod'] as const).map((n) =>
  field(ctx, {
    name: n,
    label: t(`indicator.field.${n}`),
    value: val('derive', n),
    errors: errs('derive'),
    required: !['periodColumn', 'fixedPeriod'].includes(n),
  }),
)}
${select(ctx, {
  name: 'aggregation',
  label: t('indicator.field.aggregation'),
  options: AGGREGATIONS.map((a) => ({ value: a, label: a })),
  value: val('derive', 'aggregation', 'sum'),
  errors: errs('derive'),
})}
<button type="submit">${t('indicator.form.derive')}</button>`,
        { action: `${indicatorUrls.page(code)}/turunan` },
      )
    : ''
}
${
  m.derivations.length
    ? html`<section aria-labelledby="der-h"><h2 id="der-h">${t('indicator.derivations')}</h2>
<div class="table-scroll" tabindex="0" role="region" aria-label="${t('indicator.tableRegion')}"><table><caption>${t('indicator.derivations')}</caption>
<thead><tr><th scope="col">${t('indicator.field.resourceId')}</th><th scope="col">${t('indicator.field.aggregation')}</th>
<th scope="col">${t('indicator.derivationStatus')}</th><th scope="col">${t('indicator.history.when')}</th></tr></thead>
<tbody>${m.derivations.map(
        (d) => html`<tr><th scope="row">${d.resource_id}</th>
<td>${d.aggregation}(${d.value_column}) · ${d.wilayah_column}${d.period_column ? ` · ${d.period_column}` : ` · ${d.fixed_period ?? ''}`}</td>
<td>${derivationStatus(ctx, d)}</td><td>${formatDate(locale, d.last_run_at, true)}</td></tr>`,
      )}</tbody></table></div></section>`
    : ''
}
<section aria-labelledby="hist-h"><h2 id="hist-h">${t('indicator.form.history')}</h2>${
    m.history.length
      ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t('indicator.tableRegion')}"><table>
<caption>${t('indicator.form.history')}</caption>
<thead><tr><th scope="col">${t('indicator.history.when')}</th><th scope="col">${t('indicator.wilayah')}</th>
<th scope="col">${t('indicator.period')}</th><th scope="col" class="num">${t('indicator.history.before')}</th>
<th scope="col" class="num">${t('indicator.history.after')}</th><th scope="col">${t('indicator.status')}</th>
<th scope="col">${t('indicator.history.who')}</th></tr></thead>
<tbody>${m.history.map(
          (h) => html`<tr>
<th scope="row">${formatDate(locale, h.changed_at, true)}</th><td>${h.wilayah_kode}</td><td>${h.period}</td>
<td class="num">${h.previous_value ?? '—'}</td><td class="num">${h.new_value ?? '—'}</td><td>${
            h.previous_status ? `${h.previous_status} → ` : ''
          }${h.new_status}</td>
<td>${h.actor_label} (${h.origin})</td></tr>`,
        )}</tbody></table></div>`
      : html`<p>${t('common.none')}</p>`
  }</section>
<p>${m.sources.map((s) => html`<span>${s.producer} ${officialBadge(ctx, s.id === m.indicator.official_source_id)} </span>`)}</p>`;
}

export function renderCreateForm(
  ctx: RequestContext,
  organizations: Option[],
  errors: FormError[] = [],
  values: Record<string, string> = {},
  totals: Choice[] = [],
): SafeHtml {
  const { t } = ctx;
  const v = (n: string, d = '') => values[n] ?? d;
  return html`<h1>${t('indicator.create')}</h1>${errorSummary(ctx, errors)}
<form method="post" action="${indicatorUrls.create()}" class="stack">${csrfField(ctx)}
${field(ctx, { name: 'code', label: t('indicator.field.code'), hint: t('indicator.field.codeHint'), required: true, value: v('code'), errors })}
${field(ctx, { name: 'nameId', label: t('indicator.field.nameId'), required: true, value: v('nameId'), errors })}
${field(ctx, { name: 'nameEn', label: t('indicator.field.nameEn'), required: true, value: v('nameEn'), errors })}
${(['concept', 'definition', 'interpretation', 'formula', 'classification'] as const).map((n) =>
  field(ctx, {
    name: n,
    label: t(`indicator.field.${n}`),
    type: 'textarea',
    value: v(n),
    errors,
  }),
)}
${field(ctx, { name: 'unit', label: t('indicator.field.unit'), required: true, value: v('unit'), errors })}
${field(ctx, { name: 'measure', label: t('indicator.field.measure'), value: v('measure'), errors })}
${select(ctx, {
  name: 'lowestLevel',
  label: t('indicator.field.lowestLevel'),
  options: LEVELS.map((l) => ({ value: l, label: t(`indicator.level.${l}`) })),
  value: v('lowestLevel', 'kota'),
  errors,
})}
${select(ctx, {
  name: 'betterDirection',
  label: t('indicator.field.betterDirection'),
  options: DIRECTIONS.map((d) => ({ value: d, label: t(`indicator.direction.${d}`) })),
  value: v('betterDirection', 'neutral'),
  errors,
})}
${field(ctx, { name: 'decimals', label: t('indicator.field.decimals'), type: 'number', value: v('decimals', '0'), errors })}
${protectionFields(ctx, { values, errors, totals })}
${select(ctx, { name: 'producerOrgId', label: t('indicator.field.producers'), options: organizations, value: v('producerOrgId'), errors })}
${field(ctx, { name: 'datasetIds', label: t('indicator.field.datasets'), value: v('datasetIds'), errors })}
<button type="submit">${t('common.save')}</button></form>`;
}
