import { renderCorrections } from '../correction/correction.view.js';
import type { DateCorrection } from '../correction/correction.service.js';
import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField } from '../../views/layout.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import type { DatasetDetail } from './dataset-detail.service.js';
import { spatialCodes } from './dataset.presenter.js';
import { findLicense } from './licenses.js';
import { datasetUrls } from './dataset.urls.js';
import { isOverdue } from './dataset.service.js';
import type { ResourceSectionExtra } from './dataset.hooks.js';
import type { DatasetRow } from './dataset.repository.js';
import type { DatasetReviewTable } from './dataset.table.js';
import type { VersionResource } from './dataset-version.service.js';
import type { StagedChanges } from './resources/staged-changes.js';
import { originalLinkIsPublic } from '../privacy/findings.js';
import { jobRunning } from './resources/ingest-job.table.js';

/** Where a producer takes back one staged change (revision-staging.service `discardStagedChange`). */
export const discardStagedUrl = (name: string, id: string) =>
  `/dataset/${encodeURIComponent(name)}/perubahan/${encodeURIComponent(id)}/batal`;

/** `what` names the change for screen readers (several discard buttons share one label). */
function discardButton(ctx: RequestContext, name: string, id: string, label: string, what: string): SafeHtml {
  const button = html`<button type="submit" class="secondary">${label}<span class="sr-only">: ${what}</span></button>`;
  return html`<form class="inline" method="post" action="${discardStagedUrl(name, id)}">${csrfField(ctx)}${button}</form>`;
}

/** A newer file for a staged new upload (it loads in the background and replaces the staged file; revision-staging.service `stagePendingData`). */
function replaceFileForm(ctx: RequestContext, d: DatasetRow, r: StagedChanges['newResources'][number]): SafeHtml {
  const { t } = ctx;
  const id = r.resourceId;
  return html`<details><summary>${t('dataset.staged.replaceFile')}<span class="sr-only">: ${r.name}</span></summary>
    <form method="post" action="${datasetUrls.stageData(d.name, id)}" enctype="multipart/form-data">${csrfField(ctx)}
      <p class="hint" id="replace-hint-${id}">${t('dataset.staged.replaceHint', { file: r.fileName ?? '' })}</p>
      <div class="field"><label for="replace-file-${id}">${t('dataset.pending.file')}</label>
        <input type="file" id="replace-file-${id}" name="file" required accept=".csv,.tsv,.txt,.xlsx,.json" aria-describedby="replace-hint-${id}"></div>
      <div class="field"><label for="replace-sheet-${id}">${t('resource.form.sheet')}</label>
        <p class="hint" id="replace-sheet-hint-${id}">${t('resource.form.sheetHint')}</p>
        <input id="replace-sheet-${id}" name="sheet" aria-describedby="replace-sheet-hint-${id}"></div>
      <button type="submit">${t('dataset.staged.replaceSubmit')}</button>
    </form></details>`;
}

/**
 * Resource changes staged for the next version (new data, new resources and links, removals,
 * loads), with a discard button each and, for a new upload, a form for a newer file.
 */
