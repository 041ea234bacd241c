import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

const CONTENT_TYPES: Record<string, string> = {
  CSV: 'text/csv; charset=utf-8',
  TSV: 'text/tab-separated-values; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  JSON: 'application/json',
};

/** Sends a stored original (a stream from the file store) as an attachment with a safe file name. */
export function sendFile(reply: FastifyReply, content: Readable, name: string, format: string): FastifyReply {
  const ext = format.toLowerCase();
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.(csv|tsv|xlsx|json|txt)$/i, '') || 'data';
  return reply
    .type(CONTENT_TYPES[format] ?? 'application/octet-stream')
    .header('content-disposition', `attachment; filename="${base}.${ext || 'bin'}"`)
    .header('x-content-type-options', 'nosniff')
    .send(content);
}
