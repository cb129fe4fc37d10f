/**
 * The checks of oracle-compile.test.ts must be able to fail: each rule against a statement that
 * breaks it, and against its valid Oracle counterpart.
 */
import { describe, expect, it } from 'vitest';
import { type ColumnTypes, ddlProblems, oracleProblems, unionProblems } from './support/oracle-checks.ts';
import type { RecordedQuery } from './support/oracle-recorder.ts';

const query = (sql: string, bindings: unknown[] = [], kind = 'query'): RecordedQuery => ({
  version: '19',
  sql,
  bindings,
  method: 'select',
  compiled: false,
  kind,
});
const problems = (sql: string, bindings: unknown[] = [], userValues: string[] = [], kind = 'query') =>
  oracleProblems(query(sql, bindings, kind), { version: '19', userValues });

describe('Oracle form checks', () => {
  it('accepts what knex writes for Oracle', () => {
    expect(
      problems(
        'select * from (select "ID" from "BILLING_UNITS" where "ID" = :1) where rownum <= :2',
        [1, 10],
      ),
    ).toEqual([]);
    expect(problems('insert into "A" ("X") values (:1) returning "ID" into :2', [1, {}])).toEqual([]);
    expect(problems('select 1 from dual')).toEqual([]);
    expect(problems('update "PORTAL_SESSIONS" set "DATA" = :1 where "ID" = :2', ['{}', 'x'])).toEqual([]);
  });

  it('refuses LIMIT/OFFSET, a SELECT without FROM and unconverted placeholders', () => {
    expect(problems('select * from "A" limit 5')).toContain('LIMIT/OFFSET is not Oracle syntax');
    expect(problems('select * from "A" offset 5 rows')).toContain('LIMIT/OFFSET is not Oracle syntax');
    expect(problems('select 1')).toContain('SELECT without FROM');
    expect(problems('select * from "A" where "B" = ?', [1])).toContain('an unconverted ? placeholder');
    expect(problems('select * from "A" where "B" = :1', [])).toContain('1 placeholders but 0 bindings');
  });

  it('refuses user input inlined into SQL and empty-string bindings', () => {
    expect(problems(`select * from "A" where "B" = 'Kowalski'`, [], ['Kowalski'])).toContain(
      'user input inlined into SQL: Kowalski',
    );
    expect(problems('insert into "A" ("B") values (:1)', [''])).toContain(
      "an empty string bound ('' is NULL in Oracle)",
    );
  });

  it('refuses a CLOB compared or ordered, and DISTINCT over it', () => {
    expect(problems('select "DATA" from "PORTAL_SESSIONS" where "DATA" = :1', ['x'])).toContain(
      'CLOB PORTAL_SESSIONS.DATA compared, grouped or ordered',
    );
    expect(problems('select "ID" from "PORTAL_SESSIONS" order by "DATA"')).toContain(
      'CLOB PORTAL_SESSIONS.DATA compared, grouped or ordered',
    );
  });

  it('refuses long or lower-case identifiers, BOOLEAN columns and RETURNING without INTO', () => {
    const long = 'X'.repeat(129);
    expect(problems(`select "${long}" from dual`)).toContain(`identifier longer than 128 bytes: "${long}"`);
    expect(problems('select "id" from "billing_units"')).toContain(
      `identifier not in Oracle's upper case: "id"`,
    );
    expect(problems('create table "A" ("B" boolean)', [], [], 'schema')).toContain(
      'BOOLEAN column: use NUMBER(1) (0/1), valid on every Oracle version',
    );
    expect(problems('insert into "A" ("X") values (:1) returning "ID"', [1])).toContain(
      'RETURNING without INTO out-binds, or over several rows',
    );
  });

  it('finds a trigger on a table no statement created (quoted names are case-sensitive)', () => {
    expect(
      ddlProblems([
        query('create table "PORTAL_X" ("ID" integer)', [], 'schema'),
        query('create index "I" on "portal_x" ("ID")', [], 'schema'),
      ]),
    ).toEqual(['trigger or index on "portal_x", which no statement created']);
  });
});

describe('UNION ALL type agreement', () => {
  const columns: ColumnTypes = {
    BILLING_DOCUMENTS: { DATE: 'D', DEBIT_GR: 'N', NUMBER: 'C' },
    BILLING_READINGS: { DATE: 'D', VALUE_E3: 'N' },
  };

  it('accepts branches whose columns agree, typed NULLs included', () => {
    expect(
      unionProblems(
        `select 'doc' as "KIND", min("DATE") as "FIRST", cast(null as integer) as "N" from "BILLING_DOCUMENTS" where "X" in (select "ID" from "A") union all select 'rdg' as "KIND", cast(null as date) as "FIRST", sum("VALUE_E3") as "N" from "BILLING_READINGS"`,
        columns,
      ),
    ).toEqual([]);
  });

  it('refuses a DATE against a NUMBER or text in the same position', () => {
    expect(
      unionProblems(
        `select "DATE" as "A", "NUMBER" "B" from "BILLING_DOCUMENTS" union all select cast(null as integer) as "A", cast(null as date) "B" from dual`,
        columns,
      ),
    ).toEqual([
      'UNION ALL column 1 mixes types D/N (ORA-01790)',
      'UNION ALL column 2 mixes types C/D (ORA-01790)',
    ]);
    expect(unionProblems(`select 1 from dual union all select 1, 2 from dual`, columns)).toContain(
      'UNION ALL branches with different column counts',
    );
  });
});
