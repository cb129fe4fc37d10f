/**
 * How Strefa talks to Oracle through node-oracledb in Thin mode (pure JavaScript: no Instant
 * Client, so `initOracleClient()` is never called). Three things matter for correctness:
 *
 * - the connect descriptor carries EXPIRE_TIME (keep-alive probes, so a firewall that drops idle
 *   connections is noticed) and short connect timeouts (an unreachable database fails fast and
 *   the request is answered 503 instead of hanging); knex passes only user, password and
 *   connectString to the driver, so these must live in the descriptor;
 * - values come out exact: DATE columns as `YYYY-MM-DD` calendar strings (read with the process's
 *   local clock, the same clock the driver used to build the Date, so no time zone can shift a
 *   day), NUMBER columns checked to be integers inside 2^53 (all billing amounts are scaled
 *   integers by design: grosze, thousandths…), CLOBs as strings;
 * - every pooled connection gets fixed NLS settings (dates compared as 'YYYY-MM-DD' text) and a
 *   call timeout, so a query that hangs on the server is cut off by the driver as well as by
 *   knex's `.timeout()`.
 */
import { createRequire } from 'node:module';
import type { DatabaseTuning } from '../../config.ts';

/** The bits of an oracledb result-column description the fetch handler looks at. */
export interface ColumnMetadata {
  name: string;
  dbType?: { name?: string } | unknown;
  dbTypeName?: string;
  precision?: number;
  scale?: number;
}

/** Columns whose names say they hold scaled integers (money in grosze, m²×100, …). */
const SCALED_COLUMN = /_(GR|E2|E3|E4)$/i;

export class OracleValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OracleValueError';
  }
}

/**
 * Converts a NUMBER fetched as text into a JS number without losing anything: integers must fit
 * in 2^53, and scaled-integer columns must not carry a fraction (a view that forgot
 * `ROUND(kwota * 100)` is a DBA's mistake to report, never a rounding to hide).
 */
export function exactNumber(column: string): (value: string | null) => number | null {
  return (value) => {
    if (value === null || value === undefined) return null;
    const text = String(value).trim();
    if (/^-?\d+$/.test(text)) {
      const big = BigInt(text);
      if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new OracleValueError(`column ${column}: ${text} does not fit in 2^53 exactly`);
      }
      return Number(big);
    }
    if (SCALED_COLUMN.test(column)) {
      throw new OracleValueError(
        `column ${column}: ${text} is not an integer; the view must deliver scaled integers (docs/oracle.md)`,
      );
    }
    const number = Number(text);
    if (!Number.isFinite(number)) throw new OracleValueError(`column ${column}: "${text}" is not a number`);
    return number;
  };
}

