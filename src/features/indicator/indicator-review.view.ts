import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import { indicatorUrls, nameOf } from './indicator.presenter.js';
import type { IndicatorRow } from './indicator.service.js';
import { rowsOf, warningsOf, type SubmissionDetail, type SubmissionListRow } from './indicator-review.service.js';
import type { PublicHistoryEntry } from './indicator-value-history.js';
import type { SumWarning } from './value-validation.js';
import { NUMBER_FORMATS } from './value-validation.js';

export const reviewUrls = {
  queue: () => '/indikator/periksa',
  submission: (id: string) => `/indikator/pengajuan/${encodeURIComponent(id)}`,
  review: (id: string) => `/indikator/pengajuan/${encodeURIComponent(id)}/keputusan`,
  resubmit: (id: string) => `/indikator/pengajuan/${encodeURIComponent(id)}/ajukan-ulang`,
  history: (code: string, q = '') => `/indikator/${encodeURIComponent(code)}/riwayat${q}`,
  apiSubmissions: () => '/api/v1/indicator-submissions',
  apiSubmission: (id: string) => `/api/v1/indicator-submissions/${encodeURIComponent(id)}`,
  apiHistory: (code: string, q = '') => `/api/v1/indicators/${encodeURIComponent(code)}/history${q}`,
};

const STATE_BADGE: Record<string, string> = { submitted: 'warn', returned: 'bad', approved: 'ok' };
const stateBadge = (ctx: RequestContext, state: string) =>
  html`<span class="badge ${STATE_BADGE[state] ?? ''}">${ctx.t(`isub.state.${state}`)}</span>`;
const num = (ctx: RequestContext, v: number | null) => (v === null ? '—' : formatNumber(ctx.locale, v));

export function renderQueue(ctx: RequestContext, rows: SubmissionListRow[]): SafeHtml {
  const { t, locale } = ctx;
  const cols = ['indicator', 'source', 'origin', 'rows', 'warnings', 'state', 'updated'].map(
    (c) => html`<th scope="col">${t(`isub.col.${c}`)}</th>`,
  );
  const caption = t('isub.queue.caption');
  const body = rows.map(
    (r) => html`<tr>
<th scope="row"><a href="${reviewUrls.submission(r.id)}">${locale === 'en' ? r.name_en : r.name_id}</a></th>
<td>${r.producer}</td><td>${t(`isub.origin.${r.origin}`)}</td>
<td class="num">${rowsOf(r).length}</td><td class="num">${warningsOf(r).length}</td>
<td>${stateBadge(ctx, r.state)}</td><td>${formatDate(locale, r.updated_at, true)}</td></tr>`,
  );
  return html`<h1>${t('isub.queue.title')}</h1><p class="lead">${t('isub.queue.intro')}</p>
${
  rows.length
    ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="${caption}"><table>
<caption>${caption}</caption><thead><tr>${cols}</tr></thead><tbody>${body}</tbody></table></div>`
    : html`<p class="muted">${t('isub.queue.empty')}</p>`
}`;
}

/** A warning in words, with the area's name. */
export function warningText(ctx: RequestContext, w: SumWarning, names: Map<string, string>): string {
  const wilayah = `${names.get(w.wilayahKode) ?? ''} (${w.wilayahKode})`.trim();
  return ctx.t(`isub.warning.${w.kind}`, {
    wilayah,
    period: w.period,
    parent: num(ctx, w.parentValue),
    sum: num(ctx, w.childSum),
    children: w.children,
    total: w.childrenTotal,
    diff: num(ctx, w.parentValue - w.childSum),
  });
}

const rowField = (kode: string, period: string) => `row:${kode}|${period}`;

/** The proposed rows beside the published ones, each with the walidata's comment on it. */
function changesTable(
  ctx: RequestContext,
  d: SubmissionDetail,
  names: Map<string, string>,
  commentFor: (field: string) => SafeHtml[],
): SafeHtml {
  const { t } = ctx;
  const caption = t('isub.rowsCaption');
  const head = [t('indicator.wilayah'), t('indicator.period')].map((h) => html`<th scope="col">${h}</th>`);
  const numHead = [t('isub.col.published'), t('isub.col.proposed')].map(
    (h) => html`<th scope="col" class="num">${h}</th>`,
  );
  const tail = [t('isub.col.change'), t('indicator.status'), t('indicator.note')].map(
    (h) => html`<th scope="col">${h}</th>`,
  );
  const body = d.changes.map(
    (c) => html`<tr>
