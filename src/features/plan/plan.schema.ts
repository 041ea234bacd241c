import { z } from 'zod';
import { correctionReasonField, dateCorrectionJson } from '../correction/correction.schema.js';
import { PLAN_STATUSES } from './plan.table.js';
import { IRM_COMPLETION } from '../../rubric/irm-scales.js';
import { translationsInput, translationsJson } from '../../i18n/content-language.js';

const isoDate = z.iso.date();
const optionalDate = isoDate.nullable().optional();
const longText = z.string().max(20000);

export const orgJson = z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: z.string() });
export const progressJson = z.object({
  percent: z.number().describe('Weighted progress 0–100'),
  completion: z.enum(IRM_COMPLETION).describe('IRM completion scale'),
});

export const profileInput = z.object({
  jurisdictionName: z.string().min(2).max(200),
  joinedOn: optionalDate,
  launchedOn: optionalDate,
  termEndDate: optionalDate.describe("End of the administration's term"),
  contactName: z.string().max(200).default(''),
  contactTitle: z.string().max(300).default(''),
  contactOrganizationId: z.string().max(36).nullable().optional(),
  monitoringOrganizationId: z.string().max(36).nullable().optional(),
  forumName: z.string().max(300).default(''),
  forumDescription: longText.default(''),
});
export type ProfileInput = z.infer<typeof profileInput>;

export const profileJson = z.object({
  jurisdictionName: z.string(),
  joinedOn: z.string().nullable(),
  launchedOn: z.string().nullable(),
  termEndDate: z.string().nullable(),
  pointOfContact: z.object({ name: z.string(), title: z.string(), organization: orgJson.nullable() }),
  monitoringBody: orgJson.nullable(),
  forum: z.object({ name: z.string(), description: z.string() }),
});

/** The plan's text fields that may have an English version, with their length limits. */
export const PLAN_TRANSLATABLE = {
  title: 300,
  foreword: 20000,
  strategicVision: 20000,
  engagement: 20000,
  endorsementNote: 20000,
} as const;

const planFields = {
  title: z.string().min(3).max(300),
  periodStart: isoDate,
  periodEnd: isoDate,
  termEndDate: optionalDate,
  cocreationStart: optionalDate.describe(
    'Start of the co-creation window (ideas received inside it need a reasoned response before submission)',
  ),
  cocreationEnd: optionalDate,
  submittedOn: optionalDate,
  submittedOnCorrectionReason: correctionReasonField,
  leadOrganizationIds: z.array(z.string().max(36)).max(20).default([]),
  foreword: longText.default(''),
  strategicVision: longText.default(''),
  engagement: longText.default('').describe('Engagement and coordination arrangements'),
  endorsedOn: optionalDate.describe('Date civil society endorsed the plan (required before submission)'),
  endorsementNote: longText.default(''),
  translations: translationsInput(PLAN_TRANSLATABLE),
};
export const planInput = z.object(planFields);
export type PlanInput = z.infer<typeof planInput>;
export const planPatch = patchOf(planFields);
export type PlanPatch = z.infer<typeof planPatch>;

export const transitionInput = z.object({
  to: z.enum(PLAN_STATUSES).describe('The next lifecycle status'),
  earlyClosureReason: z
    .string()
    .trim()
    .max(4000)
    .optional()
    .describe('Required when closing before the period ends; shown publicly on the plan'),
});

export const planJson = z.object({
  id: z.string(),
  version: z.number().int().describe('Edit version; the ETag of GET /api/v1/plans/{id}'),
  title: z.string(),
  planNumber: z.number(),
  status: z.enum(PLAN_STATUSES),
  periodStart: z.string(),
  periodEnd: z.string(),
  termEndDate: z.string().nullable(),
  cocreationStart: z.string().nullable(),
  cocreationEnd: z.string().nullable(),
  submittedOn: z.string().nullable(),
  leadInstitutions: z.array(orgJson),
  foreword: z.string(),
  strategicVision: z.string(),
  engagement: z.string(),
  endorsedOn: z.string().nullable(),
  endorsementNote: z.string(),
  earlyClosureReason: z.string().nullable().describe('Why the plan was closed before its period ended'),
  dateCorrections: z
    .array(dateCorrectionJson)
    .describe('Corrections of the submission date (the inception due date keeps the original)'),
  isExample: z.boolean(),
  translations: translationsJson(Object.keys(PLAN_TRANSLATABLE) as Array<keyof typeof PLAN_TRANSLATABLE>),
  commitmentCount: z.number(),
  progress: progressJson,
  url: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A PATCH schema from create fields: every field optional and without its default (absent = unchanged). */
export function patchOf<T extends Record<string, z.ZodType>>(fields: T) {
  const out: Record<string, z.ZodType> = {};
  for (const [k, s] of Object.entries(fields))
    out[k] = (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : s).optional();
  return z.object(out) as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<T[K]> }>;
}
