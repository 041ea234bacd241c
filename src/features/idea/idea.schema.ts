import { z } from 'zod';
import { uuid } from '../../http/envelope.js';
import { RESPONSE_KINDS, IDEA_CHANNELS, IDEA_MODERATION } from './idea.table.js';
import { translationsInput, translationsJson } from '../../i18n/content-language.js';

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
  email: z
    .email()
    .max(254)
    .nullable()
    .optional()
    .describe('Anonymous ideas only: where to mail the tracking link once (never stored, never shown)'),
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
  responderTitle: z
    .string()
    .min(2)
    .max(300)
    .optional()
    .describe(
      'Your position (jabatan) for this answer; defaults to the position on your account. ' +
        'Your name and organisation always come from your account',
    ),
  translations: translationsInput({ reason: 5000 }),
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
      translations: translationsJson(['reason']),
      responder: z
        .object({
          name: z.string(),
          title: z.string(),
          organization: z.object({ id: z.string(), name: z.string() }).nullable(),
          fromAccount: z
            .boolean()
            .describe(
              'true when name and organisation come from the responding account; false for older typed-in answers',
            ),
        })
        .describe('The official who answered'),
      respondedAt: z.string(),
      commitments: z.array(z.object({ ogpId: z.string(), title: z.string(), url: z.string() })),
    })
    .nullable(),
  url: z.string(),
});

export const ideaSubmittedJson = ideaJson.extend({
  trackingUrl: z
    .string()
    .nullable()
    .describe('Anonymous ideas: the private link to follow the status and response, given only in this answer'),
});

export const trackingParam = z.object({ token: z.string().regex(/^[\w-]{20,100}$/, 'validation.invalid') });

/** What a tracking link shows: the idea, its status and response, nothing about who moderated or sent it. */
export const ideaTrackingJson = ideaJson
  .pick({ title: true, body: true, theme: true, receivedOn: true, moderation: true, response: true })
  .extend({
    planTitle: z.string(),
    publicUrl: z.string().nullable().describe('The public page, once the idea is approved'),
  });
