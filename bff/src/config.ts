/**
 * Settings from the environment (the README's settings table lists each with its default; the
 * names are part of the deployment interface and never change), validated once at start. A bad value stops the server with a message that names the variable, never later with a
 * stack trace in the middle of a request.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isValidNip } from './lib/payment-codes.ts';

/** The repository's root: `var/` and the default database live there whatever the cwd. */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Password hashes computed at once unless SCRYPT_CONCURRENCY says otherwise. */
export const SCRYPT_CONCURRENCY = 2;

export type DatabaseSettings =
  | { client: 'sqlite'; filename: string }
  | {
      client: 'oracle';
      user: string;
      password: string;
      connectString: string;
      /** Oracle schema that holds the billing views, e.g. `BILLING`; null: the user's own. */
      billingSchema: string | null;
    };

export interface Config {
  port: number;
  host: string;
  database: DatabaseSettings;
  /** Table name prefix of the billing side (views on Oracle, tables on SQLite). */
  billingTablePrefix: string;
  demo: boolean;
  sessionSecret: string;
  allowedOrigins: string[];
  trustProxy: boolean;
  /** Idle session timeout, ms. */
  sessionIdleMs: number;
  /** Absolute session lifetime, ms. */
  sessionAbsoluteMs: number;
  /** How long a one-time start password stays valid, days. */
  oneTimePasswordDays: number;
  /** Minimum length of a resident's own password. */
  passwordMinLength: number;
  /** scrypt cost (log2 N): 17 in production (OWASP); tests lower it. */
  scryptLogN: number;
  /**
   * Password hashes computed at once (SCRYPT_CONCURRENCY, default 2). Each takes a core and
   * 128 MiB; on a two-core host 1 keeps a core for the data endpoints during a login storm.
   */
  scryptConcurrency: number;
  /** Consecutive failures before a lockout, and its first length in ms (doubling on repeat). */
  lockoutThreshold: number;
  lockoutBaseMs: number;
  /** Address printed on activation letters. */
  publicUrl: string;
  logLevel: string;
  /** Pool and timeouts of the database connection (docs/deployment.md). */
  db: DatabaseTuning;
  /** CSP `frame-ancestors`: who may frame the portal (STREFA_FRAME_ANCESTORS). */
  frameAncestors: string;
  /** Per-client limits on sign-in attempts (services/login-limits.ts, docs/security.md). */
  loginLimits: LoginLimitSettings;
  /**
   * Words of this cooperative a guesser tries first (its name, town, postcode), refused inside
   * passwords (STREFA_PASSWORD_WORDS, comma-separated).
   */
  passwordWords: string[];
  /** The payment recipient (COOPERATIVE_*); null when not set outside demo mode (no transfer data). */
  cooperative: CooperativeSettings | null;
  /** Day of the month by which the month's fees are due (PAYMENT_DUE_DAY, default 10). */
  paymentDueDay: number;
  /** Billing data older than this many hours are reported as stale (STALE_AFTER_HOURS, default 48). */
  staleAfterHours: number;
  /** Yearly statements (PDF) made at once (STATEMENT_CONCURRENCY); more wait, a few, then 429. */
  statementConcurrency: number;
}

export interface LoginLimitSettings {
  /** Attempts per client address per window (LOGIN_LIMIT_PER_ADDRESS). */
  perAddress: number;
  /** Attempts per typed login per window (LOGIN_LIMIT_PER_LOGIN). */
  perLogin: number;
  /** The counting window, ms (LOGIN_LIMIT_WINDOW_MINUTES). */
  windowMs: number;
  /** Password checks in flight or queued per address on one instance (LOGIN_IN_FLIGHT_PER_ADDRESS). */
  inFlightPerAddress: number;
}

/** The demo cooperative's own words (docs: the domain's Pabianicka Spółdzielnia Mieszkaniowa). */
export const DEFAULT_PASSWORD_WORDS = ['Pabianicka Spółdzielnia Mieszkaniowa', 'PSM', 'Pabianice', '95-200'];

/** The cooperative as the recipient of residents' transfers. */
export interface CooperativeSettings {
  name: string;
  /** One line: street, postal code and city. */
  address: string;
  /** 10 digits, check digit verified at start. */
  nip: string;
}

/** The demo cooperative's recipient data, used in demo mode when COOPERATIVE_* are not set. */
export const DEMO_COOPERATIVE: CooperativeSettings = {
  name: 'Pabianicka Spółdzielnia Mieszkaniowa',
  address: 'ul. Zamkowa 42, 95-200 Pabianice',
  nip: '7311948207',
};

