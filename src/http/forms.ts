/**
 * Forms, read the same way by every feature: the urlencoded body is turned into the JSON API's
 * shape (`formInput`), validated with the API's zod schema (`parseForm`), and problems — from the
 * schema or thrown by a service — become the error summary's lines linked to their fields
 * (`fieldErrorsOf`, `formErrorsOf`), re-rendered with status 422 (`handleForm`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Translate } from '../i18n/i18n.js';
import { AppError, type FieldError } from '../errors.js';
import type { FormError, PageOptions } from '../views/layout.js';
import type { SafeHtml } from '../views/html.js';
import type { RequestContext } from '../views/page-context.js';
import { redirect, sendPage } from './render.js';
import { editVersionOf, sendConflict, type ConflictPage } from './edit-conflict.js';
import { isEditConflict } from '../storage/versioned-update.js';

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
      return {
        field,
        message:
          p['input'] === undefined || p['input'] === ''
            ? 'validation.required'
            : p['expected'] === 'number'
              ? 'validation.number'
              : 'validation.invalid',
      };
    case 'too_small':
      if (p['origin'] === 'string')
        return Number(p['minimum']) <= 1
          ? { field, message: 'validation.required' }
          : { field, message: 'validation.tooShort', params: { min: Number(p['minimum']) } };
      return { field, message: 'validation.invalid' };
    case 'too_big':
      if (p['origin'] === 'string')
        return { field, message: 'validation.tooLong', params: { max: Number(p['maximum']) } };
      return { field, message: 'validation.invalid' };
    case 'invalid_format':
      if (p['format'] === 'email') return { field, message: 'validation.email' };
      if (p['format'] === 'date') return { field, message: 'validation.date' };
      return { field, message: 'validation.invalid' };
    case 'invalid_value':
      return { field, message: 'validation.choice' };
    case 'unrecognized_keys': {
      // A strict body (http/representations.ts) names what it refused instead of ignoring it.
      const keys = Array.isArray(p['keys']) ? (p['keys'] as unknown[]).map(String) : [];
      return { field, message: 'validation.unknownKeys', params: { keys: keys.join(', ') } };
    }
    case 'custom':
      return {
        field,
        message: issue.message.includes('.') ? issue.message : 'validation.invalid',
        params: (p['params'] as Record<string, string | number>) ?? undefined,
      };
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

/**
 * Turns an urlencoded form body into the same shape the JSON API takes, so one zod schema
 * validates both: empty strings become null (or are dropped), ticked checkboxes become true,
 * repeated fields become arrays, numeric fields become numbers.
 */
export interface FormSpec {
  arrays?: string[];
  booleans?: string[];
  numbers?: string[];
  /** Fields whose empty value means "none" (null) rather than "missing". */
  nullables?: string[];
}

export function formInput(body: unknown, spec: FormSpec = {}): Record<string, unknown> {
  const src = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === '_csrf') continue;
    if (spec.arrays?.includes(key)) continue;
    if (spec.booleans?.includes(key)) continue;
    const v = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof v !== 'string') continue;
    // `translations.en.title` (the English version fieldset, i18n/content-language.ts) becomes
    // the API's `translations: { en: { title } }`; an empty one is no translation.
    const nested = /^translations\.([a-z]{2})\.(\w+)$/.exec(key);
    if (nested) {
      if (v.trim() === '') continue;
      const all = (out['translations'] ??= {}) as Record<string, Record<string, string>>;
      (all[nested[1]!] ??= {})[nested[2]!] = v;
      continue;
    }
    const trimmed = v.trim();
    if (spec.numbers?.includes(key)) {
      if (trimmed === '') out[key] = spec.nullables?.includes(key) ? null : undefined;
      else out[key] = Number.isFinite(Number(trimmed.replace(',', '.'))) ? Number(trimmed.replace(',', '.')) : trimmed;
    } else if (trimmed === '' && spec.nullables?.includes(key)) out[key] = null;
    else out[key] = v;
  }
  for (const key of spec.arrays ?? []) {
    const value = src[key];
    out[key] = (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).filter(
      (x): x is string => typeof x === 'string' && x !== '',
    );
  }
  for (const key of spec.booleans ?? [])
    out[key] = src[key] !== undefined && src[key] !== '' && src[key] !== '0' && src[key] !== 'false';
  return out;
}

