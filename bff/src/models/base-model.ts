/**
 * Shared configuration of every model. Column casing is mapped at the knex level (see
 * db/connection.ts); here dates become `YYYY-MM-DD` strings whatever the driver returns (Oracle
 * gives Date objects, SQLite text), so no model hands a Date or a float to a router.
 */
import { Model } from 'objection';
import { toIsoDate } from '../lib/db-values.ts';

export { toIsoDate };

export class BaseModel extends Model {
  /** Columns that hold calendar dates; subclasses list theirs. */
  static dateColumns: readonly string[] = [];

  override $parseDatabaseJson(json: Record<string, unknown>) {
    const parsed = super.$parseDatabaseJson(json);
    for (const column of (this.constructor as typeof BaseModel).dateColumns) {
      if (column in parsed) parsed[column] = toIsoDate(parsed[column]);
    }
    return parsed;
  }
}
