/**
 * The direct SQLite path of the read queries (db/select-rows.ts): it must answer exactly what
 * knex answers for the same builder, keep knex's events, wait for a transaction that holds the
 * connection, and leave every other database and query to knex.
 */
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleKnexConfig } from '../../src/db/connection.ts';
import { fixedSelect, runsDirectly, selectRows } from '../../src/db/select-rows.ts';
import { billing, portal } from '../../src/db/tables.ts';
import { freshDatabase, type FreshDatabase } from './support.ts';

let db: FreshDatabase;
let knex: Knex;

beforeAll(async () => {
  db = await freshDatabase({ units: 12, years: 2, seed: 5, today: '2026-05-20' });
  knex = db.knex;
});
afterAll(async () => db.close());

const session = (id: string) => ({ id, login: null, data: '{}', expiresAt: 1, createdAt: 1 });

describe('selectRows on SQLite', () => {
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

describe('fixedSelect on SQLite', () => {
  const feesOfMonth = fixedSelect<[unitId: number, year: number, month: number], Record<string, unknown>>(
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
        expect(await feesOfMonth(knex, unitId, year, month)).toEqual(expected);
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
    const documentsIn = fixedSelect<[accountId: number, ranges: Range[]], Record<string, unknown>>(build);
    const cases: Array<[number, Range[]]> = [
      [1, [{ from: '2025-01-01', until: '2025-03-01' }]],
      [1, [{ from: '2025-06-01', until: '2026-01-01' }]],
      [
        1,
        [
          { from: '2025-01-01', until: '2025-02-01' },
          { from: '2025-10-01', until: null },
        ],
      ],
      [2, [{ from: '2024-01-01', until: null }]],
      [2, [{ from: '2026-01-01', until: '2026-02-01' }]],
    ];
    for (const [accountId, ranges] of cases) {
      const expected = await build(knex, accountId, ranges);
      expect(expected.length).toBeGreaterThanOrEqual(0);
      expect(await documentsIn(knex, accountId, ranges)).toEqual(expected);
    }
    // The data has documents in these ranges: the comparison above was not between empty lists.
    expect((await documentsIn(knex, 1, [{ from: '2000-01-01', until: null }])).length).toBeGreaterThan(0);
  });

  it('refuses a build that puts a parameter anywhere but in a binding', async () => {
    const inText = fixedSelect<[name: string], unknown>((k, name) =>
      k(billing('units')).select(k.raw(`'${name}' as label`)),
    );
    await expect(inText(knex, 'x')).rejects.toThrow(/parameter value 0 is not a bound value/);
    const unused = fixedSelect<[id: number], unknown>((k) => k(billing('units')).select('id'));
    await expect(unused(knex, 1)).rejects.toThrow(/parameter value 0 is not a bound value/);
  });
});

describe('selectRows on Oracle', () => {
  it('awaits the builder itself: knex keeps the pool, the timeout and the driver', () => {
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
    } finally {
      void oracle.destroy();
    }
  });

  it('fixedSelect builds the query with the real values every time (nothing is compiled ahead)', async () => {
    const oracle = knexFactory({
      ...oracleKnexConfig({
        client: 'oracle',
        user: 'strefa',
        password: 'x',
        // Nothing listens there: the query fails fast, after being built.
        connectString: '127.0.0.1:9/NOSUCH',
        billingSchema: null,
      }),
      acquireConnectionTimeout: 1_000,
      // The refused connection is the expected outcome here, not news for the test log.
      log: { warn: () => {}, error: () => {}, deprecate: () => {}, debug: () => {} },
    });
    const built: unknown[][] = [];
    const lookup = fixedSelect<[id: number], unknown>((k, id) => {
      built.push([id]);
      return k('billing_units').select('id').where({ id });
    });
    try {
      await expect(lookup(oracle, 7)).rejects.toThrow();
      await expect(lookup(oracle, 8)).rejects.toThrow();
      expect(built).toEqual([[7], [8]]);
    } finally {
      await oracle.destroy();
    }
  });
});
