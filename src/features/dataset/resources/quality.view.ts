import type { RequestContext } from '../../../views/page-context.js';
import { html, type SafeHtml } from '../../../views/html.js';
import { formatNumber } from '../../../i18n/i18n.js';
import type { QualityReport } from '../../datastore/quality-report.js';

/** The data-quality report: a summary, per-column counts, and the problems by row. */
export function renderQualityReport(ctx: RequestContext, q: QualityReport, headingLevel: 2 | 3 = 3): SafeHtml {
  const { t, locale } = ctx;
  const n = (x: number) => formatNumber(locale, x);
  const h = (text: string) => (headingLevel === 2 ? html`<h2>${text}</h2>` : html`<h3>${text}</h3>`);
  const kinds = Object.entries(q.counts).filter(([, c]) => (c ?? 0) > 0);
  const detected = t('quality.detected', {
    format: q.format.toUpperCase(),
    encoding: q.encoding ?? '—',
    delimiter: q.delimiter === '\t' ? 'tab' : (q.delimiter ?? '—'),
    header: q.headerRow,
  });
  const kindItem = ([kind, c]: (typeof kinds)[number]) => {
    const badge = kind === 'preamble_row' || kind === 'duplicate_header' ? '' : 'warn';
    return html`<li><span class="badge ${badge}">${n(c ?? 0)}</span> ${t(`quality.kind.${kind}`)}</li>`;
  };
  const style = (c: QualityReport['columns'][number]) =>
    c.numberLocale ? ` (${t(c.numberLocale === 'id' ? 'quality.columnLocaleId' : 'quality.columnLocaleEn')})` : '';
  const units = q.columns.some((c) => c.unit);
  const columnRow = (c: QualityReport['columns'][number]) =>
    html`<tr><th scope="row">${c.label}</th><td><code>${c.id}</code></td><td>${t(`resource.type.${c.type}`)}${style(c)}</td>
${units ? html`<td>${c.unit ?? ''}</td>` : ''}<td>${n(c.missing)}</td><td>${n(c.mismatches)}</td></tr>`;
  // Each ambiguous number column, with both readings, so the producer can check it before approval.
  const ambiguous = q.issues.filter((i) => i.kind === 'ambiguous_number' && i.readings);
  // Without grouping, so the two readings differ visibly: 36896 and 36,896 (id) / 36.896 (en).
  const ungrouped = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    useGrouping: false,
    maximumFractionDigits: 6,
  });
  const readingOf = (x: number) => ungrouped.format(x);
  const shownIssues = q.issues.filter((i) => i.kind !== 'preamble_row');
  const issueRow = (i: QualityReport['issues'][number]) =>
    html`<tr><td>${i.row ?? '—'}</td><td>${i.column ?? '—'}</td><td>${t(`quality.kind.${i.kind}`)}</td><td>${i.value ?? ''}</td></tr>`;
  return html`<section class="quality">
    ${h(t('quality.title'))}
    <ul>
      <li>${t('quality.rows', { read: n(q.rowsRead), loaded: n(q.rowsLoaded), excluded: n(q.rowsExcluded) })}</li>
      <li>${detected}</li>
      <li>${t(q.numberLocale === 'id' ? 'quality.localeId' : 'quality.localeEn')}</li>
      ${q.sheet ? html`<li>${t('quality.sheet', { sheet: q.sheet, sheets: q.sheets.join(', ') })}</li>` : ''}
      ${q.wilayahColumn ? html`<li>${t('quality.wilayahColumn', { column: q.wilayahColumn })}</li>` : ''}
    </ul>
    ${kinds.length ? html`<ul>${kinds.map(kindItem)}</ul>` : html`<p class="notice ok">${t('quality.clean')}</p>`}
    ${
      ambiguous.length
        ? html`<ul class="notice warn">${ambiguous.map(
            (i) =>
              html`<li>${t('quality.ambiguousNumber', {
                column: i.column ?? '',
                value: i.value ?? '',
                reading: readingOf(i.readings![0]),
                alternative: readingOf(i.readings![1]),
              })}</li>`,
          )}</ul>`
        : ''
    }
    <div class="table-scroll"><table><caption>${t('quality.columnsCaption')}</caption>
      <thead><tr><th scope="col">${t('resource.column.label')}</th><th scope="col">${t('resource.column.id')}</th>
        <th scope="col">${t('resource.column.type')}</th>${units ? html`<th scope="col">${t('resource.column.unit')}</th>` : ''}
        <th scope="col">${t('quality.missing')}</th>
        <th scope="col">${t('quality.mismatches')}</th></tr></thead>
      <tbody>${q.columns.map(columnRow)}</tbody>
    </table></div>
    ${
      q.issues.some((i) => i.kind !== 'preamble_row')
        ? html`<details><summary>${t('quality.issuesList', { n: q.issues.length })}</summary>
        <div class="table-scroll"><table><caption>${t('quality.issuesCaption')}</caption>
        <thead><tr><th scope="col">${t('quality.row')}</th><th scope="col">${t('quality.column')}</th>
          <th scope="col">${t('quality.problem')}</th><th scope="col">${t('quality.value')}</th></tr></thead>
        <tbody>${shownIssues.map(issueRow)}</tbody>
      </table></div>${q.issuesTruncated ? html`<p class="muted">${t('quality.truncated')}</p>` : ''}</details>`
        : ''
    }
  </section>`;
}
