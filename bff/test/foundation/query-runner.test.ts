/**
 * The query runners (db/query-runner.ts). The direct SQLite path must answer exactly what knex
 * answers for the same builder, keep knex's events, wait for a transaction that holds the
 * connection, leave every other database and query to knex, and refuse a query whose SQL depends
 * on a value rather than on the shape of its parameters.
 */
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleKnexConfig } from '../../src/db/connection.ts';
import {
  createQueryRunner,
  defineQuery,
  DirectSqliteRunner,
  KnexRunner,
  QueryShapeError,
  runsDirectly,
  type QueryRunner,
} from '../../src/db/query-runner.ts';
import { billing, portal } from '../../src/db/tables.ts';
import { freshDatabase, type FreshDatabase } from './support.ts';

let db: FreshDatabase;
let knex: Knex;
let direct: QueryRunner;
const selectRows = <Row = Record<string, unknown>>(builder: Knex.QueryBuilder) => direct.select<Row>(builder);

beforeAll(async () => {
  db = await freshDatabase({ units: 12, years: 2, seed: 5, today: '2026-05-20' });
  knex = db.knex;
  direct = new DirectSqliteRunner(knex);
});
afterAll(async () => db.close());

const session = (id: string) => ({ id, login: null, data: '{}', expiresAt: 1, createdAt: 1 });

