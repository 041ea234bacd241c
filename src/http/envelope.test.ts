import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idParam, ok, okSchema, shortIdParam } from './envelope.js';

describe('the JSON envelope', () => {
  it('a success answer is {ok:true, data} with meta only when there is some', () => {
    expect(JSON.stringify(ok({ id: 'x' }))).toBe('{"ok":true,"data":{"id":"x"}}');
    expect(JSON.stringify(ok([1, 2], { total: 2 }))).toBe('{"ok":true,"data":[1,2],"meta":{"total":2}}');
    expect(okSchema(z.object({ id: z.string() })).parse(ok({ id: 'x' }))).toEqual({ ok: true, data: { id: 'x' } });
  });

  it('an id in the path must be a UUID (or a short id where ids are not UUIDs)', () => {
    expect(idParam.safeParse({ id: '0b9c7c56-93f4-4b8e-9d0a-3f1e2d4c5b6a' }).success).toBe(true);
    expect(idParam.safeParse({ id: 'not-an-id' }).success).toBe(false);
    expect(shortIdParam.safeParse({ id: 'a'.repeat(64) }).success).toBe(true);
    expect(shortIdParam.safeParse({ id: 'a'.repeat(65) }).success).toBe(false);
  });
});
