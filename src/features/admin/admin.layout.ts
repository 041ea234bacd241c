import type { RequestContext } from '../../views/page-context.js';
import type { Breadcrumb } from '../../views/layout.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { urls } from '../../urls.js';

export const ADMIN_SECTIONS = [
  { href: urls.adminUsers(), label: 'admin.users.title', text: 'admin.users.intro' },
  { href: urls.adminOrganizations(), label: 'admin.organizations.title', text: 'admin.organizations.intro' },
  { href: urls.adminOutbox(), label: 'admin.outbox.title', text: 'admin.outbox.intro' },
  { href: urls.adminAudit(), label: 'admin.audit.title', text: 'admin.audit.intro' },
] as const;

export const PAGE_SIZE = 50;

/** The admin area's own menu, marking the current section. */
export function adminNav(ctx: RequestContext): SafeHtml {
  const path = ctx.path.split('?')[0]!;
  return html`<nav aria-label="${ctx.t('admin.nav')}"><ul class="nav admin-nav">${ADMIN_SECTIONS.map((s) => {
    const current = path === s.href || path.startsWith(s.href + '/');
    return html`<li><a href="${s.href}"${raw(current ? ' aria-current="page"' : '')}>${ctx.t(s.label)}</a></li>`;
  })}</ul></nav>`;
}

export function adminCrumbs(ctx: RequestContext, ...rest: Breadcrumb[]): Breadcrumb[] {
  return [{ href: urls.admin(), label: ctx.t('admin.title') }, ...rest];
}

/** Previous/next links keeping the other query parameters. */
export function pager(
  ctx: RequestContext,
  base: string,
  query: Record<string, string | undefined>,
  page: number,
  total: number,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages <= 1) return html``;
  const link = (p: number) => {
    const params = new URLSearchParams(
      Object.entries({ ...query, page: String(p) }).filter((e): e is [string, string] => !!e[1]),
    );
    return `${base}?${params.toString()}`;
  };
  return html`<nav class="pager" aria-label="${ctx.t('admin.paging')}">
  ${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">${ctx.t('common.previous')}</a>` : ''}
  <span>${ctx.t('admin.pageOf', { page, pages })}</span>
  ${page < pages ? html`<a href="${link(page + 1)}" rel="next">${ctx.t('common.next')}</a>` : ''}</nav>`;
}
