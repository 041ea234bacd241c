import { describe, expect, it } from 'vitest';
import { cliTestEnv } from '../../test/helpers/cli-env.js';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { main } from '../main.js';
import { realContentOf } from '../app/seeds/demo.seed.js';

describe.each(DIALECTS)('`terbuka seed --demo` on an instance with real content (%s)', (dialect) => {
  const env = cliTestEnv(dialect);
  const count = async (table: 'plans' | 'forum_members', example: 0 | 1) =>
    Number(
      (
        await env.t.storage.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('is_example', '=', example)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('finds no real content on an instance with reference data only', async () => {
    expect(await main(['seed'])).toBe(0);
    expect(await realContentOf(env.t.storage.db)).toEqual([]);
  });

  it('refuses --demo with a clear message and a non-zero exit once real content exists, writing nothing', async () => {
    const now = new Date().toISOString();
    await env.t.storage.db
      .insertInto('forum_members')
      .values({
        id: crypto.randomUUID(),
        name: 'Kepala Bapelitbangda',
        sector: 'government',
        organization_id: null,
        affiliation: '',
        role_title: '',
        selection_method: 'Ex officio',
        joined_on: '2025-04-30',
        left_on: null,
        is_example: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      expect(await main(['seed', '--demo'])).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toContain('Refusing --demo: this instance holds real content (1 forum members)');
    expect(errors.join('\n')).toContain('--force');
    expect(await count('forum_members', 1)).toBe(0);
    expect(await count('plans', 1)).toBe(0);
  });

  it('with --force adds the demo anyway, still apart from the real records', async () => {
    expect(await main(['seed', '--demo', '--force'])).toBe(0);
    expect(await count('forum_members', 1)).toBe(6);
    expect(await count('forum_members', 0)).toBe(1);
    expect(await count('plans', 1)).toBe(1);
    expect(await main(['seed', '--force'])).toBe(2);
  });
});
