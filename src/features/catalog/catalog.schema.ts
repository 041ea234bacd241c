import { z } from 'zod';

const repeated = (description: string) =>
  z
    .union([z.string().max(300), z.array(z.string().max(300)).max(20)])
    .optional()
    .describe(description);

export const catalogQuery = z.looseObject({
  q: z.string().max(200).optional().describe('Free text: every word must match (the last one as a prefix)'),
  organization: repeated('Organisation slug (repeat for OR)'),
  groups: repeated('Topic group name (repeat for OR)'),
  tags: repeated('Tag (repeat for OR)'),
  res_format: repeated('Resource format, e.g. CSV (repeat for OR)'),
  license_id: repeated('Licence id, e.g. cc-by-4.0 (repeat for OR)'),
  wilayah: repeated('Kemendagri area code covered, e.g. 35.77.02.1002 (repeat for OR)'),
  sort: z
    .enum(['relevance', 'modified', 'title', 'created', 'name'])
    .optional()
    .describe('Default relevance (then newest)'),
  page: z
    .string()
    .regex(/^\d{1,5}$/)
    .optional()
    .describe('Page number, 20 datasets a page'),
});

const facetItem = z.object({ value: z.string(), label: z.string(), count: z.number(), selected: z.boolean() });

export const catalogResponse = z.object({
  ok: z.literal(true),
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      title: z.string(),
      notes: z.string(),
      organization: z.object({ name: z.string(), title: z.string() }),
      tags: z.array(z.string()),
      groups: z.array(z.string()),
      formats: z.array(z.string()),
      licenseId: z.string(),
      metadataModified: z.string().nullable(),
      url: z.string(),
      apiUrl: z.string(),
    }),
  ),
  meta: z.object({
    total: z.number(),
    page: z.number(),
    pages: z.number(),
    facets: z.record(z.string(), z.array(facetItem)),
  }),
});
