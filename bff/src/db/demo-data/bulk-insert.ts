/**
 * The bulk-insert phase of the demo-data generator: how rows reach SQLite fast. One transaction
 * tuned for a load into empty tables (`bulkLoad`), multi-row INSERT statements (`BatchInsert`),
 * and the fee components expanded inside SQLite by one INSERT … SELECT (`writeFeeComponents`).
 */
import { billing, BILLING_TABLES } from '../tables.ts';

export interface Statement {
  run(...params: unknown[]): unknown;
}

/** The pooled better-sqlite3 connection, as the generator uses it. */
export interface RawConnection {
  prepare(sql: string): Statement & { all(...params: unknown[]): unknown[] };
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  inTransaction: boolean;
}

/** The billing tables' own indexes (not the primary keys), which are cheaper to build once at the end. */
function billingIndexes(conn: RawConnection): { name: string; sql: string }[] {
  const names = BILLING_TABLES.map((t) => billing(t));
  return conn
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${names.map(() => '?').join(', ')}) ORDER BY name`,
    )
    .all(...names) as { name: string; sql: string }[];
}

/**
 * Runs `fill` in one transaction tuned for a bulk load into empty tables: a rollback journal
 * instead of WAL (new pages of a fresh file need no journal, where WAL would write everything
 * twice), foreign keys not checked per row, and the secondary indexes
 * dropped and rebuilt. Everything is restored afterwards, also on failure. (The foundation
 * tests run `PRAGMA foreign_key_check` over generated data; checking here would cost seconds.)
 */
export function bulkLoad<T>(conn: RawConnection, fill: () => T, phase: (name: string) => void = () => {}): T {
  const journal = String(conn.pragma('journal_mode', { simple: true }));
  const foreignKeys = Number(conn.pragma('foreign_keys', { simple: true }));
  const cacheSize = Number(conn.pragma('cache_size', { simple: true }));
  let switched = false;
  if (journal.toLowerCase() === 'wal') {
    try {
      switched = String(conn.pragma('journal_mode = DELETE', { simple: true })).toLowerCase() === 'delete';
    } catch {
      // Another connection holds the file open: stay in WAL, which is only slower.
    }
  }
  conn.pragma('foreign_keys = OFF');
  conn.pragma('cache_size = -262144'); // 256 MiB while loading
  // fee_components is filled in its index order (unit, year, month) by one INSERT … SELECT, which
  // appends to that index more cheaply than a rebuild would sort it: its indexes stay.
  const indexes = billingIndexes(conn).filter((index) => !index.name.includes('fee_components'));
  try {
    conn.exec('BEGIN');
    try {
      for (const index of indexes) conn.exec(`DROP INDEX "${index.name}"`);
      const result = fill();
      phase('indexes');
      for (const index of indexes) conn.exec(index.sql);
      phase('commit');
      conn.exec('COMMIT');
      return result;
    } catch (error) {
      if (conn.inTransaction) conn.exec('ROLLBACK');
      throw error;
    }
  } finally {
    conn.pragma(`cache_size = ${cacheSize}`);
    conn.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    if (switched) conn.pragma('journal_mode = WAL');
  }
}

/**
 * Expands the fee plan (units × holdings × months × the lines of the unit's kind) into
 * fee_components inside SQLite: tens of millions of rows for the largest sizes, which would cost
 * far more bound one by one. CROSS JOIN fixes the loop order (segment, month, line), so ids are
 * assigned in unit/month/position order. The amount is round-half-up of quantity × rate in
 * integers, exactly as `amountGrosze` computes the totals posted to the ledger.
 */
export function writeFeeComponents(conn: RawConnection): void {
  const quantity = `CASE l.quantity WHEN 'area' THEN s.area_e2 * 10 WHEN 'occupants' THEN s.occupants * l.factor_e3 ELSE l.factor_e3 END`;
  if (process.env.STREFA_GENERATOR_TIMING) {
    const plan = conn
      .prepare(
        `EXPLAIN QUERY PLAN SELECT s.unit_id FROM temp.gen_segments s CROSS JOIN temp.gen_lines l
         WHERE l.fee_set = s.fee_set AND l.mi >= s.from_mi AND l.mi < s.to_mi ORDER BY s.seq, l.mi, l.position`,
      )
      .all();
    console.error(JSON.stringify(plan));
  }
  conn.exec(`
    INSERT INTO ${billing('fee_components')} (unit_id, year, month, position, name, basis, quantity_e3, rate_e4, amount_gr)
    SELECT s.unit_id, l.year, l.month, l.position, l.name, l.basis, ${quantity}, l.rate_e4,
           (${quantity} * l.rate_e4 + 50000) / 100000
    FROM temp.gen_segments s
    CROSS JOIN temp.gen_lines l
    WHERE l.fee_set = s.fee_set AND l.mi >= s.from_mi AND l.mi < s.to_mi
    ORDER BY s.seq, l.mi, l.position;
    DROP TABLE temp.gen_lines;
    DROP TABLE temp.gen_segments;
  `);
}

/**
 * Inserts rows `size` at a time with one multi-row statement: fewer statement executions than
 * row-by-row, which is most of the cost of a bulk load through better-sqlite3.
 */
export class BatchInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly buffer: unknown[] = [];
  private readonly width: number;

  constructor(
    conn: RawConnection,
    table: string,
    columns: string[],
    private readonly size = 64,
  ) {
    this.width = columns.length;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.many = conn.prepare(head + Array.from({ length: size }, () => row).join(', '));
    this.one = conn.prepare(head + row);
  }

  add(...values: unknown[]): void {
    for (const value of values) this.buffer.push(value);
    if (this.buffer.length === this.size * this.width) {
      this.many.run(this.buffer);
      this.buffer.length = 0;
    }
  }

  flush(): void {
    for (let i = 0; i < this.buffer.length; i += this.width)
      this.one.run(this.buffer.slice(i, i + this.width));
    this.buffer.length = 0;
  }
}
