/**
 * The access check and a request's small lookups in ONE statement (saves a round trip per
 * request): the person's assignment rows on the unit and each lookup's rows, as a UNION ALL of
 * `lookupSelect` branches. services/access-service.ts decides the 404 for a unit that is not the
 * person's from the assignment rows (`kind` = `ACCESS_KIND`) before any lookup row is looked at.
 * Lookups must not carry ORDER BY or LIMIT (a compound statement has one order, the caller
 * sorts); a GROUP BY inside a lookup is fine, as knex compiles each later branch whole.
 */
import type { Knex } from 'knex';
import type { AnyQueryBuilder } from 'objection';
import { toKnexBuilder, type Buildable } from '../db/query-runner.ts';
import { billing } from '../db/tables.ts';
import { Account, Assignment } from '../models/billing.ts';

/**
 * The columns of a lookup: every branch of the UNION ALL returns them in this order with these
 * SQL types, a typed NULL where it has nothing, so Oracle (which wants matching types per
 * column, ORA-01790) and SQLite read them alike. The money column keeps a `_gr` name, so the
 * Oracle driver still refuses a non-integer amount.
 */
const LOOKUP_COLUMNS = [
  ['id', 'integer'],
  ['position', 'integer'],
  ['name', 'varchar(100)'],
  ['code', 'varchar(30)'],
  ['label', 'varchar(60)'],
  ['dateFrom', 'date'],
  ['dateTo', 'date'],
  ['amountGr', 'integer'],
] as const;

export type LookupColumn = (typeof LOOKUP_COLUMNS)[number][0];

/** A row of a folded lookup, as the driver returns it: `kind` names the branch. */
export interface LookupRow {
  kind: string;
  id: unknown;
  position: unknown;
  name: string | null;
  code: string | null;
  label: string | null;
  dateFrom: unknown;
  dateTo: unknown;
  amountGr: unknown;
}

/** The `kind` of the assignment rows of `accessUnion`; lookups use other three-letter kinds. */
export const ACCESS_KIND = 'asg';

/**
 * The select list of one UNION ALL branch: `kind` (a three-letter constant written by the code,
 * never user input) and every lookup column, from `sources` (column references) or a typed NULL.
 * One raw for the whole list, not one per column: knex compiles each raw separately, and nine of
 * them per branch made up a good part of the statement's building time (bench).
 */
export function lookupSelect(
  knex: Knex,
  kind: string,
  sources: Partial<Record<LookupColumn, string>>,
): Knex.Raw[] {
  if (!/^[a-z]{3}$/.test(kind)) throw new Error(`lookup kind must be three lower-case letters: ${kind}`);
  const parts = [`'${kind}' as ??`];
  const identifiers = ['kind'];
  for (const [column, type] of LOOKUP_COLUMNS) {
    const source = sources[column];
    if (source === undefined) {
      parts.push(`cast(null as ${type}) as ??`);
      identifiers.push(column);
    } else {
      parts.push('?? as ??');
      identifiers.push(source, column);
    }
  }
  return [knex.raw(parts.join(', '), identifiers)];
}

/**
 * Restricts a lookup to units the person is assigned to (at any time): `unitColumn` must be the
 * unit id of the row. The window rules still decide what is shown; this makes the statement
 * itself return nothing of a unit that is not the person's.
 */
export function whereAssigned<QB extends AnyQueryBuilder>(
  query: QB,
  personId: number,
  unitColumn: string,
): QB {
  return whereAssignedOf(query.knex(), query, personId, unitColumn);
}

/** `whereAssigned` for a plain knex builder (which cannot name its knex), given the knex. */
export function whereAssignedOf<QB extends Knex.QueryBuilder | AnyQueryBuilder>(
  knex: Knex,
  query: QB,
  personId: number,
  unitColumn: string,
): QB {
  return (query as unknown as Knex.QueryBuilder).whereExists(
    Assignment.query(knex)
      .select(knex.raw('1'))
      .modify('ofPerson', personId)
      .where(`${billing('assignments')}.unitId`, knex.ref(unitColumn))
      .toKnexQuery(),
  ) as unknown as QB;
}

/** The person's assignment rows on the unit and each lookup's rows (see the top of this file). */
export function accessUnion(
  knex: Knex,
  personId: number,
  unitId: number,
  lookups: Buildable[],
): Knex.QueryBuilder {
  const a = billing('assignments');
  let query = Assignment.query(knex)
    .select(lookupSelect(knex, ACCESS_KIND, { dateFrom: `${a}.dateFrom`, dateTo: `${a}.dateTo` }))
    .modify('ofPerson', personId)
    .modify('onUnit', unitId)
    .toKnexQuery();
  for (const lookup of lookups) query = query.unionAll(toKnexBuilder(lookup));
  return query;
}

/**
 * The unit's accounts as an `acc` branch of `accessUnion` (nothing when the unit is not the
 * person's): id, name and open period, plus `columns`. Callers narrow it (one account, one
 * purpose) or join to it.
 */
export function accountLookup(
  knex: Knex,
  personId: number,
  unitId: number,
  columns: Partial<Record<LookupColumn, string>> = {},
) {
  const a = billing('accounts');
  return whereAssigned(
    Account.query(knex)
      .select(
        lookupSelect(knex, 'acc', {
          id: `${a}.id`,
          name: `${a}.name`,
          dateFrom: `${a}.openedOn`,
          dateTo: `${a}.closedOn`,
          ...columns,
        }),
      )
      .modify('ofUnit', unitId),
    personId,
    `${a}.unitId`,
  );
}

/**
 * The unit's and its building's columns as /me's assignments and the statement's header show
 * them (`units` joined to `buildings`).
 */
export function unitWithBuildingColumns(): string[] {
  const u = billing('units');
  const b = billing('buildings');
  return [
    `${u}.kind as kind`,
    `${u}.number as unitNumber`,
    `${u}.areaE2 as areaE2`,
    `${u}.persons as persons`,
    `${u}.legalTitle as legalTitle`,
    `${u}.bankAccount as bankAccount`,
    `${b}.estate as estate`,
    `${b}.street as street`,
    `${b}.number as buildingNumber`,
    `${b}.postalCode as postalCode`,
    `${b}.city as city`,
  ];
}
