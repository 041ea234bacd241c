import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import type { Block } from './document.blocks.js';

function paragraphs(text: string): SafeHtml {
  return html`${text.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}`;
}

const tableRow = (r: string[]) =>
  html`<tr>${r.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`;

function renderBlock(b: Block): SafeHtml {
  switch (b.kind) {
    case 'title':
      return html`<h1>${b.text}</h1>`;
    case 'subtitle':
      return html`<p class="lead">${b.text}</p>`;
    case 'heading':
      return b.level === 2 ? html`<h2>${b.text}</h2>` : html`<h3 id="${b.id ?? ''}" class="commitment">${b.text}</h3>`;
    case 'text':
      return paragraphs(b.text);
    case 'fields':
      return html`<dl class="meta">${b.items.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
    case 'table':
      return html`<div class="table-scroll" tabindex="0" role="region" aria-label="${b.caption}"><table><caption>${b.caption}</caption>
<thead><tr>${b.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${b.rows.map(tableRow)}</tbody></table></div>`;
  }
}

/** The printable action-plan document: links to the other formats (hidden when printing), then the blocks. */
export function renderPlanDocument(ctx: RequestContext, planId: string, blocks: Block[]): SafeHtml {
  const { t } = ctx;
  const pdfLink = html`<a href="/rencana-aksi/${planId}/cetak.pdf">${t('planExport.pdf')}</a>`;
  const csvLink = html`<a href="/api/v1/plans/${planId}/commitments.csv">${t('planExport.csv')}</a>`;
  const jsonLink = html`<a href="/api/v1/plans/${planId}/export.json">${t('planExport.json')}</a>`;
  return html`<p class="no-print">${pdfLink} · ${csvLink} · ${jsonLink} · ${t('planExport.printHint')}</p>
<article class="plan-doc">${blocks.map(renderBlock)}</article>`;
}
