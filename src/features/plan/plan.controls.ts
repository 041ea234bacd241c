/** Action-plan badges and progress, shared by the plan, commitment and kelurahan pages. */
import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatNumber } from '../../i18n/i18n.js';
import type { IrmCompletion } from '../../rubric/irm-scales.js';

/** Progress as a native <progress> with its number in text (no colour-only meaning, no inline style). */
export function progressBar(ctx: RequestContext, percent: number, label: string): SafeHtml {
  const text = `${formatNumber(ctx.locale, percent)} %`;
  return html`<progress max="100" value="${percent}" aria-label="${label}">${text}</progress> <span>${text}</span>`;
}

export function irmBadge(ctx: RequestContext, c: IrmCompletion): SafeHtml {
  const cls =
    c === 'complete' ? 'ok' : c === 'substantial' ? 'ok' : c === 'no_evidence' ? 'bad' : c === 'limited' ? 'warn' : '';
  return html`<span class="badge ${cls}">${ctx.t(`commitment.irm.${c}`)}</span>`;
}

export const exampleBadge = (ctx: RequestContext, isExample: number | boolean) =>
  isExample ? html` <span class="badge example">${ctx.t('plan.example')}</span>` : '';
