import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redirect, sendPage } from '../../http/render.js';
import { actorOf } from '../../actor/actor.js';
import { requireUser } from '../../http/guards.js';
import { translateFieldErrors } from '../../http/forms.js';
import { AppError } from '../../errors.js';
import type { FormError } from '../../views/layout.js';
import type { RequestContext } from '../../views/page-context.js';
import {
  getIndicator,
  createIndicator,
  designateOfficialSource,
  addSource,
  updateIndicator,
} from './indicator.service.js';
import { totalChoices } from './disclosure/protection-form.view.js';
import { setValue, importValues, type ImportRowError } from './indicator-values.service.js';
import { addDerivation } from './indicator-derivation.service.js';
import { importOptions, readImportFile } from './indicator-import.js';
import { listSubmissions } from './indicator-review.service.js';
import { readMultipart } from './indicator.api.js';
import { listDerivations, listHistory, listSources } from './indicator.repository.js';
import { assertCatalogue, canEditSource, canManageCatalogue } from './indicator.policy.js';
import {
  codeParam,
  derivationInput,
  indicatorInput,
  indicatorPatch,
  parseIndicatorForm,
  sourceInput,
} from './indicator.schema.js';
import { renderCreateForm, renderManage, type ManageModel } from './indicator-manage.view.js';
import { indicatorUrls, nameOf } from './indicator.presenter.js';
import { levelAllowed } from './period.js';
import { listOrganizationOptions } from '../organization/organization.repository.js';
import { protectionConflictFields, protectionSection, protectionValues } from './disclosure/protection-form.view.js';
import { editVersionOf, sendConflict } from '../../http/edit-conflict.js';
import { isEditConflict } from '../../storage/versioned-update.js';
import { listWilayah } from '../wilayah/wilayah.repository.js';

type Body = Record<string, string | string[] | undefined>;
const str = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : v === undefined || v === null ? '' : String(v));

/** Any AppError from a service, as the error summary's lines. */
export function formErrors(ctx: RequestContext, error: AppError, fallbackField: string): FormError[] {
  const details = (error.details ?? {}) as {
    fields?: Array<{ field: string; message: string; params?: Record<string, string | number> }>;
    rows?: ImportRowError[];
  };
  if (details.fields?.length) return translateFieldErrors(ctx.t, details.fields);
  if (details.rows?.length) {
    return [
      { field: fallbackField, message: ctx.t(`error.${error.code}`, error.params) },
      ...details.rows.map((r) => ({
        field: fallbackField,
        message: ctx.t('indicator.importRow', { row: r.row, message: ctx.t(r.message, r.params) }),
      })),
    ];
  }
  return [{ field: fallbackField, message: ctx.t(`error.${error.code}`, error.params) }];
}

