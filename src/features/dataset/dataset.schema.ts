import { z } from 'zod';
import { correctionReasonField, dateCorrectionJson } from '../correction/correction.schema.js';
import { requestOnly } from '../../http/representations.js';
import { LICENSES } from './licenses.js';
import { DATASET_STATES, UPDATE_FREQUENCIES } from './dataset.table.js';
import { okSchema } from '../../http/envelope.js';
import { fieldJson } from '../datastore/datastore.schema.js';

/** Forms send lists as comma/newline separated text; JSON sends arrays. Both become string[]. */
const list = (item: z.ZodString) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[,\n]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v === undefined || v === null
          ? []
          : v,
    z.array(item).max(100),
  );
const text = (max: number) => z.string().trim().max(max).default('');
const isoDate = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.iso.date().optional());
const flag = z
  .preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1' || v === 1, z.boolean())
  .default(false);

export const SLUG = /^[a-z0-9][a-z0-9_-]{1,99}$/;

/** The metadata fields the walidata may comment on, in form order. */
export const METADATA_FIELDS = [
  'title',
  'name',
  'notes',
  'tags',
  'groups',
  'licenseId',
  'contactName',
  'contactEmail',
  'updateFrequency',
  'nextReleaseDate',
  'temporalStart',
  'temporalEnd',
  'spatialCodes',
  'source',
  'method',
  'concept',
  'definition',
  'classification',
  'measure',
  'unit',
  'indicatorFormula',
  'indicatorInterpretation',
] as const;

export const datasetFields = {
  title: z.string().trim().min(1).max(300),
  notes: text(20_000),
  tags: list(z.string().trim().min(1).max(100)),
  groups: list(z.string().trim().min(1).max(100)),
  licenseId: z.enum(LICENSES.map((l) => l.id) as [string, ...string[]]).default('cc-by-4.0'),
  contactName: text(200),
  contactEmail: z.preprocess((v) => (v === null ? '' : v), z.union([z.literal(''), z.email().max(320)])).default(''),
  updateFrequency: z.enum(UPDATE_FREQUENCIES).default('annual'),
  nextReleaseDate: isoDate,
  temporalStart: isoDate,
  temporalEnd: isoDate,
  spatialCodes: list(
    z
      .string()
      .trim()
      .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'dataset.badWilayahCode'),
  ),
  source: text(2000),
  method: text(5000),
  concept: text(5000),
  definition: text(5000),
  classification: text(5000),
  measure: text(2000),
  unit: text(100),
  indicatorFormula: text(5000),
  indicatorInterpretation: text(5000),
  private: flag,
};

export const datasetCreateInput = z.object({
  name: z.string().trim().toLowerCase().regex(SLUG, 'dataset.badSlug'),
  organization: z.string().trim().min(1).max(100).describe('Organisation slug (the producer)'),
  ...datasetFields,
});
export type DatasetCreateInput = z.infer<typeof datasetCreateInput>;

export const datasetUpdateInput = z.object({
  ...datasetFields,
  nextReleaseDateCorrectionReason: requestOnly(
    correctionReasonField.describe(
      'Required when a published dataset whose release date has passed gets a new date without new data; shown publicly',
    ),
  ),
});
export type DatasetUpdateInput = z.infer<typeof datasetUpdateInput>;

export const reviewInput = z.object({
  decision: z.enum(['return', 'approve']),
  comments: z
    .array(z.object({ field: z.string().max(100), comment: z.string().trim().min(1).max(5000) }))
    .max(100)
    .default([]),
});

export const withdrawInput = z.object({
  reason: z.string().trim().min(1).max(2000),
  supersededBy: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Name of the dataset that replaces this one (state becomes superseded)'),
});

