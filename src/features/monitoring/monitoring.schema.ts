import { z } from 'zod';
import { EARLY_RESULTS, IRM_COMPLETION, OPENED_GOVERNMENT, POTENTIAL } from '../../rubric/irm-scales.js';
import { uuid } from '../../http/envelope.js';
import { OGP_ID_PATTERN } from '../commitment/commitment.schema.js';

export const fileIdParam = z.object({ id: uuid.describe('File id (UUID)') });
export const ogpIdParam = z.object({
  ogpId: z
    .string()
    .regex(OGP_ID_PATTERN, 'monitoring.badOgpId')
    .describe('OGP commitment ID, e.g. IDMDN0001 (example commitments: IDMDN-CONTOH-01)'),
});

export const CHECKS = ['forumExists', 'csoMeeting', 'infoShared', 'pageUpdated', 'endorsement'] as const;
export type CheckKey = (typeof CHECKS)[number];

const check = z.object({
  met: z.boolean().describe('Whether the requirement is met'),
  note: z.string().trim().min(10).max(5000).describe('Evidence: what the monitoring body checked'),
});

export const commitmentAssessmentInput = z
  .object({
    commitmentId: uuid,
    verifiable: z.boolean().describe('Is the commitment specific enough to be verified?'),
    lenses: z.object({
      accessInfo: z.boolean().default(false),
      civicParticipation: z.boolean().default(false),
      publicAccountability: z.boolean().default(false),
      technology: z.boolean().default(false).describe('Counts only together with one of the other three'),
    }),
    potential: z.enum(POTENTIAL).describe('Potential for results'),
    note: z.string().max(5000).default(''),
  })
  .refine(
    (c) => !c.lenses.technology || c.lenses.accessInfo || c.lenses.civicParticipation || c.lenses.publicAccountability,
    { path: ['lenses', 'technology'], message: 'monitoring.techAlone' },
  );

export const inceptionInput = z.object({
  forumExists: check.describe('A forum exists and is multi-stakeholder'),
  csoMeeting: check.describe('At least one meeting with civil society during co-creation'),
  infoShared: check.describe('Information was shared before meetings'),
  pageUpdated: check.describe('An accessible OGP page exists and is updated at least every 4 months'),
  endorsement: check.describe('Non-government stakeholders endorsed the plan before submission'),
  summary: z.string().max(20000).default(''),
  publish: z.boolean().default(false).describe("Publish on the plan's monitoring page"),
  confirmContradiction: z
    .boolean()
    .default(false)
    .describe(
      'Confirms checks answered "met" although the platform\'s own records say otherwise ' +
        '(without it such an answer is refused with 422 CONTRADICTION_UNCONFIRMED)',
    ),
  commitments: z.array(commitmentAssessmentInput).max(200).default([]),
});
export type InceptionInput = z.infer<typeof inceptionInput>;

const og = z.enum(OPENED_GOVERNMENT).nullable().optional();
export const endAssessmentInput = z.object({
  completion: z
    .enum(IRM_COMPLETION)
    .describe('IRM completion: no_evidence, not_started, limited, substantial, complete'),
  earlyResults: z
    .enum(EARLY_RESULTS)
    .nullable()
    .optional()
    .describe(
      'IRM early results (Results Report since 2021): no_notable, moderate, significant, outstanding; ' +
        'required for plans that started in 2021 or later',
    ),
  ogAccessInfo: og.describe('Did it open government (older indicator): access to information'),
  ogCivicParticipation: og.describe('Did it open government (older indicator): civic participation'),
  ogPublicAccountability: og.describe('Did it open government (older indicator): public accountability'),
  beforeEndReason: z
    .string()
    .trim()
    .max(5000)
    .default('')
    .describe("Why the review is filed before the commitment's end date (required then, at least 10 characters)"),
  lessons: z.string().trim().min(10).max(20000).describe('Lessons learned'),
  publish: z.boolean().default(false),
});
export type EndAssessmentInput = z.infer<typeof endAssessmentInput>;

