import { z } from 'zod';
import { ROLES } from '../../actor/actor.js';
import { okSchema } from '../../http/envelope.js';

export const pageField = z.coerce
  .number()
  .int()
  .min(1)
  .max(100_000)
  .optional()
  .describe('Page number, from 1 (50 per page)');
export const userListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Words in the name or e-mail'),
  page: pageField,
});
export const auditQuery = z.object({
  entity: z
    .string()
    .trim()
    .max(60)
    .optional()
    .describe('Only entries about this entity type, e.g. user or organization'),
  page: pageField,
});
export const pageQuery = z.object({ page: pageField });
export const grantParam = z.object({ id: z.string().max(64), grantId: z.string().max(64) });

export const grantBody = z.object({
  role: z.enum(ROLES),
  organizationId: z
    .string()
    .max(64)
    .nullable()
    .optional()
    .describe('Organisation the role acts for; required for produsen and monitor'),
});
export const statusBody = z.object({
  disabled: z
    .boolean()
    .describe('true disables the account and ends its sessions; false re-enables it and lifts any login lock'),
});

const adminGrantJson = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  grantedAt: z.string(),
});
export const adminUserJson = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  roles: z.array(adminGrantJson),
});
const meta = z.object({ total: z.number(), page: z.number(), pageSize: z.number() });
export const adminUserListResponse = z.object({ ok: z.literal(true), data: z.array(adminUserJson), meta });
export const adminUserResponse = okSchema(adminUserJson);

export const outboxJson = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});
export const outboxListResponse = z.object({ ok: z.literal(true), data: z.array(outboxJson), meta });

export const auditJson = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});
export const auditListResponse = z.object({ ok: z.literal(true), data: z.array(auditJson), meta });
