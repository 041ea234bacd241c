import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { readMultipartForm } from '../../files/multipart.js';
import { evidenceTooLarge } from './evidence.service.js';

export interface EvidenceUpload {
  fields: Record<string, string>;
  fileName: string | null;
  content: Buffer | null;
}

/** Reads a multipart evidence form (fields and one file), refusing files over the limit with 413. */
export async function readEvidenceUpload(request: FastifyRequest, maxBytes: number): Promise<EvidenceUpload> {
  const form = await readMultipartForm(request, {
    maxFileBytes: maxBytes,
    maxFiles: 1,
    firstFileOnly: true,
    tooLarge: () => evidenceTooLarge(maxBytes),
    notMultipart: () => new AppError('EVIDENCE_NEEDS_MULTIPART', 415),
  });
  const file = form.files[0];
  return { fields: form.values, fileName: file?.fileName ?? null, content: file?.data ?? null };
}
