import { AppError, type FieldError } from '../../errors.js';
import type { FormError } from '../../views/layout.js';
import type { RequestContext } from '../../http/context.js';
import { translateFieldErrors } from '../../http/validation.js';

/**
 * Turns a service error into form errors for the error summary: field errors stay on their
 * fields; any other AppError becomes one message attached to `fallbackField`. Other errors are
 * rethrown (they are bugs, not bad input).
 */
export function formErrorsOf(ctx: RequestContext, error: unknown, fallbackField: string): { status: number; errors: FormError[] } {
  if (!(error instanceof AppError)) throw error;
  const fields = (error.details as { fields?: FieldError[] } | undefined)?.fields;
  if (fields?.length) return { status: error.status, errors: translateFieldErrors(ctx.t, fields) };
  if (error.status >= 500 || error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED' || error.code === 'NOT_FOUND') throw error;
  return { status: error.status, errors: [{ field: fallbackField, message: ctx.t(`error.${error.code}`, error.params) }] };
}

