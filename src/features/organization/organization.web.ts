import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redirect, sendPage } from '../../http/render.js';
import { actorOf } from '../../actor/actor.js';
import { requireRole } from '../../http/guards.js';
import { parseForm, translateFieldErrors, formErrorsOf } from '../../http/forms.js';
import type { FormError } from '../../views/layout.js';
import { urls } from '../../urls.js';
import { listWilayah } from '../wilayah/wilayah.repository.js';
import { adminCrumbs } from '../admin/admin.layout.js';
import { listOrganizations } from './organization.repository.js';
import { createOrganization, getOrganizationById, updateOrganization } from './organization.service.js';
import { shortIdParam } from '../../http/envelope.js';
import { organizationBody, organizationQuery } from './organization.schema.js';
import {
  organizationConflictFields,
  renderOrganizationForm,
  renderOrganizationList,
  type OrganizationValues,
} from './organization.view.js';
import { organizationValues } from './organization.presenter.js';
import { withVersion } from '../../views/conflict.view.js';
import { editVersionOf, sendConflict } from '../../http/edit-conflict.js';
import { isEditConflict } from '../../storage/versioned-update.js';

const FIELDS = ['slug', 'name', 'kind', 'wilayahKode', 'description', 'website', 'email', '_version', '_base'] as const;
const NULLABLE = new Set(['wilayahKode', 'website', 'email']);

/** Form fields as submitted, blanks of optional fields turned into null. */
function formValues(body: unknown): OrganizationValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const out: OrganizationValues = {};
  for (const f of FIELDS) {
    const v = typeof b[f] === 'string' ? (b[f] as string) : undefined;
    out[f] = NULLABLE.has(f) && (v ?? '').trim() === '' ? null : v;
  }
  return out;
}

/** Admin pages for organisations: list, create, edit. */
export async function organizationWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, storage } = app.deps;
  const wilayahOptions = () => listWilayah(db, {});

  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: OrganizationValues,
    errors: FormError[],
    status: number,
    id?: string,
    notice?: string,
  ) => {
    const { t } = request.ctx;
    const title = id ? t('organization.edit', { name: values.name ?? '' }) : t('organization.new');
    return sendPage(
      request,
      reply,
      {
        title,
        main: renderOrganizationForm(request.ctx, values, await wilayahOptions(), errors, id, notice),
        breadcrumbs: adminCrumbs(
          request.ctx,
          { href: urls.adminOrganizations(), label: t('admin.organizations.title') },
          { label: title },
        ),
      },
      status,
    );
  };

  r.get(
    '/admin/organisasi',
    { schema: { querystring: organizationQuery.extend({ kind: z.string().optional() }) } },
    async (request, reply) => {
      requireRole(request.ctx, ['admin']);
      const kind = organizationQuery.shape.kind.safeParse(request.query.kind || undefined);
      const query = { q: request.query.q || undefined, kind: kind.success ? kind.data : undefined };
      const rows = await listOrganizations(db, storage.dialect, query);
      const { t } = request.ctx;
      return sendPage(request, reply, {
        title: t('admin.organizations.title'),
        main: renderOrganizationList(request.ctx, rows, query),
        jsonUrl: '/api/v1/admin/organizations',
        breadcrumbs: adminCrumbs(request.ctx, { label: t('admin.organizations.title') }),
      });
    },
  );

  r.get('/admin/organisasi/baru', async (request, reply) => {
    requireRole(request.ctx, ['admin']);
    return form(request, reply, { kind: 'opd' }, [], 200);
  });

  r.post('/admin/organisasi', async (request, reply) => {
    requireRole(request.ctx, ['admin']);
    const values = formValues(request.body);
    const parsed = parseForm(organizationBody, values);
    if (!parsed.ok) return form(request, reply, values, translateFieldErrors(request.ctx.t, parsed.errors), 422);
    try {
      const row = await createOrganization(db, storage.dialect, actorOf(request.ctx.user, 'anonymous'), parsed.data);
      return redirect(reply, `${urls.adminOrganization(row.id)}?disimpan=1`);
    } catch (error) {
      const { status, errors } = formErrorsOf(request.ctx, error, 'name');
      return form(request, reply, values, errors, status);
    }
  });

  r.get(
    '/admin/organisasi/:id',
    { schema: { params: shortIdParam, querystring: z.object({ disimpan: z.string().optional() }) } },
    async (request, reply) => {
      requireRole(request.ctx, ['admin']);
      const o = await getOrganizationById(db, request.params.id);
      const values = withVersion(organizationValues(o), o.edit_version) as OrganizationValues;
      return form(
        request,
        reply,
        values,
        [],
        200,
        o.id,
        request.query.disimpan ? request.ctx.t('organization.saved') : undefined,
      );
    },
  );

  r.post('/admin/organisasi/:id', { schema: { params: shortIdParam } }, async (request, reply) => {
    requireRole(request.ctx, ['admin']);
    const { id } = request.params;
    await getOrganizationById(db, id);
    const values = formValues(request.body);
    const parsed = parseForm(organizationBody, values);
    if (!parsed.ok) return form(request, reply, values, translateFieldErrors(request.ctx.t, parsed.errors), 422, id);
    try {
      const actor = actorOf(request.ctx.user, 'anonymous');
      await updateOrganization(db, storage.dialect, actor, id, parsed.data, editVersionOf(request.body));
      return redirect(reply, `${urls.adminOrganization(id)}?disimpan=1`);
    } catch (error) {
      if (isEditConflict(error)) {
        const now = await getOrganizationById(db, id);
        const wilayah = await wilayahOptions();
        return sendConflict(request, reply, error, {
          title: now.name,
          fields: organizationConflictFields(request.ctx),
          theirs: organizationValues(now),
          form: (merged, errors) =>
            renderOrganizationForm(request.ctx, merged as OrganizationValues, wilayah, errors, id),
        });
      }
      const { status, errors } = formErrorsOf(request.ctx, error, 'name');
      return form(request, reply, values, errors, status, id);
    }
  });
}
