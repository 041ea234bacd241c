import type { RequestContext } from '../../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../../views/layout.js';
import { formatDate, formatNumber } from '../../../i18n/i18n.js';
import { datasetUrls } from '../dataset.urls.js';
import type { ResourceView } from '../dataset-detail.service.js';
import type { DatasetRow } from '../dataset.repository.js';
import type { ResourceSectionExtra } from '../dataset.hooks.js';
import { renderQualityReport } from './quality.view.js';
import { discardStagedUrl } from '../dataset.view.js';
import { originalLinkIsPublic } from '../../privacy/findings.js';
import { parseQuality } from '../../datastore/quality-report.js';
import { jobRunning, type IngestJobTable } from './ingest-job.table.js';

function uploadFields(
  ctx: RequestContext,
  values: Record<string, string>,
  errors: FormError[],
  replacing: boolean,
): SafeHtml {
  const { t } = ctx;
  const error = errors.find((e) => e.field === 'file');
  // The token goes first: the multipart reader checks it before it reads the file.
  return html`${csrfField(ctx)}<div class="field${error ? ' has-error' : ''}">
<label for="file">${t('resource.form.file')} <span class="req">(${t('form.required')})</span></label>
      <p class="hint" id="file-hint">${t('resource.form.fileHint')}</p>
      ${error ? html`<p class="error" id="file-error">${error.message}</p>` : ''}
      <input type="file" id="file" name="file" required accept=".csv,.tsv,.txt,.xlsx,.json"
      aria-describedby="file-hint${error ? ' file-error' : ''}"${raw(error ? ' aria-invalid="true"' : '')}>
</div>
    ${replacing ? '' : field(ctx, { name: 'name', label: t('resource.form.name'), value: values['name'], hint: t('resource.form.nameHint'), errors })}
    ${replacing ? '' : field(ctx, { name: 'description', label: t('resource.form.description'), type: 'textarea', value: values['description'], errors })}
    ${field(ctx, { name: 'sheet', label: t('resource.form.sheet'), value: values['sheet'], hint: t('resource.form.sheetHint'), errors })}
    ${field(ctx, {
      name: 'wilayahColumn',
      label: t('resource.form.wilayahColumn'),
      value: values['wilayahColumn'],
      hint: t('resource.form.wilayahColumnHint'),
      errors,
    })}`;
}

export function renderNewResource(
  ctx: RequestContext,
  d: DatasetRow,
  values: Record<string, string>,
  errors: FormError[],
): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('resource.new.title', { title: d.title })}</h1>
  ${d.state === 'published' ? html`<p class="notice">${t('resource.staged.addHint', { n: d.version + 1 })}</p>` : ''}
  ${errorSummary(ctx, errors)}
  <h2>${t('resource.new.upload')}</h2>
  <form method="post" action="${datasetUrls.newResource(d.name)}" enctype="multipart/form-data">
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

/** An ingest job's state, progress (the page refreshes while it runs) and error. */
function jobNotice(
  ctx: RequestContext,
  job: IngestJobTable,
  errorMessage: string | null,
  kept: string | null,
  idSuffix = '',
): SafeHtml {
  const { t, locale } = ctx;
  const running = jobRunning(job.state);
  const pct = Math.round(Number(job.progress) * 100);
  return html`<div class="notice ${job.state === 'failed' ? 'warn' : job.state === 'done' ? 'ok' : ''}" role="status" aria-live="polite">
      <p><strong>${t(`resource.job.${job.state}`)}</strong>${
        job.state === 'done' ? html` · ${t('resource.rows', { n: formatNumber(locale, Number(job.rows_loaded)) })}` : ''
      }</p>
      ${
        running
          ? html`<p>
<label for="ingest-progress${idSuffix}">${t('resource.progress')}</label> <progress id="ingest-progress${idSuffix}"
max="100" value="${pct}">${pct}%</progress> ${pct}%</p>
<p class="muted">${t('resource.refreshing')}</p>`
          : ''
      }
      ${errorMessage ? html`<p>${errorMessage}</p>${kept ? html`<p>${kept}</p>` : ''}` : ''}
    </div>`;
}