export async function indicatorManageWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  async function organizationOptions(ctx: RequestContext) {
    const orgs = await listOrganizationOptions(db);
    return [
      { value: '', label: ctx.t('indicator.field.organizationNone') },
      ...orgs.map((o) => ({ value: o.id, label: o.name })),
    ];
  }

  async function manageModel(
    ctx: RequestContext,
    code: string,
    extra: Partial<ManageModel> = {},
  ): Promise<ManageModel> {
    requireUser(ctx);
    const indicator = await getIndicator(db, code);
    const sources = await listSources(db, indicator.id);
    const editableSources = sources.filter((s) => canEditSource(ctx.user, s));
    const canCatalogue = canManageCatalogue(ctx.user);
    if (!canCatalogue && !ctx.user!.roles.some((g) => g.role === 'produsen')) throw new AppError('FORBIDDEN', 403);
    const wilayahRows = await listWilayah(db);
    const wilayah = wilayahRows
      .filter((w) => levelAllowed(indicator.lowest_level, w.tingkat))
      .map((w) => ({ value: w.kode, label: `${w.kode} ${ctx.t(`wilayah.level.${w.tingkat}`)} ${w.nama}` }));
    const [derivations, history, organizations, submissions, totals] = await Promise.all([
      listDerivations(db, indicator.id),
      listHistory(db, indicator.id),
      organizationOptions(ctx),
      listSubmissions(db, ctx.user, { indicatorId: indicator.id }),
      totalChoices(db, indicator.code, ctx.locale),
    ]);
    return {
      indicator,
      sources,
      editableSources,
      canCatalogue,
      organizations,
      wilayah,
      derivations,
      history,
      submissions,
      totals,
      ...extra,
    };
  }

  const showManage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    extra: Partial<ManageModel> = {},
    status = 200,
  ) => {
    const model = await manageModel(request.ctx, code, extra);
    return sendPage(
      request,
      reply,
      {
        title: `${request.ctx.t('indicator.manage')}: ${nameOf(model.indicator, request.ctx.locale)}`,
        main: renderManage(request.ctx, model),
        breadcrumbs: [
          { href: indicatorUrls.index(), label: request.ctx.t('indicator.title') },
          { href: indicatorUrls.page(code), label: nameOf(model.indicator, request.ctx.locale) },
          { label: request.ctx.t('indicator.manage') },
        ],
      },
      status,
    );
  };

  /** Runs a service call for one of the manage forms: success → 303 back with a notice; bad input → the page again with errors. */
  async function handle(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    form: string,
    values: Record<string, string>,
    fallbackField: string,
    action: () => Promise<string | void>,
  ) {
    try {
      const notice = await action();
      return redirect(reply, `${indicatorUrls.manage(code)}?ok=${encodeURIComponent(notice ?? 'saved')}`);
    } catch (error) {
      if (isEditConflict(error)) throw error;
      if (
        !(error instanceof AppError) ||
        ![404, 409, 422].includes(error.status) ||
        error.code === 'INDICATOR_NOT_FOUND'
      )
        throw error;
      return showManage(
        request,
        reply,
        code,
        { form, values, errors: formErrors(request.ctx, error, fallbackField) },
        422,
      );
    }
  }

  r.get('/indikator/baru', async (request, reply) => {
    requireUser(request.ctx);
    assertCatalogue(request.ctx.user);
    return sendPage(request, reply, {
      title: request.ctx.t('indicator.create'),
      main: renderCreateForm(
        request.ctx,
        await organizationOptions(request.ctx),
        [],
        {},
        await totalChoices(db, null, request.ctx.locale),
      ),
    });
  });

  r.post('/indikator/baru', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    assertCatalogue(request.ctx.user);
    const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, str(v)]));
    const input = {
      ...values,
      producerOrgIds: values['producerOrgId'] ? [values['producerOrgId']] : [],
      datasetIds: (values['datasetIds'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
    const parsed = parseIndicatorForm(indicatorInput, input);
    const rerender = async (errors: FormError[]) =>
      sendPage(
        request,
        reply,
        {
          title: request.ctx.t('indicator.create'),
          main: renderCreateForm(
            request.ctx,
            await organizationOptions(request.ctx),
            errors,
            values,
            await totalChoices(db, null, request.ctx.locale),
          ),
        },
        422,
      );
    if (!parsed.ok) return rerender(translateFieldErrors(request.ctx.t, parsed.errors));
    try {
      await createIndicator(db, request.ctx.user, actorOf(request.ctx.user, 'anonymous'), parsed.data);
    } catch (error) {
      if (error instanceof AppError && (error.status === 409 || error.status === 422))
        return rerender(formErrors(request.ctx, error, 'code'));
      throw error;
    }
    return redirect(reply, indicatorUrls.page(parsed.data.code));
  });

  r.get(
    '/indikator/:code/kelola',
    { schema: { params: codeParam, querystring: z.object({ ok: z.string().max(200).optional() }) } },
    async (request, reply) => {
      const ok = request.query.ok;
      const notice =
        ok === undefined
          ? undefined
          : ok.startsWith('import:')
            ? (() => {
                const [i, u, n] = ok.slice(7).split('/');
                return request.ctx.t('indicator.form.imported', {
                  inserted: i ?? 0,
                  updated: u ?? 0,
                  unchanged: n ?? 0,
                });
              })()
            : ok.startsWith('submitted:')
              ? request.ctx.t('isub.submitted', { n: Number(ok.slice(10)) || 0 })
              : request.ctx.t('indicator.form.saved');
      return showManage(request, reply, request.params.code, { notice });
    },
  );

  r.post('/indikator/:code/resmi', { schema: { params: codeParam } }, async (request, reply) => {
    const values = { sourceId: str((request.body as Body)?.['sourceId']) };
    return handle(request, reply, request.params.code, 'designate', values, 'sourceId', () =>
      designateOfficialSource(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.code,
        values.sourceId,
      ),
    );
  });

  // The author's declarations: count of people or not (with a reason), breakdown of a total.
  r.post('/indikator/:code/perlindungan', { schema: { params: codeParam } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const values = Object.fromEntries(
      ['countsPeople', 'notPeopleReason', 'breakdownOf', 'breakdownDimension', '_version', '_base'].map((k) => [
        k,
        str(body[k]),
      ]),
    );
    const { code } = request.params;
    try {
      return await handle(request, reply, code, 'protection', values, 'countsPeople', async () => {
        const parsed = parseIndicatorForm(indicatorPatch, {
          ...values,
          breakdownOf: values['breakdownOf'] || null,
          breakdownDimension: values['breakdownDimension'] || null,
        });
        if (!parsed.ok) throw new AppError('VALIDATION_FAILED', 422, { fields: parsed.errors });
        const actor = actorOf(request.ctx.user, 'anonymous');
        await updateIndicator(db, request.ctx.user, actor, code, parsed.data, editVersionOf(body));
      });
    } catch (error) {
      if (!isEditConflict(error)) throw error;
      const model = await manageModel(request.ctx, code, {});
      return sendConflict(request, reply, error, {
        title: nameOf(model.indicator, request.ctx.locale),
        fields: protectionConflictFields(request.ctx),
        theirs: protectionValues(model.indicator),
        yours: values,
        form: (merged, errors) =>
          protectionSection(request.ctx, {
            code,
            values: merged as Record<string, string>,
            errors,
            totals: model.totals ?? [],
            active: true,
          }),
      });
    }
  });

  r.post('/indikator/:code/sumber', { schema: { params: codeParam } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const values = {
      organizationId: str(body['organizationId']),
      producer: str(body['producer']),
      method: str(body['method']),
      citation: str(body['citation']),
    };
    return handle(request, reply, request.params.code, 'source', values, 'producer', async () => {
      const parsed = parseIndicatorForm(sourceInput, values);
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', 422, { fields: parsed.errors });
      await addSource(db, request.ctx.user, actorOf(request.ctx.user, 'anonymous'), request.params.code, parsed.data);
    });
  });

  r.post('/indikator/:code/nilai', { schema: { params: codeParam } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const values = Object.fromEntries(
      ['sourceId', 'wilayahKode', 'period', 'value', 'status', 'denominator', 'filters', 'missingCount', 'note'].map(
        (k) => [k, str(body[k])],
      ),
    );
    values['citation'] = str(body['valueCitation']);
    return handle(request, reply, request.params.code, 'value', values, 'value', async () => {
      const out = await setValue(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.code,
        values as never,
        'form',
      );
      return out.result === 'submitted' ? `submitted:${out.submission.rows}` : undefined;
    });
  });

  r.post(
    '/indikator/:code/impor',
    { config: { multipartForm: true }, schema: { params: codeParam } },
    async (request, reply) => {
      requireUser(request.ctx);
      const { fields, file } = await readMultipart(request);
      return handle(request, reply, request.params.code, 'import', fields, 'file', async () => {
        if (!file || !file.body.length) throw new AppError('IMPORT_EMPTY', 422);
        const rows = await readImportFile(file.filename, file.body);
        const result = await importValues(
          db,
          request.ctx.user,
          actorOf(request.ctx.user, 'anonymous'),
          request.params.code,
          fields['sourceId'] ?? '',
          rows,
          fields['replace'] === 'true',
          importOptions(fields),
        );
        return result.submission
          ? `submitted:${result.submission.rows}`
          : `import:${result.inserted}/${result.updated}/${result.unchanged}`;
      });
    },
  );

  r.post('/indikator/:code/turunan', { schema: { params: codeParam } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const values = Object.fromEntries(
      [
        'sourceId',
        'datasetId',
        'resourceId',
        'valueColumn',
        'aggregation',
        'wilayahColumn',
        'periodColumn',
        'fixedPeriod',
      ].map((k) => [k, str(body[k])]),
    );
    return handle(request, reply, request.params.code, 'derive', values, 'valueColumn', async () => {
      const parsed = parseIndicatorForm(derivationInput, values);
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', 422, { fields: parsed.errors });
      const out = await addDerivation(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.code,
        parsed.data,
      );
      return out.submission ? `submitted:${out.proposed ?? 0}` : undefined;
    });
  });
}
