import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import {
  addDocument,
  createMeeting,
  createMember,
  getForum,
  getMeeting,
  getMember,
  setRules,
  updateMeeting,
  updateMember,
} from './forum.service.js';
import { ok, idParam, okSchema } from '../../http/envelope.js';
import {
  documentJson,
  documentLinkInput,
  forumJson,
  meetingInput,
  meetingJson,
  type MeetingInput,
  memberInput,
  memberJson,
  rulesInput,
} from './forum.schema.js';
import {
  meetingValues,
  memberValues,
  presentDocument,
  presentForum,
  presentMeeting,
  presentMember,
} from './forum.presenter.js';
import { conditionalPatch, conditionalWrite, setEtag } from '../../http/preconditions.js';
import { patchBody, putBody } from '../../http/representations.js';
import { publishDocumentFromRequest } from './forum.forms.js';
import { requireForumManager } from './forum.policy.js';

const TAGS = ['forum'];
const bearer = [{ bearer: [] }];

export async function forumApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, mailer, config } = app.deps;

  r.get(
    '/api/v1/forum',
    {
      schema: {
        summary: 'The multi-stakeholder forum: public rules, members by sector, meetings with documents and attendance',
        tags: TAGS,
        response: { 200: okSchema(forumJson) },
      },
    },
    async () => ok(presentForum(await getForum(db))),
  );

  r.get(
    '/api/v1/forum/example',
    {
      schema: {
        summary:
          'The example forum that `terbuka seed --demo` fills (every record is example data, never counted in the real forum)',
        tags: TAGS,
        response: { 200: okSchema(forumJson) },
      },
    },
    async () => ok(presentForum(await getForum(db, { example: true }))),
  );

  r.get(
    '/api/v1/forum/meetings/:id',
    {
      schema: {
        summary:
          'One forum meeting: agenda, documents (with how many days before the meeting each was published), attendance by sector, minutes, decisions',
        tags: TAGS,
        params: idParam,
        response: { 200: okSchema(meetingJson) },
      },
    },
    async (request, reply) => {
      const data = await getMeeting(db, request.params.id);
      setEtag(reply, data.meeting.edit_version);
      return ok(presentMeeting(data));
    },
  );

  r.put(
    '/api/v1/forum/rules',
    {
      schema: {
        summary: "Replace the forum's public rules (admin)",
        tags: TAGS,
        security: bearer,
        body: putBody(rulesInput),
        response: { 200: okSchema(z.object({ rules: z.string() })) },
      },
    },
    async (request) => {
      await setRules(db, request.ctx.user, request.body.body);
      return ok({ rules: request.body.body });
    },
  );

  const memberResponse = async (reply: FastifyReply, id: string) => {
    const member = await getMember(db, id);
    setEtag(reply, member.edit_version);
    return ok(presentMember(member));
  };
  r.get(
    '/api/v1/forum/members/:id',
    {
      schema: {
        summary: 'One forum member (current or former); the ETag is the edit version for If-Match',
        tags: TAGS,
        params: idParam,
        response: { 200: okSchema(memberJson) },
      },
    },
    async (request, reply) => memberResponse(reply, request.params.id),
  );
  r.post(
    '/api/v1/forum/members',
    {
      schema: {
        summary: 'Add a forum member with their sector and how they were selected (admin)',
        tags: TAGS,
        security: bearer,
        body: memberInput,
        response: { 201: okSchema(memberJson) },
      },
    },
    async (request, reply) => {
      const id = await createMember(db, request.ctx.user, request.body);
      return reply.code(201).send(await memberResponse(reply, id));
    },
  );
  const memberPut = putBody(memberInput);
  r.put(
    '/api/v1/forum/members/:id',
    {
      schema: {
        summary:
          'Replace a forum member: every field is required, leftOn null while they sit (forum secretariat or admin); If-Match: the ETag of the GET',
        tags: TAGS,
        security: bearer,
        params: idParam,
        body: memberPut,
        response: { 200: okSchema(memberJson) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await conditionalWrite(request, (expected) => updateMember(db, request.ctx.user, id, request.body, expected));
      return memberResponse(reply, id);
    },
  );
  r.patch(
    '/api/v1/forum/members/:id',
    {
      schema: {
        summary:
          'Change some fields of a forum member, e.g. set leftOn when they leave (forum secretariat or admin); If-Match: the ETag of the GET',
        tags: TAGS,
        security: bearer,
        params: idParam,
        body: patchBody(memberInput),
        response: { 200: okSchema(memberJson) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      requireForumManager(request.ctx.user);
      const load = async () => {
        const member = await getMember(db, id);
        return { version: member.edit_version, values: memberValues(member) };
      };
      await conditionalPatch(request, memberPut, load, (input, expected) =>
        updateMember(db, request.ctx.user, id, input, expected),
      );
      return memberResponse(reply, id);
    },
  );

  r.post(
    '/api/v1/forum/meetings',
    {
      schema: {
        summary: 'Schedule or record a forum meeting (forum secretariat or admin)',
        tags: TAGS,
        security: bearer,
        body: meetingInput,
        response: { 201: okSchema(meetingJson) },
      },
    },
    async (request, reply) => {
      const id = await createMeeting(db, request.ctx.user, request.body);
      return reply.code(201).send(ok(presentMeeting(await getMeeting(db, id))));
    },
  );
  const meetingResponse = async (reply: FastifyReply, id: string) => {
    const data = await getMeeting(db, id);
    setEtag(reply, data.meeting.edit_version);
    return ok(presentMeeting(data));
  };
  const saveMeeting = (request: FastifyRequest, id: string, input: MeetingInput, expected: number | undefined) =>
    updateMeeting(db, mailer, request.ctx.user, id, input, config.baseUrl, expected);
  const meetingPut = putBody(meetingInput);
  r.put(
    '/api/v1/forum/meetings/:id',
    {
      schema: {
        summary:
          'Replace a meeting: every field of the meeting body is required (forum secretariat or admin); If-Match: the ETag of the GET; followers are notified',
        tags: TAGS,
        security: bearer,
        params: idParam,
        body: meetingPut,
        response: { 200: okSchema(meetingJson) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await conditionalWrite(request, (expected) => saveMeeting(request, id, request.body, expected));
      return meetingResponse(reply, id);
    },
  );
  r.patch(
    '/api/v1/forum/meetings/:id',
    {
      schema: {
        summary:
          'Change some fields of a meeting; the others keep their stored values (forum secretariat or admin); If-Match: the ETag of the GET',
        tags: TAGS,
        security: bearer,
        params: idParam,
        body: patchBody(meetingInput),
        response: { 200: okSchema(meetingJson) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const load = async () => {
        const { meeting } = await getMeeting(db, id);
        return { version: meeting.edit_version, values: meetingValues(meeting) };
      };
      await conditionalPatch(request, meetingPut, load, (input, expected) => saveMeeting(request, id, input, expected));
      return meetingResponse(reply, id);
    },
  );

  r.post(
    '/api/v1/forum/meetings/:id/documents',
    {
      schema: {
        summary:
          'Publish a link to a meeting document; the server sets publishedAt, which proves whether it was shared before the meeting',
        tags: TAGS,
        security: bearer,
        params: idParam,
        body: documentLinkInput,
        response: { 201: okSchema(documentJson) },
      },
    },
    async (request, reply) => {
      const row = await addDocument(
        db,
        mailer,
        request.ctx.user,
        request.params.id,
        { kind: 'link', title: request.body.title, url: request.body.url },
        config.baseUrl,
      );
      const { advanceDate } = await getMeeting(db, request.params.id);
      return reply.code(201).send(ok(presentDocument(advanceDate, row)));
    },
  );

  r.post(
    '/api/v1/forum/meetings/:id/documents/file',
    {
      config: { multipartForm: true },
      schema: {
        summary:
          'Upload a meeting document (multipart/form-data: title, file; PDF, images or office documents up to 10 MB)',
        tags: TAGS,
        security: bearer,
        params: idParam,
        consumes: ['multipart/form-data'],
        response: { 201: okSchema(z.array(documentJson)) },
      },
    },
    async (request, reply) => {
      await getMeeting(db, request.params.id);
      const result = await publishDocumentFromRequest(
        request,
        db,
        mailer,
        request.ctx.user,
        request.params.id,
        config.dataDir,
        config.baseUrl,
      );
      if (!result.ok) throw new AppError('VALIDATION_FAILED', 422, { fields: result.errors });
      const { advanceDate, documents } = await getMeeting(db, request.params.id);
      return reply.code(201).send(ok(documents.map((d) => presentDocument(advanceDate, d))));
    },
  );
}