/** What is staged for this resource in a published dataset's next version (producers and the walidata). */
export interface ResourceStaging {
  /** This is a staged new resource (hidden until approval). */
  isNew: boolean;
  /** This is the upload of a new resource that has not joined the revision: still loading, or failed. */
  newUpload: { loadId: string; failed: boolean } | null;
  /** Marked for removal with the next version. */
  removal: boolean;
  /** New data loaded and waiting for the walidata. */
  pendingData: { fileName: string; rows: number } | null;
  /** The latest file loading (or failed) as new data for this resource. */
  load: { id: string; fileName: string; job: IngestJobTable | undefined; errorMessage: string | null } | null;
  /** The producer may stage changes now (upload new data, remove, discard). */
  canStage: boolean;
}

function discardForm(ctx: RequestContext, d: DatasetRow, id: string, label: string): SafeHtml {
  return html`<form method="post" action="${discardStagedUrl(d.name, id)}">${csrfField(ctx)}<button type="submit" class="secondary">${label}</button></form>`;
}

function stagingSection(
  ctx: RequestContext,
  d: DatasetRow,
  r: ResourceView['row'],
  s: ResourceStaging,
  errors: FormError[],
): SafeHtml {
  const { t, locale } = ctx;
  const n = d.version + 1;
  const live = !s.isNew && !s.removal && !s.newUpload;
  const failedUpload = s.newUpload?.failed === true;
  // Another file: new data for a live resource, a newer file for a staged new one, or a failed upload tried again.
  const fileForm = s.canStage && r.url_type === 'upload' && (live || s.isNew || failedUpload);
  const [formTitle, formHint, formSubmit] = s.isNew
    ? [
        t('dataset.staged.replaceFile'),
        t('dataset.staged.replaceHint', { file: r.name }),
        t('dataset.staged.replaceSubmit'),
      ]
    : failedUpload
      ? [t('resource.staged.retryTitle'), t('resource.staged.retryHint'), t('resource.staged.retrySubmit')]
      : [t('dataset.pending.upload'), t('dataset.pending.hint'), t('dataset.pending.submit')];
  return html`${
    s.isNew
      ? html`<div class="notice" role="status">
<p>${t('resource.staged.new', { n })}</p>${s.canStage ? discardForm(ctx, d, r.id, t('resource.staged.discard')) : ''}</div>`
      : ''
  }
  ${
    s.newUpload
      ? html`<div class="notice${failedUpload ? ' warn' : ''}" role="status">
<p>${t(failedUpload ? 'resource.staged.uploadFailed' : 'resource.staged.uploadLoading', { n })}</p>
${s.canStage && failedUpload ? discardForm(ctx, d, s.newUpload.loadId, t('resource.staged.discardUpload')) : ''}</div>`
      : ''
  }
  ${
    s.removal
      ? html`<div class="notice warn" role="status">
<p>${t('resource.staged.removal', { n })}</p>${s.canStage ? discardForm(ctx, d, r.id, t('resource.staged.undoRemoval')) : ''}</div>`
      : ''
  }
  ${s.pendingData || s.load ? html`<h2>${t('resource.staged.loadTitle', { n })}</h2>` : ''}
  ${
    s.pendingData
      ? html`<p>${t('resource.staged.pending', { file: s.pendingData.fileName, n: formatNumber(locale, s.pendingData.rows) })}</p>
${s.canStage && !s.load ? discardForm(ctx, d, r.id, t('dataset.staged.discard')) : ''}`
      : ''
  }
  ${
    s.load
      ? html`<p>${t('resource.staged.loadFile', { file: s.load.fileName })}</p>
    ${s.load.job ? jobNotice(ctx, s.load.job, s.load.errorMessage, t('resource.staged.failedKept'), '-staged') : ''}
    ${s.canStage && s.load.job?.state === 'failed' ? discardForm(ctx, d, s.load.id, t('dataset.staged.discard')) : ''}`
      : ''
  }
  ${
    fileForm
      ? html`<h2>${formTitle}</h2>
    ${errorSummary(ctx, errors)}
    <p class="hint">${formHint}</p>
    <form method="post" action="${datasetUrls.stageData(d.name, r.id)}" enctype="multipart/form-data">
      ${uploadFields(ctx, { sheet: r.sheet ?? '' }, errors, true)}
      <button type="submit">${formSubmit}</button>
    </form>`
      : ''
  }
  ${
    s.canStage && live
      ? html`<form method="post" action="${datasetUrls.resourceDelete(d.name, r.id)}">${csrfField(ctx)}<button
type="submit" class="danger">${t('resource.staged.delete', { n })}</button></form>`
      : ''
  }`;
}

