import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { storeUpload, type StoredUpload } from './stored-upload.js';

/** Reads a multipart form: the one file (streamed into the data folder) and the text fields. */
export async function readUploadForm(request: FastifyRequest, config: Config): Promise<{ upload: StoredUpload | null; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
  const fields: Record<string, string> = {};
  let upload: StoredUpload | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (upload || !part.filename) {
          part.file.resume();
          continue;
        }
        upload = await storeUpload(config, part.file, part.filename);
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (upload) fs.rmSync(upload.file, { force: true });
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('INGEST_FILE_TOO_LARGE', 413, { maxBytes: config.maxUploadBytes }, { max: Math.round(config.maxUploadBytes / 1048576) });
    throw error;
  }
  if (upload && upload.size === 0) {
    fs.rmSync(upload.file, { force: true });
    throw new AppError('INGEST_EMPTY_FILE', 422);
  }
  return { upload, fields };
}