export const selfAssessmentInput = z
  .object({
    title: z.string().trim().min(3).max(300),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    body: z.string().trim().min(20).max(50000).describe('Progress, difficulties and next steps'),
  })
  .refine((s) => s.periodEnd >= s.periodStart, { path: ['periodEnd'], message: 'validation.dateOrder' });
export type SelfAssessmentInput = z.infer<typeof selfAssessmentInput>;

const checkJson = z.object({
  met: z.boolean(),
  note: z.string(),
  confirmedAgainstPlatform: z
    .boolean()
    .describe("Answered met although the platform's records said otherwise, and the monitor confirmed it"),
});
const lateness = {
  dueDate: z.string().nullable().describe('The due date in force when the review was published'),
  daysLate: z
    .number()
    .nullable()
    .describe('Days after the due date it was published (0 when on time; null while unpublished or not yet due)'),
};
export const commitmentAssessmentJson = z.object({
  commitmentId: z.string(),
  ogpId: z.string(),
  title: z.string(),
  verifiable: z.boolean(),
  lenses: z.object({
    accessInfo: z.boolean(),
    civicParticipation: z.boolean(),
    publicAccountability: z.boolean(),
    technology: z.boolean(),
  }),
  potential: z.enum(POTENTIAL),
  note: z.string(),
});
export const inceptionJson = z.object({
  planId: z.string(),
  published: z.boolean(),
  submittedAt: z.string(),
  publishedAt: z.string().nullable(),
  ...lateness,
  summary: z.string(),
  checks: z.object({
    forumExists: checkJson,
    csoMeeting: checkJson,
    infoShared: checkJson,
    pageUpdated: checkJson,
    endorsement: checkJson,
  }),
  commitments: z.array(commitmentAssessmentJson),
});
export const endAssessmentJson = z.object({
  commitmentId: z.string(),
  ogpId: z.string(),
  title: z.string(),
  completion: z.enum(IRM_COMPLETION),
  earlyResults: z.enum(EARLY_RESULTS).nullable().describe('IRM early results; null on reviews filed before it existed'),
  openedGovernment: z.object({
    accessInfo: z.enum(OPENED_GOVERNMENT).nullable(),
    civicParticipation: z.enum(OPENED_GOVERNMENT).nullable(),
    publicAccountability: z.enum(OPENED_GOVERNMENT).nullable(),
  }),
  lessons: z.string(),
  commitmentEndDate: z.string().describe("The last day of the commitment's planned end month"),
  beforeEndReason: z.string().describe("Why it was filed before the commitment's end date ('' when it was not)"),
  published: z.boolean(),
  submittedAt: z.string(),
  publishedAt: z.string().nullable(),
  ...lateness,
  files: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      mediaType: z.string(),
      sizeBytes: z.number(),
      sha256: z.string(),
      url: z.string(),
    }),
  ),
});
export const selfAssessmentJson = z.object({
  id: z.string(),
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  body: z.string(),
  publishedAt: z.string(),
});
export const scheduleItemJson = z.object({
  kind: z.enum(['inception', 'end_of_commitment', 'page_update', 'self_assessment']),
  planId: z.string(),
  planTitle: z.string(),
  ogpId: z.string().nullable(),
  commitmentTitle: z.string().nullable(),
  basisDate: z
    .string()
    .describe('The date the due date is computed from (submission, completion, last public update, last report)'),
  dueDate: z.string(),
  status: z.enum(['done', 'upcoming', 'overdue']),
  daysLeft: z.number().describe('Negative when overdue'),
});
export const planMonitoringJson = z.object({
  planId: z.string(),
  planTitle: z.string(),
  lastPublicUpdate: z.string().nullable(),
  schedule: z.array(scheduleItemJson),
  inception: inceptionJson.nullable(),
  endAssessments: z.array(endAssessmentJson),
  selfAssessments: z.array(selfAssessmentJson),
});
