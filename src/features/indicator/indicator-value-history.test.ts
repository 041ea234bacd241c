import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { seedCityIndicators } from './indicator.seed.js';
import { getIndicator } from './indicator.service.js';
import { writeValue } from './indicator-value-write.js';
import { markSuppressedHistory, publicHistory } from './indicator-value-history.js';

// The history entries of a write are checked against the protection by a background job after the
// commit. A process that dies before that job must not leave a number public that the job would
// have hidden: entries stay hidden until checked.
describe.each(DIALECTS)('value history when the marking job never ran (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCityIndicators(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps a new entry hidden until it is checked, then shows what the protection allows', async () => {
    const indicator = await getIndicator(t.db, 'pengangguran');
    const sourceId = indicator.official_source_id!;
    const row = {
      sourceId,
      wilayahKode: '35.77.02.1002',
      period: '2027',
      value: 40,
      status: 'final' as const,
      note: '',
      citation: '',
      denominator: '',
      filters: '',
    };
    // As a crash leaves it: the write committed, the job queued after it never ran.
    await t.db
      .transaction()
      .execute((trx) => writeValue(trx, { id: null, label: 'test' }, indicator, row, { origin: 'api' }));
    const before = (await publicHistory(t.db, indicator, { wilayah: '35.77.02.1002', period: '2027' }))[0]!;
    expect(before).toMatchObject({ newValue: null, newSuppressed: true });
    await markSuppressedHistory(t.db, indicator);
    const after = (await publicHistory(t.db, indicator, { wilayah: '35.77.02.1002', period: '2027' }))[0]!;
    expect(after).toMatchObject({ newValue: 40, newSuppressed: false });
  });
});
