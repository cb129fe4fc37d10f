/**
 * The knex runner (db/knex-runner.ts), on SQLite (`DB_QUERY_RUNNER=knex`): each defined query is
 * built and compiled once per shape of its parameters, and every run goes through knex's runner,
 * pool, driver and mappers. It must answer what awaiting the builder answers, for every value and
 * shape; keep knex's events, query timeout and error messages; run inside a transaction when
 * built on one; and refuse, as the direct runner does, a builder whose SQL depends on a value.
 * The Oracle side (the same runner on the oracledb dialect) is in test/resident/query-paths.test.ts.
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineQuery, KnexRunner, QueryShapeError } from '../../src/db/query-runner.ts';
import { billing, portal } from '../../src/db/tables.ts';
import { LedgerDocument } from '../../src/models/billing.ts';
import { freshDatabase, type FreshDatabase } from './support.ts';

let db: FreshDatabase;
let knex: Knex;
let runner: KnexRunner;

beforeAll(async () => {
  db = await freshDatabase({ units: 12, years: 2, seed: 5, today: '2026-05-20' });
  knex = db.knex;
  runner = new KnexRunner(knex);
});
afterAll(async () => db.close());

interface QueryEvent {
  sql: string;
  bindings: unknown[];
  timeout?: number;
  __knexQueryUid?: string;
}

/** The `query` events knex emits while `call` runs. */
async function events<T>(call: () => Promise<T>): Promise<{ seen: QueryEvent[]; result: T }> {
  const seen: QueryEvent[] = [];
  const listener = (query: QueryEvent) => seen.push(query);
  knex.on('query', listener);
  try {
    return { seen, result: await call() };
  } finally {
    knex.removeListener('query', listener);
  }
}

