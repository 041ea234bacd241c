import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redirect, sendPage } from '../../http/render.js';
import { requireUser } from '../../http/guards.js';
import { shortIdParam } from '../../http/envelope.js';
import { formErrorsOf, formInput, parseForm, translateFieldErrors } from '../../http/forms.js';
import { AppError } from '../../errors.js';
import { urls } from '../../urls.js';
import { findUserById, listApiTokens, listGrantsWithOrganization, listSessions } from './account.repository.js';
import { changePassword, endOtherSessions, revokeApiToken, updateProfile } from './account.service.js';
import { issueApiToken } from './session.service.js';
import { currentSessionId, setLanguageCookie } from './session.http.js';
import { changePasswordForm, profileForm, tokenForm } from './account.schema.js';
import { renderAccount, type AccountPageData } from './account.view.js';

const NOTICES = ['profil', 'sandi', 'sandiToken', 'token', 'sesi'] as const;

/** The account page: profile, language, password, personal API tokens, sessions. */
export async function accountWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<AccountPageData> = {},
    status = 200,
  ) => {
    const me = requireUser(request.ctx);
    const user = await findUserById(db, me.id);
    if (!user) throw new AppError('UNAUTHENTICATED', 401);
    const data: AccountPageData = {
      user,
      grants: await listGrantsWithOrganization(db, me.id),
      tokens: await listApiTokens(db, me.id),
      sessions: await listSessions(db, me.id),
      currentSessionId: currentSessionId(request),
      ...extra,
    };
    return sendPage(
      request,
      reply,
      { title: request.ctx.t('account.page.title'), main: renderAccount(request.ctx, data), jsonUrl: '/api/v1/me' },
      status,
    );
  };

  r.get(
    '/akun',
    { schema: { querystring: z.object({ disimpan: z.enum(NOTICES).optional() }) } },
    async (request, reply) => {
      requireUser(request.ctx);
      const saved = request.query.disimpan;
      return show(request, reply, saved ? { notice: request.ctx.t(`account.saved.${saved}`) } : {});
    },
  );

  r.post('/akun/profil', async (request, reply) => {
    const me = requireUser(request.ctx);
    const form = parseForm(profileForm, request.body);
    if (!form.ok)
      return show(request, reply, { errors: { profile: translateFieldErrors(request.ctx.t, form.errors) } }, 422);
    await updateProfile(db, me.id, form.data);
    setLanguageCookie(request, reply, form.data.locale);
    return redirect(reply, `${urls.account()}?disimpan=profil`);
  });

  r.post('/akun/sandi', async (request, reply) => {
    const me = requireUser(request.ctx);
    const form = parseForm(changePasswordForm, request.body);
    if (!form.ok)
      return show(request, reply, { errors: { password: translateFieldErrors(request.ctx.t, form.errors) } }, 422);
    // The box is offered (checked) only when there are tokens to revoke; unchecked, the browser sends nothing.
    const revokeTokens = (request.body as Record<string, unknown> | undefined)?.['revokeTokens'] === '1';
    let revoked: number;
    try {
      revoked = (await changePassword(db, me.id, { ...form.data, revokeTokens }, currentSessionId(request)))
        .revokedTokens;
    } catch (error) {
      const { status, errors } = formErrorsOf(request.ctx, error, 'current');
      return show(request, reply, { errors: { password: errors } }, status);
    }
    return redirect(reply, `${urls.account()}?disimpan=${revoked ? 'sandiToken' : 'sandi'}`);
  });

  r.post('/akun/token', async (request, reply) => {
    const me = requireUser(request.ctx);
    const { tokenName, ...rest } = formInput(request.body, { numbers: ['expiresInDays'] });
    const form = parseForm(tokenForm, { name: tokenName, ...rest });
    if (!form.ok) {
      const errors = translateFieldErrors(
        request.ctx.t,
        form.errors.map((e) => (e.field === 'name' ? { ...e, field: 'tokenName' } : e)),
      );
      return show(request, reply, { errors: { token: errors } }, 422);
    }
    const { name, ...options } = form.data;
    const { token } = await issueApiToken(db, me.id, name, options);
    reply.header('cache-control', 'no-store');
    return show(request, reply, { newToken: token });
  });

  r.post('/akun/token/:id/cabut', { schema: { params: shortIdParam } }, async (request, reply) => {
    await revokeApiToken(db, requireUser(request.ctx).id, request.params.id);
    return redirect(reply, `${urls.account()}?disimpan=token`);
  });

  r.post('/akun/sesi/keluar-lain', async (request, reply) => {
    const me = requireUser(request.ctx);
    await endOtherSessions(db, me.id, currentSessionId(request));
    return redirect(reply, `${urls.account()}?disimpan=sesi`);
  });
}
