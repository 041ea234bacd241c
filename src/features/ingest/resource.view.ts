import type { RequestContext } from '../../http/context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import type { ResourceView } from '../dataset/dataset.presenter.js';
import type { DatasetRow } from '../dataset/dataset.repository.js';
import { resourceSectionExtras } from '../dataset/dataset.hooks.js';
import { parseQuality } from './quality.js';
import { renderQualityReport } from './quality.view.js';

/** Multipart forms carry their CSRF token in the action URL (see http/request-context.ts). */
const multipartAction = (ctx: RequestContext, url: string) => `${url}?_csrf=${encodeURIComponent(ctx.csrfToken)}`;

function uploadFields(ctx: RequestContext, values: Record<string, string>, errors: FormError[], replacing: boolean): SafeHtml {
  const { t } = ctx;
  const error = errors.find((e) => e.field === 'file');
  return html`<div class="field${error ? ' has-error' : ''}"><label for="file">${t('resource.form.file')} <span class="req">(${t('form.required')})</span></label>
      <p class="hint" id="file-hint">${t('resource.form.fileHint')}</p>
      ${error ? html`<p class="error" id="file-error">${error.message}</p>` : ''}
      <input type="file" id="file" name="file" required accept=".csv,.tsv,.txt,.xlsx,.json" aria-describedby="file-hint${error ? ' file-error' : ''}"${raw(error ? ' aria-invalid="true"' : '')}></div>
    ${replacing ? '' : field(ctx, { name: 'name', label: t('resource.form.name'), value: values['name'], hint: t('resource.form.nameHint'), errors })}
    ${replacing ? '' : field(ctx, { name: 'description', label: t('resource.form.description'), type: 'textarea', value: values['description'], errors })}
    ${field(ctx, { name: 'sheet', label: t('resource.form.sheet'), value: values['sheet'], hint: t('resource.form.sheetHint'), errors })}
    ${field(ctx, { name: 'wilayahColumn', label: t('resource.form.wilayahColumn'), value: values['wilayahColumn'], hint: t('resource.form.wilayahColumnHint'), errors })}`;
}

export function renderNewResource(ctx: RequestContext, d: DatasetRow, values: Record<string, string>, errors: FormError[]): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('resource.new.title', { title: d.title })}</h1>
  ${errorSummary(ctx, errors)}
  <h2>${t('resource.new.upload')}</h2>
  <form method="post" action="${multipartAction(ctx, datasetUrls.newResource(d.name))}" enctype="multipart/form-data">
    ${uploadFields(ctx, values, errors, false)}
    <button type="submit">${t('resource.form.upload')}</button>
  </form>
  <h2>${t('resource.new.link')}</h2>
  <form method="post" action="${datasetUrls.newResource(d.name)}?jenis=tautan">
    ${csrfField(ctx)}
    ${field(ctx, { name: 'linkName', label: t('resource.form.name'), value: values['linkName'], required: true, errors })}
    ${field(ctx, { name: 'url', label: t('resource.form.url'), type: 'url', value: values['url'], required: true, errors })}
    ${field(ctx, { name: 'format', label: t('resource.form.format'), value: values['format'], hint: t('resource.form.formatHint'), errors })}
    <button type="submit" class="secondary">${t('resource.form.addLink')}</button>
  </form>`;
}

export function renderResourcePage(ctx: RequestContext, d: DatasetRow, v: ResourceView, o: { canEdit: boolean; internal: boolean; errors: FormError[]; errorMessage: string | null }): SafeHtml {
  const { t, locale } = ctx;
  const r = v.row;
  const job = v.job;
  const q = parseQuality(v.store?.quality_json);
  const running = job && (job.state === 'queued' || job.state === 'running');
  return html`<h1>${r.name} <span class="badge">${r.format || t('resource.link')}</span></h1>
  ${r.description ? html`<p class="lead">${r.description}</p>` : ''}
  ${job ? html`<div class="notice ${job.state === 'failed' ? 'warn' : job.state === 'done' ? 'ok' : ''}" role="status" aria-live="polite">
      <p><strong>${t(`resource.job.${job.state}`)}</strong>${job.state === 'done' ? html` · ${t('resource.rows', { n: formatNumber(locale, Number(job.rows_loaded)) })}` : ''}</p>
      ${running ? html`<p><label for="ingest-progress">${t('resource.progress')}</label> <progress id="ingest-progress" max="100" value="${Math.round(Number(job.progress) * 100)}">${Math.round(Number(job.progress) * 100)}%</progress> ${Math.round(Number(job.progress) * 100)}%</p><p class="muted">${t('resource.refreshing')}</p>` : ''}
      ${o.errorMessage ? html`<p>${o.errorMessage}</p>${v.store ? html`<p>${t('resource.previousKept')}</p>` : ''}` : ''}
    </div>` : ''}
  <dl class="meta">
    ${r.url_type === '' && r.url ? html`<div><dt>${t('resource.form.url')}</dt><dd><a href="${r.url}" rel="nofollow noopener">${r.url}</a></dd></div>` : ''}
    ${r.size !== null ? html`<div><dt>${t('resource.size')}</dt><dd>${formatNumber(locale, Math.max(1, Math.round(Number(r.size) / 1024)))} KB</dd></div>` : ''}
    ${r.sheet ? html`<div><dt>${t('resource.form.sheet')}</dt><dd>${r.sheet}</dd></div>` : ''}
    <div><dt>${t('resource.lastModified')}</dt><dd>${formatDate(locale, r.last_modified ?? r.created_at, true)}</dd></div>
    ${v.store ? html`<div><dt>${t('resource.datastore')}</dt><dd>${t('resource.rows', { n: formatNumber(locale, Number(v.store.row_count)) })} · ${t('resource.columns', { n: v.fields.length })}</dd></div>` : ''}
  </dl>
  ${r.original_file ? html`<p><a class="button secondary" href="${datasetUrls.resourceFile(d.name, r.id)}">${t('resource.downloadOriginal')}</a></p>` : ''}
  ${d.state === 'published' ? resourceSectionExtras.map((extra) => extra(r, d)) : ''}
  ${q && o.internal ? renderQualityReport(ctx, q, 2) : ''}
  ${o.canEdit && r.url_type === 'upload' ? html`<h2>${t('resource.replace.title')}</h2>
    ${errorSummary(ctx, o.errors)}
    <p class="hint">${t('resource.replace.hint')}</p>
    <form method="post" action="${multipartAction(ctx, datasetUrls.resourceReplace(d.name, r.id))}" enctype="multipart/form-data">
      ${uploadFields(ctx, { sheet: r.sheet ?? '' }, o.errors, true)}
      <button type="submit">${t('resource.replace.submit')}</button>
    </form>` : ''}
  ${o.canEdit ? html`<form method="post" action="${datasetUrls.resourceDelete(d.name, r.id)}">${csrfField(ctx)}<button type="submit" class="danger">${t('resource.delete')}</button></form>` : ''}
  <p><a href="${datasetUrls.page(d.name)}">${t('resource.backToDataset', { title: d.title })}</a></p>`;
}
