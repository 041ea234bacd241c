import type { RequestContext } from '../../../views/page-context.js';
import type { DbOrTrx } from '../../../storage/database.js';
import { html, type SafeHtml } from '../../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../../views/layout.js';
import { radioGroup, selectField, type Choice } from '../../../views/form-controls.js';
import { BREAKDOWN_DIMENSIONS, type IndicatorTable } from '../indicator.table.js';
import { indicatorUrls } from '../indicator.presenter.js';
import { versionFields, type ConflictField } from '../../../views/conflict.view.js';
import { isProtected } from './people-count.js';

/** Indicators that can be a total: not themselves a breakdown, and not this one. */
export async function totalChoices(db: DbOrTrx, code: string | null, locale: string): Promise<Choice[]> {
  const rows = await db
    .selectFrom('indicators')
    .select(['code', 'name_id', 'name_en'])
    .where('breakdown_of', 'is', null)
    .orderBy('code')
    .execute();
  return rows
    .filter((r) => r.code !== code)
    .map((r) => ({ value: r.code, label: `${locale === 'en' ? r.name_en : r.name_id} (${r.code})` }));
}

type Row = Pick<IndicatorTable, 'counts_people' | 'breakdown_of' | 'breakdown_dimension'> & {
  not_people_reason: string;
};

/** Form values for an indicator's current declarations. */
export const protectionValues = (row: Row): Record<string, string> => ({
  countsPeople: isProtected(row) ? 'true' : 'false',
  notPeopleReason: row.not_people_reason,
  breakdownOf: row.breakdown_of ?? '',
  breakdownDimension: row.breakdown_dimension ?? '',
});

/** The declarations' fields, as the "changed by someone else" diff names them. */
export function protectionConflictFields(ctx: RequestContext): ConflictField[] {
  const { t } = ctx;
  const people = (v: unknown) => t(v === 'false' ? 'disclosure.field.notPeople' : 'disclosure.field.people');
  return [
    { name: 'countsPeople', label: t('disclosure.field.people'), format: people },
    { name: 'notPeopleReason', label: t('disclosure.field.reason') },
    { name: 'breakdownOf', label: t('disclosure.field.breakdownOf') },
    { name: 'breakdownDimension', label: t('disclosure.field.breakdownDimension') },
  ];
}

/** The declarations' fields (create form and the manage page's own form). */
export function protectionFields(
  ctx: RequestContext,
  o: { values: Record<string, string>; errors: FormError[]; totals: Choice[] },
): SafeHtml {
  const { t } = ctx;
  const v = (n: string, d = '') => o.values[n] || d;
  return html`${radioGroup(ctx, {
    name: 'countsPeople',
    legend: t('disclosure.field.countsPeople'),
    hint: t('disclosure.field.countsPeopleHint'),
    value: v('countsPeople', 'true'),
    choices: [
      { value: 'true', label: t('disclosure.field.people') },
      { value: 'false', label: t('disclosure.field.notPeople') },
    ],
    errors: o.errors,
  })}
${field(ctx, {
  name: 'notPeopleReason',
  label: t('disclosure.field.reason'),
  hint: t('disclosure.field.reasonHint'),
  type: 'textarea',
  value: v('notPeopleReason'),
  errors: o.errors,
})}
${selectField(ctx, {
  name: 'breakdownOf',
  label: t('disclosure.field.breakdownOf'),
  hint: t('disclosure.field.breakdownOfHint'),
  choices: o.totals,
  empty: t('disclosure.field.noTotal'),
  value: v('breakdownOf'),
  errors: o.errors,
})}
${selectField(ctx, {
  name: 'breakdownDimension',
  label: t('disclosure.field.dimension'),
  choices: BREAKDOWN_DIMENSIONS.map((d) => ({ value: d, label: t(`disclosure.dimension.${d}`) })),
  empty: '—',
  value: v('breakdownDimension'),
  errors: o.errors,
})}`;
}

/** The manage page's section: the declarations with their own form. */
export function protectionSection(
  ctx: RequestContext,
  o: { code: string; values: Record<string, string>; errors: FormError[]; totals: Choice[]; active: boolean },
): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="protection-h"><h2 id="protection-h">${t('disclosure.form.title')}</h2>
${o.active ? errorSummary(ctx, o.errors) : ''}
<form method="post" action="${indicatorUrls.page(o.code)}/perlindungan" class="stack">${csrfField(ctx)}${versionFields(o.values)}
${protectionFields(ctx, o)}
<button type="submit">${t('common.save')}</button></form></section>`;
}
