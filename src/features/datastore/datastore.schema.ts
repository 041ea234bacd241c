import { z } from 'zod';

export const resourceIdParam = z.object({
  resourceId: z.string().min(1).max(100).describe('Resource id'),
});

const searchFields = {
  filters: z
    .string()
    .max(20000)
    .optional()
    .describe(
      'JSON object: {"column": "value"} or {"column": ["a", "b"]} (a list means OR). Or use filter.<column>=value, repeated for OR.',
    ),
  q: z
    .string()
    .max(1000)
    .optional()
    .describe(
      'Full-text search: every word must appear in some text column. A JSON object {"column": "words"} searches per column.',
    ),
  sort: z
    .string()
    .max(1000)
    .optional()
    .describe('Comma-separated columns, each optionally followed by asc or desc, e.g. "tahun desc, kelurahan"'),
  fields: z.string().max(5000).optional().describe('Comma-separated columns to return (default: all)'),
  limit: z
    .string()
    .max(20)
    .optional()
    .describe('Rows to return: default 100, at most 32000 (more is refused with 400)'),
  offset: z.string().max(20).optional().describe('Rows to skip'),
  distinct: z.enum(['true', 'false']).optional().describe('Only distinct rows of the chosen fields'),
  include_total: z.enum(['true', 'false']).optional().describe('Count the matching rows (default true)'),
  records_format: z.enum(['objects', 'lists', 'csv', 'tsv']).optional().describe('Shape of records (default objects)'),
};

export const searchQuery = z.looseObject(searchFields);

export const searchBody = z.looseObject({
  filters: z
    .record(
      z.string(),
      z.union([
        z.string(),
        z.number(),
        z.boolean(),
        z.null(),
        z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
      ]),
    )
    .optional(),
  q: z.union([z.string().max(1000), z.record(z.string(), z.string().max(1000))]).optional(),
  sort: z.string().max(1000).optional(),
  fields: z.union([z.array(z.string()), z.string()]).optional(),
  limit: z.union([z.number(), z.string()]).optional(),
  offset: z.union([z.number(), z.string()]).optional(),
  distinct: z.boolean().optional(),
  include_total: z.boolean().optional(),
  records_format: z.enum(['objects', 'lists', 'csv', 'tsv']).optional(),
});

export const fieldJson = z.object({
  id: z.string(),
  label: z.string(),
  type: z.string(),
  unit: z.string().optional().describe('Unit of a number column read from its cells, e.g. IDR for "Rp 9.000.000"'),
  period: z
    .enum(['year', 'month', 'quarter', 'semester', 'mixed'])
    .optional()
    .describe('Granularity of a period column (stored as sortable text: 2024, 2024-01, 2024-Q1, 2024-S1)'),
});

export const searchResponse = z.object({
  ok: z.literal(true),
  data: z.object({
    resourceId: z.string(),
    fields: z.array(fieldJson),
    records: z.unknown().describe('Array of objects (or of lists; or CSV/TSV text) per records_format'),
    total: z.number().nullable(),
    limit: z.number(),
    offset: z.number(),
  }),
  meta: z.object({ next: z.string().nullable() }),
});

export const dumpQuery = z.looseObject({
  format: z.enum(['csv', 'tsv', 'json', 'xlsx']).optional().describe('Default csv'),
  bom: z
    .enum(['true', 'false'])
    .optional()
    .describe('Start CSV/TSV with a UTF-8 byte-order mark so Excel reads it correctly'),
  filters: searchFields.filters,
  q: searchFields.q,
  sort: searchFields.sort,
});
