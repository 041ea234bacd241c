import { z } from 'zod';
import { uuid } from '../../http/envelope.js';
import { RESPONSE_KINDS, IDEA_CHANNELS, IDEA_MODERATION } from './idea.table.js';

export const IDEA_THEMES = [
  'pariwisata',
  'ketenagakerjaan',
  'satu-data',
  'lingkungan',
  'layanan-publik',
  'partisipasi',
  'ekonomi',
  'lainnya',
] as const;

export const ideaInput = z.object({
  planId: uuid.describe('The action plan the idea is for'),
  title: z.string().min(3).max(300),
  body: z.string().min(10).max(5000),
  theme: z.enum(IDEA_THEMES),
  wilayahKode: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'wilayah.badCode')
    .nullable()
    .optional()
    .describe('Kelurahan the idea is about (Kemendagri code)'),
  sourceLabel: z
    .string()
    .min(3)
    .max(300)
    .optional()
    .describe('Staff only: where an offline idea was raised (Musrenbang, workshop, announcement)'),
  receivedOn: z.iso.date().optional().describe('Staff only: the date an offline idea was received'),
});
export type IdeaInput = z.infer<typeof ideaInput>;

export const moderationInput = z.object({ decision: z.enum(['approve', 'reject']) });

export const responseInput = z.object({
  kind: z.enum(RESPONSE_KINDS).describe('adopted, merged (into a commitment) or not_adopted'),
  reason: z.string().min(10).max(5000).describe('Why the idea was or was not adopted'),
  commitmentOgpIds: z
    .array(z.string().regex(/^[A-Z]{4,8}\d{4}$/, 'commitment.badOgpId'))
    .max(20)
    .default([])
    .describe('Commitments the idea became part of'),
  responderName: z.string().min(3).max(200).describe('The named official giving the response'),
  responderTitle: z.string().min(2).max(300),
});
export type ResponseInput = z.infer<typeof responseInput>;

export const ideaQuery = z.object({
  plan: uuid.optional().describe('Only ideas for this plan'),
  theme: z.enum(IDEA_THEMES).optional(),
  moderation: z.enum(IDEA_MODERATION).optional().describe('Staff only: pending or rejected ideas'),
});

export const ideaJson = z.object({
  id: z.string(),
  planId: z.string(),
  title: z.string(),
  body: z.string(),
  theme: z.string(),
  wilayahKode: z.string().nullable(),
  channel: z.enum(IDEA_CHANNELS),
  source: z.string().describe('Where the idea came from (no personal data)'),
  receivedOn: z.string(),
  moderation: z.enum(IDEA_MODERATION),
  response: z
    .object({
      kind: z.enum(RESPONSE_KINDS),
      reason: z.string(),
      responder: z.object({ name: z.string(), title: z.string() }),
      respondedAt: z.string(),
      commitments: z.array(z.object({ ogpId: z.string(), title: z.string(), url: z.string() })),
    })
    .nullable(),
  url: z.string(),
});
