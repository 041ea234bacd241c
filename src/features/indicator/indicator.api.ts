import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { readMultipartForm } from '../../files/multipart.js';
import {
  getIndicator,
  listIndicatorCatalogue,
  createIndicator,
  updateIndicator,
  addSource,
  updateSource,
} from './indicator.service.js';
import { setValue, importValues } from './indicator-values.service.js';
import { addDerivation } from './indicator-derivation.service.js';
import { sourceRemovalWarning } from './derivation-source.js';
import { publicValues, officialFirst } from './indicator-publish.service.js';
import { listPeriods, listSources, listDerivations } from './indicator.repository.js';
import { msInd, presentIndicator, presentSource, presentValue } from './indicator.presenter.js';
import { msIndCsv, valuesCsv, valuesJsonStat } from './indicator-export.js';
import { importOptions, readImportFile } from './indicator-import.js';
import {
  codeParam,
  derivationInput,
  indicatorDetailResponse,
  indicatorInput,
  indicatorListResponse,
  indicatorPatch,
  type IndicatorPatch,
  sourceInput,
  valueBody,
  type valueInput,
  valuesQuery,
  valuesResponse,
} from './indicator.schema.js';
import { organizationNameMap } from '../organization/organization.repository.js';
import { ok, okSchema } from '../../http/envelope.js';
import { conditionalWrite, setEtag } from '../../http/preconditions.js';
import { patchBody, putBody } from '../../http/representations.js';

/** Reads a multipart upload: its text fields and the first file. */
export async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: { filename: string; body: Buffer } | null }> {
  const form = await readMultipartForm(request, {
    firstFileOnly: true,
    tooLarge: () => new AppError('PAYLOAD_TOO_LARGE', 413),
  });
  const file = form.files[0];
  return { fields: form.values, file: file ? { filename: file.fileName, body: file.data } : null };
}

const okRecord = okSchema(z.record(z.string(), z.unknown()));
const staffSecurity = [{ bearer: [] }];

