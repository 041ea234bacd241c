import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../../errors.js';
import type { Db } from '../../storage/database.js';
import type { CurrentUser } from '../../actor/actor.js';
import { requireForumManager } from './forum.policy.js';
import type { Mailer } from '../mail/mail.service.js';
import { formInput, parseForm } from '../../http/forms.js';
import { addDocument, type NewDocument } from './forum.service.js';
import { documentLinkInput } from './forum.schema.js';
import { readMultipartForm } from '../../files/multipart.js';
import { documentType } from '../../files/file-type.js';
import { storeDocument } from '../../files/file-layouts.js';

export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const memberForm = (body: unknown) => formInput(body, { nullables: ['organizationId', 'leftOn'] });
const ATTENDANCE = [
  'attendanceGovernment',
  'attendanceCivilSociety',
  'attendanceAcademia',
  'attendancePrivate',
  'attendanceCitizen',
];
export const meetingForm = (body: unknown) =>
  formInput(body, { numbers: ATTENDANCE, nullables: [...ATTENDANCE, 'planId'] });

/**
 * Reads the document form (multipart with a file, or urlencoded with a link), validates it and
 * publishes the document. Returns field errors instead when the input is not acceptable.
 */
export async function publishDocumentFromRequest(
  request: FastifyRequest,
  db: Db,
  mailer: Mailer,
  user: CurrentUser | null,
  meetingId: string,
  dataDir: string,
  baseUrl: string,
): Promise<{ ok: true } | { ok: false; errors: FieldError[]; values: Record<string, unknown> }> {
  // Refused before the upload is read and stored; addDocument checks again for its other callers.
  requireForumManager(user);
  const isMultipart = (request.headers['content-type'] ?? '').startsWith('multipart/form-data');
  const form = isMultipart
    ? await readMultipartForm(request, { maxFileBytes: DOCUMENT_MAX_BYTES })
    : { fields: (request.body ?? {}) as Record<string, string>, files: [], tooLarge: [] };
  const values = formInput(form.fields, { nullables: ['url'] });
  const title = typeof values['title'] === 'string' ? values['title'].trim() : '';
  const errors: FieldError[] = [];
  if (title.length < 3)
    errors.push({ field: 'title', message: title ? 'validation.tooShort' : 'validation.required', params: { min: 3 } });
  const file = form.files.find((f) => f.field === 'file');
  if (form.tooLarge.length)
    errors.push({ field: 'file', message: 'forum.fileTooLarge', params: { mb: DOCUMENT_MAX_BYTES / 1024 / 1024 } });
  let doc: NewDocument | null = null;
  if (file) {
    const mediaType = await documentType(file.fileName, file.data);
    if (!mediaType) errors.push({ field: 'file', message: 'forum.fileType' });
    else if (!errors.length)
      doc = {
        kind: 'file',
        title,
        fileName: file.fileName,
        mediaType,
        sizeBytes: file.data.length,
        sha256: await storeDocument(dataDir, file.data),
      };
  } else if (values['url']) {
    const parsed = parseForm(documentLinkInput, { title, url: values['url'] });
    if (!parsed.ok) errors.push(...parsed.errors.filter((e) => e.field === 'url'));
    else if (!errors.length) doc = { kind: 'link', title, url: parsed.data.url };
  } else if (!form.tooLarge.length) errors.push({ field: 'file', message: 'forum.fileOrLink' });
  if (errors.length || !doc) return { ok: false, errors, values };
  await addDocument(db, mailer, user, meetingId, doc, baseUrl);
  return { ok: true };
}