export function renderStagedChanges(
  ctx: RequestContext,
  d: DatasetRow,
  c: StagedChanges,
  canChange: boolean,
  reviews: DatasetReviewTable[] = [],
): SafeHtml {
  const { t, locale } = ctx;
  const n = d.version + 1;
  const discard = (id: string, what: string) =>
    canChange ? html` ${discardButton(ctx, d.name, id, t('dataset.staged.discard'), what)}` : '';
  const items = [
    ...c.pendingData.map((p) => {
      const item = t('dataset.pending.item', { name: p.name, file: p.fileName, n: formatNumber(locale, p.rows) });
      return html`<li>${item}${discard(p.resourceId, p.fileName)}</li>`;
    }),
    ...c.newResources.map((r) => {
      const newUpload = () => {
        const text = t('dataset.staged.new', {
          name: r.name,
          file: r.fileName ?? '',
          n: formatNumber(locale, r.rows ?? 0),
        });
        return html`<a href="${datasetUrls.resource(d.name, r.resourceId)}">${text}</a>`;
      };
      const item = r.kind === 'link' ? t('dataset.staged.newLink', { name: r.name, url: r.url ?? '' }) : newUpload();
      const comments = fieldComments(ctx, reviews, `resource:${r.resourceId}`);
      const replaceForm = canChange && r.kind === 'upload' ? replaceFileForm(ctx, d, r) : '';
      return html`<li>${item}${discard(r.resourceId, r.name)}${comments}${replaceForm}</li>`;
    }),
    ...c.removals.map(
      (r) => html`<li>${t('dataset.staged.removal', { name: r.name, n })}${discard(r.resourceId, r.name)}</li>`,
    ),
    ...c.loads.map((l) => {
      const page = datasetUrls.resource(d.name, l.resourceId ?? l.pendingId);
      const label = l.resourceId
        ? t('dataset.staged.loadFor', { file: l.fileName, name: l.resourceName ?? '' })
        : t('dataset.staged.loadNew', { file: l.fileName });
      const state = l.job?.state ?? 'queued';
      const progress = jobRunning(state) ? html` (${Math.round(Number(l.job?.progress ?? 0) * 100)}%)` : '';
      return html`<li><a href="${page}">${label}</a>: <strong>${t(`resource.job.${state}`)}</strong>${progress}${discard(l.id, l.fileName)}</li>`;
    }),
  ];
  if (!items.length) return html``;
  return html`<h3>${t('dataset.staged.title')}</h3><ul class="staged-changes">${items}</ul>`;
}

export const STATE_BADGE: Record<string, string> = {
  draft: '',
  submitted: 'warn',
  returned: 'bad',
  published: 'ok',
  withdrawn: 'bad',
  superseded: 'warn',
};

export function stateBadge(ctx: RequestContext, state: string): SafeHtml {
  return html`<span class="badge ${STATE_BADGE[state] ?? ''}">${ctx.t(`dataset.state.${state}`)}</span>`;
}

/** Walidata comments on one field, shown next to it to the producer. */
export function fieldComments(ctx: RequestContext, reviews: DatasetReviewTable[], field: string): SafeHtml {
  const open = reviews.filter((r) => r.field === field && Number(r.resolved) === 0);
  if (!open.length) return html``;
  return html`<div class="notice warn review-comment" id="komentar-${field}"><strong>${ctx.t('dataset.review.commentFrom')}</strong>
    <ul>${open.map((r) => html`<li>${r.comment} <span class="muted">(${formatDate(ctx.locale, r.created_at, true)})</span></li>`)}</ul></div>`;
}

type Meta = DatasetRow & { tags: string[]; groups: string[] };

/** The Satu Data metadata as a definition list (optionally with walidata comments per field). */
export function metadataList(
  ctx: RequestContext,
  d: Meta,
  orgName: string,
  reviews: DatasetReviewTable[] = [],
): SafeHtml {
  const { t, locale } = ctx;
  const license = findLicense(d.license_id);
  const row = (field: string, label: string, value: SafeHtml | string) =>
    html`<div><dt>${label}</dt><dd>${value === '' ? html`<span class="muted">—</span>` : value}${fieldComments(ctx, reviews, field)}</dd></div>`;
  const codes = spatialCodes(d);
  const overdueBadge = isOverdue(d) ? html`<span class="badge bad">${t('dataset.overdue')}</span>` : '';
  const nextRelease = d.next_release_date ? html`${formatDate(locale, d.next_release_date)} ${overdueBadge}` : '';
  const temporal =
    d.temporal_start || d.temporal_end
      ? `${formatDate(locale, d.temporal_start)} – ${formatDate(locale, d.temporal_end)}`
      : '';
  const spatial = codes.length
    ? html`${codes.map((c, i) => html`${i ? ', ' : ''}<a href="/wilayah/${c}">${c}</a>`)}`
    : '';
  const licence = license?.url
    ? html`<a href="${license.url}" rel="license">${license.title}</a>`
    : (license?.title ?? d.license_id);
  const contact = d.contact_name ? `${d.contact_name}${d.contact_email ? ` <${d.contact_email}>` : ''}` : '';
  return html`<dl class="meta">
    ${row('organization', t('dataset.field.organization'), orgName)}
    ${row('notes', t('dataset.field.notes'), d.notes)}
    ${row('concept', t('dataset.field.concept'), d.concept)}
    ${row('definition', t('dataset.field.definition'), d.definition)}
    ${row('classification', t('dataset.field.classification'), d.classification)}
    ${row('measure', t('dataset.field.measure'), d.measure)}
    ${row('unit', t('dataset.field.unit'), d.unit)}
    ${row('indicatorFormula', t('dataset.field.indicatorFormula'), d.indicator_formula)}
    ${row('indicatorInterpretation', t('dataset.field.indicatorInterpretation'), d.indicator_interpretation)}
    ${row('source', t('dataset.field.source'), d.source)}
    ${row('method', t('dataset.field.method'), d.method)}
    ${row('updateFrequency', t('dataset.field.updateFrequency'), t(`dataset.frequency.${d.update_frequency}`))}
    ${row('nextReleaseDate', t('dataset.field.nextReleaseDate'), nextRelease)}
    ${row('temporalStart', t('dataset.field.temporal'), temporal)}
    ${row('spatialCodes', t('dataset.field.spatialCodes'), spatial)}
    ${row('tags', t('dataset.field.tags'), d.tags.join(', '))}
    ${row('groups', t('dataset.field.groups'), d.groups.join(', '))}
    ${row('licenseId', t('dataset.field.license'), licence)}
    ${row('contactName', t('dataset.field.contact'), contact)}
  </dl>`;
}

