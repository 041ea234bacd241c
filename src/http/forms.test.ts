import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, invalid } from '../errors.js';
import { translator } from '../i18n/i18n.js';
import { errorSummary } from '../views/layout.js';
import type { RequestContext } from '../views/page-context.js';
import { fieldErrorsOf, formErrorsOf, formErrorsOrThrow, formInput, parseForm, translateFieldErrors } from './forms.js';

const ctx = {
  locale: 'en',
  t: translator('en'),
  user: null,
  authVia: null,
  csrfToken: '',
  path: '/',
} as RequestContext;
const schema = z.object({
  title: z.string().min(1),
  count: z.number().nullable(),
  tags: z.array(z.string()),
  public: z.boolean(),
});

describe('forms', () => {
  it('reads an urlencoded body in the JSON API shape, so one schema validates both', () => {
    const values = formInput(
      { _csrf: 'x', title: ' Air bersih ', count: '1,5', tags: ['a', '', 'b'], public: 'on' },
      { numbers: ['count'], nullables: ['count'], arrays: ['tags'], booleans: ['public'] },
    );
    expect(values).toEqual({ title: ' Air bersih ', count: 1.5, tags: ['a', 'b'], public: true });
    expect(parseForm(schema, values)).toEqual({ ok: true, data: values });
    expect(formInput({ count: '' }, { numbers: ['count'], nullables: ['count'] })).toEqual({ count: null });
  });

  it('a missing field becomes an error summary line that links to the field', () => {
    const parsed = parseForm(
      schema,
      formInput({ title: '' }, { numbers: ['count'], nullables: ['count'], arrays: ['tags'], booleans: ['public'] }),
    );
    expect(parsed.ok).toBe(false);
    const errors = translateFieldErrors(ctx.t, parsed.ok ? [] : parsed.errors);
    expect(errors).toContainEqual({ field: 'title', message: 'This field is required.' });
    expect(String(errorSummary(ctx, errors))).toContain('<a href="#title">This field is required.</a>');
  });

  it('a service refusal with field errors re-renders the form; other errors are not form errors', () => {
    const refusal = invalid([{ field: 'email', message: 'validation.email' }]);
    expect(fieldErrorsOf(refusal)).toEqual([{ field: 'email', message: 'validation.email' }]);
    expect(formErrorsOrThrow(ctx.t, refusal)).toEqual([{ field: 'email', message: ctx.t('validation.email') }]);
    const notFound = new AppError('NOT_FOUND', 404);
    expect(fieldErrorsOf(notFound)).toBeNull();
    expect(() => formErrorsOrThrow(ctx.t, notFound)).toThrow(notFound);
    expect(() => formErrorsOf(ctx, notFound, 'name')).toThrow(notFound);
    expect(formErrorsOf(ctx, new AppError('SLUG_TAKEN', 409), 'name')).toEqual({
      status: 409,
      errors: [{ field: 'name', message: ctx.t('error.SLUG_TAKEN') }],
    });
  });
});
