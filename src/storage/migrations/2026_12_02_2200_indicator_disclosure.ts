import type { Kysely } from 'kysely';

/**
 * Disclosure control over linked tables (issue 11):
 * - `breakdown_of` (the total's code; codes never change) / `breakdown_dimension`: a breakdown of a total along
 *   a dimension (sex, age group, education, other); members and total are protected together.
 * - `not_people_reason`: protection is on by default; an indicator is exempt only when its author
 *   declares it "not a count of people" and says why.
 * Existing indicators: those flagged as counts of people or measured in jiwa/orang/people stay
 * protected, and so do all others, unless their unit is clearly a rate, percentage, currency or
 * index; those are declared not counts of people with the reason below. The rule is copied here
 * (not imported) so that this migration stays as it was merged.
 */
// Built from three named parts (rates, currencies, indices); the result is the single
// case-insensitive alternation `(rates|currencies|indices)`.
const RATE_UNIT = /%|persen|percent|rasio|ratio|\brate\b|\bper\s?\d|per\s?(seribu|mil|100|1\.000|1000|100\.000)/;
const CURRENCY_UNIT = /rupiah|\brp\b|\busd\b|\bidr\b/;
const INDEX_UNIT = /indeks|index|\bskor\b|\bscore\b/;
const NOT_PEOPLE_UNIT = new RegExp(
  `(${[RATE_UNIT, CURRENCY_UNIT, INDEX_UNIT].map((part) => part.source).join('|')})`,
  'i',
);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('indicators').addColumn('breakdown_of', 'varchar(60)').execute();
  await db.schema.alterTable('indicators').addColumn('breakdown_dimension', 'varchar(20)').execute();
  await db.schema
    .alterTable('indicators')
    .addColumn('not_people_reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('indicators_breakdown_idx').on('indicators').column('breakdown_of').execute();
  const rows = (await db.selectFrom('indicators').select(['id', 'unit', 'counts_people']).execute()) as Array<{
    id: string;
    unit: string;
    counts_people: number;
  }>;
  for (const r of rows) {
    const exempt = Number(r.counts_people) !== 1 && NOT_PEOPLE_UNIT.test(r.unit.trim());
    await db
      .updateTable('indicators')
      .where('id', '=', r.id)
      .set(
        exempt
          ? {
              counts_people: 0,
              not_people_reason: `Satuan "${r.unit.trim()}" adalah rasio, persentase, mata uang atau indeks (ditetapkan saat migrasi).`,
            }
          : { counts_people: 1 },
      )
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('indicators_breakdown_idx').ifExists().execute();
  for (const c of ['not_people_reason', 'breakdown_dimension', 'breakdown_of'])
    await db.schema.alterTable('indicators').dropColumn(c).execute();
}
