import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import { urls } from '../../urls.js';
import { adminNav, pager } from './admin.layout.js';
import type { presentAudit, presentOutbox } from './admin.presenter.js';

type Mail = ReturnType<typeof presentOutbox>;
type Entry = ReturnType<typeof presentAudit>;

export function renderOutbox(ctx: RequestContext, mails: Mail[], page: number, total: number): SafeHtml {
  const { t, locale } = ctx;
  return html`<h1>${t('admin.outbox.title')}</h1>${adminNav(ctx)}
<p>${t('admin.outbox.explain')}</p>
<p class="muted">${t('admin.outbox.count', { n: formatNumber(locale, total) })}</p>
${
  mails.length
    ? mails.map(
        (m) => html`<article class="card">
  <h2>${m.subject}</h2>
  <dl class="meta"><dt>${t('admin.outbox.to')}</dt><dd>${m.to}</dd><dt>${t('admin.outbox.created')}</dt><dd>${formatDate(locale, m.createdAt, true)}</dd>
  <dt>${t('admin.outbox.status')}</dt>
<dd>${
          m.sentAt
            ? html`<span class="badge ok">${t('admin.outbox.sent', { at: formatDate(locale, m.sentAt, true) })}</span>`
            : m.error
              ? html`<span class="badge bad">${t('admin.outbox.failed')}</span> ${m.error}`
              : html`<span class="badge">${t('admin.outbox.notSent')}</span>`
        }</dd>
</dl>
  <details><summary>${t('admin.outbox.body')}</summary><pre>${m.body}</pre></details>
</article>`,
      )
    : html`<p>${t('admin.outbox.empty')}</p>`
}
${pager(ctx, urls.adminOutbox(), {}, page, total)}`;
}

const json = (value: unknown) =>
  value === null || value === undefined ? '—' : html`<pre>${JSON.stringify(value, null, 2)}</pre>`;

export function renderAudit(
  ctx: RequestContext,
  entries: Entry[],
  types: string[],
  entity: string | undefined,
  page: number,
  total: number,
): SafeHtml {
  const { t, locale } = ctx;
  return html`<h1>${t('admin.audit.title')}</h1>${adminNav(ctx)}
<p>${t('admin.audit.explain')}</p>
<form method="get" action="${urls.adminAudit()}" class="filters">
  <div class="field"><label for="entity">${t('admin.audit.entityType')}</label><select id="entity" name="entity">
<option value="">${t('admin.audit.allTypes')}</option>
  ${types.map((ty) => html`<option value="${ty}"${ty === entity ? html` selected` : ''}>${ty}</option>`)}</select></div>
  <button type="submit">${t('common.filter')}</button>
</form>
<div class="table-scroll"><table><caption>${t('admin.audit.count', { n: formatNumber(locale, total) })}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${t('admin.audit.time')}</th><th scope="col">${t('admin.audit.actor')}</th>
<th scope="col">${t('admin.audit.action')}</th><th scope="col">${t('admin.audit.entity')}</th><th scope="col">${t('admin.audit.before')}</th>
<th scope="col">${t('admin.audit.after')}</th></tr></thead>
<tbody>${entries.map(
    (
      e,
    ) => html`<tr><td class="num">${e.seq}</td><td>${formatDate(locale, e.occurredAt, true)}</td><td>${e.actor}</td><td><code>${e.action}</code></td>
  <td>${
    e.entityType === 'user'
      ? html`<a href="${urls.adminUser(e.entityId)}">${e.entityType} ${e.entityId}</a>`
      : e.entityType === 'organization'
        ? html`<a href="${urls.adminOrganization(e.entityId)}">${e.entityType} ${e.entityId}</a>`
        : html`${e.entityType} ${e.entityId}`
  }</td>
  <td>${json(e.before)}</td><td>${json(e.after)}</td></tr>`,
  )}</tbody></table></div>
${pager(ctx, urls.adminAudit(), { entity }, page, total)}`;
}
