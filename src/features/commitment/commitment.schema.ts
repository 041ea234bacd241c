import { z } from 'zod';
import { orgJson, patchOf, progressJson } from '../plan/plan.schema.js';
import { MILESTONE_STATUSES } from './commitment.table.js';
import { amendmentJson } from './amendment.json.js';
import { correctionReasonField, dateCorrectionJson } from '../correction/correction.schema.js';
import { translationsInput, translationsJson } from '../../i18n/content-language.js';

/** A real OGP ID (IDMDN0001) or an example commitment's own ID (IDMDN-CONTOH-01). */
export const OGP_ID_PATTERN = /^[A-Z]{4,8}(\d{4}|-CONTOH-\d{2,4})$/;

export const ogpIdParam = z.object({
  ogpId: z
    .string()
    .regex(OGP_ID_PATTERN, 'commitment.badOgpId')
    .describe('OGP commitment ID, e.g. IDMDN0001 (example commitments: IDMDN-CONTOH-01)'),
});
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'commitment.badMonth')
  .describe('YYYY-MM');
const text = (max = 20000) => z.string().max(max);
const kelurahanCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'wilayah.badCode');

/** The text fields that may have an English version, with their length limits. */
export const COMMITMENT_TRANSLATABLE = {
  title: 300,
  problem: 20000,
  statusQuo: 20000,
  description: 20000,
  howSolves: 20000,
  ogpRelevance: 20000,
} as const;
export type CommitmentTextField = keyof typeof COMMITMENT_TRANSLATABLE;
const TRANSLATABLE_NAMES = Object.keys(COMMITMENT_TRANSLATABLE) as CommitmentTextField[];

const commitmentFields = {
  title: z.string().min(3).max(300),
  problem: text().default(''),
  statusQuo: text().default(''),
  description: text().default('').describe('The action: what the commitment will do'),
  howSolves: text().default('').describe('How the commitment will solve the problem'),
  ogpRelevance: text().default('').describe('Why it is relevant to OGP values'),
  valueAccessInfo: z.boolean().default(false),
  valueAccessInfoWhy: text(2000).default(''),
  valueCivicParticipation: z.boolean().default(false),
  valueCivicParticipationWhy: text(2000).default(''),
  valuePublicAccountability: z.boolean().default(false),
  valuePublicAccountabilityWhy: text(2000).default(''),
  valueTechnology: z.boolean().default(false),
  valueTechnologyWhy: text(2000).default(''),
  policyArea: text(200).default(''),
  sector: text(200).default(''),
  startMonth: month,
  endMonth: month,
  budgetAmount: z.number().min(0).nullable().optional().describe('Budget in rupiah'),
  budgetSource: text(300).default(''),
  rpjmdLinks: text(4000).default('').describe('Links to the RPJMD and other plans'),
  sdgGoals: z.array(z.coerce.number().int().min(1).max(17)).max(17).default([]),
  kelurahanCodes: z
    .array(kelurahanCode)
    .max(40)
    .default([])
    .describe('Kemendagri codes of the kelurahan the commitment touches (empty = city-wide)'),
  leadOrganizationId: z.string().min(1).max(36).describe('The lead institution (organisation id)'),
  supportingOrganizationIds: z
    .array(z.string().max(36))
    .max(30)
    .default([])
    .describe('Supporting institutions, government and CSOs'),
  ideaIds: z.array(z.string().max(36)).max(200).default([]).describe('Ideas this commitment came from'),
  translations: translationsInput(COMMITMENT_TRANSLATABLE),
};
export const commitmentInput = z.object(commitmentFields);
export type CommitmentInput = z.infer<typeof commitmentInput>;
export const commitmentPatch = patchOf(commitmentFields);
export type CommitmentPatch = z.infer<typeof commitmentPatch>;