export async function indicatorApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;
  const threshold = config.suppressionThreshold;

  r.get(
    '/api/v1/indicators',
    {
      schema: {
        summary: 'Indicator catalogue (Satu Data MS-Ind metadata)',
        tags: ['indicators'],
        response: { 200: indicatorListResponse },
      },
    },
    async (request) => {
      const [rows, orgs] = await Promise.all([listIndicatorCatalogue(db), organizationNameMap(db)]);
      return ok(
        rows.map((row) => presentIndicator(row, request.ctx.locale, orgs)),
        { total: rows.length },
      );
    },
  );

  r.get(
    '/api/v1/indicators/ms-ind.json',
    {
      schema: { summary: 'All indicator metadata in the MS-Ind shape (Indonesian field names)', tags: ['indicators'] },
    },
    async () => {
      const [rows, orgs] = await Promise.all([listIndicatorCatalogue(db), organizationNameMap(db)]);
      const data = await Promise.all(rows.map(async (row) => msInd(row, await listSources(db, row.id), orgs)));
      return ok(data);
    },
  );

  r.get(
    '/api/v1/indicators/ms-ind.csv',
    {
      schema: { summary: 'All indicator metadata in the MS-Ind shape as CSV', tags: ['indicators'] },
    },
    async (_request, reply) => {
      const [rows, orgs] = await Promise.all([listIndicatorCatalogue(db), organizationNameMap(db)]);
      const data = await Promise.all(rows.map(async (row) => msInd(row, await listSources(db, row.id), orgs)));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="indikator-ms-ind.csv"')
        .send(msIndCsv(data));
    },
  );

  r.get(
    '/api/v1/indicators/:code',
    {
      schema: {
        summary: 'One indicator with its sources (official one marked), periods and MS-Ind metadata',
        tags: ['indicators'],
        params: codeParam,
        response: { 200: indicatorDetailResponse },
      },
    },
    async (request, reply) => {
      const row = await getIndicator(db, request.params.code);
      setEtag(reply, row.edit_version);
      const [sources, periods, orgs, derivations] = await Promise.all([
        listSources(db, row.id),
        listPeriods(db, row.id),
        organizationNameMap(db),
        listDerivations(db, row.id),
      ]);
      const warnings = derivations.flatMap((d) => {
        const warning =
          d.last_status === 'missing_column'
            ? `derivation ${d.id}: missing column(s) ${d.last_message}`
            : sourceRemovalWarning(d);
        return warning ? [warning] : [];
      });
      return ok({
        ...presentIndicator(row, request.ctx.locale, orgs),
        sources: sources.map((s) => presentSource(s, row.official_source_id)),
        periods,
        warnings,
        msInd: msInd(row, sources, orgs),
      });
    },
  );

  r.get(
    '/api/v1/indicators/:code/values',
    {
      schema: {
        summary:
          'Values of an indicator, each with its source and whether that source is the official one; small counts of people suppressed',
        tags: ['indicators'],
        params: codeParam,
        querystring: valuesQuery,
        response: { 200: valuesResponse },
      },
    },
    async (request) => {
      const row = await getIndicator(db, request.params.code);
      const values = officialFirst(await publicValues(db, row, threshold, request.query));
      return ok(
        values.map((v) => presentValue(row, v, threshold)),
        { total: values.length, suppressionThreshold: threshold },
      );
    },
  );

  r.get(
    '/api/v1/indicators/:code/values.csv',
    {
      schema: {
        summary: 'The indicator table as CSV (suppression applied)',
        tags: ['indicators'],
        params: codeParam,
        querystring: valuesQuery,
      },
    },
    async (request, reply) => {
      const row = await getIndicator(db, request.params.code);
      const values = officialFirst(await publicValues(db, row, threshold, request.query));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="indikator-${row.code}.csv"`)
        .send(valuesCsv(row, values, threshold));
    },
  );

  r.get(
    '/api/v1/indicators/:code/values.jsonstat',
    {
      schema: {
        summary: 'The indicator table as a JSON-stat 2.0 dataset (suppression applied)',
        tags: ['indicators'],
        params: codeParam,
        querystring: valuesQuery,
      },
    },
    async (request, reply) => {
      const row = await getIndicator(db, request.params.code);
      const values = await publicValues(db, row, threshold, request.query);
      return reply
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(valuesJsonStat(row, values, threshold, config.baseUrl)));
    },
  );

  r.post(
    '/api/v1/indicators',
    {
      schema: {
        summary: 'Add an indicator to the catalogue (walidata)',
        tags: ['indicators'],
        body: indicatorInput,
        security: staffSecurity,
        response: { 201: okRecord },
      },
    },
    async (request, reply) => {
      await createIndicator(db, request.ctx.user, actorOf(request.ctx.user, 'anonymous'), request.body);
      const row = await getIndicator(db, request.body.code);
      return reply.code(201).send(ok(presentIndicator(row, request.ctx.locale)));
    },
  );

  for (const [method, body, summary] of [
    ['PUT', putBody(indicatorInput.omit({ code: true })), 'Replace an indicator: every catalogue field is required'],
    ['PATCH', patchBody(indicatorPatch), 'Edit some fields of an indicator or designate its official source'],
  ] as const)
    r.route({
      method,
      url: '/api/v1/indicators/:code',
      schema: {
        summary: `${summary} (walidata); If-Match: the ETag of the GET`,
        tags: ['indicators'],
        params: codeParam,
        body,
        security: staffSecurity,
        response: { 200: okRecord },
      },
      handler: async (request, reply) => {
        const actor = actorOf(request.ctx.user, 'anonymous');
        const version = await conditionalWrite(request, (expected) =>
          updateIndicator(db, request.ctx.user, actor, request.params.code, request.body as IndicatorPatch, expected),
        );
        setEtag(reply, version);
        return ok(presentIndicator(await getIndicator(db, request.params.code), request.ctx.locale));
      },
    });

  r.post(
    '/api/v1/indicators/:code/sources',
    {
      schema: {
        summary: 'Add a source (producer and method) to an indicator (walidata, or produsen for their organisation)',
        tags: ['indicators'],
        params: codeParam,
        body: sourceInput,
        security: staffSecurity,
        response: { 201: okRecord },
      },
    },
    async (request, reply) => {
      const id = await addSource(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.code,
        request.body,
      );
      return reply.code(201).send(ok({ id }));
    },
  );

  r.patch(
    '/api/v1/indicators/:code/sources/:sourceId',
    {
      schema: {
        summary: "Edit a source's producer name, method or citation (walidata, or produsen for their organisation)",
        tags: ['indicators'],
        params: codeParam.extend({ sourceId: z.string().max(36) }),
        body: patchBody(sourceInput.pick({ producer: true, method: true, citation: true })),
        security: staffSecurity,
        response: { 200: okRecord },
      },
    },
    async (request) => {
      await updateSource(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.code,
        request.params.sourceId,
        request.body,
      );
      return ok({ id: request.params.sourceId });
    },
  );

  r.post(
    '/api/v1/indicators/:code/values',
    {
      schema: {
        summary: "Enter or revise one value (walidata, or produsen for their organisation's source)",
        tags: ['indicators'],
        params: codeParam,
        body: valueBody,
        security: staffSecurity,
        response: { 200: okRecord, 202: okRecord },
      },
    },
    async (request, reply) => {
      const out = await setValue(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.code,
        request.body as z.input<typeof valueInput>,
        'api',
      );
      // A produsen's value waits for the walidata: 202 with the submission.
      return reply.code(out.result === 'submitted' ? 202 : 200).send(ok({ ...out }));
    },
  );

  r.post(
    '/api/v1/indicators/:code/import',
    {
      config: { multipartForm: true },
      schema: {
        summary:
          'Import values from a CSV or XLSX file (multipart: sourceId, replace=true to replace existing values, ' +
          "numberFormat=auto|id|en, note, file); a produsen's import becomes a submission (202)",
        tags: ['indicators'],
        params: codeParam,
        security: staffSecurity,
        consumes: ['multipart/form-data'],
        response: { 200: okRecord, 202: okRecord },
      },
    },
    async (request, reply) => {
      const { fields, file } = await readMultipart(request);
      if (!file) throw new AppError('IMPORT_EMPTY', 422);
      const rows = await readImportFile(file.filename, file.body);
      const result = await importValues(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.code,
        fields['sourceId'] ?? '',
        rows,
        fields['replace'] === 'true' || fields['replace'] === 'on',
        importOptions(fields),
      );
      return reply.code(result.submission ? 202 : 200).send(ok({ ...result }));
    },
  );

  r.post(
    '/api/v1/indicators/:code/derivations',
    {
      schema: {
        summary:
          'Derive values from a published datastore resource (aggregation by wilayah column); recomputed on every new version',
        tags: ['indicators'],
        params: codeParam,
        body: derivationInput,
        security: staffSecurity,
        response: { 201: okRecord },
      },
    },
    async (request, reply) => {
      const result = await addDerivation(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.code,
        request.body,
      );
      return reply.code(201).send(ok(result));
    },
  );
}