<th scope="row">${names.get(c.data.wilayahKode) ?? ''} ${c.data.wilayahKode}</th><td>${c.data.period}</td>
<td class="num">${num(ctx, c.published)}</td><td class="num">${num(ctx, c.data.value)}</td>
<td>${t(`isub.change.${c.kind}`)}</td><td>${t(`indicator.status.${c.data.status}`)}</td>
<td>${c.data.note}${commentFor(rowField(c.data.wilayahKode, c.data.period))}</td></tr>`,
  );
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="${caption}"><table><caption>${caption}</caption>
<thead><tr>${head}${numHead}${tail}</tr></thead><tbody>${body}</tbody></table></div>`;
}

export function renderSubmission(
  ctx: RequestContext,
  d: SubmissionDetail,
  names: Map<string, string>,
  errors: FormError[] = [],
  values: Record<string, string> = {},
): SafeHtml {
  const { t, locale } = ctx;
  const s = d.submission;
  const commentFor = (f: string) =>
    d.comments
      .filter((c) => c.field === f)
      .map((c) => html`<p class="notice warn"><strong>${t('isub.comments')}:</strong> ${c.comment}</p>`);
  const box = (f: string, label: string) => html`<div class="field">
<label for="comment-${f}">${t('isub.commentOn', { field: label })}</label>
<textarea id="comment-${f}" name="comment.${f}" rows="2">${values[`comment.${f}`] ?? ''}</textarea></div>`;
  const indicatorLink = html`<a href="${indicatorUrls.page(d.indicator.code)}">${nameOf(d.indicator, locale)}</a>`;
  return html`<h1>${t('isub.title', { name: nameOf(d.indicator, locale) })}</h1>
${errorSummary(ctx, errors)}
<p>${stateBadge(ctx, s.state)} · ${d.source.producer} · ${t(`isub.origin.${s.origin}`)}
· ${t('isub.col.by')}: ${s.submitted_label} · ${formatDate(locale, s.updated_at, true)} · ${indicatorLink}</p>
${commentFor('general')}
${s.note ? html`<h2>${t('isub.note')}</h2><p>${s.note}</p>${commentFor('note')}` : ''}
${
  d.warnings.length
    ? html`<h2 id="peringatan">${t('isub.warnings')}</h2><p class="hint">${t('isub.warningsHint')}</p>
<ul>${d.warnings.map((w) => html`<li>${warningText(ctx, w, names)}</li>`)}</ul>${commentFor('warnings')}`
    : ''
}
${changesTable(ctx, d, names, commentFor)}
${
  d.canReview
    ? html`<h2 id="keputusan">${t('isub.decision')}</h2>
<form method="post" action="${reviewUrls.review(s.id)}" class="stack">${csrfField(ctx)}
<input type="hidden" name="seen" value="${s.updated_at}">
${box('general', t('isub.field.general'))}
${d.warnings.length ? box('warnings', t('isub.field.warnings')) : ''}
${s.note ? box('note', t('isub.field.note')) : ''}
<details${errors.length ? raw(' open') : ''}><summary>${t('isub.perRow')}</summary>
${d.changes.map((c) => box(rowField(c.data.wilayahKode, c.data.period), `${c.data.wilayahKode} ${c.data.period}`))}</details>
<p><button type="submit" name="decision" value="approve">${t('isub.approve')}</button>
<button type="submit" name="decision" value="return" class="secondary">${t('isub.return')}</button></p></form>`
    : ''
}
${d.canResubmit ? resubmitForm(ctx, s.id, errors, values) : ''}`;
}

/** The produsen's answer to a returned submission (multipart: the CSRF field comes before the file). */
function resubmitForm(ctx: RequestContext, id: string, errors: FormError[], values: Record<string, string>): SafeHtml {
  const { t } = ctx;
  const action = reviewUrls.resubmit(id);
  return html`<h2 id="ajukan-ulang">${t('isub.resubmit')}</h2>
<form method="post" action="${action}" enctype="multipart/form-data" class="stack">${csrfField(ctx)}
${field(ctx, { name: 'note', label: t('isub.answer'), type: 'textarea', hint: t('isub.noteHint'), value: values['note'] ?? '', errors })}
${field(ctx, { name: 'file', label: t('isub.replaceFile'), type: 'file', errors, attrs: 'accept=".csv,.xlsx"' })}
${numberFormatSelect(ctx, values['numberFormat'])}
<button type="submit">${t('isub.resubmit')}</button></form>`;
}

