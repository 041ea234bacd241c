import type { MethodsSection } from './methods.section.js';

/** How small counts of people are protected (indicator/disclosure/). */
export const disclosureSection: MethodsSection = {
  id: 'angka-kecil',
  title: 'methods.disclosure.title',
  paragraphs: [
    'methods.disclosure.p1',
    'methods.disclosure.p2',
    'methods.disclosure.p3',
    'methods.disclosure.p4',
    'methods.disclosure.p5',
    'methods.disclosure.p6',
    'methods.disclosure.p7',
  ],
  params: (s) => ({ n: s.suppressionThreshold, n1: s.suppressionThreshold - 1 }),
};
