import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { toAppError } from '../../http/errors.js';
import { SearchQueryError } from './ckan.fq.js';

export type CkanErrorType =
  | 'Service Unavailable'
  | 'Not Found Error'
  | 'Validation Error'
  | 'Authorization Error'
  | 'Search Query Error'
  | 'Bad request'
  | 'Internal Server Error';

/** An error in CKAN's own shape: `error: {__type, message}` or, for validation, `{__type, field: [messages]}`. */
export class CkanError extends Error {
  constructor(
    readonly status: number,
    readonly type: CkanErrorType,
    readonly body: Record<string, unknown>,
  ) {
    super(type);
    this.name = 'CkanError';
  }
}

export const notFound = (message = 'Not found') => new CkanError(404, 'Not Found Error', { message });
export const validation = (fields: Record<string, string[]>) => new CkanError(409, 'Validation Error', fields);
export const searchQuery = (message: string) =>
  new CkanError(400, 'Search Query Error', { message: `Search Query is invalid: ${message}` });

export function helpUrl(baseUrl: string, action: string): string {
  return `${baseUrl.replace(/\/$/, '')}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
}

export function actionName(request: FastifyRequest): string {
  const m = /\/api\/(?:3\/)?action\/([\w-]+)/.exec(request.url);
  return m?.[1] ?? '';
}

export function sendCkanSuccess(reply: FastifyReply, baseUrl: string, action: string, result: unknown): FastifyReply {
  return reply.type('application/json; charset=utf-8').send({ help: helpUrl(baseUrl, action), success: true, result });
}

/** Maps any thrown error to CKAN's error envelope and status. */
export function toCkanError(error: unknown): CkanError {
  if (error instanceof CkanError) return error;
  if (error instanceof SearchQueryError) return searchQuery(error.message);
  const app = error instanceof AppError ? error : toAppError(error);
  if (app.status === 404) return notFound();
  if (app.status === 401 || app.status === 403)
    return new CkanError(403, 'Authorization Error', { message: 'Access denied' });
  if (app.code === 'MALFORMED_JSON')
    return new CkanError(400, 'Bad request', { message: 'Bad request - JSON Error: could not read the request body' });
  if (app.status === 429) return new CkanError(429, 'Bad request', { message: 'Too many requests' });
  // Shed by overload protection (http/overload.ts): the client should retry after Retry-After, not report a bug.
  if (app.code === 'OVERLOADED')
    return new CkanError(503, 'Service Unavailable', {
      message: 'Service Unavailable: the server is overloaded, retry later',
    });
  if (app.status >= 400 && app.status < 500) {
    const details = (app.details ?? {}) as Record<string, unknown>;
    const param = typeof details['param'] === 'string' ? details['param'] : '__all__';
    return validation({ [param]: [ckanMessage(app)] });
  }
  return new CkanError(500, 'Internal Server Error', { message: 'Internal Server Error' });
}

function ckanMessage(error: AppError): string {
  const d = (error.details ?? {}) as Record<string, unknown>;
  switch (error.code) {
    case 'DATASTORE_UNKNOWN_COLUMN':
      return `field "${String(d['column'])}" not in table`;
    case 'DATASTORE_BAD_VALUE':
      return `invalid value "${String(d['value'])}" for field "${String(d['column'])}"`;
    case 'DATASTORE_BAD_NUMBER':
      return 'Must be a natural number';
    case 'DATASTORE_LIMIT':
      return `Must be ${String(d['max'])} or less`;
    default:
      return 'Invalid value';
  }
}

/** CKAN clients always get CKAN's error envelope, whatever went wrong inside this plugin. */
export function registerCkanErrors(app: FastifyInstance, baseUrl: string): void {
  app.setErrorHandler((error, request, reply) => {
    const e = toCkanError(error);
    if (e.status >= 500) request.log.error({ err: error, reqId: request.id }, 'CKAN action failed');
    return reply
      .code(e.status)
      .type('application/json; charset=utf-8')
      .send({
        help: helpUrl(baseUrl, actionName(request)),
        success: false,
        error: { __type: e.type, ...e.body },
      });
  });
}