function fieldsTable(
  ctx: RequestContext,
  fields: Array<{ id: string; label: string; type: string; unit?: string }>,
  caption: string,
): SafeHtml {
  if (!fields.length) return html``;
  const { t } = ctx;
  // The unit column only when a column has one (Rp amounts), so most tables stay narrow.
  const units = fields.some((f) => f.unit);
  return html`<div class="table-scroll"><table><caption>${caption}</caption>
    <thead><tr><th scope="col">${t('resource.column.label')}</th><th scope="col">${t('resource.column.id')}</th>
      <th scope="col">${t('resource.column.type')}</th>${units ? html`<th scope="col">${t('resource.column.unit')}</th>` : ''}</tr></thead>
    <tbody>${fields.map(
      (f) => html`<tr><th scope="row">${f.label}</th><td><code>${f.id}</code></td>
        <td>${t(`resource.type.${f.type}`)}</td>${units ? html`<td>${f.unit ?? ''}</td>` : ''}</tr>`,
    )}</tbody></table></div>`;
}

export interface DatasetPageOptions {
  /** Corrections of a passed release date (public, with the original date). */
  releaseDateCorrections?: DateCorrection[];
  canEdit: boolean;
  /** Resources change in place only before first publication (later data waits for the walidata). */
  canAddResource: boolean;
  canSubmit: boolean;
  canReview: boolean;
  canWithdraw: boolean;
  internal: boolean;
  /** The next version being prepared for a published dataset (shown to its producers and the walidata). */
  revision: { state: string; meta: Meta } | null;
  /** Resource changes staged for the next version (producers and the walidata). */
  staged: StagedChanges | null;
  /**
   * The producer may change what is staged for the next version (the revision is not with the
   * walidata): take changes back, give a staged new upload a newer file, upload new data for a
   * published resource.
   */
  canStage: boolean;
}

