/**
 * Text folded for searching: upper case, Polish letters without their marks ("Łaska" → "LASKA").
 * The same folding in JavaScript (for what a clerk types) and in SQL (for a column), and the SQL
 * expression is the one the search indexes are built on: migration 005 on SQLite, the DBA's
 * function-based indexes on Oracle (bff/sql/oracle/05-search-indexes.sql).
 */
import type { Knex } from 'knex';

/** The Polish letters with marks, and what folding makes of them. */
const MARKED = 'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ';
const PLAIN = 'ACELNOSZZACELNOSZZ';

/**
 * Folds text the way `foldedColumn` folds a column: Polish letters lose their marks, and a–z
 * become upper case. Other letters are left as they are (SQLite's upper() knows only ASCII).
 */
export function fold(text: string): string {
  let folded = '';
  for (const char of text.normalize('NFC')) {
    const marked = MARKED.indexOf(char);
    folded += marked >= 0 ? PLAIN[marked] : char >= 'a' && char <= 'z' ? char.toUpperCase() : char;
  }
  return folded;
}

/** The column folded in SQL, written identically here, in migration 005 and in the DBA's index. */
export function foldedColumn(knex: Knex, column: string): Knex.Raw {
  if (knex.client.config.client === 'oracledb') {
    return knex.raw(`TRANSLATE(UPPER(??), '${MARKED.slice(9)}', '${PLAIN.slice(9)}')`, [column]);
  }
  let sql = '??';
  for (const char of MARKED) sql = `replace(${sql}, '${char}', '${PLAIN[MARKED.indexOf(char)]}')`;
  return knex.raw(`upper(${sql})`, [column]);
}
