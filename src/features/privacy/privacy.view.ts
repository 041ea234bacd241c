import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, type FormError } from '../../views/layout.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import type { DatasetRow } from '../dataset/dataset.repository.js';
import type { PrivacyFinding } from './findings.js';
import type { ResourceFindings } from './privacy-gate.js';
import { actionsFor } from './masking.js';
import { privacyUrls } from './privacy.urls.js';

export interface PrivacyPanelOptions {
  /** The producer may drop, mask and restrict now (draft, returned, or a revision being prepared). */
  canResolve: boolean;
  /** The dataset is public now or will be once approved. */
  public: boolean;
  isWalidata: boolean;
  threshold: number;
  /** Where the forms return to after a success (a page of this dataset). */
  back: string;
  errors?: FormError[];
  values?: Record<string, string>;
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

function sampleText(ctx: RequestContext, f: PrivacyFinding, threshold: number): string {
  const n = (x: number) => formatNumber(ctx.locale, x);
  if (f.kind === 'small_counts')
    return ctx.t('privacy.sampleCounts', { matches: n(f.matches), sampled: n(f.sampled), threshold });
  return ctx.t(f.byHeader ? 'privacy.sampleHeader' : 'privacy.sample', {
    matches: n(f.matches),
    sampled: n(f.sampled),
  });
}

function statusText(ctx: RequestContext, f: PrivacyFinding): SafeHtml {
  const r = f.resolution;
  if (!r) return html`<span class="badge bad">${ctx.t('privacy.status.open')}</span>`;
  const text = ctx.t(`privacy.status.${r.action}`, {
    by: r.byName || r.by,
    at: formatDate(ctx.locale, r.at, true),
    reason: r.reason ?? '',
  });
  return html`<span class="badge ${r.action === 'override' ? 'warn' : 'ok'}">${text}</span>`;
}

function actions(
  ctx: RequestContext,
  d: DatasetRow,
  t: ResourceFindings,
  f: PrivacyFinding,
  o: PrivacyPanelOptions,
): SafeHtml {
  if (f.resolution) return html``;
  const url = privacyUrls.resolve(d.name, t.resourceId);
  const hidden = html`${csrfField(ctx)}<input type="hidden" name="column" value="${f.column}"><input type="hidden" name="back" value="${o.back}">`;
  const live = !t.staged && d.state === 'published' && !Number(d.private);
  const producer =
    o.canResolve && !live
      ? html`<form method="post" action="${url}" class="inline">${hidden}${actionsFor(f.kind).map(
          (a) => html`<button
type="submit" name="action" value="${a}" class="secondary">${ctx.t(`privacy.action.${a}`)}</button> `,
        )}</form>`
      : o.canResolve
        ? html`<p class="hint">${ctx.t('privacy.liveHint')}</p>`
        : html``;
  const id = `${slug(t.resourceId)}-${slug(f.column)}`;
  const err = (field: string) =>
    o.values?.['column'] === f.column && o.values?.['resource'] === t.resourceId
      ? o.errors?.find((e) => e.field === field)
      : undefined;
  const reasonError = err('reason');
  const confirmError = err('confirm');
  const walidata = o.isWalidata
    ? html`<details${reasonError || confirmError ? ' open' : ''}><summary>${ctx.t('privacy.override.legend')}</summary>
      <form method="post" action="${url}">${hidden}<input type="hidden" name="action" value="override">
        <div class="field${reasonError ? ' has-error' : ''}"><label for="reason-${id}">${ctx.t('privacy.override.reason')}</label>
          ${reasonError ? html`<p class="error" id="reason-${id}-error">${reasonError.message}</p>` : ''}
          <textarea id="reason-${id}" name="reason" rows="2" required>${o.values?.['column'] === f.column ? (o.values?.['reason'] ?? '') : ''}</textarea></div>
        <div class="field${confirmError ? ' has-error' : ''}">${confirmError ? html`<p class="error" id="confirm-${id}-error">${confirmError.message}</p>` : ''}
          <input type="checkbox" id="confirm-${id}" name="confirm" value="1" required> <label for="confirm-${id}">${ctx.t('privacy.override.confirm')}</label>
</div>
        <button type="submit" class="secondary">${ctx.t('privacy.override.submit')}</button>
      </form></details>`
    : html``;
  return html`${producer}${walidata}`;
}

/**
 * The privacy warning of a dataset (review page, privacy page) or of one resource (its page):
 * each flagged column with its kind, the sample count and its status, and the forms that resolve it.
 */
export function renderPrivacyPanel(
  ctx: RequestContext,
  d: DatasetRow,
  tables: ResourceFindings[],
  o: PrivacyPanelOptions,
): SafeHtml {
  if (tables.length === 0) return html``;
  const { t } = ctx;
  const open = tables.some((x) => x.findings.some((f) => !f.resolution));
  return html`<section class="privacy" id="privacy" aria-labelledby="privacy-title">
    <h2 id="privacy-title">${t('privacy.title')}</h2>
    ${
      o.errors?.length
        ? errorSummary(
            ctx,
            o.errors.map((e) => ({
              ...e,
              field: `${e.field}-${slug(o.values?.['resource'] ?? '')}-${slug(o.values?.['column'] ?? '')}`,
            })),
          )
        : ''
    }
    <div class="notice ${open && o.public ? 'warn' : 'ok'}" role="${open && o.public ? 'alert' : 'status'}">
      <p>${t(open ? 'privacy.warning' : 'privacy.allResolved')}</p>
      ${o.public ? '' : html`<p>${t('privacy.restricted')}</p>`}
    </div>
    ${tables.map(
      (x) => html`<div class="table-scroll"><table>
<caption>${t('privacy.caption', { name: x.name })}${x.staged ? html` <span class="muted">(${t('privacy.staged')})</span>` : ''}</caption>
      <thead><tr><th scope="col">${t('privacy.col.column')}</th><th scope="col">${t('privacy.col.kind')}</th>
<th scope="col">${t('privacy.col.sample')}</th><th scope="col">${t('privacy.col.status')}</th><th scope="col">${t('privacy.col.action')}</th></tr></thead>
      <tbody>${x.findings.map(
        (f) => html`<tr><th scope="row">${f.label} <code>${f.column}</code></th><td>${t(`privacy.kind.${f.kind}`)}</td>
<td>${sampleText(ctx, f, o.threshold)}</td><td>${statusText(ctx, f)}</td><td>${actions(ctx, d, x, f, o)}</td></tr>`,
      )}</tbody>
    </table></div>`,
    )}
    ${
      open && o.public && o.canResolve
        ? html`<form method="post" action="${privacyUrls.restrict(d.name)}">${csrfField(ctx)}<input type="hidden" name="back" value="${o.back}">
      <p class="hint">${t('privacy.restrictHint')}</p><button type="submit" class="secondary">${t('privacy.action.restrict')}</button></form>`
        : ''
    }
  </section>`;
}
