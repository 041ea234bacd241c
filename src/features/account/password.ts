import { hash, verify, Algorithm } from '@node-rs/argon2';
import { strengthProblem } from './password-strength.js';

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A password is weak when short, or all one character class, or a well-known one. */
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'iloveyou',
  'sayangku',
  'indonesia',
  'bismillah',
  'rahasia123',
  'admin123',
  'terbuka123',
  'madiun123',
]);
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Why a new password is refused (a message key), or null. The quick rules first, then the strength
 * estimator, which also knows the e-mail and name so a password built from them scores low.
 */
export async function passwordProblem(password: string, email?: string, name?: string): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH) return 'account.password.tooShort';
  if (password.length > 200) return 'account.password.tooLong';
  if (COMMON.has(password.toLowerCase())) return 'account.password.common';
  if (/^(.)\1+$/.test(password) || /^\d+$/.test(password)) return 'account.password.weak';
  if (email && password.toLowerCase().includes(email.split('@')[0]!.toLowerCase()) && email.split('@')[0]!.length >= 4)
    return 'account.password.containsEmail';
  const userInputs = [email, email?.split('@')[0], ...(name?.split(/\s+/) ?? [])].filter((v): v is string => !!v);
  return strengthProblem(password, userInputs);
}
