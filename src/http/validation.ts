import type { z } from 'zod';
import type { Translate } from '../i18n/i18n.js';
import type { FieldError } from '../errors.js';
import type { FormError } from '../views/layout.js';

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  [key: string]: unknown;
}

/** Maps a zod issue to one of our translatable validation messages. */
export function issueToFieldError(issue: IssueLike): FieldError {
  const field = issue.path.map(String).join('.') || '_';
  const p = issue as Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      return { field, message: p['input'] === undefined || p['input'] === '' ? 'validation.required' : p['expected'] === 'number' ? 'validation.number' : 'validation.invalid' };
    case 'too_small':
      if (p['origin'] === 'string') return Number(p['minimum']) <= 1 ? { field, message: 'validation.required' } : { field, message: 'validation.tooShort', params: { min: Number(p['minimum']) } };
      return { field, message: 'validation.invalid' };
    case 'too_big':
      if (p['origin'] === 'string') return { field, message: 'validation.tooLong', params: { max: Number(p['maximum']) } };
      return { field, message: 'validation.invalid' };
    case 'invalid_format':
      if (p['format'] === 'email') return { field, message: 'validation.email' };
      if (p['format'] === 'date') return { field, message: 'validation.date' };
      return { field, message: 'validation.invalid' };
    case 'invalid_value':
      return { field, message: 'validation.choice' };
    case 'custom':
      return { field, message: issue.message.includes('.') ? issue.message : 'validation.invalid', params: (p['params'] as Record<string, string | number>) ?? undefined };
    default:
      return { field, message: 'validation.invalid' };
  }
}

export function translateFieldErrors(t: Translate, errors: FieldError[]): FormError[] {
  return errors.map((e) => ({ field: e.field, message: t(e.message, e.params) }));
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Validates a submitted form; on failure returns field errors for the error summary. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: result.error.issues.map((i) => issueToFieldError(i as unknown as IssueLike)) };
}
