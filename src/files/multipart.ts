import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../errors.js';

/**
 * The one reader of multipart forms (forum documents, assessment and milestone evidence, dataset
 * and indicator uploads). Each caller says how large a file may be and which error, in its own
 * words, answers a file that is too large (413) or a request that is not multipart (415); the
 * messages come from the error code in the user's language (http/errors.ts). Whether the content
 * is of an accepted type (415/422) is checked afterwards with files/file-type.ts.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Set by the HTTP layer when the text fields must be vetted (the CSRF token) before any file
     * is read: called with the fields read so far, before the first file part and at the end.
     */
    vetMultipartFields: ((fields: Record<string, string>) => void) | null;
  }
  interface FastifyContextConfig {
    /**
     * The route reads a multipart form through this module (`config: { multipartForm: true }`).
     * Only such routes may defer the CSRF check to the reader: any other route gets a multipart
     * body it never reads, so its token would never be checked.
     */
    multipartForm?: boolean;
  }
}

export interface ReceivedFile {
  field: string;
  /** The base name sent by the browser, at most 200 characters. */
  fileName: string;
  data: Buffer;
}

export interface MultipartFields {
  /** Every text field; a field sent more than once (checkboxes) becomes a list. */
  fields: Record<string, string | string[]>;
  /** The last value of each text field. */
  values: Record<string, string>;
}

export interface MultipartForm extends MultipartFields {
  files: ReceivedFile[];
  /** Names of files over the size limit, when the form reports them instead of failing (see `tooLarge`). */
  tooLarge: string[];
}

export interface MultipartOptions {
  maxFileBytes?: number;
  maxFiles?: number;
  /** Only the first named file is kept; later ones are skipped. */
  firstFileOnly?: boolean;
  /** The error for a file over the limit; without it such a file is dropped and listed in `tooLarge`. */
  tooLarge?: () => AppError;
  /** The error when the request is not multipart/form-data (default UNSUPPORTED_MEDIA_TYPE, 415). */
  notMultipart?: () => AppError;
}

const limitsOf = (o: MultipartOptions) => ({
  ...(o.maxFileBytes !== undefined ? { fileSize: o.maxFileBytes } : {}),
  ...(o.maxFiles !== undefined ? { files: o.maxFiles } : {}),
});

function addField(form: MultipartFields, name: string, value: string): void {
  const prev = form.fields[name];
  form.fields[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  form.values[name] = value;
}

/** Runs `onFile` for each named file part and collects the text fields, translating size errors. */
async function readParts(
  request: FastifyRequest,
  o: MultipartOptions,
  onFile: (part: MultipartFile, fileName: string) => Promise<void>,
): Promise<MultipartFields> {
  if (!request.isMultipart()) throw (o.notMultipart ?? (() => new AppError('UNSUPPORTED_MEDIA_TYPE', 415)))();
  const form: MultipartFields = { fields: {}, values: {} };
  // throwFileSizeLimit:false (honoured per call at runtime, missing from the types) marks an
  // oversized file as truncated instead of aborting the whole form, so the form can say which.
  const options = { limits: limitsOf(o), ...(o.tooLarge ? {} : { throwFileSizeLimit: false }) } as Parameters<
    FastifyRequest['parts']
  >[0];
  let files = 0;
  let vetted = false;
  const vet = () => {
    if (!vetted) request.vetMultipartFields?.(form.values);
    vetted = true;
  };
  try {
    for await (const part of request.parts(options)) {
      if (part.type === 'file') {
        vet();
        if (!part.filename || (o.firstFileOnly && files > 0)) {
          part.file.resume();
          continue;
        }
        files++;
        await onFile(part, path.basename(part.filename).slice(0, 200));
      } else addField(form, part.fieldname, String(part.value ?? ''));
    }
    vet();
  } catch (error) {
    if (o.tooLarge && (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw o.tooLarge();
    throw error;
  }
  return form;
}

async function bufferOf(file: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Reads the whole form, files in memory (small documents). */
export async function readMultipartForm(request: FastifyRequest, options: MultipartOptions): Promise<MultipartForm> {
  const files: ReceivedFile[] = [];
  const tooLarge: string[] = [];
  const form = await readParts(request, options, async (part, fileName) => {
    const data = await bufferOf(part.file);
    if (part.file.truncated && options.tooLarge) throw options.tooLarge();
    if (part.file.truncated) tooLarge.push(part.filename);
    else files.push({ field: part.fieldname, fileName, data });
  });
  return { ...form, files, tooLarge };
}

/**
 * Reads a form with one large file, streamed by `save` (into the file store) as it arrives; later
 * files are skipped. When the request fails after the file was saved, `discard` removes it.
 */
export async function readStreamedUpload<T>(
  request: FastifyRequest,
  options: Omit<MultipartOptions, 'firstFileOnly'>,
  save: (file: Readable, fileName: string) => Promise<T>,
  discard: (saved: T) => Promise<void>,
): Promise<MultipartFields & { saved: T | null }> {
  let saved: T | null = null;
  try {
    const form = await readParts(request, { ...options, firstFileOnly: true }, async (part) => {
      saved = await save(part.file, part.filename);
    });
    return { ...form, saved };
  } catch (error) {
    if (saved !== null) await discard(saved);
    throw error;
  }
}
