/**
 * The JSON twin's envelope and the request schemas every feature repeats. Success is
 * `{ok:true, data, meta?}` (errors are `{ok:false, error}`, http/errors.ts); the CKAN API keeps
 * CKAN's own envelope and does not use these.
 */
import { z } from 'zod';

/** A success body: `ok(data)` or `ok(data, meta)`. */
export function ok<T>(data: T): { ok: true; data: T };
export function ok<T, M>(data: T, meta: M): { ok: true; data: T; meta: M };
export function ok(data: unknown, meta?: unknown) {
  return meta === undefined ? { ok: true as const, data } : { ok: true as const, data, meta };
}

/** The response schema of `ok(data)`, for OpenAPI and the route's type. */
export const okSchema = <T extends z.ZodType>(data: T) => z.object({ ok: z.literal(true), data });

/** An id made by `newId()`. A bad one is a 400 `validation.invalid` on the `id` field. */
export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid');
export const idParam = z.object({ id: uuid.describe('Record id (UUID)') });
export const planIdParam = z.object({ id: uuid.describe('Action plan id (UUID)') });
/** Ids that are not UUIDs (users, tokens, organisations), only bounded in length. */
export const shortIdParam = z.object({ id: z.string().max(64) });
