import { z } from 'zod';
import { AGGREGATIONS, BREAKDOWN_DIMENSIONS, DIRECTIONS, LEVELS, VALUE_STATUSES } from './indicator.table.js';
import { isPeriod } from './period.js';
import { issueToFieldError, type FormResult } from '../../http/forms.js';
import type { FieldError } from '../../errors.js';

/** Our own message keys (e.g. `indicator.badPeriod`) win over the generic mapping. */
export const toFieldError = (issue: { path: PropertyKey[]; message: string }): FieldError =>
  /^[a-z]+\.[A-Za-z.]+$/.test(issue.message)
    ? { field: issue.path.map(String).join('.'), message: issue.message }
    : issueToFieldError(issue as never);

/** parseForm with this feature's own messages kept. */
export function parseIndicatorForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: result.error.issues.map(toFieldError) };
}

const text = (max: number) => z.string().trim().max(max);
const optionalNumber = z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? undefined : v),
  z.coerce.number().int().min(0).optional(),
);

export const codeParam = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'indicator.badCode')
    .describe('Indicator code, e.g. tpt'),
});
export const periodSchema = z
  .string()
  .trim()
  .refine(isPeriod, 'indicator.badPeriod')
  .describe('2024 (year), 2024-Q3 (quarter) or 2024-07 (month)');
export const wilayahKodeSchema = z
  .string()
  .trim()
  .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'wilayah.badCode')
  .describe('Kemendagri code');

export const indicatorInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'indicator.badCode'),
  nameId: text(300).min(1),
  nameEn: text(300).min(1),
  concept: text(4000).default(''),
  definition: text(4000).default(''),
  interpretation: text(4000).default(''),
  formula: text(2000).default(''),
  unit: text(40).min(1),
  measure: text(100).default(''),
  classification: text(2000).default(''),
  lowestLevel: z.enum(LEVELS),
  betterDirection: z.enum(DIRECTIONS).default('neutral'),
  // Protection is on by default: "not a count of people" must be declared, with a reason.
  countsPeople: z
    .preprocess(
      (v) => (v === undefined || v === '' ? undefined : v === 'on' || v === 'true' || v === '1' || v === true),
      z.boolean(),
    )
    .default(true)
    .describe('false only with notPeopleReason: small counts of people are hidden by default'),
  notPeopleReason: text(1000)
    .default('')
    .describe('Why the values are not counts of people (required when countsPeople is false)'),
  breakdownOf: z
    .preprocess((v) => (v === '' ? null : v), z.string().max(60).nullable().default(null))
    .describe('Code of the total indicator this one breaks down (e.g. by sex); protected together with it'),
  breakdownDimension: z.preprocess((v) => (v === '' ? null : v), z.enum(BREAKDOWN_DIMENSIONS).nullable().default(null)),
  decimals: z.coerce.number().int().min(0).max(4).default(0),
  producerOrgIds: z.array(z.string().max(36)).default([]),
  datasetIds: z.array(z.string().max(100)).default([]),
});
export type IndicatorInput = z.infer<typeof indicatorInput>;
export const indicatorPatch = indicatorInput
  .omit({ code: true })
  .partial()
  .extend({ officialSourceId: z.string().max(36).nullable().optional() });
export type IndicatorPatch = z.infer<typeof indicatorPatch>;

export const sourceInput = z.object({
  organizationId: z.preprocess((v) => (v === '' ? null : v), z.string().max(36).nullable().default(null)),
  producer: text(300).min(1),
  method: text(4000).min(1),
  citation: text(2000).default(''),
});
export type SourceInput = z.infer<typeof sourceInput>;

export const valueInput = z.object({
  sourceId: z.string().min(1).max(36),
  wilayahKode: wilayahKodeSchema,
  period: periodSchema,
  // Numbers, or text holding one number ("6,39" as written in Indonesian is accepted too).
  value: z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim().replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s === '' ? undefined : s;
  }, z
    .number({ error: (issue) => (issue.input === undefined ? 'validation.required' : 'validation.number') })
    .finite()),
  status: z.enum(VALUE_STATUSES).default('final'),
  note: text(2000).default(''),
  citation: text(2000).default(''),
  denominator: text(500).default(''),
  filters: text(500).default(''),
  missingCount: optionalNumber,
});
export type ValueInput = z.input<typeof valueInput>;

