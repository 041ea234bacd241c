import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { sha256 } from '../../ids.js';

/**
 * Uploads for forum documents and assessment evidence: read a multipart form with a per-file size
 * limit, check the file's real type from its first bytes, store it once under its content hash.
 */

export interface UploadedFile {
  field: string;
  fileName: string;
  data: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string | string[]>;
  files: UploadedFile[];
  /** Names of files that went over the size limit (they are discarded). */
  tooLarge: string[];
}

export async function readMultipartForm(request: FastifyRequest, maxFileBytes: number): Promise<MultipartForm> {
  const form: MultipartForm = { fields: {}, files: [], tooLarge: [] };
  // throwFileSizeLimit:false (honoured per call at runtime, missing from the types) marks an
  // oversized file as truncated instead of aborting the whole form, so the form can say which.
  const options = { limits: { fileSize: maxFileBytes }, throwFileSizeLimit: false } as Parameters<FastifyRequest['parts']>[0];
  for await (const part of request.parts(options)) {
    if (part.type === 'file') {
      if (!part.filename) { part.file.resume(); continue; }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (part.file.truncated) form.tooLarge.push(part.filename);
      else form.files.push({ field: part.fieldname, fileName: path.basename(part.filename).slice(0, 200), data: Buffer.concat(chunks) });
    } else {
      const value = String(part.value ?? '');
      const prev = form.fields[part.fieldname];
      form.fields[part.fieldname] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
  }
  return form;
}

const ZIP_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
};

/** The media type of an allowed document (PDF, PNG, JPEG, office documents), or null when not allowed. */
export function detectDocumentType(fileName: string, data: Buffer): string | null {
  const ext = path.extname(fileName).toLowerCase();
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d) && ext === '.pdf') return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) && ext === '.png') return 'image/png';
  if (starts(0xff, 0xd8, 0xff) && (ext === '.jpg' || ext === '.jpeg')) return 'image/jpeg';
  if (starts(0x50, 0x4b, 0x03, 0x04) && ZIP_TYPES[ext]) return ZIP_TYPES[ext]!;
  return null;
}

export const ALLOWED_EXTENSIONS = '.pdf, .png, .jpg, .docx, .xlsx, .pptx, .odt, .ods';

function filePath(dataDir: string, hash: string): string {
  return path.join(dataDir, 'files', hash.slice(0, 2), hash);
}

/** Stores the bytes under their sha256 (the same file is kept once) and returns the hash. */
export async function storeFile(dataDir: string, data: Buffer): Promise<string> {
  const hash = sha256(data);
  const target = filePath(dataDir, hash);
  await fs.mkdir(path.dirname(target), { recursive: true });
  try {
    await fs.writeFile(target, data, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return hash;
}

export function readStoredFile(dataDir: string, hash: string): Promise<Buffer> {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad hash');
  return fs.readFile(filePath(dataDir, hash));
}

/** A Content-Disposition header value that survives non-ASCII file names. */
export function attachmentHeader(fileName: string, inline = false): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
