import { contentSeeds } from '../../src/app/seeds/content.seed.js';
import { demoSeeds } from '../../src/app/seeds/demo.seed.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from './test-app.js';
import type { DialectName } from './test-env.js';
import { documentedOperations, type KnownValues, type Operation, sample } from './openapi-sample.js';

export interface SeededPortal {
  t: TestApp;
  admin: TestUser;
  ops: Operation[];
  /** Real ids of seeded records, for path parameters and body fields. */
  known: KnownValues;
}

const first = async <T>(rows: Promise<T[]>) => (await rows)[0];

/**
 * A portal with content (the real and example seeds, a draft dataset, an idea) and the real ids
 * of one record of each kind: what the attack tests aim at, so a request reaches the record's own
 * rules instead of stopping at "not found".
 */
export async function seededPortal(dialect: DialectName, settings: Record<string, string> = {}): Promise<SeededPortal> {
  const t = await createTestApp(dialect, settings);
  for (const seed of [...contentSeeds, ...demoSeeds]) await seed.run(t.db);
  const admin = await createTestUser(t.db, ['admin']);
  const ops = await documentedOperations(t.app);
  const org = await first(t.db.selectFrom('organizations').select(['id', 'slug']).orderBy('slug').execute());
  const group = await first(t.db.selectFrom('groups').select('name').orderBy('name').execute());
  const plan = await first(t.db.selectFrom('plans').select('id').orderBy('id').execute());
  const known: KnownValues = {
    planId: plan!.id,
    organizationId: org!.id,
    organization: org!.slug,
    groups: group!.name,
    wilayahKode: '35.77.02.1002',
    'plans:id': plan!.id,
    'organizations:slug': org!.slug,
    'admin/organizations:id': org!.id,
    'organizations:id': org!.id,
    'users:id': admin.id,
    'wilayah:kode': '35.77.02.1002',
  };
  const create = async (path: string) => {
    const op = ops.find((o) => o.method === 'POST' && o.path === path)!;
    const res = await t.app.inject({
      method: 'POST',
      url: path,
      headers: admin.headers,
      payload: sample(op.body, known) as object,
    });
    return res.statusCode < 300 ? (res.json().data as Record<string, string>) : null;
  };
  const dataset = await create('/api/v1/datasets');
  if (dataset) known['datasets:name'] = dataset.name!;
  await create('/api/v1/ideas');
  const rows = {
    'commitments:ogpId': first(t.db.selectFrom('commitments').select('ogp_id as v').execute()),
    'milestones:id': first(t.db.selectFrom('milestones').select('id as v').execute()),
    'meetings:id': first(t.db.selectFrom('forum_meetings').select('id as v').execute()),
    'members:id': first(t.db.selectFrom('forum_members').select('id as v').execute()),
    'ideas:id': first(t.db.selectFrom('ideas').select('id as v').execute()),
    'indicators:code': first(t.db.selectFrom('indicators').select('code as v').execute()),
  };
  for (const [key, row] of Object.entries(rows)) {
    const value = (await row)?.v;
    if (value !== undefined && value !== null) known[key] = String(value);
  }
  return { t, admin, ops, known };
}

/** Row counts of these tables: equal before and after an attack means it wrote nothing there. */
export async function rowCounts(p: SeededPortal, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await p.t.db
      .selectFrom(table as 'users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