export interface DatabaseTuning {
  /** Pooled connections kept open and the most opened at once (Oracle; SQLite uses one). */
  poolMin: number;
  poolMax: number;
  /** How long a request waits for a pooled connection before it is answered 503. */
  acquireTimeoutMs: number;
  /** The longest one query may run before the request is answered 503 (0: no limit). */
  queryTimeoutMs: number;
  /** Oracle: minutes between keep-alive probes of idle connections (EXPIRE_TIME). */
  expireTimeMinutes: number;
  /** Oracle: seconds to establish a new connection (TRANSPORT_CONNECT_TIMEOUT). */
  connectTimeoutSeconds: number;
  /**
   * How read queries run on SQLite (DB_QUERY_RUNNER): `direct` (compiled once per shape, on
   * better-sqlite3 directly) or `knex` (what Oracle runs; for comparison). Oracle always uses knex.
   */
  queryRunner?: 'direct' | 'knex';
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `expected ${min}…${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `expected on/off (1/0, true/false), got "${raw}"`);
}

export function parseDatabaseUrl(url: string, env: Env = {}): DatabaseSettings {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path)
      throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:var/strefa.sqlite');
    if (path === ':memory:') return { client: 'sqlite', filename: path };
    return { client: 'sqlite', filename: isAbsolute(path) ? path : resolve(repositoryRoot, path) };
  }
  if (url.startsWith('oracle://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', 'expected oracle://USER:PASSWORD@HOST:PORT/SERVICE');
    }
    const service = parsed.pathname.replace(/^\//, '');
    if (!parsed.username || !parsed.hostname || !service)
      throw new ConfigError('DATABASE_URL', 'expected oracle://USER:PASSWORD@HOST:PORT/SERVICE');
    return {
      client: 'oracle',
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      connectString: `${parsed.hostname}:${parsed.port || '1521'}/${service}`,
      billingSchema: env.BILLING_SCHEMA?.trim() || null,
    };
  }
  throw new ConfigError('DATABASE_URL', 'expected sqlite:PATH or oracle://USER:PASSWORD@HOST:PORT/SERVICE');
}

/** Demo mode keeps a generated session secret under var/ so sessions survive a restart. */
function demoSessionSecret(): string {
  const file = resolve(repositoryRoot, 'var/session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  const database = parseDatabaseUrl(env.DATABASE_URL?.trim() || 'sqlite:var/strefa.sqlite', env);
  const demo = flag(env, 'STREFA_DEMO', database.client === 'sqlite');
  if (demo && database.client === 'oracle')
    throw new ConfigError('STREFA_DEMO', 'demo data is refused on an Oracle database');

  let sessionSecret = env.SESSION_SECRET?.trim() ?? '';
  if (!sessionSecret) {
    if (!demo) throw new ConfigError('SESSION_SECRET', 'required outside demo mode (32+ random characters)');
    sessionSecret = demoSessionSecret();
  } else if (sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters');
  }

  const ownOrigin = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  const allowedOrigins = (env.STREFA_ALLOWED_ORIGINS?.trim() || ownOrigin)
    .split(',')
    .map((origin) => origin.trim().replace(/\/$/, ''))
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError('STREFA_ALLOWED_ORIGINS', `"${origin}" is not an origin like https://example.pl`);
    }
    if (parsed.origin !== origin)
      throw new ConfigError('STREFA_ALLOWED_ORIGINS', `"${origin}" is not an origin like https://example.pl`);
  }
  // The server's own origin under localhost and 127.0.0.1 alike, so the demo works either way.
  if (!env.STREFA_ALLOWED_ORIGINS?.trim()) {
    allowedOrigins.push(`http://localhost:${port}`, `http://127.0.0.1:${port}`);
  }

  const prefix = env.BILLING_TABLE_PREFIX?.trim() ?? 'billing_';
  if (!/^[A-Za-z0-9_]*$/.test(prefix))
    throw new ConfigError('BILLING_TABLE_PREFIX', 'letters, digits and _ only');

  return {
    port,
    host,
    database,
    billingTablePrefix: prefix,
    demo,
    sessionSecret,
    allowedOrigins: [...new Set(allowedOrigins)],
    trustProxy: flag(env, 'TRUST_PROXY', false),
    sessionIdleMs: integer(env, 'SESSION_IDLE_MINUTES', 20, 1, 24 * 60) * 60_000,
    sessionAbsoluteMs: integer(env, 'SESSION_ABSOLUTE_HOURS', 8, 1, 24 * 7) * 3_600_000,
    oneTimePasswordDays: integer(env, 'ONE_TIME_PASSWORD_DAYS', 14, 1, 90),
    passwordMinLength: integer(env, 'PASSWORD_MIN_LENGTH', 12, 8, 64),
    scryptLogN: integer(env, 'SCRYPT_LOGN', 17, 10, 20),
    scryptConcurrency: integer(env, 'SCRYPT_CONCURRENCY', SCRYPT_CONCURRENCY, 1, 16),
    lockoutThreshold: integer(env, 'LOCKOUT_THRESHOLD', 5, 1, 100),
    lockoutBaseMs: integer(env, 'LOCKOUT_MINUTES', 15, 1, 24 * 60) * 60_000,
    publicUrl: env.STREFA_PUBLIC_URL?.trim() || allowedOrigins[0] || ownOrigin,
    logLevel: env.LOG_LEVEL?.trim() || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    db: databaseTuning(env),
    frameAncestors: frameAncestors(env),
    loginLimits: {
      perAddress: integer(env, 'LOGIN_LIMIT_PER_ADDRESS', 100, 1, 1_000_000),
      perLogin: integer(env, 'LOGIN_LIMIT_PER_LOGIN', 20, 1, 1_000_000),
      windowMs: integer(env, 'LOGIN_LIMIT_WINDOW_MINUTES', 5, 1, 24 * 60) * 60_000,
      inFlightPerAddress: integer(env, 'LOGIN_IN_FLIGHT_PER_ADDRESS', 2, 1, 1000),
    },
    passwordWords: env.STREFA_PASSWORD_WORDS?.trim()
      ? env.STREFA_PASSWORD_WORDS.split(',')
          .map((word) => word.trim())
          .filter(Boolean)
      : DEFAULT_PASSWORD_WORDS,
    cooperative: cooperative(env, demo),
    paymentDueDay: integer(env, 'PAYMENT_DUE_DAY', 10, 1, 28),
    staleAfterHours: integer(env, 'STALE_AFTER_HOURS', 48, 1, 24 * 365),
    statementConcurrency: integer(env, 'STATEMENT_CONCURRENCY', 2, 1, 16),
  };
}

