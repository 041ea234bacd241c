import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, type FormError } from '../../views/layout.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import { urls } from '../../urls.js';
import { ORG_SCOPED_ROLES, ROLES } from '../../actor/actor.js';
import { ADMIN_SECTIONS, adminNav, pager } from './admin.layout.js';
import type { presentAdminUser } from './admin.presenter.js';
import type { dashboardCounts } from './admin.repository.js';

type AdminUser = ReturnType<typeof presentAdminUser>;
type Counts = Awaited<ReturnType<typeof dashboardCounts>>;

export function renderDashboard(ctx: RequestContext, counts: Counts): SafeHtml {
  const { t, locale } = ctx;
  const numbers = [counts.users, counts.organizations, counts.outbox, counts.audit];
  return html`<h1>${t('admin.title')}</h1>
<p class="lead">${t('admin.intro')}</p>
<ul class="cards">${ADMIN_SECTIONS.map(
    (s, i) => html`<li class="card"><h2><a href="${s.href}">${t(s.label)}</a></h2>
  <span class="stat">${formatNumber(locale, numbers[i]!)}</span><p>${t(s.text)}</p></li>`,
  )}</ul>`;
}

const roleText = (ctx: RequestContext, r: AdminUser['roles'][number]) =>
  ctx.t(`role.${r.role}`) + (r.organization ? ` — ${r.organization.name}` : '');

function status(ctx: RequestContext, u: AdminUser): SafeHtml {
  if (u.disabled) return html`<span class="badge bad">${ctx.t('admin.user.disabled')}</span>`;
  if (u.lockedUntil)
    return html`<span class="badge warn">${ctx.t('admin.user.locked', { until: formatDate(ctx.locale, u.lockedUntil, true) })}</span>`;
  return html`<span class="badge ok">${ctx.t('admin.user.active')}</span>`;
}

export function renderUserList(
  ctx: RequestContext,
  users: AdminUser[],
  q: string | undefined,
  page: number,
  total: number,
): SafeHtml {
  const { t, locale } = ctx;
  return html`<h1>${t('admin.users.title')}</h1>${adminNav(ctx)}
<form method="get" action="${urls.adminUsers()}" class="filters" role="search">
  <div class="field"><label for="q">${t('admin.users.search')}</label><input type="search" id="q" name="q" value="${q ?? ''}"></div>
  <button type="submit">${t('common.search')}</button>
</form>
<div class="table-scroll"><table><caption>${t('admin.users.count', { n: formatNumber(locale, total) })}</caption>
<thead><tr><th scope="col">${t('account.field.name')}</th><th scope="col">${t('account.field.email')}</th><th scope="col">${t('account.roles.title')}</th>
  <th scope="col">${t('admin.user.status')}</th><th scope="col">${t('admin.user.since')}</th></tr></thead>
<tbody>${users.map(
    (u) => html`<tr><td><a href="${urls.adminUser(u.id)}">${u.name}</a></td><td>${u.email}</td>
  <td>${u.roles.length ? u.roles.map((r, i) => html`${i ? ', ' : ''}${roleText(ctx, r)}`) : '—'}</td>
  <td>${status(ctx, u)}</td><td>${formatDate(locale, u.createdAt)}</td></tr>`,
  )}</tbody></table></div>
${pager(ctx, urls.adminUsers(), { q }, page, total)}`;
}

export interface UserPageOptions {
  organizations: Array<{ id: string; name: string }>;
  errors: FormError[];
  notice?: string;
  isSelf: boolean;
}

export function renderUserDetail(ctx: RequestContext, u: AdminUser, o: UserPageOptions): SafeHtml {
  const { t, locale } = ctx;
  const base = urls.adminUser(u.id);
  const scoped = ORG_SCOPED_ROLES.map((r) => t(`role.${r}`)).join(', ');
  return html`<h1>${u.name}</h1>${adminNav(ctx)}
${o.notice ? html`<p class="notice ok" role="status">${o.notice}</p>` : ''}
${errorSummary(ctx, o.errors)}
<dl class="meta"><dt>${t('account.field.email')}</dt><dd>${u.email}</dd>
<dt>${t('admin.user.status')}</dt><dd>${status(ctx, u)}</dd>
<dt>${t('admin.user.since')}</dt><dd>${formatDate(locale, u.createdAt, true)}</dd>
<dt>${t('account.field.locale')}</dt><dd>${t(`account.locale.${u.locale === 'en' ? 'en' : 'id'}`)}</dd></dl>

<h2>${t('account.roles.title')}</h2>
${
  u.roles.length
    ? html`<div class="table-scroll"><table><caption class="sr-only">${t('account.roles.title')}</caption>
<thead><tr><th scope="col">${t('admin.role')}</th><th scope="col">${t('admin.organization')}</th>
  <th scope="col">${t('admin.grantedAt')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
<tbody>${u.roles.map(
        (r) => html`<tr><td>${t(`role.${r.role}`)}</td>
  <td>${r.organization ? html`<a href="${urls.adminOrganization(r.organization.id)}">${r.organization.name}</a>` : '—'}</td>
  <td>${formatDate(locale, r.grantedAt, true)}</td>
  <td><form method="post" action="${base}/peran/${r.id}/cabut" class="inline">${csrfField(ctx)}<button type="submit"
    class="secondary">${t('admin.revoke')}<span class="sr-only"> ${roleText(ctx, r)}</span></button></form></td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">${t('common.none')}</p>`
}

<h3>${t('admin.grant.title')}</h3>
<form method="post" action="${base}/peran" class="stack">${csrfField(ctx)}
  <div class="field"><label for="role">${t('admin.role')}</label>
    <select id="role" name="role">${ROLES.map((r) => html`<option value="${r}">${t(`role.${r}`)}</option>`)}</select></div>
  <div class="field${o.errors.some((e) => e.field === 'organizationId') ? ' has-error' : ''}"><label for="organizationId">${t('admin.organization')}</label>
    <p class="hint" id="organizationId-hint">${t('admin.grant.orgHint', { roles: scoped })}</p>
    <select id="organizationId" name="organizationId" aria-describedby="organizationId-hint"><option value="">${t('admin.grant.noOrg')}</option>
      ${o.organizations.map((org) => html`<option value="${org.id}">${org.name}</option>`)}</select></div>
  <button type="submit">${t('admin.grant.submit')}</button>
</form>

<h2>${t('admin.user.access')}</h2>
${
  o.isSelf
    ? html`<p class="muted">${t('admin.user.selfNote')}</p>`
    : html`<form method="post" action="${base}/status">${csrfField(ctx)}
  <input type="hidden" name="action" value="${u.disabled ? 'enable' : 'disable'}">
  <p>${u.disabled ? t('admin.user.enableText') : t('admin.user.disableText')}</p>
  <button type="submit"${u.disabled ? '' : html` class="danger"`}>${u.disabled ? t('admin.user.enable') : t('admin.user.disable')}</button></form>`
}
${
  u.lockedUntil && !u.disabled
    ? html`<form method="post" action="${base}/status">${csrfField(ctx)}<input type="hidden" name="action" value="unlock">
  <p>${t('admin.user.unlockText')}</p><button type="submit" class="secondary">${t('admin.user.unlock')}</button></form>`
    : ''
}`;
}
