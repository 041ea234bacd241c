import type { RequestContext } from '../../http/context.js';
import { html, type SafeHtml } from '../../views/html.js';

/**
 * The public methods page's section on personal data: how it is found and kept out, in plain
 * words (Indonesian and English through the messages). `threshold` is SUPPRESSION_THRESHOLD.
 * The methods page (built elsewhere) places it; `headingLevel` fits it under that page's headings.
 * The text says "half" (VALUE_SHARE) and "***" (FIXED_MASK); its test keeps it true to the code.
 */
export function privacyMethodsSection(ctx: RequestContext, threshold: number, headingLevel: 2 | 3 = 2): SafeHtml {
  const { t } = ctx;
  const title = t('privacy.methods.title');
  return html`<section class="methods-privacy" id="data-pribadi" aria-labelledby="data-pribadi-title">
    ${headingLevel === 2 ? html`<h2 id="data-pribadi-title">${title}</h2>` : html`<h3 id="data-pribadi-title">${title}</h3>`}
    <p>${t('privacy.methods.p1')}</p>
    <p>${t('privacy.methods.p2')}</p>
    <p>${t('privacy.methods.p3', { threshold })}</p>
    <p>${t('privacy.methods.p4')}</p>
    <p>${t('privacy.methods.p5')}</p>
  </section>`;
}
