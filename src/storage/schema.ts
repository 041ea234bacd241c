/**
 * The whole schema as Kysely sees it. Storage knows no feature: each feature's `*.table.ts` adds
 * its tables to this interface (declaration merging), so `Db` is typed with every table while
 * nothing here imports a feature:
 *   declare module '../../storage/schema.js' { interface Database { plans: PlanTable } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: the features fill it in
export interface Database {}
