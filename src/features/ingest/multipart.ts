import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { readStreamedUpload } from '../../files/multipart.js';
import { storeUpload, uploadTooLarge, type StoredUpload } from './stored-upload.js';

/** Reads a multipart form: the one file (streamed into the data folder) and the text fields. */
export async function readUploadForm(
  request: FastifyRequest,
  config: Config,
): Promise<{ upload: StoredUpload | null; fields: Record<string, string> }> {
  const tooLarge = () => uploadTooLarge(config);
  const discard = (upload: StoredUpload) => upload.discard();
  const form = await readStreamedUpload(
    request,
    { maxFileBytes: config.maxUploadBytes, tooLarge },
    (file, fileName) => storeUpload(config, file, fileName),
    discard,
  );
  if (form.saved && form.saved.size === 0) {
    await discard(form.saved);
    throw new AppError('INGEST_EMPTY_FILE', 422);
  }
  return { upload: form.saved, fields: form.values };
}
