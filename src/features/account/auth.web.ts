import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redirect, sendPage } from '../../http/render.js';
import { parseForm, translateFieldErrors, formErrorsOf } from '../../http/forms.js';
import type { FormError } from '../../views/layout.js';
import type { SafeHtml } from '../../views/html.js';
import { safeNext, urls } from '../../urls.js';
import { findUserById } from './account.repository.js';
import { peekOneTimeToken, registerUser } from './account.service.js';
import { authenticate, requestPasswordReset, resetPassword, setupFirstAdmin, setupState } from './login.service.js';
import { endSession, startSession } from './session.http.js';
import { forgotForm, loginForm, registerForm, resetForm, setupForm } from './account.schema.js';
import {
  renderForgot,
  renderLogin,
  renderRegister,
  renderReset,
  renderSetup,
  renderTokenInvalid,
  type Values,
} from './auth.view.js';

const tokenParam = z.object({ token: z.string().min(1).max(200) });
const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
/** What the form echoes back after an error: never a password. */
const echo = (v: Values): Values => ({ name: v.name, email: v.email, next: v.next });

/** Registration, login/logout, password reset and the first-admin setup, as HTML forms. */
export async function authWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;
  const rateLimit = { max: config.loginRatePerMinute, timeWindow: '1 minute' };
  const page = (request: FastifyRequest, reply: FastifyReply, titleKey: string, main: SafeHtml, status = 200) =>
    sendPage(request, reply, { title: request.ctx.t(titleKey), main }, status);
  const fail = (
    request: FastifyRequest,
    reply: FastifyReply,
    titleKey: string,
    error: unknown,
    fallback: string,
    render: (errors: FormError[]) => SafeHtml,
  ) => {
    const { status, errors } = formErrorsOf(request.ctx, error, fallback);
    return page(request, reply, titleKey, render(errors), status);
  };

  r.get('/daftar', async (request, reply) => {
    if (request.ctx.user) return redirect(reply, urls.account());
    return page(request, reply, 'account.register.title', renderRegister(request.ctx, {}, []));
  });

  r.post('/daftar', { config: { rateLimit } }, async (request, reply) => {
    const form = parseForm(registerForm, request.body);
    const values = echo(body(request));
    if (!form.ok)
      return page(
        request,
        reply,
        'account.register.title',
        renderRegister(request.ctx, values, translateFieldErrors(request.ctx.t, form.errors)),
        422,
      );
    try {
      const id = await registerUser(
        app.deps.db,
        { ...form.data, locale: request.ctx.locale },
        app.deps.storage.dialect.isUniqueViolation,
      );
      await startSession(request, reply, { id, locale: request.ctx.locale });
      return redirect(reply, urls.account());
    } catch (error) {
      return fail(request, reply, 'account.register.title', error, 'email', (errors) =>
        renderRegister(request.ctx, values, errors),
      );
    }
  });

  r.get(
    '/masuk',
    { schema: { querystring: z.object({ next: z.string().max(2000).optional(), reset: z.string().optional() }) } },
    async (request, reply) => {
      const next = safeNext(request.query.next, '');
      if (request.ctx.user) return redirect(reply, next || urls.account());
      const notice = request.query.reset ? request.ctx.t('account.reset.done') : undefined;
      return page(
        request,
        reply,
        'account.login.title',
        renderLogin(request.ctx, { next: next || undefined }, [], notice),
      );
    },
  );

  r.post('/masuk', { config: { rateLimit } }, async (request, reply) => {
    const form = parseForm(loginForm, request.body);
    const values = echo(body(request));
    if (!form.ok)
      return page(
        request,
        reply,
        'account.login.title',
        renderLogin(request.ctx, values, translateFieldErrors(request.ctx.t, form.errors)),
        422,
      );
    try {
      const user = await authenticate(
        app.deps.db,
        { maxAttempts: config.loginMaxAttempts, lockMinutes: config.loginLockMinutes },
        form.data.email,
        form.data.password,
      );
      await startSession(request, reply, user);
      return redirect(reply, safeNext(form.data.next, urls.account()));
    } catch (error) {
      return fail(request, reply, 'account.login.title', error, 'email', (errors) =>
        renderLogin(request.ctx, values, errors),
      );
    }
  });

  r.post('/keluar', async (request, reply) => {
    await endSession(request, reply);
    return redirect(reply, urls.home());
  });

  r.get(
    '/lupa-sandi',
    { schema: { querystring: z.object({ terkirim: z.string().optional() }) } },
    async (request, reply) =>
      page(request, reply, 'account.forgot.title', renderForgot(request.ctx, {}, [], !!request.query.terkirim)),
  );

  r.post('/lupa-sandi', { config: { rateLimit } }, async (request, reply) => {
    const form = parseForm(forgotForm, request.body);
    if (!form.ok)
      return page(
        request,
        reply,
        'account.forgot.title',
        renderForgot(request.ctx, echo(body(request)), translateFieldErrors(request.ctx.t, form.errors), false),
        422,
      );
    await requestPasswordReset(app.deps.db, app.deps.mailer, config.baseUrl, form.data.email);
    return redirect(reply, `${urls.passwordForgot()}?terkirim=1`);
  });

  r.get('/atur-sandi/:token', { schema: { params: tokenParam } }, async (request, reply) => {
    const row = await peekOneTimeToken(app.deps.db, 'password_reset', request.params.token);
    if (!row?.user_id || !(await findUserById(app.deps.db, row.user_id)))
      return page(request, reply, 'account.token.invalidTitle', renderTokenInvalid(request.ctx, true), 410);
    return page(request, reply, 'account.reset.title', renderReset(request.ctx, request.params.token, []));
  });

  r.post('/atur-sandi/:token', { schema: { params: tokenParam } }, async (request, reply) => {
    const { token } = request.params;
    const form = parseForm(resetForm, request.body);
    if (!form.ok)
      return page(
        request,
        reply,
        'account.reset.title',
        renderReset(request.ctx, token, translateFieldErrors(request.ctx.t, form.errors)),
        422,
      );
    try {
      await resetPassword(app.deps.db, token, form.data);
      return redirect(reply, `${urls.login()}?reset=1`);
    } catch (error) {
      if ((error as { code?: string }).code === 'TOKEN_INVALID')
        return page(request, reply, 'account.token.invalidTitle', renderTokenInvalid(request.ctx, true), 410);
      return fail(request, reply, 'account.reset.title', error, 'password', (errors) =>
        renderReset(request.ctx, token, errors),
      );
    }
  });

  r.get('/setup/:token', { schema: { params: tokenParam } }, async (request, reply) => {
    const state = await setupState(app.deps.db, request.params.token);
    return page(
      request,
      reply,
      'account.setup.title',
      renderSetup(request.ctx, request.params.token, state, {}, []),
      state === 'invalid' ? 410 : 200,
    );
  });

  r.post('/setup/:token', { config: { rateLimit }, schema: { params: tokenParam } }, async (request, reply) => {
    const { token } = request.params;
    const values = echo(body(request));
    const form = parseForm(setupForm, request.body);
    if (!form.ok)
      return page(
        request,
        reply,
        'account.setup.title',
        renderSetup(request.ctx, token, 'ready', values, translateFieldErrors(request.ctx.t, form.errors)),
        422,
      );
    try {
      const id = await setupFirstAdmin(app.deps.db, token, { ...form.data, locale: request.ctx.locale });
      await startSession(request, reply, { id, locale: request.ctx.locale });
      return redirect(reply, urls.admin());
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ADMIN_EXISTS' || code === 'TOKEN_INVALID') {
        return page(
          request,
          reply,
          'account.setup.title',
          renderSetup(request.ctx, token, code === 'ADMIN_EXISTS' ? 'admin_exists' : 'invalid', {}, []),
          code === 'ADMIN_EXISTS' ? 409 : 410,
        );
      }
      return fail(request, reply, 'account.setup.title', error, 'email', (errors) =>
        renderSetup(request.ctx, token, 'ready', values, errors),
      );
    }
  });
}