describe('the knex runner: defined queries', () => {
  it('builds a query once per shape and answers, for every value, what awaiting the builder answers', async () => {
    let builds = 0;
    const build = (k: Knex, unitId: number, year: number, month: number) =>
      k(billing('fee_components'))
        .select('name', 'amountGr')
        .where({ unitId, year, month })
        .orderBy([{ column: 'position' }, { column: 'id' }]);
    const feesOfMonth = defineQuery<[unitId: number, year: number, month: number], Record<string, unknown>>(
      'feesOfMonth',
      (k, ...params) => {
        builds++;
        return build(k, ...params);
      },
    );
    const cases = [
      [1, 2026, 1],
      [2, 2025, 12],
      [3, 2026, 5],
      [999, 2026, 1],
    ] as const;
    const { seen } = await events(async () => {
      for (const [unitId, year, month] of cases) {
        const expected = await build(knex, unitId, year, month);
        expect(await runner.run(feesOfMonth, unitId, year, month)).toEqual(expected);
        if (unitId !== 999) expect(expected.length).toBeGreaterThan(0);
      }
    });
    // One build with marks and one with the first values to check it; none after.
    expect(builds).toBe(2);
    // Each run sent exactly what the plain builder sent just before it: the SQL and the bindings.
    expect(seen).toHaveLength(cases.length * 2);
    for (let i = 0; i < seen.length; i += 2) {
      expect([seen[i + 1]!.sql, seen[i + 1]!.bindings]).toEqual([seen[i]!.sql, seen[i]!.bindings]);
      // Knex's own query timeout (DB_QUERY_TIMEOUT_MS, set at `start` in db/connection.ts).
      expect(seen[i + 1]!.timeout).toBe(seen[i]!.timeout);
      expect(seen[i + 1]!.timeout).toBeGreaterThan(0);
    }
    expect(new Set(seen.map((event) => event.__knexQueryUid)).size).toBe(seen.length);
    expect(seen.some((event) => event.sql.includes('strefa-parameter'))).toBe(false);
  });

  it('compiles a statement per shape of array and object parameters, nulls included, with the model modifiers', async () => {
    type Range = { from: string; until: string | null };
    let builds = 0;
    const build = (k: Knex, accountId: number, ranges: Range[]) =>
      LedgerDocument.query(k)
        .select('id', 'date', 'debitGr', 'creditGr')
        .where({ accountId })
        .where((outer) => {
          for (const range of ranges) {
            outer.orWhere((inner) => {
              inner.where('date', '>=', range.from);
              if (range.until !== null) inner.where('date', '<', range.until);
            });
          }
        })
        .orderBy([{ column: 'date' }, { column: 'id' }])
        .toKnexQuery();
    const documentsIn = defineQuery<[accountId: number, ranges: Range[]], Record<string, unknown>>(
      'documentsIn',
      (k, accountId, ranges) => {
        builds++;
        return build(k, accountId, ranges);
      },
    );
    const [first, second] = (
      await knex(billing('documents')).select('accountId').groupBy('accountId').orderBy('accountId').limit(2)
    ).map((row: { accountId: number }) => row.accountId) as [number, number];
    const cases: Array<[number, Range[]]> = [
      [first, [{ from: '2025-01-01', until: '2025-07-01' }]],
      [second, [{ from: '2025-06-01', until: null }]],
      [
        first,
        [
          { from: '2025-01-01', until: '2025-03-01' },
          { from: '2025-10-01', until: null },
        ],
      ],
      // The shapes again, other values: the cached statements with new bindings.
      [second, [{ from: '2025-03-01', until: '2026-01-01' }]],
      [first, [{ from: '2026-01-01', until: null }]],
      [first, [{ from: '2025-02-01', until: '2025-09-01' }]],
      [
        second,
        [
          { from: '2024-01-01', until: '2025-01-01' },
          { from: '2026-02-01', until: null },
        ],
      ],
    ];
    const answers = new Set<string>();
    for (const [accountId, ranges] of cases) {
      const expected = await build(knex, accountId, ranges);
      expect(expected.length, JSON.stringify(ranges)).toBeGreaterThan(0);
      const answer = await runner.run(documentsIn, accountId, ranges);
      expect(answer).toEqual(expected);
      answers.add(JSON.stringify(answer));
    }
    // Different values gave different answers (the bindings are not stuck at the first run's).
    expect(answers.size).toBe(cases.length);
    // Three shapes, two builds each (marks, then the check); the last four runs built nothing.
    expect(builds).toBe(6);
  });

  it('refuses a build that puts a parameter anywhere but in a binding, or is not a plain SELECT', async () => {
    const inText = defineQuery<[name: string], unknown>('inText', (k, name) =>
      k(billing('units')).select(k.raw(`'${name}' as label`)),
    );
    await expect(runner.run(inText, 'x')).rejects.toThrow(/parameter value 0 is not a bound value/);
    const unused = defineQuery<[id: number], unknown>('unused', (k) => k(billing('units')).select('id'));
    await expect(runner.run(unused, 1)).rejects.toThrow(/parameter value 0 is not a bound value/);
    // `first()` answers one row, not a list: the runner only runs what `select` answers.
    const first = defineQuery<[id: number], unknown>('first', (k, id) =>
      k(billing('units')).first('id').where({ id }),
    );
    await expect(runner.run(first, 1)).rejects.toThrow(/must be a plain SELECT/);
  });

  it('refuses a build whose SQL depends on a value, not only on the shape', async () => {
    const branching = defineQuery<[id: number], unknown>('branching', (k, id) =>
      id > 5
        ? k(billing('units')).select('id').where({ id })
        : k(billing('units')).select('kind').where({ id }),
    );
    await expect(runner.run(branching, 7)).rejects.toThrow(QueryShapeError);
    const computing = defineQuery<[day: string], unknown>('computing', (k, day) =>
      k(billing('documents')).select('id').where('date', '>=', day).where('date', '<', `${day}x`),
    );
    await expect(runner.run(computing, '2025-01-01')).rejects.toThrow(QueryShapeError);
    // A branch only the second value takes: caught when every run is verified (the tests' setting).
    const later = defineQuery<[id: number], unknown>('later', (k, id) =>
      k(billing('units'))
        .select('id')
        .where({ id })
        .where('kind', typeof id === 'number' && id > 5 ? 'flat' : 'garage'),
    );
    const verifying = new KnexRunner(knex, { verifyShapes: true });
    await expect(verifying.run(later, 1)).resolves.toBeDefined();
    await expect(verifying.run(later, 7)).rejects.toThrow(QueryShapeError);
    // Without verification the cache would silently have run the 'garage' statement for 7.
    await runner.run(later, 1);
    await expect(runner.run(later, 7)).resolves.toEqual([]);
    expect(await knex(billing('units')).select('id').where({ id: 7, kind: 'flat' })).toHaveLength(1);
  });

  it('rejects a failing statement with knex’s message and gives the connection back', async () => {
    const missing = defineQuery<[id: number], unknown>('missing', (k, id) =>
      k('no_such_table').select('id').where({ id }),
    );
    await expect(runner.run(missing, 1)).rejects.toThrow(
      /select `id` from `no_such_table` where `id` = 1 - no such table: no_such_table/,
    );
    // The only pooled connection was released: the next query does not wait for the acquire timeout.
    const unit = defineQuery<[id: number], { id: number }>('unit', (k, id) =>
      k(billing('units')).select('id').where({ id }),
    );
    expect(await runner.run(unit, 1)).toEqual([{ id: 1 }]);
  });
});