export function renderDatasetPage(
  ctx: RequestContext,
  detail: DatasetDetail,
  o: DatasetPageOptions,
  resourceExtras: readonly ResourceSectionExtra[],
): SafeHtml {
  const { t, locale } = ctx;
  const d = detail.dataset;
  const meta = { ...d, tags: detail.tags, groups: detail.groups };
  const openReviews = detail.reviews.filter((r) => Number(r.resolved) === 0);
  const overdueNotice = isOverdue(d)
    ? html`<p class="notice warn">${t('dataset.overdueNotice', { date: formatDate(locale, d.next_release_date) })}</p>`
    : '';
  const revision = o.revision;
  const revisionIntro = revision
    ? html`<p>${t('dataset.revision.intro', { state: t(`dataset.state.${revision.state}`), n: d.version })}</p>`
    : '';
  const revisionDetails = revision
    ? html`<details><summary>${t('dataset.revision.show')}</summary>${metadataList(ctx, revision.meta, detail.org.name, detail.reviews)}</details>`
    : '';
  const submitButton = () => html`<button type="submit">${t('dataset.action.submit')}</button>`;
  const submitForm = o.canSubmit
    ? html`<form class="inline" method="post" action="${datasetUrls.submit(d.name)}">${csrfField(ctx)}${submitButton()}</form>`
    : '';
  const versionLink = (v: DatasetDetail['versions'][number]) =>
    html`<a href="${datasetUrls.version(d.name, v.version)}">${t('dataset.versionN', { n: v.version })}</a>`;
  const versionItem = (v: DatasetDetail['versions'][number]) =>
    html`<li>${versionLink(v)} — ${formatDate(locale, v.published_at, true)}</li>`;
  return html`<h1>${d.title} ${d.state !== 'published' ? stateBadge(ctx, d.state) : ''}</h1>
  ${o.internal ? fieldComments(ctx, detail.reviews, 'title') : ''}
  ${d.state === 'withdrawn' ? html`<p class="notice warn">${t('dataset.withdrawnNotice')}</p>` : ''}
  ${d.state === 'superseded' ? html`<p class="notice warn">${t('dataset.supersededNotice')}</p>` : ''}
  ${overdueNotice}
  ${renderCorrections(ctx, o.releaseDateCorrections ?? [], { heading: t('dataset.releaseCorrections'), id: 'koreksi-rilis' })}
  ${
    o.revision || o.staged?.loads.length
      ? html`<div class="notice" role="status"><h2>${t('dataset.revision.title', { n: d.version + 1 })}</h2>
    ${revisionIntro}
    ${o.staged ? renderStagedChanges(ctx, d, o.staged, o.canStage, o.internal ? detail.reviews : []) : ''}
    ${revisionDetails}</div>`
      : ''
  }
  ${
    o.internal && (d.state === 'returned' || o.revision?.state === 'returned') && openReviews.length
      ? html`<div class="notice warn" role="status"><h2>${t('dataset.returnedTitle')}</h2>
    <p>${t('dataset.returnedIntro', { n: openReviews.length })}</p>
    ${fieldComments(ctx, detail.reviews, 'general')}</div>`
      : ''
  }
  ${
    o.canEdit || o.canSubmit || o.canReview
      ? html`<p class="actions">
    ${o.canEdit ? html`<a class="button secondary" href="${datasetUrls.edit(d.name)}">${t('dataset.action.edit')}</a>` : ''}
    ${o.canAddResource ? html`<a class="button secondary" href="${datasetUrls.newResource(d.name)}">${t('dataset.action.addResource')}</a>` : ''}
    ${submitForm}
    ${o.canReview ? html`<a class="button" href="${datasetUrls.review(d.name)}">${t('dataset.action.review')}</a>` : ''}
  </p>`
      : ''
  }
  <h2>${t('dataset.metadata')}</h2>
  ${metadataList(ctx, meta, detail.org.name, o.internal ? detail.reviews : [])}
  <h2>${t('dataset.resources')}</h2>
  ${detail.resources.length === 0 ? html`<p class="muted">${t('dataset.noResources')}</p>` : ''}
  ${detail.resources.map((v) => {
    const r = v.row;
    const formatBadge = html`<span class="badge">${r.format || t('resource.link')}</span>`;
    const removalBadge = o.staged?.removals.some((x) => x.resourceId === r.id)
      ? html` <span class="badge bad">${t('dataset.staged.removalBadge', { n: d.version + 1 })}</span>`
      : '';
    const columnsInfo = t('resource.columns', { n: v.fields.length });
    const rowsInfo = v.store
      ? html`<p class="muted">${t('resource.rows', { n: formatNumber(locale, Number(v.store.row_count)) })} · ${columnsInfo}</p>`
      : '';
    const originalLink =
      r.original_file && (o.internal || originalLinkIsPublic(v.store?.quality_json))
        ? html`<p><a href="${datasetUrls.resourceFile(d.name, r.id)}">${t('resource.downloadOriginal')}</a></p>`
        : '';
    return html`<section class="resource" aria-labelledby="res-${r.id}">
      <h3 id="res-${r.id}"><a href="${datasetUrls.resource(d.name, r.id)}">${r.name}</a> ${formatBadge}${removalBadge}</h3>
      ${r.description ? html`<p>${r.description}</p>` : ''}
      ${r.url_type === '' && r.url ? html`<p><a href="${r.url}" rel="nofollow noopener">${r.url}</a></p>` : ''}
      ${rowsInfo}
      ${v.job && v.job.state !== 'done' ? html`<p>${t(`resource.job.${v.job.state}`)}</p>` : ''}
      ${o.internal ? fieldComments(ctx, detail.reviews, `resource:${r.id}`) : ''}
      ${originalLink}
      ${fieldsTable(ctx, v.fields, t('resource.fieldsCaption', { name: r.name }))}
      ${
        o.canStage && r.url_type === 'upload'
          ? html`<details><summary>${t('dataset.pending.upload')}</summary>
        <form method="post" action="${datasetUrls.stageData(d.name, r.id)}" enctype="multipart/form-data">${csrfField(ctx)}
          <p class="hint" id="stage-hint-${r.id}">${t('dataset.pending.hint')}</p>
          <div class="field"><label for="stage-file-${r.id}">${t('dataset.pending.file')}</label>
            <input type="file" id="stage-file-${r.id}" name="file" required accept=".csv,.tsv,.txt,.xlsx,.json" aria-describedby="stage-hint-${r.id}"></div>
          <button type="submit">${t('dataset.pending.submit')}</button>
        </form></details>`
          : ''
      }
      ${d.state === 'published' ? resourceExtras.map((extra) => extra(r, d)) : ''}
    </section>`;
  })}
  ${detail.versions.length ? html`<h2>${t('dataset.versions')}</h2><ul>${detail.versions.map(versionItem)}</ul>` : ''}
  ${
    o.canWithdraw
      ? html`<details><summary>${t('dataset.action.withdraw')}</summary>
    <form method="post" action="${datasetUrls.withdraw(d.name)}">${csrfField(ctx)}
      <div class="field"><label for="reason">${t('dataset.withdraw.reason')}</label>
        <textarea id="reason" name="reason" required rows="3"></textarea></div>
      <div class="field"><label for="supersededBy">${t('dataset.withdraw.supersededBy')}</label>
        <p class="hint" id="supersededBy-hint">${t('dataset.withdraw.supersededByHint')}</p>
        <input id="supersededBy" name="supersededBy" aria-describedby="supersededBy-hint"></div>
      <button type="submit" class="danger">${t('dataset.action.withdraw')}</button>
    </form></details>`
      : ''
  }`;
}

