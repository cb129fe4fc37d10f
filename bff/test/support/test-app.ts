/**
 * The real app over a real embedded database, for server tests. Each context gets its own copy
 * of a generated database (the template is generated once per size and cached in the OS temp
 * folder), the full middleware stack, and an HTTP client with a cookie jar that talks to the app
 * over a real loopback socket, the way a browser would.
 */
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type Koa from 'koa';
import { buildApp, type BuiltApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { createDemoAccounts } from '../../src/db/demo-data/demo-accounts.ts';
import {
  GENERATOR_VERSION,
  generateDemoData,
  type GenerateOptions,
} from '../../src/db/demo-data/generate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { migrate } from '../../src/db/prepare.ts';
import { createHttpServer } from '../../src/http-server.ts';
import { createLogger } from '../../src/logger.ts';
import type { Services } from '../../src/services/index.ts';

/** A fixed "today" for generated test data, so every run sees the same database. */
export const TEST_TODAY = '2026-11-15';

export const DEFAULT_TEST_DATA: Required<Pick<GenerateOptions, 'units' | 'years' | 'seed' | 'today'>> = {
  units: 60,
  years: 3,
  seed: 7,
  today: TEST_TODAY,
};

const baseEnv = {
  NODE_ENV: 'test',
  SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
  STREFA_DEMO: 'on',
  SCRYPT_LOGN: '10', // fast hashing in tests; production uses 17
  LOG_LEVEL: 'silent',
};

/** Path of a generated database of this shape, created on first use and shared read-only. */
export async function templateDatabase(options: GenerateOptions = DEFAULT_TEST_DATA): Promise<string> {
  const shape = { ...DEFAULT_TEST_DATA, ...options };
  const file = join(
    tmpdir(),
    // The migrations' count too: a template made before a new migration lacks its tables.
    `strefa-template-v1-g${GENERATOR_VERSION}-m${migrations.length}-${shape.units}u-${shape.years}y-s${shape.seed}-${shape.today}.sqlite`,
  );
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  const config = loadConfig({ ...baseEnv, DATABASE_URL: `sqlite:${partial}` });
  const knex = openDatabase(config);
  try {
    await migrate(knex);
    await generateDemoData(knex, shape);
    await createDemoAccounts(knex, config);
    await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await knex.destroy();
  }
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  renameSync(partial, file); // atomic: a parallel worker sees the whole file or none
  return file;
}

export interface TestContext {
  app: Koa;
  knex: Knex;
  config: Config;
  /** The app's own services (its queues and caches are the ones requests use). */
  services: Services;
  /** The routers the app mounts, and the methods its routes accept on a path. */
  routers: BuiltApp['routers'];
  allowedMethods: BuiltApp['allowedMethods'];
  /** The base URL of the app on loopback, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Moves the app's clock forward (sessions, locks and start passwords expire by it). */
  advance(ms: number): void;
  /** A new browser-like client with its own cookie jar. */
  client(options?: ClientOptions): TestClient;
  close(): Promise<void>;
}

export interface TestContextOptions {
  data?: GenerateOptions;
  env?: Record<string, string>;
  /** Start of the app's clock, epoch ms; defaults to the real time. */
  startAt?: number;
}

export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const template = await templateDatabase({ ...DEFAULT_TEST_DATA, ...options.data });
  const dir = mkdtempSync(join(tmpdir(), 'strefa-test-'));
  const file = join(dir, 'strefa.sqlite');
  copyFileSync(template, file);
  const config = loadConfig({ ...baseEnv, DATABASE_URL: `sqlite:${file}`, ...options.env });
  const knex = openDatabase(config);
  await migrate(knex);
  let offset = 0;
  const start = options.startAt ?? Date.now();
  const realStart = Date.now();
  const now = () => start + (Date.now() - realStart) + offset;
  const logger = createLogger('silent');
  const built = buildApp({ config, knex, logger, now });
  const { app, services } = built;
  const server: Server = createHttpServer(built);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    app,
    knex,
    config,
    services,
    routers: built.routers,
    allowedMethods: built.allowedMethods,
    url,
    advance: (ms) => {
      offset += ms;
    },
    client: (clientOptions) => new TestClient(url, clientOptions),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ClientOptions {
  /** The Origin header sent with non-GET requests; the app's own by default. */
  origin?: string | null;
  headers?: Record<string, string>;
}

export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** The raw Set-Cookie lines of this response. */
  setCookies: string[];
}

/** A minimal browser: a cookie jar, JSON bodies, and the Origin header a browser would send. */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    readonly options: ClientOptions = {},
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const origin = this.options.origin === undefined ? this.base : this.options.origin;
    const response = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: {
        Accept: 'application/json',
        ...(this.cookies.size ? { Cookie: this.cookieHeader() } : {}),
        ...(method !== 'GET' && method !== 'HEAD' && origin ? { Origin: origin } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...this.options.headers,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, headers: response.headers, body: parsed as T, setCookies };
  }

  get = <T = any>(path: string, headers?: Record<string, string>) =>
    this.request<T>('GET', path, undefined, headers);
  post = <T = any>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
    this.request<T>('POST', path, body, headers);
  put = <T = any>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
    this.request<T>('PUT', path, body, headers);
  delete = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request<T>('DELETE', path, body, headers);
}
