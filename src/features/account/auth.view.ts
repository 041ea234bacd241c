import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { urls } from '../../urls.js';
import { MIN_PASSWORD_LENGTH } from './password.js';

export type Values = Record<string, string | undefined>;

const passwordFields = (ctx: RequestContext, errors: FormError[], newLabel = 'account.field.password') => {
  const password = field(ctx, {
    name: 'password',
    label: ctx.t(newLabel),
    type: 'password',
    required: true,
    autocomplete: 'new-password',
    hint: ctx.t('account.password.hint', { min: MIN_PASSWORD_LENGTH }),
    errors,
  });
  const confirm = field(ctx, {
    name: 'passwordConfirm',
    label: ctx.t('account.field.passwordConfirm'),
    type: 'password',
    required: true,
    autocomplete: 'new-password',
    errors,
  });
  return html`
  ${password}
  ${confirm}`;
};

export function renderRegister(ctx: RequestContext, values: Values, errors: FormError[]): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('account.register.title')}</h1>
<p class="lead">${t('account.register.intro')}</p>
${errorSummary(ctx, errors)}
<form method="post" action="${urls.register()}" class="stack" novalidate>
  ${csrfField(ctx)}
  ${field(ctx, { name: 'name', label: t('account.field.name'), required: true, autocomplete: 'name', value: values.name, errors })}
  ${field(ctx, { name: 'email', label: t('account.field.email'), type: 'email', required: true, autocomplete: 'email', value: values.email, errors })}
  ${passwordFields(ctx, errors)}
  <button type="submit">${t('account.register.submit')}</button>
</form>
<p>${t('account.register.haveAccount')} <a href="${urls.login()}">${t('nav.login')}</a></p>`;
}

export function renderLogin(ctx: RequestContext, values: Values, errors: FormError[], notice?: string): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('account.login.title')}</h1>
${notice ? html`<p class="notice ok" role="status">${notice}</p>` : ''}
${errorSummary(ctx, errors)}
<form method="post" action="${urls.login()}" class="stack" novalidate>
  ${csrfField(ctx)}
  ${values.next ? html`<input type="hidden" name="next" value="${values.next}">` : ''}
  ${field(ctx, { name: 'email', label: t('account.field.email'), type: 'email', required: true, autocomplete: 'username', value: values.email, errors })}
  ${field(ctx, { name: 'password', label: t('account.field.password'), type: 'password', required: true, autocomplete: 'current-password', errors })}
  <button type="submit">${t('account.login.submit')}</button>
</form>
<p><a href="${urls.passwordForgot()}">${t('account.forgot.link')}</a></p>
<p>${t('account.login.noAccount')} <a href="${urls.register()}">${t('nav.register')}</a></p>`;
}

export function renderForgot(ctx: RequestContext, values: Values, errors: FormError[], sent: boolean): SafeHtml {
  const { t } = ctx;
  if (sent) {
    return html`<h1>${t('account.forgot.title')}</h1><p class="notice ok" role="status">${t('account.forgot.sent')}</p>
<p><a href="${urls.login()}">${t('nav.login')}</a></p>`;
  }
  return html`<h1>${t('account.forgot.title')}</h1>
<p class="lead">${t('account.forgot.intro')}</p>
${errorSummary(ctx, errors)}
<form method="post" action="${urls.passwordForgot()}" class="stack" novalidate>
  ${csrfField(ctx)}
  ${field(ctx, { name: 'email', label: t('account.field.email'), type: 'email', required: true, autocomplete: 'email', value: values.email, errors })}
  <button type="submit">${t('account.forgot.submit')}</button>
</form>`;
}

/** The page for a link that was used already, has expired or never existed. */
export function renderTokenInvalid(ctx: RequestContext, again: boolean): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('account.token.invalidTitle')}</h1><p class="lead">${t('error.TOKEN_INVALID')}</p>
${again ? html`<p><a href="${urls.passwordForgot()}">${t('account.forgot.again')}</a></p>` : ''}`;
}

export function renderReset(ctx: RequestContext, token: string, errors: FormError[]): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('account.reset.title')}</h1>
${errorSummary(ctx, errors)}
<form method="post" action="${urls.passwordReset(token)}" class="stack" novalidate>
  ${csrfField(ctx)}
  ${passwordFields(ctx, errors, 'account.field.newPassword')}
  <button type="submit">${t('account.reset.submit')}</button>
</form>`;
}

export function renderSetup(
  ctx: RequestContext,
  token: string,
  state: 'ready' | 'admin_exists' | 'invalid',
  values: Values,
  errors: FormError[],
): SafeHtml {
  const { t } = ctx;
  if (state === 'admin_exists') {
    return html`<h1>${t('account.setup.title')}</h1><p class="notice" role="status">${t('error.ADMIN_EXISTS')}</p>
<p><a href="${urls.login()}">${t('nav.login')}</a></p>`;
  }
  if (state === 'invalid') return renderTokenInvalid(ctx, false);
  return html`<h1>${t('account.setup.title')}</h1>
<p class="lead">${t('account.setup.intro')}</p>
${errorSummary(ctx, errors)}
<form method="post" action="${urls.setup(token)}" class="stack" novalidate>
  ${csrfField(ctx)}
  ${field(ctx, { name: 'name', label: t('account.field.name'), required: true, autocomplete: 'name', value: values.name, errors })}
  ${field(ctx, { name: 'email', label: t('account.field.email'), type: 'email', required: true, autocomplete: 'email', value: values.email, errors })}
  ${passwordFields(ctx, errors)}
  <button type="submit">${t('account.setup.submit')}</button>
</form>`;
}
