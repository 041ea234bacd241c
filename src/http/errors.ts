import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors.js';
import { translator } from '../i18n/i18n.js';
import { html } from '../views/html.js';
import { renderPage } from '../views/layout.js';
import { issueToFieldError } from './forms.js';

/** Whether the client should get an HTML error page rather than the JSON error shape. */
export function wantsHtml(request: FastifyRequest): boolean {
  const url = request.url;
  if (url.startsWith('/api/') || url.startsWith('/healthz') || url.includes('.json')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/** Turns anything thrown into an AppError with a stable code and the right status. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldError[] = error.validation.map((v) =>
      issueToFieldError({
        code: v.keyword,
        path: [error.validationContext ?? '', ...v.instancePath.split('/').filter(Boolean)].filter(Boolean),
        message: v.message ?? '',
        ...v.params,
      }),
    );
    return new AppError('VALIDATION_FAILED', 400, { fields });
  }
  const e = error as FastifyError;
  if (
    e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    e.code === 'FST_REQ_FILE_TOO_LARGE' ||
    e.code === 'FST_FILES_LIMIT' ||
    e.statusCode === 413
  )
    return new AppError('PAYLOAD_TOO_LARGE', 413);
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415)
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
  if (
    e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (e.statusCode === 400 && error instanceof SyntaxError)
  )
    return new AppError('MALFORMED_JSON', 400);
  if (e.statusCode === 429) return new AppError('RATE_LIMITED', 429);
  if (e.statusCode === 404) return new AppError('NOT_FOUND', 404);
  if (e.statusCode === 405) return new AppError('METHOD_NOT_ALLOWED', 405);
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return new AppError('VALIDATION_FAILED', e.statusCode, { message: e.message });
  return new AppError('INTERNAL', 500);
}

export function errorBody(request: FastifyRequest, error: AppError) {
  const t = request.ctx?.t ?? translator('id');
  const details =
    error.details && 'fields' in (error.details as Record<string, unknown>)
      ? {
          ...(error.details as Record<string, unknown>),
          fields: (error.details as { fields: FieldError[] }).fields.map((f) => ({
            field: f.field,
            message: t(f.message, f.params),
          })),
        }
      : error.details;
  return {
    ok: false as const,
    error: { code: error.code, message: t(`error.${error.code}`, error.params), details: details ?? {} },
  };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  siteName: string,
): FastifyReply {
  if (error.status === 429 && !reply.getHeader('retry-after')) {
    // A locked login says when the lock ends; other limits ask for a minute.
    const until = Date.parse(String((error.details as { lockedUntil?: string } | undefined)?.lockedUntil ?? ''));
    reply.header(
      'retry-after',
      Number.isNaN(until) ? '60' : String(Math.max(1, Math.ceil((until - Date.now()) / 1000))),
    );
  }
  if (error.status === 401 && request.method === 'GET' && wantsHtml(request)) {
    return reply
      .code(303)
      .header('location', `/masuk?next=${encodeURIComponent(request.url)}`)
      .send();
  }
  reply.code(error.status);
  if (wantsHtml(request) && request.ctx) {
    const body = errorBody(request, error);
    const { t } = request.ctx;
    const fields = (body.error.details as { fields?: { message: string }[] }).fields ?? [];
    return reply.type('text/html; charset=utf-8').send(
      renderPage(
        request.ctx,
        { name: siteName, nav: request.server.deps.nav },
        {
          title: t('error.title'),
          main: html`<h1>${t('error.title')}</h1><p class="lead">${body.error.message}</p>
          ${fields.length ? html`<ul>${fields.map((f) => html`<li>${f.message}</li>`)}</ul>` : ''}
          ${error.status === 401 ? html`<p><a href="/masuk">${t('nav.login')}</a></p>` : ''}
          <p class="muted">${error.status} · ${error.code} · ${request.id}</p>
          <p><a href="/">${t('error.backHome')}</a></p>`,
        },
      ),
    );
  }
  return reply.type('application/json; charset=utf-8').send(errorBody(request, error));
}

export function registerErrorHandling(app: FastifyInstance, siteName: string): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    // A shed request is logged (sampled) by http/overload.ts: one line each would add to the overload.
    if (appError.status >= 500 && appError.code !== 'OVERLOADED')
      request.log.error({ err: error, reqId: request.id }, 'request failed');
    return sendError(request, reply, appError, siteName);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('NOT_FOUND', 404), siteName));
}
