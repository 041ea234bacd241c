import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';

/** Every action-plan endpoint (plans, ideas, commitments, milestones, evidence, forum, monitoring, history, follows, exports) is in the OpenAPI document. */
const ACTION_PLAN_PATHS =
  /^\/api\/v1\/(ogp-profile|plans|ideas|commitments|milestones|evidence|forum|monitoring|me\/(notifications|notification-settings|follows)|follows)/;
const CONTRACT = [
  '/api/v1/plans',
  '/api/v1/plans/{id}',
  '/api/v1/plans/{id}/commitments.csv',
  '/api/v1/commitments/{ogpId}',
  '/api/v1/ideas',
];

describe.each(DIALECTS)('action-plan API in the OpenAPI document (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('documents the contract endpoints and gives every action-plan operation a summary and tags', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    };
    for (const path of CONTRACT) expect(spec.paths[path]?.get, path).toBeTruthy();
    expect(spec.paths['/api/v1/plans/{id}/transition']?.post).toBeTruthy();
    const ops = Object.entries(spec.paths)
      .filter(([path]) => ACTION_PLAN_PATHS.test(path))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(ops.length).toBeGreaterThan(35);
    const undocumented = ops
      .filter(({ op }) => !op.summary || !op.tags?.length)
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(undocumented).toEqual([]);
  });
});
