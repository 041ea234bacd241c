import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * Password strength from zxcvbn-ts (a maintained estimator: common passwords, names, words in
 * English and Indonesian, keyboard patterns, sequences, dates, l33t). Score 0–4; below 3 is refused.
 */
export const MIN_STRENGTH_SCORE = 3;

/** zxcvbn's warning keys, each with its own message `account.password.guessable.<key>`. */
export const STRENGTH_WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
] as const;

let estimator: Promise<ZxcvbnFactory> | null = null;

// Loaded on first use: the dictionaries take ~0.7 s and ~60 MB to build, which a process that
// never sets a password (a worker, a CLI run) should not pay at start-up.
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, id] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-id'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...id.dictionary },
      graphs: common.adjacencyGraphs,
      // Bounds the CPU one check takes (a 200-character repeat took seconds with the defaults,
      // 256 and 100); the first 64 characters already decide whether a password is guessable.
      maxLength: 64,
      l33tMaxSubstitutions: 8,
    });
  })();
  return estimator;
}

/** The message key saying why a password is too guessable, or null when it is strong enough. */
export async function strengthProblem(password: string, userInputs: string[]): Promise<string | null> {
  const result = (await loadEstimator()).check(password, userInputs);
  if (result.score >= MIN_STRENGTH_SCORE) return null;
  const warning = result.feedback.warning as (typeof STRENGTH_WARNINGS)[number] | null;
  return warning && STRENGTH_WARNINGS.includes(warning)
    ? `account.password.guessable.${warning}`
    : 'account.password.guessable';
}
