import { createHmac } from 'node:crypto';
import type { FindingKind } from './findings.js';

/** What every masked phone, e-mail, name, address or birth date reads as. */
export const FIXED_MASK = '***';

/**
 * The mask for one kind. NIK and KK numbers become a keyed hash (HMAC-SHA256 with the server's
 * key, base64url, 128 bits): the same number always gives the same token, so rows of one person
 * can still be linked and counted, but without the key nobody can test a guessed NIK against it.
 * The number itself is never stored. Everything else becomes {@link FIXED_MASK}.
 */
export function maskerFor(kind: FindingKind, key: Buffer): (value: string) => string {
  if (kind === 'nik' || kind === 'kk') {
    return (value) => {
      const digits = value.replace(/\D/g, '');
      if (digits === '') return FIXED_MASK;
      return (
        'HMAC:' +
        createHmac('sha256', key)
          .update(kind + ':' + digits)
          .digest('base64url')
          .slice(0, 22)
      );
    };
  }
  return () => FIXED_MASK;
}

/** Which resolutions a kind allows (small counts are not masked: a "<5" cell is suppression, with totals to protect). */
export function actionsFor(kind: FindingKind): Array<'drop' | 'mask'> {
  return kind === 'small_counts' ? ['drop'] : ['drop', 'mask'];
}
