/**
 * One section of the public methods page (/metode). Other features contribute sections (small
 * counts here; personal data from privacy/); the page renders them in order, as HTML and JSON.
 * Text comes from message keys so both languages stay complete; `params` fills placeholders
 * (e.g. the suppression threshold from the configuration).
 */
export interface MethodsSection {
  id: string;
  /** Message key of the heading. */
  title: string;
  /** Message keys, one per paragraph. */
  paragraphs: string[];
  params?: (settings: { suppressionThreshold: number }) => Record<string, string | number>;
}

/** The sections, in order: the composition root lists every feature's (src/app/registrations.ts). */
declare module '../../http/deps.js' {
  interface AppDeps {
    methodsSections: readonly MethodsSection[];
  }
}
