import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { conditionalWrite, setEtag } from '../../http/preconditions.js';
import { patchBody, putBody } from '../../http/representations.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, invalid } from '../../errors.js';
import { idParam, ok, okSchema } from '../../http/envelope.js';
import {
  findCommitmentById,
  findOrganizations,
  listIdeasOfCommitment,
  type EvidenceRow,
} from './commitment.repository.js';
import { presentCommitment, presentEvidence, presentMilestone } from './commitment.presenter.js';
import {
  commitmentDetailJson,
  commitmentInput,
  type CommitmentPatch,
  evidenceFileFields,
  evidenceJson,
  evidenceLinkInput,
  milestoneInput,
  milestoneJson,
  type MilestonePatch,
  ogpIdParam,
} from './commitment.schema.js';
import { createCommitment, getCommitmentView, updateCommitment, type ActionDeps } from './commitment.service.js';
import { createMilestone, getMilestone, updateMilestone } from './milestone.service.js';
import { addEvidenceFile, addEvidenceLink, canSeeInternalEvidence, openEvidenceFile } from './evidence.service.js';
import { readEvidenceUpload } from './evidence.upload.js';
import { listAmendments } from './amendment.service.js';
import { presentAmendment } from './amendment.presenter.js';
import { listCorrections } from '../correction/correction.service.js';
import { presentCorrection } from '../correction/correction.presenter.js';
import { COMPLETION_DATE } from '../plan/plan.lifecycle.js';
import { ideaSource } from '../idea/idea.presenter.js';
import { planUrls } from '../plan/plan.urls.js';
import { parseForm } from '../../http/forms.js';
import type { Translate } from '../../i18n/i18n.js';
import type { CurrentUser } from '../../actor/actor.js';

const TAG = ['action-plan'];

/** The commitment document: template fields, milestones with evidence, progress, and the ideas it came from. */
export async function commitmentDocument(deps: ActionDeps, t: Translate, user: CurrentUser | null, ogpId: string) {
  const probe = await getCommitmentView(deps.db, ogpId);
  const internal = await canSeeInternalEvidence(deps.db, user, probe.row.id);
  const view = internal ? await getCommitmentView(deps.db, ogpId, { includeInternalEvidence: true }) : probe;
  const ideas = await listIdeasOfCommitment(deps.db, view.row.id);
  const amendments = (await listAmendments(deps.db, view.row.id)).map((a) => presentAmendment(view.row.ogp_id, a));
  const corrections = await listCorrections(
    deps.db,
    COMPLETION_DATE.entityType,
    view.milestones.map((m) => m.id),
  );
  return {
    view,
    ideas,
    json: {
      ...presentCommitment(view),
      amendments,
      dateCorrections: corrections.map((c) => ({ ...presentCorrection(c, 'completedOn'), milestoneId: c.entityId })),
      ideas: ideas.map((i) => ({
        id: i.id,
        title: i.title,
        theme: i.theme,
        channel: i.channel,
        source: ideaSource(t, { channel: i.channel, source_label: i.source_label }),
        receivedOn: i.received_on,
        url: planUrls.idea(i.id),
      })),
    },
  };
}

