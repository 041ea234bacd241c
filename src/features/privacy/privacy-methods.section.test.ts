import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import type { RequestContext } from '../../views/page-context.js';
import { presentSections } from '../methods/methods.web.js';
import { methodsSections } from '../../app/registrations.js';
import { privacyMethodsSection } from './privacy-methods.section.js';
import { VALUE_SHARE } from './personal-data.js';
import { FIXED_MASK } from './masking.js';

const ctx = (locale: 'id' | 'en'): RequestContext => ({
  locale,
  t: translator(locale),
  user: null,
  authVia: null,
  csrfToken: 'c'.repeat(32),
  path: '/metode',
});
const text = (locale: 'id' | 'en', threshold: number) => {
  const [s] = presentSections(ctx(locale), [privacyMethodsSection], { suppressionThreshold: threshold });
  return `${s!.title}\n${s!.paragraphs.join('\n')}`;
};

describe('the methods page section on personal data', () => {
  it('is on the methods page', () => {
    expect(methodsSections).toContain(privacyMethodsSection);
  });
  it('explains detection, the gate and the originals in both languages, with the configured threshold', () => {
    const id = text('id', 5);
    expect(id).toContain('Bagaimana data pribadi dijaga');
    expect(id).toContain('NIK dan nomor KK');
    expect(id).toContain('di bawah 5');
    expect(id).toContain('Berkas asli');
    const en = text('en', 10);
    expect(en).toContain('How personal data is kept out');
    expect(en).toContain('below 10');
    expect(en).toContain('never shared with the public');
  });
  it('says what the code does: half of the sample, and the fixed mask', () => {
    expect(VALUE_SHARE).toBe(0.5);
    expect(text('en', 5)).toContain('at least half');
    expect(text('en', 5)).toContain(FIXED_MASK);
  });
});