describe('the knex runner and transactions', () => {
  const session = (id: string) => ({ id, login: null, data: '{}', expiresAt: 1, createdAt: 1 });
  const sessionById = defineQuery<[id: string], { id: string }>('sessionById', (k, id) =>
    k(portal.sessions).select('id').where({ id }),
  );
  const sessionCount = defineQuery<[], { n: number }>('sessionCount', (k) =>
    k(portal.sessions).count({ n: '*' }),
  );

  it('runs on the transaction it was built on, and a plain run waits for that transaction', async () => {
    const id = 'b'.repeat(64);
    const count = async () => Number((await runner.run(sessionCount))[0]!.n);
    const before = await count();
    let after: number | undefined;
    const trx = await knex.transaction();
    try {
      await trx(portal.sessions).insert(session(id));
      // Inside: the transaction's own uncommitted row, through the same kind of cached statement.
      const inside = new KnexRunner(trx);
      const { seen, result } = await events(() => inside.run(sessionById, id));
      expect(result).toEqual([{ id }]);
      expect(seen).toHaveLength(1);
      expect((seen[0] as { __knexTxId?: string }).__knexTxId).toBeTruthy();
      // Outside: the pool's only connection is the transaction's, so the run waits for it.
      const pending = count().then((n) => (after = n));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(after).toBeUndefined();
      await trx.commit();
      await pending;
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
    expect(after).toBe(before + 1);
    await knex(portal.sessions).where({ id }).delete();
  });

  it('does not see a rolled-back row', async () => {
    const id = 'c'.repeat(64);
    await knex
      .transaction(async (trx) => {
        await trx(portal.sessions).insert(session(id));
        expect(await new KnexRunner(trx).run(sessionById, id)).toHaveLength(1);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await runner.run(sessionById, id)).toEqual([]);
  });
});

describe('the knex internals the runner relies on (knex is pinned to a minor version)', () => {
  it('still exist', () => {
    const client = knex.client as unknown as Record<string, unknown>;
    for (const name of [
      'runner',
      'assertCanCancelQuery',
      'query',
      'processResponse',
      'postProcessResponse',
    ]) {
      expect(typeof client[name], name).toBe('function');
    }
    const probe = (client.runner as (builder: unknown) => Record<string, unknown>).call(client, {});
    for (const name of ['run', 'ensureConnection', 'query']) {
      expect(typeof probe[name], name).toBe('function');
    }
  });
});
