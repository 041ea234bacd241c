import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
/** A URL-safe secret with 256 bits of entropy. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const sha256 = (value: string | Buffer): string => createHash('sha256').update(value).digest('hex');
export const nowIso = (): string => new Date().toISOString();