/** A published version as it was, with links to its original files. */
export function renderVersionPage(
  ctx: RequestContext,
  d: DatasetRow,
  v: {
    version: number;
    publishedAt: string;
    metadata: Meta & { organization: { name: string } };
    resources: VersionResource[];
  },
  latest: number,
): SafeHtml {
  const { t, locale } = ctx;
  return html`<h1>${v.metadata.title} <span class="badge">${t('dataset.versionN', { n: v.version })}</span></h1>
  <p class="notice">${t('dataset.versionNotice', { date: formatDate(locale, v.publishedAt, true) })}
    ${v.version !== latest || d.state !== 'published' ? html` <a href="${datasetUrls.page(d.name)}">${t('dataset.versionCurrent')}</a>` : ''}</p>
  ${metadataList(ctx, v.metadata, v.metadata.organization.name)}
  <h2>${t('dataset.resources')}</h2>
  <ul>${v.resources.map(
    (r) => html`<li><strong>${r.name}</strong> <span class="badge">${r.format || t('resource.link')}</span>
    ${r.rowCount !== null ? html` · ${t('resource.rows', { n: formatNumber(locale, r.rowCount) })}` : ''}
    ${r.originalFile ? html` · <a href="${datasetUrls.versionFile(d.name, v.version, r.id)}">${t('resource.downloadOriginal')}</a>` : ''}
    ${r.urlType === '' && r.url ? html` · <a href="${r.url}" rel="nofollow noopener">${r.url}</a>` : ''}
    ${fieldsTable(ctx, r.fields, t('resource.fieldsCaption', { name: r.name }))}</li>`,
  )}</ul>`;
}
