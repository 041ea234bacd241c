import type { MethodsSection } from '../methods/methods.section.js';

/**
 * The public methods page's section on personal data: how it is found and kept out, in plain
 * words (Indonesian and English through the messages); `threshold` is SUPPRESSION_THRESHOLD.
 * The text says "half" (VALUE_SHARE) and "***" (FIXED_MASK); its test keeps it true to the code.
 */
export const privacyMethodsSection: MethodsSection = {
  id: 'data-pribadi',
  title: 'privacy.methods.title',
  paragraphs: [
    'privacy.methods.p1',
    'privacy.methods.p2',
    'privacy.methods.p3',
    'privacy.methods.p4',
    'privacy.methods.p5',
  ],
  params: (s) => ({ threshold: s.suppressionThreshold }),
};
