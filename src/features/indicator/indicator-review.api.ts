import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../actor/actor.js';
import { getIndicator } from './indicator.service.js';
import { codeParam, valuesQuery } from './indicator.schema.js';
import { validateRows } from './indicator-values.service.js';
import {
  commentsOf,
  getSubmission,
  listSubmissions,
  resubmit,
  reviewSubmission,
  rowsOf,
  warningsOf,
  type SubmissionDetail,
  type SubmissionListRow,
} from './indicator-review.service.js';
import { SUBMISSION_STATES } from './indicator-review.table.js';
import { publicHistory } from './indicator-value-history.js';
import { NUMBER_FORMATS } from './value-validation.js';
import { idParam } from './indicator-review.web.js';
import { ok } from '../../http/envelope.js';

const okAny = z.object({ ok: z.literal(true), data: z.unknown(), meta: z.record(z.string(), z.unknown()).optional() });
const staffSecurity = [{ bearer: [] }];
const TAGS = ['indicators'];

const reviewBody = z.object({
  decision: z.enum(['approve', 'return']),
  comments: z
    .array(z.object({ field: z.string().max(200), comment: z.string().trim().min(1).max(5000) }))
    .max(500)
    .default([])
    .describe('field: general, note, warnings, or row:{wilayahKode}|{period}'),
  seen: z
    .string()
    .max(40)
    .optional()
    .describe('updatedAt of the submission as read: refused (409) if rows joined since'),
});
const resubmitBody = z.object({
  note: z.string().max(2000).default('').describe("The answer to the walidata's comments"),
  rows: z
    .array(z.record(z.string(), z.unknown()))
    .max(20000)
    .optional()
    .describe(
      'Replacement rows: wilayahKode, period, value, status, note, citation, denominator, filters, missingCount',
    ),
  numberFormat: z.enum(NUMBER_FORMATS).default('auto'),
});

const presentListRow = (r: SubmissionListRow) => ({
  id: r.id,
  indicator: r.code,
  sourceId: r.source_id,
  producer: r.producer,
  origin: r.origin,
  derivationId: r.derivation_id,
  state: r.state,
  rows: rowsOf(r).length,
  warnings: warningsOf(r).length,
  note: r.note,
  submittedBy: r.submitted_label,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const presentDetail = ({ submission: s, indicator, source, changes, warnings }: SubmissionDetail) => ({
  id: s.id,
  indicator: indicator.code,
  sourceId: source.id,
  producer: source.producer,
  origin: s.origin,
  derivationId: s.derivation_id,
  state: s.state,
  replace: s.replace === 1,
  note: s.note,
  submittedBy: s.submitted_label,
  createdAt: s.created_at,
  updatedAt: s.updated_at,
  reviewedAt: s.reviewed_at,
  rows: changes.map((c) => ({ ...c.data, published: c.published, change: c.kind })),
  warnings,
  comments: commentsOf(s),
});

export async function indicatorReviewApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get(
    '/api/v1/indicator-submissions',
    {
      schema: {
        summary: "Indicator value submissions: all for the walidata, a produsen's own sources otherwise",
        tags: TAGS,
        security: staffSecurity,
        response: { 200: okAny },
        querystring: z.object({
          state: z.enum(SUBMISSION_STATES).optional(),
          indicator: codeParam.shape.code.optional(),
        }),
      },
    },
    async (request) => {
      const indicatorId = request.query.indicator ? (await getIndicator(db, request.query.indicator)).id : undefined;
      const rows = await listSubmissions(db, request.ctx.user, { state: request.query.state, indicatorId });
      return ok(rows.map(presentListRow), { total: rows.length });
    },
  );

  r.get(
    '/api/v1/indicator-submissions/:id',
    {
      schema: {
        summary: 'One submission: proposed rows against the published values, sum warnings, walidata comments',
        tags: TAGS,
        params: idParam,
        security: staffSecurity,
        response: { 200: okAny },
      },
    },
    async (request) => ok(presentDetail(await getSubmission(db, request.ctx.user, request.params.id))),
  );

  r.post(
    '/api/v1/indicator-submissions/:id/review',
    {
      schema: {
        summary: 'Walidata: approve (publishes the values) or return with comments per field',
        tags: TAGS,
        params: idParam,
        body: reviewBody,
        security: staffSecurity,
        response: { 200: okAny },
      },
    },
    async (request) => {
      const { decision, comments, seen } = request.body;
      const out = await reviewSubmission(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.id,
        decision,
        comments,
        seen,
      );
      return ok(out);
    },
  );

  r.post(
    '/api/v1/indicator-submissions/:id/resubmit',
    {
      schema: {
        summary: 'Produsen: answer a returned submission with a note and, optionally, replacement rows',
        tags: TAGS,
        params: idParam,
        body: resubmitBody,
        security: staffSecurity,
        response: { 200: okAny },
      },
    },
    async (request) => {
      const d = await getSubmission(db, request.ctx.user, request.params.id);
      const inputs = request.body.rows?.map((x) => ({ ...x, sourceId: d.source.id }) as never);
      const rows = inputs ? await validateRows(db, d.indicator, inputs, request.body.numberFormat, 1) : null;
      const out = await resubmit(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.id,
        request.body.note,
        rows,
      );
      return ok(out);
    },
  );

  r.get(
    '/api/v1/indicators/:code/history',
    {
      schema: {
        summary:
          'Public revision history of the values (what changed and when); suppressed numbers are null with their flag',
        tags: TAGS,
        params: codeParam,
        querystring: valuesQuery,
        response: { 200: okAny },
      },
    },
    async (request) => {
      const indicator = await getIndicator(db, request.params.code);
      const rows = await publicHistory(db, indicator, request.query);
      return ok(rows, { total: rows.length });
    },
  );
}
