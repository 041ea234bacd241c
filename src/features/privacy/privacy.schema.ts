import { z } from 'zod';

export const resolveInput = z.object({
  column: z.string().min(1).max(100),
  action: z.enum(['drop', 'mask', 'override']),
  reason: z.string().max(2000).optional(),
  confirm: z.boolean().optional(),
});

const resolution = z.object({
  action: z.enum(['drop', 'mask', 'override']),
  by: z.string(),
  byName: z.string(),
  at: z.string(),
  reason: z.string().optional(),
});
const finding = z.object({
  column: z.string(),
  label: z.string(),
  kind: z.string(),
  matches: z.number(),
  sampled: z.number(),
  byHeader: z.boolean().optional(),
  resolution: resolution.optional(),
});

export const privacyResponse = z.object({
  ok: z.literal(true),
  data: z.object({
    /** Public now, or once its pending revision is approved. */
    public: z.boolean(),
    unresolved: z.number(),
    resources: z.array(
      z.object({ resourceId: z.string(), name: z.string(), staged: z.boolean(), findings: z.array(finding) }),
    ),
  }),
});
