import { z } from 'zod';
import type { Followables } from './followable.js';

/** The follow request's schemas accept the entity types the composition root lists. */
export function followSchemas(followables: Followables) {
  const entityTypeSchema = z
    .enum(Object.keys(followables) as [string, ...string[]])
    .describe('What to follow: plan, commitment, forum, forum_meeting');
  return {
    followBody: z.object({
      entityType: entityTypeSchema,
      entityId: z.string().min(1).max(64).describe('The entity id'),
      follow: z.boolean().default(true).describe('false to stop following'),
    }),
    followForm: z.object({
      entityType: entityTypeSchema,
      entityId: z.string().min(1).max(64),
      action: z.enum(['follow', 'unfollow']).default('follow'),
      next: z.string().max(500).optional(),
    }),
  };
}

export const notificationJson = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  url: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});

export const notificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional().describe('Only unread notifications'),
});

export const notificationsResponse = z.object({
  ok: z.literal(true),
  data: z.array(notificationJson),
  meta: z.object({ unread: z.number(), emailEnabled: z.boolean(), emailDigest: z.boolean() }),
});

export const markReadBody = z.object({
  ids: z.array(z.string().max(64)).max(500).optional().describe('Notification ids; all unread when omitted'),
});

export const settingsBody = z.object({
  emailEnabled: z.boolean(),
  emailDigest: z.boolean().describe('E-mail as one digest a day instead of one mail per notification'),
});

export const followJson = z.object({
  entityType: z.string(),
  entityId: z.string(),
  label: z
    .string()
    .nullable()
    .describe('Its name, e.g. "IDMDN0001 Satu data kelurahan"; null when it no longer exists'),
  url: z.string().nullable().describe('Its page; null when it no longer exists'),
  createdAt: z.string(),
});
