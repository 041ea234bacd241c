import type { DbOrTrx } from '../../../storage/database.js';
import { AppError } from '../../../errors.js';
import type { BreakdownDimension } from '../indicator.table.js';

export interface Declarations {
  countsPeople: boolean;
  notPeopleReason: string;
  breakdownOf: string | null;
  breakdownDimension: BreakdownDimension | null;
}

/**
 * The rules an author's declarations must keep (both doors): "not a count of people" needs a
 * reason; a breakdown names an existing total that is not itself a breakdown (one level, so a
 * group is a total and its members) and a dimension.
 */
export async function checkDeclarations(db: DbOrTrx, code: string, d: Declarations): Promise<void> {
  const fields: Array<{ field: string; message: string }> = [];
  if (!d.countsPeople && d.notPeopleReason.trim().length < 10)
    fields.push({ field: 'notPeopleReason', message: 'disclosure.reasonRequired' });
  if (d.breakdownOf) {
    const total = await db
      .selectFrom('indicators')
      .select(['code', 'breakdown_of'])
      .where('code', '=', d.breakdownOf)
      .executeTakeFirst();
    if (!total || total.code === code) fields.push({ field: 'breakdownOf', message: 'disclosure.unknownTotal' });
    else if (total.breakdown_of) fields.push({ field: 'breakdownOf', message: 'disclosure.totalIsBreakdown' });
    if (!d.breakdownDimension) fields.push({ field: 'breakdownDimension', message: 'disclosure.dimensionRequired' });
    const members = await db
      .selectFrom('indicators')
      .select('code')
      .where('breakdown_of', '=', code)
      .executeTakeFirst();
    if (members) fields.push({ field: 'breakdownOf', message: 'disclosure.hasMembers' });
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', 422, { fields });
}

/** Columns for the declarations; a reason is kept only while the indicator is declared not a count of people. */
export const declarationColumns = (d: Declarations) => ({
  counts_people: d.countsPeople ? 1 : 0,
  not_people_reason: d.countsPeople ? '' : d.notPeopleReason.trim(),
  breakdown_of: d.breakdownOf,
  breakdown_dimension: d.breakdownOf ? d.breakdownDimension : null,
});
