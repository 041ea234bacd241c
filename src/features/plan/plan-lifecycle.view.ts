import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { formatDate } from '../../i18n/i18n.js';
import type { PlanRow } from './plan.repository.js';
import type { PlanStatus } from './plan.table.js';
import { planUrls } from './plan.urls.js';

/**
 * The lifecycle button. Closing asks for the early-closure reason beside the button (required
 * only before the period ends, which the hint says), so no script is needed to reveal it.
 */
export function renderStatusForm(
  ctx: RequestContext,
  plan: PlanRow,
  next: PlanStatus | null,
  errors: FormError[] = [],
  reason = '',
): SafeHtml | '' {
  if (!next) return '';
  const { t, locale } = ctx;
  const label = t('plan.moveTo', { status: t(`plan.status.${next}`) });
  const closing =
    next === 'closed'
      ? field(ctx, {
          name: 'earlyClosureReason',
          label: t('plan.field.earlyClosureReason'),
          type: 'textarea',
          value: reason,
          hint: t('plan.hint.earlyClosureReason', { date: formatDate(locale, plan.period_end) }),
          errors,
        })
      : '';
  return html`<form method="post" action="${planUrls.planStatus(plan.id)}" class="${closing ? '' : 'inline'}">${csrfField(ctx)}
<input type="hidden" name="to" value="${next}">${closing}<button type="submit">${label}</button></form>`;
}

/** The closing form again, with the missing reason flagged (status 422). */
export function renderClosureRefused(
  ctx: RequestContext,
  plan: PlanRow,
  errors: FormError[],
  reason: string,
): SafeHtml {
  return html`<h1>${ctx.t('plan.closure.title', { title: plan.title })}</h1>
${errorSummary(ctx, errors)}
${renderStatusForm(ctx, plan, 'closed', errors, reason)}
<p><a href="${planUrls.plan(plan.id)}">${ctx.t('plan.backToPlan')}</a></p>`;
}

/** Shown publicly on the plan: a plan closed before its period ended says why. */
export function renderEarlyClosure(ctx: RequestContext, plan: PlanRow): SafeHtml | '' {
  if (!plan.early_closure_reason) return '';
  return html`<div class="notice" id="penutupan-dini"><p><strong>${ctx.t('plan.closedEarly', {
    date: formatDate(ctx.locale, plan.period_end),
  })}</strong></p><p>${plan.early_closure_reason}</p></div>`;
}
