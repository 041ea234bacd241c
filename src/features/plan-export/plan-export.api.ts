import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ok, planIdParam, okSchema } from '../../http/envelope.js';
import { ogpDataset, OGP_DATASET_COLUMNS } from './dataset.service.js';
import { toCsv } from '../../csv/csv.js';
import { planDocument } from './document.service.js';

const TAGS = ['action-plan'];

const datasetRow = z.object(
  Object.fromEntries(OGP_DATASET_COLUMNS.map((c) => [c, z.union([z.string(), z.number()]).nullable()])) as Record<
    (typeof OGP_DATASET_COLUMNS)[number],
    z.ZodNullable<z.ZodUnion<[z.ZodString, z.ZodNumber]>>
  >,
);

export async function planExportApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get(
    '/api/v1/plans/:id/commitments.csv',
    {
      schema: {
        summary:
          "The plan's commitments as CSV in the columns of OGP's public commitment dataset " +
          "(UTF-8, header row; assessment columns from the monitoring body's published assessments)",
        tags: TAGS,
        params: planIdParam,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { plan, rows } = await ogpDataset(db, request.params.id);
      const csv = toCsv(
        OGP_DATASET_COLUMNS,
        rows.map((row) => OGP_DATASET_COLUMNS.map((c) => row[c])),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ogp-commitments-plan-${plan.planNumber}.csv"`)
        .send(csv);
    },
  );

  r.get(
    '/api/v1/plans/:id/export.json',
    {
      schema: {
        summary:
          "The plan's commitments in the OGP dataset columns, plus the full action-plan document (template fields, commitments, milestones) as JSON",
        tags: TAGS,
        params: planIdParam,
        response: {
          200: okSchema(
            z.object({
              columns: z.array(z.string()),
              rows: z.array(datasetRow),
              document: z.unknown().describe('Plan and commitment template fields with milestones'),
            }),
          ),
        },
      },
    },
    async (request) => {
      const [{ rows }, document] = await Promise.all([
        ogpDataset(db, request.params.id),
        planDocument(db, request.params.id),
      ]);
      return ok({ columns: [...OGP_DATASET_COLUMNS], rows, document });
    },
  );
}
