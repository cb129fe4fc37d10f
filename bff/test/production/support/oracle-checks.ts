/**
 * Static checks of SQL as knex's oracledb dialect wrote it: the forms Oracle refuses or that
 * would behave differently there than on SQLite. Each check returns readable problems, so a
 * failing test names the statement and the rule it broke.
 */
import type { RecordedQuery } from './oracle-recorder.ts';

/** Columns that are CLOBs on Oracle (`t.text()` in the portal migrations). */
export const CLOB_COLUMNS = [{ table: 'PORTAL_SESSIONS', column: 'DATA' }];

/** Knex's own bookkeeping tables: the migrator queries them without the casing mappers. */
const MIGRATOR_TABLES = /"portal_migrations(_lock)?(_seq|_autoinc_trg)?"/;

/** The SQL with string literals and quoted identifiers blanked, so keywords can be searched. */
export function skeleton(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "''").replace(/"[^"]*"/g, '""');
}

export function quotedIdentifiers(sql: string): string[] {
  const withoutLiterals = sql.replace(/'(?:[^']|'')*'/g, "''");
  return [...withoutLiterals.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
}

export interface CheckContext {
  version: string;
  /** Values the test typed in as a user (logins, passwords, search text): never in SQL text. */
  userValues: string[];
}

export function oracleProblems(query: RecordedQuery, context: CheckContext): string[] {
  const problems: string[] = [];
  const sql = query.sql;
  const bare = skeleton(sql);
  const isMigrator = MIGRATOR_TABLES.test(sql);
  const isPlsql = /^\s*(declare|begin)\b/i.test(sql);

  if (/\b(limit|offset)\b/i.test(bare)) problems.push('LIMIT/OFFSET is not Oracle syntax');

  for (const identifier of quotedIdentifiers(sql)) {
    if (Buffer.byteLength(identifier, 'utf8') > 128) {
      problems.push(`identifier longer than 128 bytes: "${identifier}"`);
    }
    // Views and tables are created unquoted, hence upper case; a lower-case quoted name would
    // not find them. Knex's migrator tables are the one exception (it bypasses the mappers).
    if (!isMigrator && identifier !== '*' && !/^[A-Z0-9_$#]+$/.test(identifier)) {
      problems.push(`identifier not in Oracle's upper case: "${identifier}"`);
    }
  }

  for (const value of context.userValues) {
    if (value.length >= 3 && sql.includes(value)) problems.push(`user input inlined into SQL: ${value}`);
  }

  // Placeholders are :1, :2… and each has its binding (PL/SQL blocks carry out-binds too).
  const placeholders = new Set([...bare.matchAll(/:(\d+)\b/g)].map((m) => m[1]));
  if (!isPlsql && query.kind !== 'schema' && placeholders.size !== query.bindings.length) {
    problems.push(`${placeholders.size} placeholders but ${query.bindings.length} bindings`);
  }
  if (/\?/.test(bare)) problems.push('an unconverted ? placeholder');

  // Oracle stores '' as NULL: an empty string bound for a NOT NULL column fails (ORA-01400),
  // and `col = ''` never matches.
  if (query.bindings.some((value) => value === ''))
    problems.push("an empty string bound ('' is NULL in Oracle)");

  for (const { table, column } of CLOB_COLUMNS) {
    if (!sql.includes(`"${table}"`)) continue;
    // Everything after the first WHERE / ORDER BY / GROUP BY / HAVING is a comparison context.
    const withoutLiterals = sql.replace(/'(?:[^']|'')*'/g, "''");
    const clause = /\b(where|order\s+by|group\s+by|having)\b/i.exec(withoutLiterals);
    if (clause && withoutLiterals.slice(clause.index).includes(`"${column}"`)) {
      problems.push(`CLOB ${table}.${column} compared, grouped or ordered`);
    }
    if (/\bselect\s+distinct\b/i.test(bare)) problems.push(`DISTINCT over a table with a CLOB (${table})`);
  }

  if (query.kind === 'schema' && /\bboolean\b/i.test(bare)) {
    problems.push('BOOLEAN column: use NUMBER(1) (0/1), valid on every Oracle version');
  }

  // Oracle's DML RETURNING needs INTO out-binds, and works for one row: a single-row
  // INSERT … VALUES / UPDATE / DELETE, or inside the PL/SQL block knex writes for several rows.
  if (/\breturning\b/i.test(bare)) {
    const singleRowDml =
      /^\s*(insert\s+into\b[^;]*?\bvalues\s*\([^;]*?\)|update\b|delete\b)[^;]*\breturning\b[^;]+\binto\s+:\d+/i.test(
        bare,
      ) &&
      !/\bvalues\s*\([^)]*\)\s*,\s*\(/i.test(bare) &&
      !/^\s*insert\s+into\b[^;]*\bselect\b/i.test(bare);
    const plsqlBlock = isPlsql && /\breturning\b[\s\S]+\binto\b/i.test(bare);
    if (!singleRowDml && !plsqlBlock) problems.push('RETURNING without INTO out-binds, or over several rows');
  }

  // Before 23ai every SELECT needs a FROM (FROM DUAL for constants).
  if (/^\s*select\b/i.test(bare) && !/\bfrom\b/i.test(bare)) problems.push('SELECT without FROM');

  return problems;
}