export function renderResourcePage(
  ctx: RequestContext,
  d: DatasetRow,
  v: ResourceView,
  o: {
    canEdit: boolean;
    /** The latest load failed and this user may run it again ("failed — retry"). */
    canRetry?: boolean;
    internal: boolean;
    errors: FormError[];
    errorMessage: string | null;
    staging?: ResourceStaging | null;
    privacy?: SafeHtml;
  },
  resourceExtras: readonly ResourceSectionExtra[],
): SafeHtml {
  const { t, locale } = ctx;
  const r = v.row;
  const job = v.job;
  const q = parseQuality(v.store?.quality_json);
  return html`<h1>${r.name} <span class="badge">${r.format || t('resource.link')}</span></h1>
  ${r.description ? html`<p class="lead">${r.description}</p>` : ''}
  ${job ? jobNotice(ctx, job, o.errorMessage, v.store ? t('resource.previousKept') : null) : ''}
  ${
    o.canRetry
      ? html`<form method="post" action="${datasetUrls.resourceRetry(d.name, r.id)}">${csrfField(ctx)}<button
type="submit">${t('resource.retry')}</button></form>`
      : ''
  }
  <dl class="meta">
    ${r.url_type === '' && r.url ? html`<div><dt>${t('resource.form.url')}</dt><dd><a href="${r.url}" rel="nofollow noopener">${r.url}</a></dd></div>` : ''}
    ${r.size !== null ? html`<div><dt>${t('resource.size')}</dt><dd>${formatNumber(locale, Math.max(1, Math.round(Number(r.size) / 1024)))} KB</dd></div>` : ''}
    ${r.sheet ? html`<div><dt>${t('resource.form.sheet')}</dt><dd>${r.sheet}</dd></div>` : ''}
    <div><dt>${t('resource.lastModified')}</dt><dd>${formatDate(locale, r.last_modified ?? r.created_at, true)}</dd></div>
    ${
      v.store
        ? html`<div><dt>${t('resource.datastore')}</dt>
<dd>${t('resource.rows', { n: formatNumber(locale, Number(v.store.row_count)) })} · ${t('resource.columns', { n: v.fields.length })}</dd></div>`
        : ''
    }
  </dl>
  ${
    r.original_file && (o.internal || originalLinkIsPublic(v.store?.quality_json))
      ? html`<p>
<a class="button secondary" href="${datasetUrls.resourceFile(d.name, r.id)}">${t('resource.downloadOriginal')}</a></p>`
      : ''
  }
  ${d.state === 'published' && r.state !== 'pending' ? resourceExtras.map((extra) => extra(r, d)) : ''}
  ${o.privacy ?? ''}
  ${q && o.internal ? renderQualityReport(ctx, q, 2) : ''}
  ${o.staging ? stagingSection(ctx, d, r, o.staging, o.errors) : ''}
  ${
    o.canEdit && r.url_type === 'upload'
      ? html`<h2>${t('resource.replace.title')}</h2>
    ${errorSummary(ctx, o.errors)}
    <p class="hint">${t('resource.replace.hint')}</p>
    <form method="post" action="${datasetUrls.resourceReplace(d.name, r.id)}" enctype="multipart/form-data">
      ${uploadFields(ctx, { sheet: r.sheet ?? '' }, o.errors, true)}
      <button type="submit">${t('resource.replace.submit')}</button>
    </form>`
      : ''
  }
  ${
    o.canEdit
      ? html`<form method="post" action="${datasetUrls.resourceDelete(d.name, r.id)}">${csrfField(ctx)}<button
type="submit" class="danger">${t('resource.delete')}</button></form>`
      : ''
  }
  <p><a href="${datasetUrls.page(d.name)}">${t('resource.backToDataset', { title: d.title })}</a></p>`;
}
