import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { formatDate } from '../../i18n/i18n.js';
import { urls } from '../../urls.js';
import type { listApiTokens, listGrantsWithOrganization, listSessions } from './account.repository.js';
import { checkbox, radioGroup } from '../../views/form-controls.js';
import { MIN_PASSWORD_LENGTH } from './password.js';
import { DEFAULT_TOKEN_DAYS, DEFAULT_TOKEN_SCOPE, MAX_TOKEN_DAYS, TOKEN_SCOPES } from './token-scope.js';

export interface AccountPageData {
  user: { name: string; email: string; locale: string; position: string };
  grants: Awaited<ReturnType<typeof listGrantsWithOrganization>>;
  tokens: Awaited<ReturnType<typeof listApiTokens>>;
  sessions: Awaited<ReturnType<typeof listSessions>>;
  currentSessionId: string | null;
  /** The token just created: shown this once. */
  newToken?: string;
  notice?: string;
  errors?: { profile?: FormError[]; password?: FormError[]; token?: FormError[] };
}

export function roleLabel(ctx: RequestContext, g: { role: string; organization_name: string | null }): string {
  return ctx.t(`role.${g.role}`) + (g.organization_name ? ` — ${g.organization_name}` : '');
}

export function localeSelect(ctx: RequestContext, current: string): SafeHtml {
  const options = (['id', 'en'] as const).map(
    (l) => html`<option value="${l}"${current === l ? html` selected` : ''}>${ctx.t(`account.locale.${l}`)}</option>`,
  );
  return html`<div class="field"><label for="locale">${ctx.t('account.field.locale')}</label>
  <select id="locale" name="locale">${options}</select></div>`;
}

const tokenState = (tk: AccountPageData['tokens'][number], now: string) =>
  tk.revoked_at ? 'revoked' : tk.expires_at && tk.expires_at <= now ? 'expired' : 'active';

/** Tokens still working: what a password change offers to revoke. */
const activeTokens = (d: AccountPageData, now = new Date().toISOString()) =>
  d.tokens.filter((tk) => tokenState(tk, now) === 'active').length;

function tokenRow(ctx: RequestContext, tk: AccountPageData['tokens'][number], now: string): SafeHtml {
  const { t, locale } = ctx;
  const state = tokenState(tk, now);
  const badge = html`<span class="badge ${state === 'active' ? 'ok' : 'bad'}">${t(`account.tokens.${state}`)}</span>`;
  const revoke =
    state === 'revoked'
      ? ''
      : html`<form method="post" action="${urls.account()}/token/${tk.id}/cabut" class="inline">${csrfField(ctx)}<button
type="submit" class="secondary">${t('account.tokens.revoke')}<span class="sr-only"> ${tk.name}</span></button></form>`;
  return html`<tr><td>${tk.name}</td><td><code>${tk.prefix}…</code></td><td>${t(`account.tokens.scope.${tk.scope}`)}</td>
<td>${formatDate(locale, tk.created_at, true)}</td>
<td>${tk.expires_at ? formatDate(locale, tk.expires_at, true) : t('account.tokens.never')}</td>
<td>${formatDate(locale, tk.last_used_at, true)}</td><td>${badge}</td><td>${revoke}</td></tr>`;
}