/** A DATE as the calendar day it holds (the driver built the Date in the process's local time). */
export function calendarDate(value: Date | null): string | null {
  if (value === null || value === undefined) return null;
  const y = String(value.getFullYear()).padStart(4, '0');
  const m = String(value.getMonth() + 1).padStart(2, '0');
  const d = String(value.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

interface OracleDbModule {
  fetchTypeHandler?: (metadata: ColumnMetadata) => unknown;
  STRING: unknown;
  DB_TYPE_DATE: unknown;
  DB_TYPE_NUMBER: unknown;
  DB_TYPE_CLOB: unknown;
  thin?: boolean;
}

/** The fetch handler installed on the driver: one decision per result column. */
export function makeFetchTypeHandler(oracledb: OracleDbModule) {
  return (metadata: ColumnMetadata) => {
    const type = (metadata as { dbType?: unknown }).dbType;
    if (type === oracledb.DB_TYPE_NUMBER) {
      return { type: oracledb.STRING, converter: exactNumber(metadata.name) };
    }
    if (type === oracledb.DB_TYPE_DATE) {
      return { converter: calendarDate };
    }
    if (type === oracledb.DB_TYPE_CLOB) {
      return { type: oracledb.STRING };
    }
    return undefined;
  };
}

let installed = false;

/**
 * Loads node-oracledb (Thin mode is its default; nothing here switches to Thick) and installs
 * the fetch handler once per process. Loaded lazily so a SQLite deployment never touches it.
 */
export function prepareOracleDriver(): void {
  if (installed) return;
  const require = createRequire(import.meta.url);
  const oracledb = require('oracledb') as OracleDbModule;
  oracledb.fetchTypeHandler = makeFetchTypeHandler(oracledb);
  installed = true;
}

/**
 * The full connect descriptor for `host:port/service` (what config.ts derives from DATABASE_URL),
 * or the operator's own descriptor/alias unchanged when it is not in that form.
 */
export function connectDescriptor(connectString: string, tuning: DatabaseTuning): string {
  const match = /^\[?([^\]\s/]+?)\]?:(\d{1,5})\/([A-Za-z0-9._$#-]+)$/.exec(connectString);
  if (!match) return connectString;
  const [, host, port, service] = match;
  return (
    '(DESCRIPTION=' +
    (tuning.expireTimeMinutes > 0 ? `(EXPIRE_TIME=${tuning.expireTimeMinutes})` : '') +
    `(TRANSPORT_CONNECT_TIMEOUT=${tuning.connectTimeoutSeconds})` +
    `(CONNECT_TIMEOUT=${tuning.connectTimeoutSeconds + 2})` +
    '(RETRY_COUNT=0)' +
    `(ADDRESS=(PROTOCOL=TCP)(HOST=${host})(PORT=${port}))` +
    `(CONNECT_DATA=(SERVICE_NAME=${service})))`
  );
}

interface PooledConnection {
  callTimeout?: number;
  module?: string;
  execute(sql: string): Promise<unknown>;
}

/**
 * The session settings every pooled connection gets. The services bind calendar dates as
 * `'YYYY-MM-DD'` text and compare them with DATE columns; Oracle converts such text with
 * NLS_DATE_FORMAT, whose default ('DD-MON-RR') would make every such query fail (ORA-01861).
 * The decimal point is fixed for the same reason. Character length semantics make the
 * VARCHAR2(n) columns the portal migrations create hold n characters, not n bytes (a Polish
 * name with diacritics takes more bytes than letters in AL32UTF8).
 */
export const SESSION_SETUP_SQL =
  "ALTER SESSION SET NLS_DATE_FORMAT = 'YYYY-MM-DD' NLS_NUMERIC_CHARACTERS = '.,' " +
  "TIME_ZONE = 'Europe/Warsaw' NLS_LENGTH_SEMANTICS = CHAR";

/**
 * Runs once on every new pooled connection: the session settings above, a driver-level call
 * timeout a little above knex's (knex gives up first and answers 503; the driver then cuts the
 * round trip so the connection does not stay busy), and a module name DBAs see in V$SESSION.
 */
export function afterCreateOracle(tuning: DatabaseTuning) {
  return (connection: PooledConnection, done: (error: Error | null, connection: unknown) => void) => {
    connection.module = 'strefa-bff';
    connection.execute(SESSION_SETUP_SQL).then(
      () => {
        if (tuning.queryTimeoutMs > 0) connection.callTimeout = tuning.queryTimeoutMs + 1_000;
        done(null, connection);
      },
      (error: Error) => done(error, connection),
    );
  };
}

/**
 * Whether a pooled connection may be handed out: knex asks before each use. node-oracledb's
 * `isHealthy()` is a local check of the network link (no round trip), so a connection the
 * database or a firewall dropped is replaced instead of failing a request.
 */
export function isHealthyConnection(connection: unknown): boolean {
  const candidate = connection as { isHealthy?: () => boolean; __knex__disposed?: unknown };
  if (candidate.__knex__disposed) return false;
  return typeof candidate.isHealthy === 'function' ? candidate.isHealthy() : true;
}
