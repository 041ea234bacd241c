import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, type FormError } from '../../views/layout.js';
import { formatDate } from '../../i18n/i18n.js';
import type { DatasetRow } from './dataset.repository.js';
import type { DatasetDetail } from './dataset-detail.service.js';
import { datasetUrls } from './dataset.urls.js';
import { metadataList, stateBadge } from './dataset.view.js';
import { isOverdue } from './dataset.service.js';
import { METADATA_FIELDS } from './dataset.schema.js';
import type { StagedChanges } from './resources/staged-changes.js';
import { renderQualityReport } from './resources/quality.view.js';
import type { ReviewQueueExtra } from './dataset.hooks.js';
import { parseQuality } from '../datastore/quality-report.js';

function datasetTable(
  ctx: RequestContext,
  rows: DatasetRow[],
  caption: string,
  link: (d: DatasetRow) => string,
): SafeHtml {
  const { t, locale } = ctx;
  const revision = (d: DatasetRow) => {
    if (d.state !== 'published' || !d.revision_state) return '';
    const label = t('dataset.revision.badge', { n: d.version + 1 });
    return html` <span class="muted">${label}</span> ${stateBadge(ctx, d.revision_state)}`;
  };
  return html`<div class="table-scroll"><table><caption>${caption}</caption>
    <thead><tr><th scope="col">${t('dataset.field.title')}</th><th scope="col">${t('dataset.col.state')}</th><th scope="col">${t('dataset.col.version')}</th>
      <th scope="col">${t('dataset.field.nextReleaseDate')}</th><th scope="col">${t('dataset.col.modified')}</th></tr></thead>
    <tbody>${rows.map(
      (
        d,
      ) => html`<tr><th scope="row"><a href="${link(d)}">${d.title}</a></th><td>${stateBadge(ctx, d.state)}${revision(d)}</td><td>${d.version || '—'}</td>
      <td>${formatDate(locale, d.next_release_date)} ${isOverdue(d) ? html`<span class="badge bad">${t('dataset.overdue')}</span>` : ''}</td>
      <td>${formatDate(locale, d.metadata_modified, true)}</td></tr>`,
    )}</tbody>
  </table></div>`;
}

export function renderMyDatasets(ctx: RequestContext, rows: DatasetRow[], canCreate: boolean): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('dataset.mine.title')}</h1>
  <p class="lead">${t('dataset.mine.intro')}</p>
  ${canCreate ? html`<p><a class="button" href="${datasetUrls.create()}">${t('dataset.action.create')}</a></p>` : ''}
  ${rows.length ? datasetTable(ctx, rows, t('dataset.mine.caption'), (d) => datasetUrls.page(d.name)) : html`<p class="muted">${t('dataset.mine.empty')}</p>`}`;
}

export function renderReviewQueue(
  ctx: RequestContext,
  rows: DatasetRow[],
  reviewQueueExtras: readonly ReviewQueueExtra[],
): SafeHtml {
  const { t } = ctx;
  const reviewUrl = (d: DatasetRow) => datasetUrls.review(d.name);
  return html`<h1>${t('dataset.queue.title')}</h1>
  <p class="lead">${t('dataset.queue.intro')}</p>
  ${rows.length ? datasetTable(ctx, rows, t('dataset.queue.caption'), reviewUrl) : html`<p class="muted">${t('dataset.queue.empty')}</p>`}
  ${reviewQueueExtras.map((extra) => extra(ctx))}`;
}

/** The walidata's check: metadata with a comment box per field, each resource's quality report. */
export function renderReviewPage(
  ctx: RequestContext,
  detail: DatasetDetail,
  errors: FormError[],
  values: Record<string, string>,
  staged: StagedChanges | null = null,
  privacy: SafeHtml | '' = '',
): SafeHtml {
  const { t } = ctx;
  const pending = staged?.pendingData ?? [];
  const added = staged?.newResources ?? [];
  const removals = staged?.removals ?? [];
  const d = detail.dataset;
  const comment = (field: string, label: string) => {
    const text = t('dataset.review.commentOn', { field: label });
    const textarea = html`<textarea id="comment-${field}" name="comment.${field}" rows="2">${values[`comment.${field}`] ?? ''}</textarea>`;
    return html`<div class="field"><label for="comment-${field}">${text}</label>${textarea}</div>`;
  };
  return html`<h1>${t('dataset.review.title', { title: d.title })}</h1>
  ${errorSummary(ctx, errors)}
  ${privacy}
  <p>${stateBadge(ctx, d.state)} · ${detail.org.name} · <a href="${datasetUrls.page(d.name)}">${t('dataset.review.viewPage')}</a></p>
  <h2>${t('dataset.metadata')}</h2>
  ${metadataList(ctx, { ...d, tags: detail.tags, groups: detail.groups }, detail.org.name)}
  <h2>${t('dataset.resources')}</h2>
  ${detail.resources.map((v) => {
    const q = parseQuality(v.store?.quality_json);
    return html`<section class="resource"><h3>${v.row.name} <span class="badge">${v.row.format || t('resource.link')}</span></h3>
      ${q ? renderQualityReport(ctx, q, 3) : html`<p class="muted">${v.row.url_type === '' ? v.row.url : t('resource.noData')}</p>`}</section>`;
  })}
  ${
    pending.length
      ? html`<h2>${t('dataset.pending.title')}</h2><p>${t('dataset.pending.reviewIntro')}</p>
  ${pending.map(
    (p) => html`<section class="resource"><h3>${p.name} <span class="muted">(${p.fileName})</span></h3>
    ${p.quality ? renderQualityReport(ctx, p.quality, 3) : ''}</section>`,
  )}`
      : ''
  }
  ${
    added.length
      ? html`<h2>${t('dataset.staged.reviewNew')}</h2><p>${t('dataset.staged.reviewNewIntro')}</p>
  ${added.map((r) => {
    const fileName = r.fileName ? html` <span class="muted">(${r.fileName})</span>` : '';
    const body =
      r.kind === 'link'
        ? html`<p><a href="${r.url ?? ''}" rel="nofollow noopener">${r.url}</a></p>`
        : r.quality
          ? renderQualityReport(ctx, r.quality, 3)
          : html`<p class="muted">${t('resource.noData')}</p>`;
    return html`<section class="resource"><h3>${r.name} <span class="badge">${r.format || t('resource.link')}</span>${fileName}</h3>
    ${body}</section>`;
  })}`
      : ''
  }
  ${
    removals.length
      ? html`<h2>${t('dataset.staged.reviewRemovals')}</h2><p>${t('dataset.staged.reviewRemovalsIntro')}</p>
  <ul>${removals.map((r) => html`<li>${r.name}</li>`)}</ul>`
      : ''
  }
  <h2 id="keputusan">${t('dataset.review.decision')}</h2>
  <form method="post" action="${datasetUrls.review(d.name)}">
    ${csrfField(ctx)}
    ${comment('general', t('dataset.review.general'))}
    <details${errors.length ? ' open' : ''}><summary>${t('dataset.review.perField')}</summary>
      ${METADATA_FIELDS.map((f) => comment(f, t(`dataset.field.${f}`)))}
      ${detail.resources.map((v) => comment(`resource:${v.row.id}`, t('dataset.review.resourceLabel', { name: v.row.name })))}
      ${added.map((r) => comment(`resource:${r.resourceId}`, t('dataset.review.resourceLabel', { name: r.name })))}
    </details>
    <p id="decision"><button type="submit" name="decision" value="approve">${t('dataset.review.approve')}</button>
    <button type="submit" name="decision" value="return" class="secondary">${t('dataset.review.return')}</button></p>
  </form>`;
}
