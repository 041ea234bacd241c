/**
 * ETag / If-Match for every editable record's JSON door (the HTML door carries the version in a
 * hidden field instead, views/conflict.view.ts). The ETag is the record's edit version as a
 * strong tag, `"7"`. A write with If-Match is conditional: a stale tag, or one that cannot be
 * ours (unparseable, weak, a list, `*` on a record that does not exist), is 412
 * PRECONDITION_FAILED, and nothing is written. A write without If-Match is accepted (RFC 9110
 * allows it, and CKAN-style clients never send one) and still bumps the version; the response
 * always carries the new ETag, so a careful client can chain conditional writes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { z } from 'zod';
import { isEditConflict } from '../storage/versioned-update.js';
import { mergePatch } from './representations.js';

export type IfMatch = { kind: 'none' } | { kind: 'any' } | { kind: 'version'; version: number };

/** Reads If-Match; anything that is neither absent, `*` nor one strong `"<n>"` is a 412. */
export function readIfMatch(request: FastifyRequest): IfMatch {
  const header = request.headers['if-match'];
  if (header === undefined) return { kind: 'none' };
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return { kind: 'any' };
  const match = /^"([1-9][0-9]{0,9})"$/.exec(value);
  if (!match) throw new AppError('PRECONDITION_FAILED', 412, { reason: 'malformed', ifMatch: value.slice(0, 100) });
  return { kind: 'version', version: Number(match[1]) };
}

/** Sets the strong ETag of a record at this edit version. */
export function setEtag(reply: FastifyReply, version: number): FastifyReply {
  return reply.header('etag', `"${version}"`);
}

/**
 * Runs a write under the request's If-Match: the write gets the expected version (or none) and
 * must check it in its transaction (storage/versioned-update.ts). A conflict becomes a 412 that
 * tells the client the current version; a missing record under `If-Match: *` is a 412 too.
 */
export async function conditionalWrite<T>(
  request: FastifyRequest,
  write: (expectedVersion: number | undefined) => Promise<T>,
): Promise<T> {
  const ifMatch = readIfMatch(request);
  try {
    return await write(ifMatch.kind === 'version' ? ifMatch.version : undefined);
  } catch (error) {
    throw asPreconditionFailure(ifMatch, error);
  }
}

function asPreconditionFailure(ifMatch: IfMatch, error: unknown): unknown {
  if (isEditConflict(error))
    return new AppError('PRECONDITION_FAILED', 412, { reason: 'stale', currentVersion: error.currentVersion });
  if (ifMatch.kind === 'any' && error instanceof AppError && error.status === 404)
    return new AppError('PRECONDITION_FAILED', 412, { reason: 'missing' });
  return error;
}

/**
 * A PATCH: the stored representation (`load`, which 404s when there is none) with the body laid
 * over it, validated whole, written at the version it was read at, so a concurrent save is never
 * overwritten with stale fields. With If-Match that version must be the client's; without it a
 * save that raced this one is simply merged again (twice at most).
 */
export async function conditionalPatch<T, R>(
  request: FastifyRequest,
  put: z.ZodType<T>,
  load: () => Promise<{ version: number; values: Record<string, unknown> }>,
  write: (input: T, expectedVersion: number) => Promise<R>,
): Promise<R> {
  const ifMatch = readIfMatch(request);
  for (let attempt = 0; ; attempt++) {
    try {
      const current = await load();
      if (ifMatch.kind === 'version' && ifMatch.version !== current.version)
        throw new AppError('PRECONDITION_FAILED', 412, { reason: 'stale', currentVersion: current.version });
      return await write(mergePatch(put, current.values, request.body as object), current.version);
    } catch (error) {
      if (isEditConflict(error) && ifMatch.kind !== 'version' && attempt < 2) continue;
      throw asPreconditionFailure(ifMatch, error);
    }
  }
}
