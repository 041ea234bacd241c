/**
 * The two checks every editable record gets (storage/versioned-update.ts): two editors in the
 * HTML forms (the second gets the diff and merges), and the JSON door's ETag/If-Match.
 */
import { expect } from 'vitest';
import type { TestApp, TestUser } from './test-app.js';
import { formFields } from './html-form.js';

const formPost = (user: TestUser, fields: URLSearchParams) => ({
  headers: { cookie: user.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  payload: fields.toString(),
});

const changed = (fields: URLSearchParams, changes: Record<string, string>) => {
  const next = new URLSearchParams(fields);
  for (const [k, v] of Object.entries(changes)) next.set(k, v);
  return next;
};

/**
 * Editors A and B load `editUrl`; A saves `a`, then B saves `b` from the stale form: B gets 409 and
 * the diff (A's value beside B's). Saving the merge form as it is keeps both edits. Returns the
 * conflict page and the merged fields for further checks.
 */
export async function twoEditors(
  t: TestApp,
  user: TestUser,
  o: { editUrl: string; action: string; a: Record<string, string>; b: Record<string, string> },
) {
  const load = async () => {
    const page = await t.app.inject({ url: o.editUrl, headers: { cookie: user.cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const fields = formFields(page.body, o.action);
    expect(fields.get('_version')).toMatch(/^\d+$/);
    fields.set('_csrf', user.csrf);
    return fields;
  };
  const formA = await load();
  const formB = await load();
  const saveA = await t.app.inject({ method: 'POST', url: o.action, ...formPost(user, changed(formA, o.a)) });
  expect(saveA.statusCode, saveA.body.slice(0, 2000)).toBe(303);
  const conflict = await t.app.inject({ method: 'POST', url: o.action, ...formPost(user, changed(formB, o.b)) });
  expect(conflict.statusCode, conflict.body.slice(0, 2000)).toBe(409);
  expect(conflict.body).toContain('Data ini sudah diubah orang lain');
  expect(conflict.body).toContain('Yang disimpan orang lain');
  for (const value of [...Object.values(o.a), ...Object.values(o.b)]) expect(conflict.body).toContain(value);
  const merged = formFields(conflict.body, o.action);
  expect(Number(merged.get('_version'))).toBeGreaterThan(Number(formB.get('_version')));
  for (const [k, v] of Object.entries(o.a)) if (!(k in o.b)) expect(merged.get(k)).toBe(v);
  for (const [k, v] of Object.entries(o.b)) expect(merged.get(k)).toBe(v);
  merged.set('_csrf', user.csrf);
  const save = await t.app.inject({ method: 'POST', url: o.action, ...formPost(user, merged) });
  expect(save.statusCode, save.body.slice(0, 2000)).toBe(303);
  return { conflict, merged };
}

/**
 * GET gives a strong ETag and `version` (or `versionField`); a write with it succeeds with a new
 * ETag; the old one is stale (412, in the request's language), a bogus one is 412; nothing is
 * written by a refused request.
 */
export async function etagChecks(
  t: TestApp,
  user: TestUser,
  o: {
    getUrl: string;
    writeUrl?: string;
    method: 'PUT' | 'PATCH';
    body: Record<string, unknown>;
    versionOf?: (data: Record<string, unknown>) => unknown;
  },
) {
  const versionOf = o.versionOf ?? ((d) => d['version']);
  const get = await t.app.inject({ url: o.getUrl, headers: { cookie: user.cookie } });
  expect(get.statusCode).toBe(200);
  const etag = get.headers.etag as string;
  expect(etag).toMatch(/^"\d+"$/);
  expect(`"${versionOf(get.json().data)}"`).toBe(etag);
  const write = (ifMatch: string | undefined, lang = 'id') =>
    t.app.inject({
      method: o.method,
      url: o.writeUrl ?? o.getUrl,
      headers: {
        ...user.headers,
        cookie: `${user.cookie}; terbuka_lang=${lang}`,
        ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      },
      payload: o.body,
    });
  const fresh = await write(etag);
  expect(fresh.statusCode, fresh.body).toBe(200);
  const next = fresh.headers.etag as string;
  expect(next).toMatch(/^"\d+"$/);
  expect(next).not.toBe(etag);
  const stale = await write(etag, 'en');
  expect(stale.statusCode).toBe(412);
  expect(stale.json().error.code).toBe('PRECONDITION_FAILED');
  expect(stale.json().error.message).toContain('If-Match does not match');
  for (const bogus of ['abc', 'W/' + next, '"x"', `${next}, "999"`]) {
    const res = await write(bogus);
    expect(res.statusCode, bogus).toBe(412);
    expect(res.json().error.message).toContain('If-Match tidak cocok');
  }
  const after = await t.app.inject({ url: o.getUrl, headers: { cookie: user.cookie } });
  expect(after.headers.etag).toBe(next);
  return { etag: next };
}
