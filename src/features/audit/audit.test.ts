import fs from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../../test/helpers/test-app.js';
import type { Db } from '../../storage/database.js';
import { canonicalJson, entryHash } from './audit.service.js';
import { verifyAuditChain } from './audit-verify.js';
import { checkpointFolder, writeCheckpoint } from './audit-checkpoints.js';
import { checkpointIfMoved } from './audit-schedule.js';
import * as keyAuditChain from '../../storage/migrations/2026_12_03_1700_key_audit_chain.js';

type Row = Parameters<typeof entryHash>[0] & { hash: string };

/** What someone with write access to the database (and not the key) can do: rehash every row. */
async function rechain(db: Db, hash: (row: Row) => string, edit?: (row: Row) => Row): Promise<void> {
  const rows = (await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()) as Row[];
  let prev = '0'.repeat(64);
  for (const original of rows) {
    const row = { ...(edit ? edit(original) : original), prev_hash: prev };
    row.hash = hash(row);
    await db.updateTable('audit_log').set(row).where('seq', '=', row.seq).execute();
    prev = row.hash;
  }
  await db.updateTable('audit_head').set({ seq: rows.length, hash: prev }).where('id', '=', 1).execute();
}

/** Deletes the last `n` rows and moves audit_head back onto the new last row: a quiet truncation. */
async function truncate(db: Db, n: number): Promise<void> {
  const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
  await db
    .deleteFrom('audit_log')
    .where('seq', '>', head.seq - n)
    .execute();
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  await db.updateTable('audit_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
}

describe.each(DIALECTS)('tamper-evident audit log (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await createTestUser(t.db, ['walidata', 'forum']);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => fs.rmSync(checkpointFolder(t.db), { recursive: true, force: true }));

  it('records the creation and revocation of an API token, never the token itself', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: user.headers,
      payload: { name: 'skrip impor' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token, prefix } = created.json().data;
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: user.headers });
    expect(revoked.statusCode).toBe(200);
    const entries = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'api_token')
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [e.action, e.actor_id, e.actor_label])).toEqual([
      ['api_token.create', user.id, user.email],
      ['api_token.revoke', user.id, user.email],
    ]);
    expect(JSON.parse(entries[0]!.after_json!)).toEqual({
      userId: user.id,
      name: 'skrip impor',
      prefix,
      scope: 'read',
      expiresAt: created.json().data.expiresAt,
    });
    expect(JSON.stringify(entries)).not.toContain(token);
    // A second revocation is refused and writes nothing.
    const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: user.headers });
    expect(again.statusCode).toBe(404);
    expect(await t.db.selectFrom('audit_log').select('seq').where('entity_id', '=', id).execute()).toHaveLength(2);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('detects deleting the last rows and rewriting audit_head, against a signed checkpoint', async () => {
    await createTestUser(t.db, ['walidata', 'admin']);
    const checkpoint = await writeCheckpoint(t.db);
    await truncate(t.db, 2);
    const result = await verifyAuditChain(t.db);
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toMatchObject({ reason: 'checkpoint_ahead', seq: checkpoint.count - 1 });
    expect(result.brokenAt!.checkpoint).toMatchObject({ count: checkpoint.count, at: checkpoint.at });
    expect(result.brokenAt!.checkpoint!.source).toContain(`audit-checkpoints/${checkpoint.at.slice(0, 10)}.jsonl`);
  });

  it('detects truncating and appending forged rows back up to the checkpoint count (hash differs)', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const checkpoint = await writeCheckpoint(t.db);
    await truncate(t.db, 1);
    // A new entry made through the app brings the count back to the checkpoint's, not its hash.
    await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: user.headers, payload: { name: 'x' } });
    expect((await t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq).toBe(checkpoint.count);
    const result = await verifyAuditChain(t.db);
    expect(result.brokenAt).toMatchObject({ reason: 'checkpoint_mismatch' });
  });

  it('refuses a chain rebuilt with plain sha256 or with another key, and a checkpoint signed with another key', async () => {
    fs.rmSync(checkpointFolder(t.db), { recursive: true, force: true });
    const before = await writeCheckpoint(t.db);
    const forge = (row: Row) => ({ ...row, after_json: canonicalJson({ role: 'admin' }) });
    await rechain(t.db, (row) => entryHash(row, null), forge);
    expect((await verifyAuditChain(t.db)).brokenAt).toMatchObject({ seq: 1, reason: 'hash_mismatch' });
    await rechain(t.db, (row) => entryHash(row, randomBytes(32)), forge);
    expect((await verifyAuditChain(t.db)).brokenAt).toMatchObject({ seq: 1, reason: 'hash_mismatch' });
    // Claiming every row predates the keyed chain: the signed checkpoint still disagrees.
    await t.db
      .updateTable('audit_head')
      .set({ keyed_from: before.count + 1 })
      .execute();
    await rechain(t.db, (row) => entryHash(row, null), forge);
    expect((await verifyAuditChain(t.db)).brokenAt).toMatchObject({ reason: 'checkpoint_mismatch' });
    // A checkpoint the attacker signs to match cannot be made without the key either.
    const fake = { ...before, headHash: '1'.repeat(64) };
    fake.signature = createHmac('sha256', randomBytes(32)).update('x').digest('hex');
    fs.appendFileSync(`${checkpointFolder(t.db)}/${before.at.slice(0, 10)}.jsonl`, `${JSON.stringify(fake)}\n`);
    expect((await verifyAuditChain(t.db)).brokenAt).toMatchObject({ reason: 'checkpoint_forged' });
  });

  it('keeps verifying entries chained with plain sha256 before the migration, and keys the ones after', async () => {
    fs.rmSync(checkpointFolder(t.db), { recursive: true, force: true });
    await keyAuditChain.down(t.db);
    await t.db.deleteFrom('audit_log').execute();
    // Three entries as the code before the migration wrote them (plain sha256).
    let prev = '0'.repeat(64);
    for (let seq = 1; seq <= 3; seq++) {
      const row = {
        seq,
        occurred_at: `2026-11-0${seq}T00:00:00.000Z`,
        actor_id: null,
        actor_label: 'system',
        action: 'plan.create',
        entity_type: 'plan',
        entity_id: `p${seq}`,
        before_json: null,
        after_json: canonicalJson({ n: seq }),
        prev_hash: prev,
      };
      prev = entryHash(row, null);
      await t.db
        .insertInto('audit_log')
        .values({ ...row, hash: prev })
        .execute();
    }
    await sql`update audit_head set seq = 3, hash = ${prev} where id = 1`.execute(t.db);
    await keyAuditChain.up(t.db);
    expect((await t.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()).keyed_from).toBe(4);
    const user = await createTestUser(t.db, ['warga']);
    const head = await t.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(head.seq).toBeGreaterThan(3);
    await writeCheckpoint(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: head.seq, checkpoints: 1 });
    // The rows after the boundary are keyed: rehashing one with plain sha256 is caught.
    await t.db.updateTable('audit_log').set({ actor_label: user.email }).where('seq', '=', 4).execute();
    expect((await verifyAuditChain(t.db)).brokenAt).toMatchObject({ seq: 4, reason: 'hash_mismatch' });
  });

  it('publishes the signed checkpoints in a public Atom feed and its JSON twin, read from the files', async () => {
    const first = await writeCheckpoint(t.db);
    await createTestUser(t.db, ['warga']);
    const second = await writeCheckpoint(t.db);
    const json = await t.app.inject({ url: '/api/v1/audit/checkpoints' });
    expect(json.statusCode).toBe(200);
    expect(json.json().data).toEqual([second, first]);
    const atom = await t.app.inject({ url: '/audit/checkpoints.atom', headers: { cookie: 'terbuka_lang=en' } });
    expect(atom.statusCode).toBe(200);
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body).toContain('<title>Audit log checkpoints</title>');
    expect(atom.body).toContain(`<title>${second.count} entries, hash ${second.headHash.slice(0, 16)}</title>`);
    expect(atom.body).toContain(second.signature);
    // Rewriting the database does not rewrite what was published.
    await t.db.updateTable('audit_head').set({ seq: 0 }).execute();
    expect((await t.app.inject({ url: '/api/v1/audit/checkpoints' })).json().data[0]).toEqual(second);
  });

  it('signs the head when the server starts, and again only when it moved', async () => {
    const read = () =>
      fs.readdirSync(checkpointFolder(t.db)).flatMap((n) =>
        fs
          .readFileSync(`${checkpointFolder(t.db)}/${n}`, 'utf8')
          .trim()
          .split('\n'),
      );
    // The test before moved audit_head: put it back on the last row.
    const last = await t.db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('audit_head').set({ seq: last.seq, hash: last.hash }).execute();
    expect(await checkpointIfMoved(t.db)).not.toBeNull();
    expect(read()).toHaveLength(1);
    expect(await checkpointIfMoved(t.db)).toBeNull();
    expect(read()).toHaveLength(1);
    await createTestUser(t.db, ['warga']);
    expect(await checkpointIfMoved(t.db)).not.toBeNull();
    expect(read()).toHaveLength(2);
  });
});