/** The request body of POST …/values as documented (validated again, with clear messages, by the service). */
export const valueBody = z.object({
  sourceId: z.string().describe('Source id (GET /api/v1/indicators/{code} lists them)'),
  wilayahKode: z.string().describe('Kemendagri code, e.g. 35.77 or 35.77.02.1002'),
  period: z.string().describe('2024, 2024-Q3 or 2024-07'),
  value: z.union([z.number(), z.string()]).describe('A number ("6,39" is accepted)'),
  status: z.enum(VALUE_STATUSES).optional(),
  note: z.string().optional(),
  citation: z.string().optional().describe('Where this figure was published'),
  denominator: z.string().optional(),
  filters: z.string().optional(),
  missingCount: z.number().int().min(0).optional().describe('Records not filled in'),
});
export type ValueData = z.infer<typeof valueInput>;

export const derivationInput = z.object({
  sourceId: z.string().min(1).max(36),
  datasetId: z.string().min(1).max(36),
  resourceId: z.string().min(1).max(36),
  valueColumn: text(100).min(1),
  aggregation: z.enum(AGGREGATIONS),
  wilayahColumn: text(100).min(1),
  periodColumn: z.preprocess((v) => (v === '' ? null : v), text(100).nullable().default(null)),
  fixedPeriod: z.preprocess((v) => (v === '' ? null : v), periodSchema.nullable().default(null)),
});
export type DerivationInput = z.infer<typeof derivationInput>;

export const valuesQuery = z.object({
  wilayah: wilayahKodeSchema.optional().describe('Only values for this area'),
  period: periodSchema.optional(),
  source: z.string().max(36).optional().describe('Only values from this source id'),
});

const sourceJson = z.object({
  id: z.string(),
  producer: z.string(),
  organization: z.string().nullable(),
  method: z.string(),
  citation: z.string(),
  official: z.boolean(),
  example: z.boolean(),
});
export const valueJson = z.object({
  indicator: z.string(),
  wilayah: z.object({ kode: z.string(), nama: z.string(), tingkat: z.string() }),
  period: z.string(),
  value: z.number().nullable().describe('null when suppressed'),
  display: z.string().describe('The value as published, e.g. "<5" when suppressed'),
  suppressed: z.enum(['primary', 'secondary']).nullable(),
  unit: z.string(),
  status: z.string(),
  note: z.string(),
  citation: z.string(),
  denominator: z.string(),
  filters: z.string(),
  missingCount: z.number().nullable(),
  origin: z.string(),
  official: z.boolean(),
  example: z.boolean(),
  source: sourceJson,
  updatedAt: z.string(),
});
export const indicatorJson = z.object({
  version: z.number().int().describe('Edit version; the ETag of GET /api/v1/indicators/{code}'),
  code: z.string(),
  name: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  concept: z.string(),
  definition: z.string(),
  interpretation: z.string(),
  formula: z.string(),
  unit: z.string(),
  measure: z.string(),
  classification: z.string(),
  lowestLevel: z.string(),
  betterDirection: z.string(),
  countsPeople: z.boolean(),
  notPeopleReason: z.string(),
  protected: z.boolean(),
  breakdownOf: z.string().nullable(),
  breakdownDimension: z.string().nullable(),
  decimals: z.number(),
  producers: z.array(z.object({ id: z.string(), name: z.string() })),
  datasetIds: z.array(z.string()),
  officialSourceId: z.string().nullable(),
  example: z.boolean(),
  url: z.string(),
  updatedAt: z.string(),
});
export const indicatorListResponse = z.object({
  ok: z.literal(true),
  data: z.array(indicatorJson),
  meta: z.object({ total: z.number() }),
});
export const indicatorDetailResponse = z.object({
  ok: z.literal(true),
  data: indicatorJson.extend({
    sources: z.array(sourceJson),
    periods: z.array(z.string()),
    warnings: z.array(z.string()),
    msInd: z.record(z.string(), z.string()),
  }),
});
export const valuesResponse = z.object({
  ok: z.literal(true),
  data: z.array(valueJson),
  meta: z.object({ total: z.number(), suppressionThreshold: z.number() }),
});
