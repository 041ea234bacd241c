import type { IndicatorTable } from '../indicator.table.js';

type Declared = Pick<IndicatorTable, 'counts_people'> & { not_people_reason: string };

/**
 * Protection is on by default: any indicator is treated as a count of people (small counts
 * hidden, complementary cells chosen over its linked table) unless its author declared it "not a
 * count of people" and gave a reason. The unit plays no part: "balita", "KK" or "peserta" are
 * people too.
 */
export const isProtected = (indicator: Declared): boolean =>
  !(indicator.counts_people === 0 && indicator.not_people_reason.trim() !== '');
