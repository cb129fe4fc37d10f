/**
 * An experiment, preloaded into the BFF only by `npm run bench -- --statement-cache`: knex's
 * better-sqlite3 dialect calls `connection.prepare(sql)` for every query, so SQLite parses and
 * plans the same few statements on every request. This keeps each connection's prepared
 * statements by SQL text and hands the same one back, to measure what a statement cache in
 * `db/connection.ts` (afterCreate) would gain. knex runs a statement to completion (`all()` or
 * `run()`, synchronously) before the next prepare, so reusing one is safe.
 */
import { createRequire } from 'node:module';

type Prepare = (this: object, sql: string) => unknown;
// Through require, so it is the very module knex loads (and no type package is needed).
const Database = createRequire(import.meta.url)('better-sqlite3') as { prototype: { prepare: Prepare } };
const prototype = Database.prototype;
const original = prototype.prepare;
const caches = new WeakMap<object, Map<string, unknown>>();
const LIMIT = 500;

prototype.prepare = function prepare(this: object, sql: string) {
  let cache = caches.get(this);
  if (!cache) caches.set(this, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = original.call(this, sql);
    // Most recent last; the oldest goes first once the cache is full (ad-hoc SQL cannot grow it).
    if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(sql, statement);
  }
  return statement;
};