const isoDate = z.iso.date();
const milestoneFields = {
  activity: z.string().min(3).max(300),
  deliverable: text(4000).describe('The verifiable deliverable'),
  startDate: isoDate,
  endDate: isoDate,
  responsibleOrganizationId: z.string().min(1).max(36),
  weight: z.number().gt(0).max(1000).default(1).describe("Weight of this milestone in the commitment's progress"),
  status: z.enum(MILESTONE_STATUSES).default('not_started'),
  progressPercent: z.number().min(0).max(100).default(0).describe('For in-progress milestones (0–99)'),
  completedOn: isoDate.nullable().optional(),
  completedOnCorrectionReason: correctionReasonField,
};
export const milestoneInput = z.object(milestoneFields);
export type MilestoneInput = z.infer<typeof milestoneInput>;
export const milestonePatch = patchOf(milestoneFields);
export type MilestonePatch = z.infer<typeof milestonePatch>;

export const evidenceLinkInput = z.object({
  title: z.string().min(3).max(300),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  evidenceDate: isoDate,
  visibility: z.enum(['public', 'internal']).default('public'),
});
export type EvidenceLinkInput = z.infer<typeof evidenceLinkInput>;
export const evidenceFileFields = z.object({
  title: z.string().min(3).max(300),
  evidenceDate: isoDate,
  visibility: z.enum(['public', 'internal']).default('public'),
});

export const evidenceJson = z.object({
  id: z.string(),
  kind: z.enum(['file', 'link']),
  title: z.string(),
  url: z.string().describe('The link, or the download address of the file'),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  sha256: z.string().nullable(),
  evidenceDate: z.string(),
  visibility: z.enum(['public', 'internal']),
  uploader: z.object({ id: z.string(), name: z.string() }).nullable().describe('The organisation that uploaded it'),
  createdAt: z.string(),
});

export const milestoneJson = z.object({
  version: z.number().int().describe('Edit version; the ETag of the milestone in PATCH /api/v1/milestones/{id}'),
  id: z.string(),
  position: z.number(),
  activity: z.string(),
  deliverable: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  responsibleInstitution: orgJson.nullable(),
  weight: z.number(),
  status: z.enum(MILESTONE_STATUSES),
  percent: z.number(),
  completedOn: z.string().nullable(),
  evidence: z.array(evidenceJson),
});

export const ideaRefJson = z.object({
  id: z.string(),
  title: z.string(),
  theme: z.string(),
  channel: z.string(),
  source: z.string(),
  receivedOn: z.string(),
  url: z.string(),
});

export const commitmentJson = z.object({
  version: z.number().int().describe('Edit version; the ETag of GET /api/v1/commitments/{ogpId}'),
  id: z.string(),
  ogpId: z.string(),
  planId: z.string(),
  number: z.number(),
  title: z.string(),
  problem: z.string(),
  statusQuo: z.string(),
  description: z.string(),
  howSolves: z.string(),
  ogpRelevance: z.string(),
  ogpValues: z.array(
    z.object({
      value: z.enum([
        'access_to_information',
        'civic_participation',
        'public_accountability',
        'technology_and_innovation',
      ]),
      justification: z.string(),
    }),
  ),
  policyArea: z.string(),
  sector: z.string(),
  startMonth: z.string(),
  endMonth: z.string(),
  budget: z.object({ amount: z.number().nullable(), source: z.string() }),
  rpjmdLinks: z.string(),
  sdgGoals: z.array(z.number()),
  kelurahanCodes: z.array(z.string()),
  leadInstitution: orgJson.nullable(),
  supportingInstitutions: z.array(orgJson),
  milestones: z.array(milestoneJson),
  progress: progressJson,
  isExample: z.boolean(),
  translations: translationsJson(TRANSLATABLE_NAMES),
  url: z.string(),
  updatedAt: z.string(),
});
export const commitmentDetailJson = commitmentJson.extend({
  ideas: z.array(ideaRefJson),
  amendments: z.array(amendmentJson).describe('Formal amendments after submission, newest first'),
  dateCorrections: z
    .array(dateCorrectionJson.extend({ milestoneId: z.string() }))
    .describe('Corrections of milestone completion dates (the end-of-commitment review stays due from the original)'),
});
