import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, type FieldError } from '../../errors.js';
import { parseForm, translateFieldErrors } from '../../http/validation.js';
import { redirect, sendPage } from '../../http/render.js';
import type { FormError, PageOptions } from '../../views/layout.js';
import type { SafeHtml } from '../../views/html.js';
import { formInput, type FormSpec } from './form-input.js';

/** Field errors carried by a validation AppError (422 or 400), else null. */
export function fieldErrorsOf(e: unknown): FieldError[] | null {
  if (e instanceof AppError && (e.status === 422 || e.status === 400) && e.details && !Array.isArray(e.details) && Array.isArray((e.details as { fields?: unknown }).fields)) {
    return (e.details as { fields: FieldError[] }).fields;
  }
  return null;
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
    run: (data: z.infer<S>) => Promise<string>;
    render: (values: Record<string, unknown>, errors: FormError[]) => Promise<{ main: SafeHtml } & Omit<PageOptions, 'main'>>;
  },
): Promise<FastifyReply> {
  const values = formInput(request.body, o.spec);
  const parsed = parseForm(o.schema, values);
  let errors: FieldError[];
  if (parsed.ok) {
    try {
      return redirect(reply, await o.run(parsed.data));
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (!fields) throw e;
      errors = fields;
    }
  } else errors = parsed.errors;
  const page = await o.render(values, translateFieldErrors(request.ctx.t, errors));
  return sendPage(request, reply, page, 422);
}
