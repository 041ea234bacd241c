import { z } from 'zod';
import { okSchema } from '../../http/envelope.js';

export const checkpointSchema = z.object({
  count: z.number().int().describe('Entries in the audit log when the head was signed'),
  headHash: z.string().describe('Hash of the last entry (HMAC-SHA256 chain)'),
  keyedFrom: z.number().int().describe('First entry whose hash is keyed; earlier entries use plain sha256'),
  at: z.string().describe('When the checkpoint was signed (ISO-8601 UTC)'),
  signature: z.string().describe('HMAC-SHA256 of the checkpoint with the audit key'),
});

export const checkpointsResponse = okSchema(z.array(checkpointSchema));
