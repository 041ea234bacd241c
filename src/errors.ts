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

export const invalid = (fields: FieldError[]) => new AppError('VALIDATION_FAILED', 422, { fields });
