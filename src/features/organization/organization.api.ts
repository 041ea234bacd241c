import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { conditionalPatch, conditionalWrite, setEtag } from '../../http/preconditions.js';
import { patchBody, putBody } from '../../http/representations.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../actor/actor.js';
import { requireRole } from '../../http/guards.js';
import { countOrganizations, listOrganizations } from './organization.repository.js';
import {
  createOrganization,
  getOrganizationById,
  getOrganizationBySlug,
  updateOrganization,
} from './organization.service.js';
import { organizationValues, presentOrganization, presentOrganizationAdmin } from './organization.presenter.js';
import { ok, shortIdParam } from '../../http/envelope.js';
import {
  organizationAdminListResponse,
  organizationAdminResponse,
  organizationBody,
  type OrganizationInput,
  organizationListResponse,
  organizationQuery,
  organizationResponse,
  slugParam,
} from './organization.schema.js';

/** Organisations over JSON: a public list and detail, and admin create/edit. */
export async function organizationApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, storage } = app.deps;

  r.get(
    '/api/v1/organizations',
    {
      schema: {
        summary: 'Organisations (OPD, kecamatan and kelurahan offices, CSOs, external bodies)',
        tags: ['organization'],
        querystring: organizationQuery,
        response: { 200: organizationListResponse },
      },
    },
    async (request) => {
      const rows = await listOrganizations(db, storage.dialect, request.query);
      return ok(rows.map(presentOrganization), { total: rows.length });
    },
  );

  r.get(
    '/api/v1/organizations/:slug',
    {
      schema: {
        summary: 'One organisation',
        tags: ['organization'],
        params: slugParam,
        response: { 200: organizationResponse },
      },
    },
    async (request) => ok(presentOrganization(await getOrganizationBySlug(db, request.params.slug))),
  );

  r.get(
    '/api/v1/admin/organizations',
    {
      schema: {
        summary: 'Organisations with their contact details (admin)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        querystring: organizationQuery,
        response: { 200: organizationAdminListResponse },
      },
    },
    async (request) => {
      requireRole(request.ctx, ['admin']);
      const rows = await listOrganizations(db, storage.dialect, request.query);
      return ok(rows.map(presentOrganizationAdmin), {
        total: await countOrganizations(db, storage.dialect, request.query),
      });
    },
  );

  r.post(
    '/api/v1/admin/organizations',
    {
      schema: {
        summary: 'Create an organisation (admin; audited)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        body: organizationBody,
        response: { 201: organizationAdminResponse },
      },
    },
    async (request, reply) => {
      requireRole(request.ctx, ['admin']);
      const row = await createOrganization(db, storage.dialect, actorOf(request.ctx.user, 'anonymous'), request.body);
      return reply.code(201).send(ok(presentOrganizationAdmin(row)));
    },
  );

  r.get(
    '/api/v1/admin/organizations/:id',
    {
      schema: {
        summary: 'One organisation with its edit version (admin); the ETag to send back in If-Match',
        tags: ['admin'],
        security: [{ bearer: [] }],
        params: shortIdParam,
        response: { 200: organizationAdminResponse },
      },
    },
    async (request, reply) => {
      requireRole(request.ctx, ['admin']);
      const row = await getOrganizationById(db, request.params.id);
      setEtag(reply, row.edit_version);
      return ok(presentOrganizationAdmin(row));
    },
  );

  const save = async (request: FastifyRequest, reply: FastifyReply, input: OrganizationInput, expected?: number) => {
    const actor = actorOf(request.ctx.user, 'anonymous');
    const { id } = request.params as { id: string };
    const row = await updateOrganization(db, storage.dialect, actor, id, input, expected);
    setEtag(reply, row.edit_version);
    return ok(presentOrganizationAdmin(row));
  };
  const put = putBody(organizationBody);
  r.put(
    '/api/v1/admin/organizations/:id',
    {
      schema: {
        summary:
          'Replace the details of an organisation: every field is required (admin; audited); If-Match: the ETag of the GET',
        tags: ['admin'],
        security: [{ bearer: [] }],
        params: shortIdParam,
        body: put,
        response: { 200: organizationAdminResponse },
      },
    },
    async (request, reply) => {
      requireRole(request.ctx, ['admin']);
      return conditionalWrite(request, (expected) => save(request, reply, request.body, expected));
    },
  );
  r.patch(
    '/api/v1/admin/organizations/:id',
    {
      schema: {
        summary: 'Change some details of an organisation (admin; audited); If-Match: the ETag of the GET',
        tags: ['admin'],
        security: [{ bearer: [] }],
        params: shortIdParam,
        body: patchBody(organizationBody),
        response: { 200: organizationAdminResponse },
      },
    },
    async (request, reply) => {
      requireRole(request.ctx, ['admin']);
      const load = async () => {
        const row = await getOrganizationById(db, request.params.id);
        return { version: row.edit_version, values: organizationValues(row) };
      };
      return conditionalPatch(request, put, load, (input, expected) => save(request, reply, input, expected));
    },
  );
}
