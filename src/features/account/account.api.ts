import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/guards.js';
import { findUserById, listApiTokens, listGrantsWithOrganization } from './account.repository.js';
import { registerUser, revokeApiToken } from './account.service.js';
import { authenticate } from './login.service.js';
import { issueApiToken } from './session.service.js';
import { endSession, startSession } from './session.http.js';
import { presentMe, presentToken } from './account.presenter.js';
import { ok, shortIdParam } from '../../http/envelope.js';
import {
  loginBody,
  loginResponse,
  meResponse,
  okResponse,
  registerBody,
  tokenCreatedResponse,
  tokenForm,
  tokenListResponse,
} from './account.schema.js';

const TAGS = ['account'];

/** Accounts over JSON: register, log in/out, who am I, personal API tokens. */
export async function accountApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;
  const rateLimit = { max: config.loginRatePerMinute, timeWindow: '1 minute' };

  const me = async (userId: string) => {
    const user = await findUserById(app.deps.db, userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 401);
    return presentMe(user, await listGrantsWithOrganization(app.deps.db, userId));
  };
  const ownTokens = async (request: FastifyRequest) =>
    (await listApiTokens(app.deps.db, requireUser(request.ctx).id)).map(presentToken);

  r.post(
    '/api/v1/auth/register',
    {
      config: { rateLimit },
      schema: {
        summary: 'Register a citizen account (role warga) and log in with a session cookie',
        tags: TAGS,
        body: registerBody,
        response: { 201: loginResponse },
      },
    },
    async (request, reply) => {
      const id = await registerUser(
        app.deps.db,
        { ...request.body, locale: request.body.locale ?? request.ctx.locale },
        app.deps.storage.dialect.isUniqueViolation,
      );
      const data = await me(id);
      const csrfToken = await startSession(request, reply, data);
      return reply.code(201).send(ok({ ...data, csrfToken }));
    },
  );

  r.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit },
      schema: {
        summary:
          'Log in with e-mail and password; sets the session cookie. Repeated failures lock the address for a while',
        tags: TAGS,
        body: loginBody,
        response: { 200: loginResponse },
      },
    },
    async (request, reply) => {
      const user = await authenticate(
        app.deps.db,
        { maxAttempts: config.loginMaxAttempts, lockMinutes: config.loginLockMinutes },
        request.body.email,
        request.body.password,
      );
      const data = await me(user.id);
      const csrfToken = await startSession(request, reply, data);
      return ok({ ...data, csrfToken });
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: {
        summary: 'Log out: ends this session (tokens are revoked separately)',
        tags: TAGS,
        response: { 200: okResponse },
      },
    },
    async (request, reply) => {
      if (request.ctx.authVia === 'session') await endSession(request, reply);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/me',
    {
      schema: {
        summary: 'The logged-in user with their roles',
        tags: TAGS,
        security: [{ bearer: [] }],
        response: { 200: meResponse },
      },
    },
    async (request) => ok(await me(requireUser(request.ctx).id)),
  );

  r.get(
    '/api/v1/me/tokens',
    {
      schema: {
        summary: 'My personal API tokens (never the tokens themselves)',
        tags: TAGS,
        security: [{ bearer: [] }],
        response: { 200: tokenListResponse },
      },
    },
    async (request) => ok(await ownTokens(request)),
  );

  r.post(
    '/api/v1/me/tokens',
    {
      schema: {
        summary:
          'Create a personal API token with a scope (read, datasets, full) and an expiry; the response is the only time it is shown',
        tags: TAGS,
        security: [{ bearer: [] }],
        body: tokenForm,
        response: { 201: tokenCreatedResponse },
      },
    },
    async (request, reply) => {
      const user = requireUser(request.ctx);
      const { name, ...options } = request.body;
      const { id, token } = await issueApiToken(app.deps.db, user.id, name, options);
      const created = (await ownTokens(request)).find((t) => t.id === id)!;
      return reply.code(201).send(ok({ ...created, token }));
    },
  );

  r.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        summary: 'Revoke one of my API tokens; it stops working at once',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: shortIdParam,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await revokeApiToken(app.deps.db, requireUser(request.ctx).id, request.params.id);
      return { ok: true as const };
    },
  );
}
