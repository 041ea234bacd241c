import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

export interface EvidenceUpload {
  fields: Record<string, string>;
  fileName: string | null;
  content: Buffer | null;
}

/** Reads a multipart evidence form (fields and one file), refusing files over the limit with 413. */
export async function readEvidenceUpload(request: FastifyRequest, maxBytes: number): Promise<EvidenceUpload> {
  if (!request.isMultipart()) throw new AppError('EVIDENCE_NEEDS_MULTIPART', 415);
  const fields: Record<string, string> = {};
  let fileName: string | null = null;
  let content: Buffer | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.filename) {
          fileName = part.filename;
          content = buffer;
        }
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('EVIDENCE_TOO_LARGE', 413, { maxBytes }, { mb: Math.round(maxBytes / 1024 / 1024) });
    throw e;
  }
  return { fields, fileName, content };
}
