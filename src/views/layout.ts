import type { RequestContext } from './page-context.js';
import { html, raw, type SafeHtml, type HtmlValue } from './html.js';
import { assetUrl } from './assets.js';
import type { NavItem } from './nav.js';
import { urls } from '../urls.js';

export interface Breadcrumb {
  href?: string;
  label: string;
}

export interface PageOptions {
  title: string;
  main: SafeHtml;
  /** The JSON twin of this page, advertised with <link rel="alternate">. */
  jsonUrl?: string;
  description?: string;
  breadcrumbs?: Breadcrumb[];
  /** Extra tags for <head> (e.g. JSON-LD, Open Graph, other alternates). */
  head?: HtmlValue;
}

function isCurrent(path: string, href: string): boolean {
  const pathname = path.split('?')[0]!;
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}

export function csrfField(ctx: RequestContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}

function accountNav(ctx: RequestContext): SafeHtml {
  const { t } = ctx;
  if (!ctx.user) {
    return html`<li><a href="${urls.login(ctx.path === '/' ? undefined : ctx.path)}">${t('nav.login')}</a></li>
      <li><a href="${urls.register()}">${t('nav.register')}</a></li>`;
  }
  const isAdmin = ctx.user.roles.some((r) => r.role === 'admin');
  const logout = html`<button type="submit" class="link">${t('nav.logout')}</button>`;
  return html`${isAdmin ? html`<li><a href="${urls.admin()}">${t('nav.admin')}</a></li>` : ''}
    <li><a href="/notifikasi">${t('nav.notifications')}</a></li>
    <li><a href="${urls.account()}">${t('nav.account')}</a></li>
    <li><form method="post" action="${urls.logout()}" class="inline">${csrfField(ctx)}${logout}</form></li>`;
}

/** What every page shows around its content: the site's name and its main menu. */
interface SiteChrome {
  name: string;
  nav: readonly NavItem[];
}

/** The full HTML document around a page's main content. */
export function renderPage(ctx: RequestContext, site: SiteChrome, options: PageOptions): string {
  const { t, locale } = ctx;
  const siteName = site.name;
  const other = locale === 'id' ? 'en' : 'id';
  const langHref = urls.language(other, ctx.path);
  const langLabel = t('layout.switchLanguageLabel');
  const crumb = (b: Breadcrumb) =>
    b.href ? html`<li><a href="${b.href}">${b.label}</a></li>` : html`<li aria-current="page">${b.label}</li>`;
  const jsonLink = options.jsonUrl ? html` · <a href="${options.jsonUrl}">${t('layout.json')}</a>` : '';
  const doc = html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${siteName}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
<link rel="stylesheet" href="${assetUrl('app.css')}">
${options.jsonUrl ? html`<link rel="alternate" type="application/json" href="${options.jsonUrl}">` : ''}
${options.head ?? ''}
</head>
<body>
<a class="skip" href="#main">${t('layout.skip')}</a>
<header class="site">
  <div class="wrap bar">
    <a class="brand" href="/">${siteName}</a>
    <a class="lang" href="${langHref}" lang="${other}" hreflang="${other}" aria-label="${langLabel}">${t('layout.switchLanguage')}</a>
  </div>
  <nav class="wrap" aria-label="${t('layout.nav')}">
    <ul class="nav">
      ${site.nav.map((item) => html`<li><a href="${item.href}"${raw(isCurrent(ctx.path, item.href) ? ' aria-current="page"' : '')}>${t(item.label)}</a></li>`)}
      ${accountNav(ctx)}
    </ul>
  </nav>
</header>
${
  options.breadcrumbs?.length
    ? html`<nav class="wrap crumbs" aria-label="${t('layout.breadcrumb')}"><ol>${options.breadcrumbs.map(crumb)}</ol></nav>`
    : ''
}
<main id="main" class="wrap" tabindex="-1">
${options.main}
</main>
<footer class="site">
  <div class="wrap">
    <p>${t('layout.footer')}</p>
    <p><a href="/metode">${t('layout.methods')}</a> · <a href="${urls.apiDocs()}">${t('layout.apiDocs')}</a>${jsonLink}</p>
  </div>
</footer>
</body>
</html>`;
  return doc.value;
}

export interface FormError {
  field: string;
  message: string;
}

/** The GOV.UK-style error summary: a heading and one link per field, focused on load. */
export function errorSummary(ctx: RequestContext, errors: FormError[]): SafeHtml {
  if (!errors.length) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${ctx.t('form.errorSummary')}</h2>
  <ul>${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}</ul>
</div>`;
}

/** A linked error summary whose links may point to other pages (readiness problems). */
export function linkedSummary(
  ctx: RequestContext,
  title: string,
  items: Array<{ href: string; message: string }>,
): SafeHtml {
  if (!items.length) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="readiness-title">
<h2 id="readiness-title">${title}</h2>
<ul>${items.map((i) => html`<li><a href="${i.href}">${i.message}</a></li>`)}</ul></div>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  value?: string | null;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  errors?: FormError[];
  attrs?: string;
}

/** A labelled input with its hint and error wired up through aria-describedby. */
export function field(ctx: RequestContext, o: FieldOptions): SafeHtml {
  const error = o.errors?.find((e) => e.field === o.name);
  const describedBy = [o.hint ? `${o.name}-hint` : '', error ? `${o.name}-error` : ''].filter(Boolean).join(' ');
  const type = o.type ?? 'text';
  const required = raw(o.required ? ' required' : '');
  const described = raw(describedBy ? ` aria-describedby="${describedBy}"` : '');
  const invalid = raw(error ? ' aria-invalid="true"' : '');
  const autocomplete = raw(o.autocomplete ? ` autocomplete="${o.autocomplete}"` : '');
  const extra = raw(o.attrs ? ' ' + o.attrs : '');
  const common = html`id="${o.name}" name="${o.name}"${required}${described}${invalid}${autocomplete}${extra}`;
  return html`<div class="field${error ? ' has-error' : ''}">
  <label for="${o.name}">${o.label}${o.required ? html` <span class="req">(${ctx.t('form.required')})</span>` : ''}</label>
  ${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
  ${error ? html`<p class="error" id="${o.name}-error">${error.message}</p>` : ''}
  ${
    type === 'textarea'
      ? html`<textarea ${common} rows="5">${o.value ?? ''}</textarea>`
      : html`<input type="${type}" ${common} value="${type === 'password' ? '' : (o.value ?? '')}">`
  }
</div>`;
}