describe('the direct runner on SQLite: one builder', () => {
  it('answers what knex answers, for every shape of query the services build', async () => {
    const a = billing('assignments');
    const u = billing('units');
    const queries: Array<() => Knex.QueryBuilder> = [
      // Plain columns, snake_case in the database, camelCase here; dates; order.
      () =>
        knex(billing('fee_components'))
          .select('name', 'basis', 'quantityE3', 'rateE4', 'amountGr')
          .where({ unitId: 1 })
          .orderBy([{ column: 'year' }, { column: 'month' }, { column: 'position' }, { column: 'id' }]),
      // A join with aliases and two columns called id (the later one wins, as in knex).
      () =>
        knex(a)
          .join(u, `${u}.id`, `${a}.unitId`)
          .select(`${a}.id`, `${u}.id`, `${a}.dateFrom as dateFrom`, `${a}.dateTo`, `${u}.areaE2 as areaE2`)
          .orderBy(`${a}.id`),
      // Aggregates, raw expressions, a GROUP BY, NULLs from an empty SUM.
      () =>
        knex(billing('documents'))
          .select('accountId')
          .select(
            knex.raw('sum(??) as ??', ['debitGr', 'debitGr']),
            knex.raw('max(??) as ??', ['date', 'last']),
          )
          .groupBy('accountId')
          .orderBy('accountId'),
      // A UNION ALL with typed NULLs, like the access service's folded lookups.
      () =>
        knex(a)
          .select(
            knex.raw(`'asg' as ??`, ['kind']),
            'dateFrom',
            knex.raw('cast(null as integer) as ??', ['n']),
          )
          .where({ unitId: 2 })
          .unionAll(
            knex(billing('accounts')).select(
              knex.raw(`'acc' as ??`, ['kind']),
              'openedOn',
              knex.raw('?? as ??', ['id', 'n']),
            ),
          ),
      // Nothing found.
      () => knex(billing('persons')).select('firstName').where({ id: -1 }),
    ];
    for (const build of queries) {
      const viaKnex = await build();
      const direct = await selectRows(build());
      expect(direct).toEqual(viaKnex);
      expect(direct.length === 0 || Object.keys(direct[0]!)).toEqual(
        viaKnex.length === 0 || Object.keys(viaKnex[0]!),
      );
      // The cached statement is shared with knex, which still gets objects after the direct run.
      expect(await build()).toEqual(viaKnex);
    }
  });

  it('emits the query events knex emits, with the SQL and bindings', async () => {
    const seen: string[] = [];
    const onQuery = (query: { sql: string; bindings: unknown[] }) =>
      seen.push(`query ${query.sql} ${JSON.stringify(query.bindings)}`);
    const onResponse = (response: unknown[], query: { sql: string }) =>
      seen.push(`response ${query.sql} ${response.length}`);
    knex.on('query', onQuery).on('query-response', onResponse);
    try {
      await selectRows(knex(billing('units')).select('id').where('id', '<=', 3));
    } finally {
      knex.removeListener('query', onQuery).removeListener('query-response', onResponse);
    }
    expect(seen).toEqual([
      'query select `id` from `billing_units` where `id` <= ? [3]',
      'response select `id` from `billing_units` where `id` <= ? 3',
    ]);
  });

  it('waits for a transaction that holds the connection, and never reads its uncommitted rows', async () => {
    const count = async () =>
      Number((await selectRows<{ n: number }>(knex(portal.sessions).count({ n: '*' })))[0]!.n);
    const before = await count();
    const trx = await knex.transaction();
    let after: number | undefined;
    try {
      await trx(portal.sessions).insert(session('a'.repeat(64)));
      // A builder of the transaction runs on its connection and sees its own row.
      expect(
        await selectRows(
          trx(portal.sessions)
            .select('id')
            .where({ id: 'a'.repeat(64) }),
        ),
      ).toHaveLength(1);
      const pending = count().then((n) => (after = n));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(after).toBeUndefined();
      await trx.commit();
      await pending;
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
    expect(after).toBe(before + 1);
    await knex(portal.sessions)
      .where({ id: 'a'.repeat(64) })
      .delete();
  });

  it('takes the idle connection in place, and goes through the pool while it is held or awaited', async () => {
    const client = knex.client as { acquireConnection: () => Promise<unknown> };
    const acquire = client.acquireConnection;
    let acquired = 0;
    client.acquireConnection = function (this: unknown) {
      acquired++;
      return acquire.call(this);
    };
    try {
      // Idle: nobody holds the connection or waits for it, so the pool's acquire is skipped.
      expect(await selectRows(knex(billing('units')).select('id').where({ id: 1 }))).toEqual([{ id: 1 }]);
      expect(acquired).toBe(0);

      // Held by a transaction: the direct query queues in the pool behind it...
      const trx = await knex.transaction();
      const before = acquired;
      const waiting = selectRows(knex(billing('units')).select('id').where({ id: 2 }));
      // ...and so does one asked while another waits (first come, first served).
      const next = selectRows(knex(billing('units')).select('id').where({ id: 3 }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(acquired - before).toBe(2);
      await trx.commit();
      expect(await Promise.all([waiting, next])).toEqual([[{ id: 2 }], [{ id: 3 }]]);
    } finally {
      client.acquireConnection = acquire;
    }
  });

  it('rejects a failing statement with its SQL, emits query-error, and gives the connection back', async () => {
    const errors: string[] = [];
    const onError = (error: Error) => errors.push(error.message);
    knex.on('query-error', onError);
    try {
      await expect(selectRows(knex('no_such_table').select('id'))).rejects.toThrow(
        /select `id` from `no_such_table` - no such table: no_such_table/,
      );
    } finally {
      knex.removeListener('query-error', onError);
    }
    expect(errors).toHaveLength(1);
    // The only pooled connection was released: the next query does not wait for the acquire timeout.
    expect(await selectRows(knex(billing('units')).select('id').limit(1))).toHaveLength(1);
  });

  it('leaves anything but a plain SELECT to knex', async () => {
    expect(runsDirectly(knex(billing('units')).select('id'))).toBe(true);
    expect(runsDirectly(knex(billing('units')).first('id'))).toBe(false);
    expect(runsDirectly(knex(billing('units')).where({ id: 1 }).update({ persons: 2 }))).toBe(false);
    // `first()` through selectRows still answers what knex answers (one row, not a list).
    expect(await selectRows(knex(billing('units')).first('id').where({ id: 1 }))).toEqual({ id: 1 });
  });
});

describe('the direct runner on SQLite: defined queries', () => {
  const feesOfMonth = defineQuery<[unitId: number, year: number, month: number], Record<string, unknown>>(
    'feesOfMonth',
    (k, unitId, year, month) =>
      k(billing('fee_components'))
        .select('name', 'amountGr')
        .where({ unitId, year, month })
        .orderBy([{ column: 'position' }, { column: 'id' }]),
  );

  it('compiles once and answers, for every value, what knex answers', async () => {
    const compiled: string[] = [];
    const onQuery = (query: { sql: string }) => compiled.push(query.sql);
    knex.on('query', onQuery);
    try {
      for (const [unitId, year, month] of [
        [1, 2026, 1],
        [2, 2025, 12],
        [3, 2026, 5],
        [999, 2026, 1],
      ] as const) {
        const expected = await knex(billing('fee_components'))
          .select('name', 'amountGr')
          .where({ unitId, year, month })
          .orderBy([{ column: 'position' }, { column: 'id' }]);
        expect(await direct.run(feesOfMonth, unitId, year, month)).toEqual(expected);
      }
    } finally {
      knex.removeListener('query', onQuery);
    }
    // Every run emits the same statement text; no placeholder mark ever reaches the database.
    expect(compiled.filter((sql) => !sql.includes('?'))).toEqual([]);
    expect(compiled.some((sql) => sql.includes('strefa-parameter'))).toBe(false);
  });

  it('compiles a statement per shape of array and object parameters, nulls included', async () => {
    type Range = { from: string; until: string | null };
    const build = (k: Knex, accountId: number, ranges: Range[]) =>
      k(billing('documents'))
        .select('id', 'date')
        .where({ accountId })
        .where((outer) => {
          for (const range of ranges) {
            outer.orWhere((inner) => {
              inner.where('date', '>=', range.from);
              if (range.until !== null) inner.where('date', '<', range.until);
            });
          }
        })
        .orderBy([{ column: 'date' }, { column: 'id' }]);
    const documentsIn = defineQuery<[accountId: number, ranges: Range[]], Record<string, unknown>>(
      'documentsIn',
      build,
    );
    // Two accounts with documents every month (the monthly charges): each case below has rows,
    // so no comparison is between two empty lists.
    const [first, second] = (
      await knex(billing('documents'))
        .select('accountId')
        .where('date', '>=', '2025-01-01')
        .groupBy('accountId')
        .havingRaw('count(distinct substr(??, 1, 7)) >= 16', ['date'])
        .orderBy('accountId')
        .limit(2)
    ).map((row: { accountId: number }) => row.accountId) as [number, number];
    const cases: Array<[number, Range[]]> = [
      [first, [{ from: '2025-01-01', until: '2025-03-01' }]],
      [first, [{ from: '2025-06-01', until: '2026-01-01' }]],
      [
        first,
        [
          { from: '2025-01-01', until: '2025-02-01' },
          { from: '2025-10-01', until: null },
        ],
      ],
      [second, [{ from: '2024-01-01', until: null }]],
      [second, [{ from: '2026-01-01', until: '2026-02-01' }]],
      // The same shape as the case before, other values: the cached statement, new bindings.
      [first, [{ from: '2025-04-01', until: '2025-05-01' }]],
    ];
    const seen = new Set<string>();
    for (const [accountId, ranges] of cases) {
      const expected = await build(knex, accountId, ranges);
      expect(expected.length, JSON.stringify(ranges)).toBeGreaterThan(0);
      const answer = await direct.run(documentsIn, accountId, ranges);
      expect(answer).toEqual(expected);
      seen.add(JSON.stringify(answer));
    }
    // Different values gave different answers (the bindings are not stuck at the first run's).
    expect(seen.size).toBe(cases.length);
  });

  it('refuses a build that puts a parameter anywhere but in a binding', async () => {
    const inText = defineQuery<[name: string], unknown>('inText', (k, name) =>
      k(billing('units')).select(k.raw(`'${name}' as label`)),
    );
    await expect(direct.run(inText, 'x')).rejects.toThrow(/parameter value 0 is not a bound value/);
    const unused = defineQuery<[id: number], unknown>('unused', (k) => k(billing('units')).select('id'));
    await expect(direct.run(unused, 1)).rejects.toThrow(/parameter value 0 is not a bound value/);
  });

  it('refuses a build whose SQL depends on a value, not only on the shape', async () => {
    // Branches on the value: with a mark in place of the id, `id > 5` would be decided once.
    const branching = defineQuery<[id: number], unknown>('branching', (k, id) =>
      id > 5
        ? k(billing('units')).select('id').where({ id })
        : k(billing('units')).select('kind').where({ id }),
    );
    await expect(direct.run(branching, 7)).rejects.toThrow(QueryShapeError);
    // Computes on the value: the cached statement would bind the first run's result forever.
    const computing = defineQuery<[day: string], unknown>('computing', (k, day) =>
      k(billing('documents')).select('id').where('date', '>=', day).where('date', '<', `${day}x`),
    );
    await expect(direct.run(computing, '2025-01-01')).rejects.toThrow(QueryShapeError);
    // A branch that only the second value takes is caught when every run is verified (tests).
    const later = defineQuery<[id: number], unknown>('later', (k, id) =>
      k(billing('units'))
        .select('id')
        .where({ id })
        .where('kind', typeof id === 'number' && id > 5 ? 'flat' : 'garage'),
    );
    const verifying = new DirectSqliteRunner(knex, { verifyShapes: true });
    const trusting = new DirectSqliteRunner(knex);
    // The first compilation (a mark, not a number) takes the 'garage' branch; 1 agrees with it.
    await expect(verifying.run(later, 1)).resolves.toBeDefined();
    await expect(verifying.run(later, 7)).rejects.toThrow(QueryShapeError);
    // Without verification the cache would silently have run the 'garage' statement for 7.
    await trusting.run(later, 1);
    await expect(trusting.run(later, 7)).resolves.toEqual([]);
  });

  it('relies on knex client internals that still exist (knex is pinned to a minor version)', () => {
    const client = knex.client as Record<string, unknown>;
    for (const name of [
      'acquireConnection',
      'releaseConnection',
      '_formatBindings',
      'postProcessResponse',
      'emit',
    ]) {
      expect(typeof client[name], name).toBe('function');
    }
    expect(client.driverName).toBe('better-sqlite3');
    // The idle-connection check reads knex's tarn pool (direct-sqlite-runner.ts idleConnection).
    const pool = client.pool as Record<string, unknown>;
    expect(Array.isArray(pool.free), 'pool.free').toBe(true);
    expect(typeof pool.numPendingAcquires).toBe('function');
    expect(typeof pool.numPendingValidations).toBe('function');
    expect((pool.free as { resource?: unknown }[])[0]?.resource).toBeTypeOf('object');
  });
});

describe('the runner of an Oracle database', () => {
  it('is the knex runner: knex keeps the pool, the timeout and the driver', () => {
    const oracle = knexFactory(
      oracleKnexConfig({
        client: 'oracle',
        user: 'strefa',
        password: 'x',
        connectString: 'db.example:1521/BILLING',
        billingSchema: null,
      }),
    );
    try {
      expect(runsDirectly(oracle('billing_units').select('id'))).toBe(false);
      expect(createQueryRunner(oracle)).toBeInstanceOf(KnexRunner);
      expect(() => new DirectSqliteRunner(oracle)).toThrow(/better-sqlite3/);
    } finally {
      void oracle.destroy();
    }
  });

  it('the knex runner builds a query once per shape, with marks, then checks it with the real values', async () => {
    const oracle = knexFactory({
      ...oracleKnexConfig({
        client: 'oracle',
        user: 'strefa',
        password: 'x',
        // Nothing listens there: the query fails fast, after being compiled.
        connectString: '127.0.0.1:9/NOSUCH',
        billingSchema: null,
      }),
      acquireConnectionTimeout: 1_000,
      // The refused connection is the expected outcome here, not news for the test log.
      log: { warn: () => {}, error: () => {}, deprecate: () => {}, debug: () => {} },
    });
    const built: unknown[] = [];
    const lookup = defineQuery<[id: number], unknown>('lookup', (k, id) => {
      built.push(id);
      return k('billing_units').select('id').where({ id });
    });
    const sent: string[] = [];
    oracle.on('query', (query: { sql: string; bindings: unknown[] }) =>
      sent.push(`${query.sql} ${JSON.stringify(query.bindings)}`),
    );
    const runner = createQueryRunner(oracle);
    const verifying = createQueryRunner(oracle, 'direct', { verifyShapes: true });
    try {
      await expect(runner.run(lookup, 7)).rejects.toThrow();
      await expect(runner.run(lookup, 8)).rejects.toThrow();
      // The first run built the shape with a mark, then with 7 to check it; the second built nothing.
      expect(built).toHaveLength(2);
      expect(String(built[0])).toMatch(/strefa-parameter-0$/);
      expect(built[1]).toBe(7);
      // Under the tests' `verifyShapes` every run is built again with its values and compared.
      built.length = 0;
      await expect(verifying.run(lookup, 9)).rejects.toThrow();
      await expect(verifying.run(lookup, 10)).rejects.toThrow();
      expect(built.slice(1)).toEqual([9, 10]);
    } finally {
      await oracle.destroy();
    }
    // No connection, so no statement was sent: the pool refused before the driver was reached.
    expect(sent).toEqual([]);
  });
});