export const nameParam = z.object({ name: z.string().max(100) });
export const versionParam = z.object({ name: z.string().max(100), version: z.coerce.number().int().min(1) });
export const datasetListQuery = z.object({
  state: z.enum(DATASET_STATES).optional(),
  organization: z.string().max(100).optional(),
  mine: z
    .preprocess((v) => v === 'true' || v === '1' || v === true, z.boolean())
    .optional()
    .describe('Only datasets of my organisations'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** An ingest job as the API shows it (`presentJob`). */
const ingestJson = z.object({
  state: z.string(),
  progress: z.number(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
});

const resourceJson = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  format: z.string(),
  urlType: z.string(),
  url: z.string(),
  mimetype: z.string().nullable(),
  size: z.number().nullable(),
  hash: z.string().nullable(),
  position: z.number(),
  createdAt: z.string(),
  lastModified: z.string().nullable(),
  datastoreActive: z.boolean(),
  sheet: z.string().nullable(),
  fields: z.array(fieldJson).optional(),
  rowCount: z.number().optional(),
  quality: z.unknown().optional(),
  ingest: ingestJson.nullable().optional(),
  /** Producers and the walidata: 'new' = added with the next version (hidden until approved); 'removal' = removed with it. */
  staged: z.enum(['new', 'removal']).optional(),
  /** Producers and the walidata: the latest file loading (or failed) as new data for this resource. */
  stagedLoad: z.object({ id: z.string(), fileName: z.string(), ingest: ingestJson.nullable() }).optional(),
});

/** Resource changes staged in a published dataset's revision (dataset/resources/revision-staging.service.ts). */
const stagedChangesShape = {
  pendingData: z.array(z.object({ resourceId: z.string(), fileName: z.string(), rows: z.number() })),
  newResources: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['upload', 'link']),
      name: z.string(),
      format: z.string(),
      fileName: z.string().nullable(),
      url: z.string().nullable(),
      rows: z.number().nullable(),
    }),
  ),
  removals: z.array(z.object({ resourceId: z.string(), name: z.string() })),
  loads: z.array(
    z.object({
      id: z.string(),
      resourceId: z.string().nullable().describe('The live resource the new data is for (null: a new resource)'),
      newResourceId: z.string().nullable(),
      fileName: z.string(),
      ingest: ingestJson.nullable(),
    }),
  ),
};

export const datasetJson = z.object({
  id: z.string(),
  editVersion: z
    .number()
    .int()
    .optional()
    .describe('Edit version of the metadata (not the published `version`); the ETag of GET /api/v1/datasets/{name}'),
  name: z.string(),
  title: z.string(),
  notes: z.string(),
  state: z.string(),
  version: z.number(),
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  licenseId: z.string(),
  licenseTitle: z.string(),
  tags: z.array(z.string()),
  groups: z.array(z.string()),
  contactName: z.string(),
  contactEmail: z.string(),
  updateFrequency: z.string(),
  nextReleaseDate: z.string().nullable(),
  overdue: z.boolean(),
  releaseDateCorrections: z
    .array(dateCorrectionJson)
    .optional()
    .describe('Corrections of a passed release date, with the original date and the reason'),
  temporalStart: z.string().nullable(),
  temporalEnd: z.string().nullable(),
  spatialCodes: z.array(z.string()),
  source: z.string(),
  method: z.string(),
  concept: z.string(),
  definition: z.string(),
  classification: z.string(),
  measure: z.string(),
  unit: z.string(),
  indicatorFormula: z.string(),
  indicatorInterpretation: z.string(),
  private: z.boolean(),
  supersededBy: z.string().nullable(),
  createdAt: z.string(),
  metadataModified: z.string(),
  publishedAt: z.string().nullable(),
  url: z.string(),
  resources: z.array(resourceJson),
  reviews: z
    .array(
      z.object({
        field: z.string(),
        comment: z.string(),
        version: z.number(),
        createdAt: z.string(),
        resolved: z.boolean(),
      }),
    )
    .optional(),
  versions: z.array(z.object({ version: z.number(), publishedAt: z.string(), url: z.string() })),
  /** The next version being prepared for a published dataset (producers and the walidata only). */
  revision: z
    .object({ state: z.string(), metadata: z.record(z.string(), z.unknown()), ...stagedChangesShape })
    .nullable()
    .optional(),
  /** Files being loaded (or whose load failed) for the next version, before they join the revision. */
  stagedLoads: stagedChangesShape.loads.optional(),
  /** What the signed-in user may do with the dataset now: the dataset page's buttons (dataset.policy.ts `datasetCapabilities`). */
  capabilities: z
    .object({
      edit: z.boolean(),
      addResource: z.boolean(),
      submit: z.boolean(),
      review: z.boolean(),
      withdraw: z.boolean(),
      stage: z.boolean(),
    })
    .describe(
      'For a signed-in user only: what they may do with the dataset now (the same rules as the buttons of the dataset page)',
    )
    .optional(),
});

export const stagedRemovalResponse = okSchema(
  z.object({ resourceId: z.string(), staged: z.enum(['removal', 'discarded']) }),
);
export const pendingResponse = okSchema(
  z.object({ resourceId: z.string(), rowsLoaded: z.number(), quality: z.record(z.string(), z.unknown()) }),
);
export const datasetResponse = okSchema(datasetJson);
export const datasetListResponse = z.object({
  ok: z.literal(true),
  data: z.array(datasetJson.omit({ resources: true, reviews: true, versions: true, capabilities: true })),
  meta: z.object({ total: z.number(), limit: z.number(), offset: z.number() }),
});
export const resourceResponse = okSchema(resourceJson);
export const resourceParam = z.object({ name: z.string().max(100), id: z.string().max(40) });
export const linkInput = z.object({
  name: z.string().trim().min(1).max(300),
  url: z
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), 'dataset.badUrl'),
  format: z.string().trim().max(20).default(''),
  description: text(5000),
});
