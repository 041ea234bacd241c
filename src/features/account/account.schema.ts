import { z } from 'zod';
import { ROLES } from '../../actor/actor.js';
import { okSchema } from '../../http/envelope.js';
import { DEFAULT_TOKEN_DAYS, DEFAULT_TOKEN_SCOPE, MAX_TOKEN_DAYS, TOKEN_SCOPES } from './token-scope.js';

const email = z.string().trim().min(1).max(320).pipe(z.email()).describe('E-mail address (case-insensitive)');
const password = z.string().min(1).max(200);
const name = z.string().trim().min(1).max(200);
export const localeSchema = z.enum(['id', 'en']);

/** Registration, shared by the form (with confirmation) and the API. */
export const registerBody = z.object({
  name: name.describe('Full name'),
  email,
  password: password.describe('At least 10 characters; not a common password'),
  locale: localeSchema.optional(),
});

const confirmed = <T extends z.ZodObject<{ password: typeof password; passwordConfirm: z.ZodString }>>(schema: T) =>
  schema.refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'account.password.mismatch',
  });

export const registerForm = confirmed(registerBody.extend({ passwordConfirm: z.string() }));
export const loginBody = z.object({ email, password });
export const loginForm = loginBody.extend({ next: z.string().max(2000).optional() });
export const forgotForm = z.object({ email });
export const resetForm = confirmed(z.object({ password, passwordConfirm: z.string() }));
export const setupForm = confirmed(z.object({ name, email, password, passwordConfirm: z.string() }));
export const profileForm = z.object({ name, position: z.string().trim().max(300).default(''), locale: localeSchema });
export const changePasswordForm = confirmed(
  z.object({ current: z.string().min(1).max(200), password, passwordConfirm: z.string() }),
);
export const tokenForm = z.object({
  name: z.string().trim().min(1).max(100).describe('What the token is for, e.g. "import script"'),
  scope: z
    .enum(TOKEN_SCOPES)
    .default(DEFAULT_TOKEN_SCOPE)
    .describe('read: reads only; datasets: reads and dataset/resource/datastore writes; full: everything'),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(MAX_TOKEN_DAYS)
    .default(DEFAULT_TOKEN_DAYS)
    .describe(`Days until the token stops working (default ${DEFAULT_TOKEN_DAYS}, at most ${MAX_TOKEN_DAYS})`),
});

export const grantJson = z.object({
  role: z.enum(ROLES),
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
});

export const meJson = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  position: z.string().describe('Position (jabatan); signs the official answers to ideas'),
  locale: z.string(),
  roles: z.array(grantJson),
});

export const meResponse = okSchema(meJson);
export const loginResponse = z.object({
  ok: z.literal(true),
  data: meJson.extend({
    csrfToken: z
      .string()
      .describe('Send as the x-csrf-token header on state-changing requests made with the session cookie'),
  }),
});
export const okResponse = z.object({ ok: z.literal(true) });

export const tokenJson = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  scope: z.enum(TOKEN_SCOPES),
  createdAt: z.string(),
  expiresAt: z.string().nullable().describe('When the token stops working (401 TOKEN_EXPIRED after)'),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const tokenListResponse = okSchema(z.array(tokenJson));
export const tokenCreatedResponse = z.object({
  ok: z.literal(true),
  data: tokenJson.extend({ token: z.string().describe('The token itself (tbk_…). Shown only once; store it now.') }),
});