export async function commitmentApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const doc = async (t: Translate, user: CurrentUser | null, ogpId: string) =>
    (await commitmentDocument(deps, t, user, ogpId)).json;
  const withUploader = async (row: EvidenceRow) =>
    presentEvidence({
      ...row,
      uploader: row.uploader_organization_id
        ? ((await findOrganizations(deps.db, [row.uploader_organization_id])).get(row.uploader_organization_id) ?? null)
        : null,
    });
  const milestoneDoc = async (id: string, user: CurrentUser | null, t: Translate) => {
    const m = await getMilestone(deps.db, id);
    const c = (await findCommitmentById(deps.db, m.commitment_id))!;
    const d = await commitmentDocument(deps, t, user, c.ogp_id);
    return presentMilestone(d.view.milestones.find((x) => x.id === id)!);
  };

  r.get(
    '/api/v1/commitments/:ogpId',
    {
      schema: {
        summary: 'One commitment: every OGP template field, milestones, evidence, progress and the ideas it came from',
        tags: TAG,
        params: ogpIdParam,
        response: { 200: okSchema(commitmentDetailJson) },
      },
    },
    async (request, reply) => {
      const data = await doc(request.ctx.t, request.ctx.user, request.params.ogpId);
      setEtag(reply, data.version);
      return ok(data);
    },
  );

  r.post(
    '/api/v1/plans/:id/commitments',
    {
      schema: {
        summary: 'Add a commitment to a plan; its OGP ID is generated (e.g. IDMDN0001)',
        tags: TAG,
        params: idParam,
        body: commitmentInput,
        response: { 201: okSchema(commitmentDetailJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const row = await createCommitment(deps, request.ctx.user, request.params.id, request.body);
      return reply.code(201).send(ok(await doc(request.ctx.t, request.ctx.user, row.ogp_id)));
    },
  );

  const saveCommitment = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ogpId: string,
    input: CommitmentPatch,
  ) => {
    await conditionalWrite(request, (expected) => updateCommitment(deps, request.ctx.user, ogpId, input, expected));
    const data = await doc(request.ctx.t, request.ctx.user, ogpId);
    setEtag(reply, data.version);
    return ok(data);
  };
  for (const [method, body, summary] of [
    ['PUT', putBody(commitmentInput), 'Replace a commitment: every template field is required'],
    ['PATCH', patchBody(commitmentInput), 'Change some fields of a commitment'],
  ] as const)
    r.route({
      method,
      url: '/api/v1/commitments/:ogpId',
      schema: {
        summary: `${summary} (admin, or staff of its lead institution); If-Match: the ETag of the GET`,
        tags: TAG,
        params: ogpIdParam,
        body,
        response: { 200: okSchema(commitmentDetailJson) },
        security: [{ bearer: [] }],
      },
      handler: async (request, reply) =>
        saveCommitment(request, reply, request.params.ogpId, request.body as CommitmentPatch),
    });

  r.post(
    '/api/v1/commitments/:ogpId/milestones',
    {
      schema: {
        summary: 'Add a milestone (verifiable deliverable, dates, responsible institution, weight)',
        tags: TAG,
        params: ogpIdParam,
        body: milestoneInput,
        response: { 201: okSchema(milestoneJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const m = await createMilestone(deps, request.ctx.user, request.params.ogpId, request.body);
      return reply.code(201).send(ok(await milestoneDoc(m.id, request.ctx.user, request.ctx.t)));
    },
  );

  r.get(
    '/api/v1/milestones/:id',
    {
      schema: {
        summary: 'One milestone with its progress and evidence',
        tags: TAG,
        params: idParam,
        response: { 200: okSchema(milestoneJson) },
      },
    },
    async (request, reply) => {
      const data = await milestoneDoc(request.params.id, request.ctx.user, request.ctx.t);
      setEtag(reply, data.version);
      return ok(data);
    },
  );
  const saveMilestone = async (request: FastifyRequest, reply: FastifyReply, id: string, input: MilestonePatch) => {
    await conditionalWrite(request, (expected) => updateMilestone(deps, request.ctx.user, id, input, expected));
    const data = await milestoneDoc(id, request.ctx.user, request.ctx.t);
    setEtag(reply, data.version);
    return ok(data);
  };
  for (const [method, body, summary] of [
    ['PUT', putBody(milestoneInput), 'Replace a milestone: every field is required'],
    ['PATCH', patchBody(milestoneInput), 'Change a milestone or report its progress'],
  ] as const)
    r.route({
      method,
      url: '/api/v1/milestones/:id',
      schema: {
        summary: `${summary}; it cannot be marked complete without evidence; If-Match: the ETag of the GET`,
        tags: TAG,
        params: idParam,
        body,
        response: { 200: okSchema(milestoneJson) },
        security: [{ bearer: [] }],
      },
      handler: async (request, reply) =>
        saveMilestone(request, reply, request.params.id, request.body as MilestonePatch),
    });

  r.post(
    '/api/v1/milestones/:id/evidence',
    {
      config: { multipartForm: true },
      schema: {
        summary:
          'Upload an evidence file (multipart/form-data: fields title, evidenceDate, visibility, then file). ' +
          'Types: pdf, jpg, png, docx, xlsx, pptx, odt, ods, csv, txt; size limit EVIDENCE_MAX_MB',
        tags: TAG,
        params: idParam,
        consumes: ['multipart/form-data'],
        response: { 201: okSchema(evidenceJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      await getMilestone(deps.db, request.params.id);
      const upload = await readEvidenceUpload(request, deps.config.evidenceMaxBytes);
      const fields = parseForm(evidenceFileFields, upload.fields);
      if (!fields.ok) throw invalid(fields.errors);
      if (!upload.content || !upload.fileName) throw invalid([{ field: 'file', message: 'validation.required' }]);
      const row = await addEvidenceFile(deps, request.ctx.user, request.params.id, {
        ...fields.data,
        fileName: upload.fileName,
        content: upload.content,
      });
      return reply.code(201).send(ok(await withUploader(row)));
    },
  );

  r.post(
    '/api/v1/milestones/:id/evidence-links',
    {
      schema: {
        summary: 'Add evidence as a link (a published document, a dataset, minutes)',
        tags: TAG,
        params: idParam,
        body: evidenceLinkInput,
        response: { 201: okSchema(evidenceJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const row = await addEvidenceLink(deps, request.ctx.user, request.params.id, request.body);
      return reply.code(201).send(ok(await withUploader(row)));
    },
  );

  r.get(
    '/api/v1/evidence/:id/file',
    {
      schema: {
        summary: "Download an evidence file (internal evidence only for the commitment's staff)",
        tags: TAG,
        params: idParam,
        response: { 200: z.any().describe('The file') },
      },
    },
    async (request, reply) => {
      const { row, stream } = await openEvidenceFile(deps, request.ctx.user, request.params.id);
      if (!row.file_name) throw new AppError('EVIDENCE_NOT_FOUND', 404);
      return reply
        .type(row.media_type ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
        .header('x-content-sha256', row.sha256 ?? '')
        .header('cache-control', row.visibility === 'public' ? 'public, max-age=3600' : 'private, no-store')
        .send(stream);
    },
  );
}