/** Field errors carried by a validation AppError (422 or 400), else null. */
export function fieldErrorsOf(e: unknown): FieldError[] | null {
  if (
    e instanceof AppError &&
    (e.status === 422 || e.status === 400) &&
    e.details &&
    !Array.isArray(e.details) &&
    Array.isArray((e.details as { fields?: unknown }).fields)
  ) {
    return (e.details as { fields: FieldError[] }).fields;
  }
  return null;
}

/**
 * A 403 that names its field (a change this user may not make, like a plan's lead list): the form
 * is shown again with the reason on that field, and keeps the 403.
 */
function refusedFieldsOf(e: unknown): FieldError[] | null {
  if (!(e instanceof AppError) || e.status !== 403) return null;
  const fields = (e.details as { fields?: FieldError[] } | undefined)?.fields;
  return Array.isArray(fields) && fields.length ? fields : null;
}

/**
 * Post/redirect/get for a staff or citizen form: validate the body with the API's zod schema,
 * run the service, redirect on success; on a validation problem re-render the form with the
 * error summary (422). Other errors (403, 404, 409) go to the error page.
 */
export async function handleForm<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  o: {
    schema: S;
    spec?: FormSpec;
    /** Gets the edit version the form was loaded at (views/conflict.view.ts), for the service. */
    run: (data: z.infer<S>, expectedVersion: number | undefined) => Promise<string>;
    render: (
      values: Record<string, unknown>,
      errors: FormError[],
    ) => Promise<{ main: SafeHtml } & Omit<PageOptions, 'main'>>;
    /** For an edit form: the record now, so a stale save gets the diff-and-merge page (409). */
    conflict?: () => Promise<Omit<ConflictPage, 'form'>>;
  },
): Promise<FastifyReply> {
  const values = formInput(request.body, o.spec);
  const parsed = parseForm(o.schema, values);
  let errors: FieldError[];
  let status = 422;
  if (parsed.ok) {
    try {
      return redirect(reply, await o.run(parsed.data, editVersionOf(request.body)));
    } catch (e) {
      if (isEditConflict(e) && o.conflict)
        return sendConflict(request, reply, e, {
          yours: values,
          ...(await o.conflict()),
          form: async (merged, conflictErrors) => (await o.render(merged, conflictErrors)).main,
        });
      const fields = fieldErrorsOf(e) ?? refusedFieldsOf(e);
      if (!fields) throw e;
      errors = fields;
      if ((e as AppError).status === 403) status = 403;
    }
  } else errors = parsed.errors;
  const page = await o.render(values, translateFieldErrors(request.ctx.t, errors));
  return sendPage(request, reply, page, status);
}

/** Field errors carried by a validation AppError, translated for the form; rethrows anything else. */
export function formErrorsOrThrow(t: Translate, error: unknown): FormError[] {
  const fields = fieldErrorsOf(error);
  if (!fields) throw error;
  return translateFieldErrors(t, fields);
}

/**
 * Turns a service error into form errors for the error summary: field errors stay on their
 * fields; any other AppError becomes one message attached to `fallbackField`. Other errors are
 * rethrown (they are bugs, not bad input).
 */
export function formErrorsOf(
  ctx: RequestContext,
  error: unknown,
  fallbackField: string,
): { status: number; errors: FormError[] } {
  if (!(error instanceof AppError)) throw error;
  const fields = (error.details as { fields?: FieldError[] } | undefined)?.fields;
  if (fields?.length) return { status: error.status, errors: translateFieldErrors(ctx.t, fields) };
  if (
    error.status >= 500 ||
    error.code === 'FORBIDDEN' ||
    error.code === 'UNAUTHENTICATED' ||
    error.code === 'NOT_FOUND'
  )
    throw error;
  return {
    status: error.status,
    errors: [{ field: fallbackField, message: ctx.t(`error.${error.code}`, error.params) }],
  };
}
