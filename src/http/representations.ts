/**
 * PUT and PATCH bodies for the native JSON API, made from one create/update schema:
 * - `putBody(schema)`: the whole representation. Every field must be sent (null where the field
 *   allows none); defaults do not fill gaps, so a PUT that forgets a field is a 400 naming it
 *   instead of wiping the stored value. Unknown keys are a 400 naming them.
 * - `patchBody(schema)`: any non-empty subset of the same fields, unknown keys refused.
 * - `mergePatch(put, current, patch)`: the stored representation with the patch laid over it,
 *   validated as a whole (so cross-field rules still hold), ready for the same update service.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import { issueToFieldError } from './forms.js';

type Shape = Record<string, z.ZodType>;

// Fields that travel with a write but are not part of the record (the reason for a date
// correction): a PUT need not send them, since they have no stored value to replace.
const REQUEST_ONLY = new WeakSet<z.ZodType>();

/** Marks a body field as request-only: optional in PUT and PATCH alike. */
export function requestOnly<T extends z.ZodType>(field: T): T {
  REQUEST_ONLY.add(field);
  return field;
}

/** The field without its default and without "may be absent" (null stays allowed). */
function required(field: z.ZodType): z.ZodType {
  let f = field;
  for (;;) {
    if (f instanceof z.ZodDefault || f instanceof z.ZodOptional) f = f.unwrap() as z.ZodType;
    else return f;
  }
}

function shapeOf(schema: z.ZodObject): Shape {
  return schema.shape as Shape;
}

/** The whole representation: every key required, no unknown keys; then the schema's own rules. */
export function putBody<S extends z.ZodObject>(schema: S): z.ZodType<z.output<S>> {
  const shape = Object.fromEntries(
    Object.entries(shapeOf(schema)).map(([k, v]) => [k, REQUEST_ONLY.has(v) ? v : required(v)]),
  );
  return z.strictObject(shape).pipe(schema) as unknown as z.ZodType<z.output<S>>;
}

/** A partial change: any of the fields (no defaults filled in), at least one, no unknown keys. */
export function patchBody<S extends z.ZodObject>(schema: S): z.ZodType<Partial<z.output<S>>> {
  const shape = Object.fromEntries(
    Object.entries(shapeOf(schema)).map(([k, v]) => [k, REQUEST_ONLY.has(v) ? v : required(v).optional()]),
  );
  return z
    .strictObject(shape)
    .refine((body) => Object.keys(body).length > 0, { message: 'validation.emptyPatch' }) as unknown as z.ZodType<
    Partial<z.output<S>>
  >;
}

/** The stored representation with the patch over it, validated whole (400 with field errors). */
export function mergePatch<T>(put: z.ZodType<T>, current: Record<string, unknown>, patch: object): T {
  const result = put.safeParse({ ...current, ...patch });
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', 400, {
    fields: result.error.issues.map((i) => issueToFieldError(i as unknown as Parameters<typeof issueToFieldError>[0])),
  });
}
