import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import type { RequestContext } from '../../http/context.js';
import { privacyMethodsSection } from './privacy-methods.section.js';
import { VALUE_SHARE } from './personal-data.js';
import { FIXED_MASK } from './masking.js';

const ctx = (locale: 'id' | 'en'): RequestContext => ({ locale, t: translator(locale), user: null, authVia: null, csrfToken: 'c'.repeat(32), path: '/metode' });

describe('the methods page section on personal data', () => {
  it('explains detection, the gate and the originals in both languages, with the configured threshold', () => {
    const id = privacyMethodsSection(ctx('id'), 5).toString();
    expect(id).toContain('<h2 id="data-pribadi-title">Bagaimana data pribadi dijaga</h2>');
    expect(id).toContain('NIK dan nomor KK');
    expect(id).toContain('di bawah 5');
    expect(id).toContain('Berkas asli');
    const en = privacyMethodsSection(ctx('en'), 10, 3).toString();
    expect(en).toContain('<h3 id="data-pribadi-title">How personal data is kept out</h3>');
    expect(en).toContain('below 10');
    expect(en).toContain('never shared with the public');
  });
  it('says what the code does: half of the sample, and the fixed mask', () => {
    expect(VALUE_SHARE).toBe(0.5);
    expect(privacyMethodsSection(ctx('en'), 5).toString()).toContain('at least half');
    expect(privacyMethodsSection(ctx('en'), 5).toString()).toContain(FIXED_MASK);
  });
});
