import type { MethodsSection } from './methods.section.js';
import { disclosureSection } from './disclosure.section.js';
import { privacyMethodsSection } from '../privacy/privacy-methods.section.js';

/** The sections of /metode, in order. Register a feature's section here (one line). */
export const methodsSections: MethodsSection[] = [privacyMethodsSection, disclosureSection];