/**
 * DDL consistency: every table that a trigger, sequence lookup or index names must be one the
 * same migration created under exactly that name (Oracle names are case-sensitive once quoted).
 */
export function ddlProblems(statements: RecordedQuery[]): string[] {
  const problems: string[] = [];
  const created = new Set<string>();
  for (const { sql } of statements) {
    for (const m of sql.matchAll(/create table "([^"]+)"/gi)) created.add(m[1]!);
  }
  for (const { sql } of statements) {
    for (const m of sql.matchAll(/\bon "([^"]+)"/gi)) {
      if (!created.has(m[1]!)) problems.push(`trigger or index on "${m[1]}", which no statement created`);
    }
    for (const m of sql.matchAll(/table_name = '([^']+)'/gi)) {
      if (!created.has(m[1]!)) problems.push(`PL/SQL looks up table '${m[1]}', which no statement created`);
    }
  }
  return problems;
}

/** N: number, C: character, D: date — Oracle's type groups that UNION branches must agree on. */
export type TypeGroup = 'N' | 'C' | 'D';

/** `{COLUMN: group}` per table (upper case), from the SQLite schema of the same tables. */
export type ColumnTypes = Record<string, Record<string, TypeGroup>>;

export function typeGroupOf(declared: string): TypeGroup | undefined {
  const type = declared.toLowerCase();
  if (/^(date|datetime|timestamp)/.test(type)) return 'D';
  if (/^(int|integer|bigint|number|numeric|decimal|float|real|smallint|tinyint)/.test(type)) return 'N';
  if (/^(varchar|varchar2|char|nvarchar|text|clob|nchar)/.test(type)) return 'C';
  return undefined;
}

/** Splits at a separator outside parentheses and string literals. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'") quoted = !quoted;
    if (quoted) continue;
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0) {
      const rest = text.slice(i);
      const match = separator.exec(rest);
      if (match && match.index === 0) {
        parts.push(text.slice(start, i));
        i += match[0].length - 1;
        start = i + 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function expressionGroup(expression: string, columns: ColumnTypes): TypeGroup | undefined {
  const e = expression
    .trim()
    .replace(/\s+(as\s+)?"[^"]+"$/i, '')
    .trim();
  const cast = /^cast\s*\(\s*null\s+as\s+([a-z0-9_]+)/i.exec(e);
  if (cast) return typeGroupOf(cast[1]!);
  if (/^'.*'$/.test(e)) return 'C';
  if (/^-?\d+(\.\d+)?$/.test(e)) return 'N';
  if (/^(sum|count|avg)\s*\(/i.test(e)) return 'N';
  const minMax = /^(min|max)\s*\((.*)\)$/i.exec(e);
  if (minMax) return expressionGroup(minMax[2]!, columns);
  const column = /^(?:(?:"[^"]+"\.)?"([^"]+)"\.)?"([^"]+)"$/.exec(e);
  if (column) {
    const [, table, name] = column;
    if (table && columns[table]?.[name!]) return columns[table]![name!];
    const groups = new Set(
      Object.values(columns)
        .map((t) => t[name!])
        .filter(Boolean),
    );
    return groups.size === 1 ? [...groups][0] : undefined;
  }
  if (/^[\s\S]+\s[*+-]\s[\s\S]+$/.test(e)) return 'N';
  return undefined;
}

/**
 * UNION ALL branches must agree, column by column, on the type group (ORA-01790): SQLite, which
 * answers the recorder, has no such rule, so it is checked here from the statement's text.
 */
export function unionProblems(sql: string, columns: ColumnTypes): string[] {
  if (!/\bunion\s+all\b/i.test(sql)) return [];
  const branches = splitTopLevel(sql, /^\s+union\s+all\s+/i);
  const lists = branches.map((branch) => {
    const body = branch.trim().replace(/^select\s+/i, '');
    const [list] = splitTopLevel(body, /^\s+from\s+/i);
    return splitTopLevel(list!, /^,/).map((expression) => expressionGroup(expression, columns));
  });
  const problems: string[] = [];
  const width = Math.max(...lists.map((l) => l.length));
  if (lists.some((l) => l.length !== width)) problems.push('UNION ALL branches with different column counts');
  for (let position = 0; position < width; position++) {
    const groups = new Set(lists.map((l) => l[position]).filter((g): g is TypeGroup => g !== undefined));
    if (groups.size > 1) {
      problems.push(`UNION ALL column ${position + 1} mixes types ${[...groups].join('/')} (ORA-01790)`);
    }
  }
  return problems;
}
