import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatDate } from '../../i18n/i18n.js';
import type { DateCorrection } from './correction.service.js';

const roleLabel = (ctx: RequestContext, c: DateCorrection) => {
  const role = ctx.t(`role.${c.actorRole}`);
  return c.organizationName ? `${role} (${c.organizationName})` : role;
};

/**
 * The public record of a date's corrections: original and new date, reason, when and in which
 * role. `judgedNote` says which date the "on time" claim is still judged against.
 */
export function renderCorrections(
  ctx: RequestContext,
  corrections: DateCorrection[],
  o: { heading: string; judgedNote?: string; id?: string },
): SafeHtml | '' {
  if (!corrections.length) return '';
  const { t, locale } = ctx;
  const id = o.id ?? 'koreksi-tanggal';
  return html`<section aria-labelledby="${id}-h" class="notice" id="${id}"><h2 id="${id}-h">${o.heading}</h2>
${o.judgedNote ? html`<p>${o.judgedNote}</p>` : ''}
<ul>${corrections.map(
    (c) => html`<li>${t('correction.item', {
      from: formatDate(locale, c.originalValue),
      to: formatDate(locale, c.newValue),
    })} <strong>${t('correction.reason')}</strong> ${c.reason}
<span class="muted">— ${t('correction.by', { who: roleLabel(ctx, c) })}
<time datetime="${c.createdAt}">${formatDate(locale, c.createdAt, true)}</time></span></li>`,
  )}</ul></section>`;
}
