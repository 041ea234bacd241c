/**
 * One error model for the whole app. Services throw AppError with a stable SCREAMING_SNAKE code;
 * the HTTP layer turns it into `{ok:false, error:{code, message, details}}` or an HTML error page,
 * with the message taken from the i18n catalogue under `error.<CODE>` in the user's language.
 */
export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>> | undefined;

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly details?: ErrorDetails,
    /** Values interpolated into the translated message. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** A field-level validation problem, rendered as an error summary linking to the field. */
export interface FieldError {
  field: string;
  /** i18n key of the message, e.g. `validation.required`. */
  message: string;
  params?: Record<string, string | number>;
}

export const notFound = (what = 'NOT_FOUND', details?: ErrorDetails) => new AppError(what, 404, details);
export const forbidden = (details?: ErrorDetails) => new AppError('FORBIDDEN', 403, details);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 401);
export const invalid = (fields: FieldError[]) => new AppError('VALIDATION_FAILED', 422, { fields });
export const conflict = (code: string, details?: ErrorDetails) => new AppError(code, 409, details);
