/**
 * The per-connection prepared-statement cache (db/connection.ts): the same SQL text gets the same
 * statement, the cache is bounded, and a schema change under a cached statement is harmless.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachePreparedStatements, STATEMENT_CACHE_SIZE } from '../../src/db/connection.ts';
import { createTestContext } from '../support/test-app.ts';

describe('prepared-statement cache', () => {
  it('hands back the same statement for the same SQL, and stays bounded', () => {
    const db = new Database(':memory:');
    cachePreparedStatements(db as never);
    const first = db.prepare('select 1 as one');
    expect(db.prepare('select 1 as one')).toBe(first);
    expect(db.prepare('select 2 as two')).not.toBe(first);
    for (let i = 0; i < STATEMENT_CACHE_SIZE; i++) db.prepare(`select ${i + 10} as n`);
    // The oldest entry was evicted: a new statement object, still correct.
    const again = db.prepare('select 1 as one');
    expect(again).not.toBe(first);
    expect(again.get()).toEqual({ one: 1 });
    db.close();
  });

  it('keeps answering correctly through the app after a table is dropped and re-created', async () => {
    const ctx = await createTestContext();
    try {
      const count = async () => Number((await ctx.knex('portal_audit_events').count({ n: '*' }))[0]!.n);
      const before = await count();
      await ctx.knex.schema.renameTable('portal_audit_events', 'portal_audit_events_old');
      await ctx.knex.schema.createTable('portal_audit_events', (t) => {
        t.increments('id');
        t.bigInteger('at');
      });
      expect(await count()).toBe(0);
      await ctx.knex.schema.dropTable('portal_audit_events');
      await ctx.knex.schema.renameTable('portal_audit_events_old', 'portal_audit_events');
      expect(await count()).toBe(before);
    } finally {
      await ctx.close();
    }
  });
});
