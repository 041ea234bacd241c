import { z } from 'zod';
import { ORGANIZATION_KINDS } from './organization.table.js';
import { okSchema } from '../../http/envelope.js';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An organisation as admins create or edit it (API body; the HTML form maps blanks to null first). */
export const organizationBody = z.object({
  slug: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((v) => SLUG_PATTERN.test(v), 'organization.slugFormat')
    .describe('URL name: lower-case letters, digits and hyphens'),
  name: z.string().trim().min(1).max(300),
  kind: z.enum(ORGANIZATION_KINDS),
  wilayahKode: z
    .string()
    .max(20)
    .nullable()
    .optional()
    .describe('Kemendagri code of the area it serves, e.g. 35.77.02.1002'),
  description: z.string().max(5000).optional(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
  email: z
    .email()
    .max(320)
    .nullable()
    .optional()
    .describe('Public contact address of the organisation (shown to admins only)'),
});
export type OrganizationInput = z.infer<typeof organizationBody>;

export const organizationQuery = z.object({
  kind: z.enum(ORGANIZATION_KINDS).optional().describe('Only organisations of this kind'),
  q: z.string().trim().max(100).optional().describe('Words in the name or slug'),
});

export const slugParam = z.object({ slug: z.string().max(100) });

export const organizationJson = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  wilayah: z.object({ kode: z.string(), nama: z.string(), tingkat: z.string() }).nullable(),
  description: z.string(),
  website: z.string().nullable(),
});
export const organizationAdminJson = organizationJson.extend({
  id: z.string(),
  version: z.number().int().describe('Edit version; the ETag of GET /api/v1/admin/organizations/{id}'),
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const organizationListResponse = z.object({
  ok: z.literal(true),
  data: z.array(organizationJson),
  meta: z.object({ total: z.number() }),
});
export const organizationResponse = okSchema(organizationJson);
export const organizationAdminListResponse = z.object({
  ok: z.literal(true),
  data: z.array(organizationAdminJson),
  meta: z.object({ total: z.number() }),
});
export const organizationAdminResponse = okSchema(organizationAdminJson);