export function numberFormatSelect(ctx: RequestContext, value = 'auto', id = 'numberFormat'): SafeHtml {
  const options = NUMBER_FORMATS.map(
    (f) =>
      html`<option value="${f}"${raw(f === value ? ' selected' : '')}>${ctx.t(`ivalue.numberFormat.${f}`)}</option>`,
  );
  return html`<div class="field"><label for="${id}">${ctx.t('ivalue.numberFormat.label')}</label>
<select id="${id}" name="numberFormat">${options}</select></div>`;
}

/** Submissions on the manage page: the producer sees the walidata's answer there. */
export function submissionsSection(ctx: RequestContext, rows: SubmissionListRow[]): SafeHtml {
  if (!rows.length) return html``;
  const { t, locale } = ctx;
  return html`<section aria-labelledby="sub-h"><h2 id="sub-h">${t('isub.mine')}</h2><ul>${rows.map(
    (r) => html`<li>
<a href="${reviewUrls.submission(r.id)}">${r.producer} · ${t(`isub.origin.${r.origin}`)} · ${rowsOf(r).length} ${t('isub.col.rows')}</a>
${stateBadge(ctx, r.state)} <span class="muted">${formatDate(locale, r.updated_at, true)}</span></li>`,
  )}</ul></section>`;
}

const shown = (v: number | null, hidden: boolean, ctx: RequestContext) =>
  hidden ? html`<abbr title="${ctx.t('ihist.hidden')}">x</abbr>` : num(ctx, v);

function historyRow(ctx: RequestContext, code: string, h: PublicHistoryEntry): SafeHtml {
  const { t, locale } = ctx;
  const one = reviewUrls.history(
    code,
    `?wilayah=${encodeURIComponent(h.wilayahKode)}&period=${encodeURIComponent(h.period)}`,
  );
  const before =
    h.previousValue === null && !h.previousSuppressed ? '—' : shown(h.previousValue, h.previousSuppressed, ctx);
  return html`<tr><th scope="row">${formatDate(locale, h.changedAt, true)}</th>
<td><a href="${one}">${h.wilayahNama} ${h.wilayahKode}</a></td><td>${h.period}</td><td>${h.producer}</td>
<td class="num">${before}</td><td class="num">${shown(h.newValue, h.newSuppressed, ctx)}</td>
<td>${h.previousStatus ? `${h.previousStatus} → ` : ''}${h.newStatus}</td><td>${t(`isub.origin.${h.origin}`)}</td></tr>`;
}

export function renderHistory(
  ctx: RequestContext,
  indicator: IndicatorRow,
  rows: PublicHistoryEntry[],
  filtered: boolean,
): SafeHtml {
  const { t, locale } = ctx;
  const caption = t('ihist.caption');
  const cols = [t('ihist.when'), t('indicator.wilayah'), t('indicator.period'), t('indicator.source')].map(
    (h) => html`<th scope="col">${h}</th>`,
  );
  const numCols = [t('ihist.before'), t('ihist.after')].map((h) => html`<th scope="col" class="num">${h}</th>`);
  const all = filtered ? html` · <a href="${reviewUrls.history(indicator.code)}">${t('ihist.all')}</a>` : '';
  return html`<h1>${t('ihist.title', { name: nameOf(indicator, locale) })}</h1><p class="lead">${t('ihist.intro')}</p>
<p><a href="${indicatorUrls.page(indicator.code)}">${nameOf(indicator, locale)}</a>${all}</p>
${
  rows.length
    ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="${caption}"><table><caption>${caption}</caption>
<thead><tr>${cols}${numCols}<th scope="col">${t('indicator.status')}</th><th scope="col">${t('ihist.origin')}</th></tr></thead>
<tbody>${rows.map((h) => historyRow(ctx, indicator.code, h))}</tbody></table></div>`
    : html`<p>${t('ihist.none')}</p>`
}`;
}