/**
 * COOPERATIVE_NAME, COOPERATIVE_ADDRESS, COOPERATIVE_NIP: all three or none. None: the demo
 * cooperative in demo mode, else null (the payment endpoint then shows balances without
 * transfer data and says so). A NIP may be written with dashes or spaces; its check digit must hold.
 */
function cooperative(env: Env, demo: boolean): CooperativeSettings | null {
  const name = env.COOPERATIVE_NAME?.trim() ?? '';
  const address = env.COOPERATIVE_ADDRESS?.trim() ?? '';
  const rawNip = env.COOPERATIVE_NIP?.trim() ?? '';
  if (!name && !address && !rawNip) return demo ? DEMO_COOPERATIVE : null;
  if (!name)
    throw new ConfigError('COOPERATIVE_NAME', 'required with COOPERATIVE_ADDRESS and COOPERATIVE_NIP');
  if (name.length > 140) throw new ConfigError('COOPERATIVE_NAME', 'at most 140 characters');
  if (!address)
    throw new ConfigError(
      'COOPERATIVE_ADDRESS',
      'required with COOPERATIVE_NAME (street, postal code and city)',
    );
  if (address.length > 200) throw new ConfigError('COOPERATIVE_ADDRESS', 'at most 200 characters');
  const nip = rawNip.replace(/^PL/i, '').replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(nip)) throw new ConfigError('COOPERATIVE_NIP', `expected 10 digits, got "${rawNip}"`);
  if (!isValidNip(nip)) throw new ConfigError('COOPERATIVE_NIP', `"${rawNip}" fails the NIP check digit`);
  return { name, address, nip };
}

function databaseTuning(env: Env): DatabaseTuning {
  const poolMin = integer(env, 'DB_POOL_MIN', 0, 0, 100);
  const poolMax = integer(env, 'DB_POOL_MAX', 10, 1, 100);
  if (poolMin > poolMax) throw new ConfigError('DB_POOL_MIN', `must not exceed DB_POOL_MAX (${poolMax})`);
  return {
    poolMin,
    poolMax,
    acquireTimeoutMs: integer(env, 'DB_ACQUIRE_TIMEOUT_MS', 3_000, 100, 60_000),
    queryTimeoutMs: integer(env, 'DB_QUERY_TIMEOUT_MS', 4_000, 0, 600_000),
    expireTimeMinutes: integer(env, 'DB_EXPIRE_MINUTES', 2, 0, 60),
    connectTimeoutSeconds: integer(env, 'DB_CONNECT_TIMEOUT_SECONDS', 3, 1, 60),
    queryRunner: queryRunnerChoice(env),
  };
}

function queryRunnerChoice(env: Env): 'direct' | 'knex' {
  const raw = env.DB_QUERY_RUNNER?.trim() || 'direct';
  if (raw !== 'direct' && raw !== 'knex') throw new ConfigError('DB_QUERY_RUNNER', 'must be direct or knex');
  return raw;
}

/** CSP source list for frame-ancestors: 'self', 'none' or origins; anything else is refused. */
function frameAncestors(env: Env): string {
  const raw = env.STREFA_FRAME_ANCESTORS?.trim();
  if (!raw) return "'self'";
  const sources = raw.split(/[\s,]+/).filter(Boolean);
  for (const source of sources) {
    if (source === "'self'" || source === "'none'" || source === 'self' || source === 'none') continue;
    if (!/^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/.test(source))
      throw new ConfigError('STREFA_FRAME_ANCESTORS', `"${source}" is not 'self', 'none' or an origin`);
  }
  return sources.map((s) => (s === 'self' || s === 'none' ? `'${s}'` : s)).join(' ');
}