function tokensSection(ctx: RequestContext, d: AccountPageData): SafeHtml {
  const { t } = ctx;
  const errors = d.errors?.token ?? [];
  const now = new Date().toISOString();
  const scopes = TOKEN_SCOPES.map((scope) => ({
    value: scope,
    label: `${t(`account.tokens.scope.${scope}`)} — ${t(`account.tokens.scopeHint.${scope}`)}`,
  }));
  return html`<section aria-labelledby="tokens-h"><h2 id="tokens-h">${t('account.tokens.title')}</h2>
<p>${t('account.tokens.intro')} <code>Authorization: Bearer tbk_…</code></p>
${
  d.newToken
    ? html`<div class="notice ok" role="status"><p><strong>${t('account.tokens.created')}</strong></p><p>
<code id="new-token">${d.newToken}</code></p></div>`
    : ''
}
${
  d.tokens.length
    ? html`<div class="table-scroll"><table><caption>${t('account.tokens.title')}</caption><thead><tr>
  <th scope="col">${t('account.tokens.name')}</th><th scope="col">${t('account.tokens.prefix')}</th>
  <th scope="col">${t('account.tokens.scope')}</th><th scope="col">${t('account.tokens.createdAt')}</th>
  <th scope="col">${t('account.tokens.expires')}</th><th scope="col">${t('account.tokens.lastUsed')}</th>
  <th scope="col">${t('account.tokens.status')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
<tbody>${d.tokens.map((tk) => tokenRow(ctx, tk, now))}</tbody></table></div>`
    : html`<p class="muted">${t('account.tokens.none')}</p>`
}
${errorSummary(ctx, errors)}
<form method="post" action="${urls.account()}/token" class="stack">${csrfField(ctx)}
  ${field(ctx, { name: 'tokenName', label: t('account.tokens.name'), required: true, hint: t('account.tokens.nameHint'), errors })}
  ${radioGroup(ctx, { name: 'scope', legend: t('account.tokens.scope'), choices: scopes, value: DEFAULT_TOKEN_SCOPE, errors })}
  ${field(ctx, {
    name: 'expiresInDays',
    label: t('account.tokens.expiresIn'),
    type: 'number',
    value: String(DEFAULT_TOKEN_DAYS),
    hint: t('account.tokens.expiresInHint', { default: DEFAULT_TOKEN_DAYS, max: MAX_TOKEN_DAYS }),
    attrs: `min="1" max="${MAX_TOKEN_DAYS}" inputmode="numeric"`,
    errors,
  })}
  <button type="submit">${t('account.tokens.create')}</button></form></section>`;
}

/** Offered (ticked) on the password form when the user has tokens that still work. */
function revokeTokensBox(ctx: RequestContext, d: AccountPageData): SafeHtml {
  const count = activeTokens(d);
  if (!count) return html``;
  return html`${checkbox({ name: 'revokeTokens', label: ctx.t('account.password.revokeTokens', { count }), checked: true })}
<p class="hint">${ctx.t('account.password.revokeTokensHint')}</p>`;
}

export function renderAccount(ctx: RequestContext, d: AccountPageData): SafeHtml {
  const { t, locale } = ctx;
  return html`<h1>${t('account.page.title')}</h1>
${d.notice ? html`<p class="notice ok" role="status">${d.notice}</p>` : ''}
<dl class="meta"><dt>${t('account.field.email')}</dt><dd>${d.user.email}</dd>
<dt>${t('account.roles.title')}</dt>
<dd>${d.grants.length ? html`<ul class="plain">${d.grants.map((g) => html`<li>${roleLabel(ctx, g)}</li>`)}</ul>` : t('common.none')}</dd></dl>

<section aria-labelledby="profile-h"><h2 id="profile-h">${t('account.profile.title')}</h2>
${errorSummary(ctx, d.errors?.profile ?? [])}
<form method="post" action="${urls.account()}/profil" class="stack">${csrfField(ctx)}
  ${field(ctx, { name: 'name', label: t('account.field.name'), required: true, autocomplete: 'name', value: d.user.name, errors: d.errors?.profile })}
  ${field(ctx, { name: 'position', label: t('account.field.position'), hint: t('account.hint.position'), value: d.user.position, errors: d.errors?.profile })}
  ${localeSelect(ctx, d.user.locale)}
  <button type="submit">${t('common.save')}</button></form></section>

<section aria-labelledby="password-h"><h2 id="password-h">${t('account.password.title')}</h2>
${errorSummary(ctx, d.errors?.password ?? [])}
<form method="post" action="${urls.account()}/sandi" class="stack">${csrfField(ctx)}
  ${field(ctx, {
    name: 'current',
    label: t('account.field.currentPassword'),
    type: 'password',
    required: true,
    autocomplete: 'current-password',
    errors: d.errors?.password,
  })}
  ${field(ctx, {
    name: 'password',
    label: t('account.field.newPassword'),
    type: 'password',
    required: true,
    autocomplete: 'new-password',
    hint: t('account.password.hint', { min: MIN_PASSWORD_LENGTH }),
    errors: d.errors?.password,
  })}
  ${field(ctx, {
    name: 'passwordConfirm',
    label: t('account.field.passwordConfirm'),
    type: 'password',
    required: true,
    autocomplete: 'new-password',
    errors: d.errors?.password,
  })}
  ${revokeTokensBox(ctx, d)}
  <button type="submit">${t('account.password.submit')}</button></form></section>

${tokensSection(ctx, d)}

<section aria-labelledby="sessions-h"><h2 id="sessions-h">${t('account.sessions.title')}</h2>
<div class="table-scroll"><table><caption>${t('account.sessions.title')}</caption><thead><tr><th scope="col">${t('account.sessions.started')}</th>
<th scope="col">${t('account.sessions.expires')}</th><th scope="col">${t('account.sessions.browser')}</th></tr></thead>
<tbody>${d.sessions.map(
    (s) => html`<tr>
<td>${formatDate(locale, s.created_at, true)}${s.id === d.currentSessionId ? html` <span class="badge ok">${t('account.sessions.current')}</span>` : ''}</td>
<td>${formatDate(locale, s.expires_at, true)}</td><td>${s.user_agent ?? '—'}</td></tr>`,
  )}</tbody></table></div>
${
  d.sessions.length > 1
    ? html`<form method="post" action="${urls.account()}/sesi/keluar-lain">${csrfField(ctx)}<button
type="submit" class="secondary">${t('account.sessions.endOthers')}</button></form>`
    : ''
}
</section>`;
}
