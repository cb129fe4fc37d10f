/**
 * Faults, each against a real BFF process (bff/src/server.ts):
 *
 * - the database unreachable at start: Oracle through the real driver against a closed port
 *   (real), and an embedded database whose volume is missing and appears later (real files; the
 *   "volume" is a directory the test creates), from which the server recovers by itself;
 * - a query over DB_QUERY_TIMEOUT_MS, a client that disconnects mid-request, and SIGTERM during
 *   requests: the slowness is injected into knex by support/faults.ts (simulated latency; the
 *   server code is unchanged).
 */
import { mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestClient, templateDatabase, TEST_TODAY } from '../support/test-app.ts';
import { copyDatabase, FAULTS_PRELOAD, startBff, type BffProcess } from './support/bff-process.ts';

// Real processes start (tsx, database preparation) in seconds, longer on a busy CI machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

const ORIGIN = 'https://strefa.example.pl';
const SECRET = 'faults-test-session-secret-0123456789abcdef';
const RESIDENT = { login: 'demo-resident', password: 'demo-resident-password' };
const CLERK = { login: 'demo-clerk', password: 'demo-clerk-password' };

let template: string;
const running: BffProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  template = await templateDatabase({ units: 30, years: 2, seed: 7, today: TEST_TODAY });
}, 120_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map((bff) => bff.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(
  env: Record<string, string>,
  options: { faults?: boolean; waitForReady?: boolean } = {},
) {
  let armFile: string | undefined;
  if (options.faults) {
    const { dir } = copyDatabase(template);
    dirs.push(dir);
    armFile = join(dir, 'faults-armed');
  }
  const bff = await startBff({
    env: {
      SESSION_SECRET: SECRET,
      STREFA_ALLOWED_ORIGINS: ORIGIN,
      ...(armFile ? { STREFA_FAULT_ARMED_WHILE: armFile } : {}),
      ...env,
    },
    preload: options.faults ? [FAULTS_PRELOAD] : [],
    waitForReady: options.waitForReady,
  });
  running.push(bff);
  // The database is prepared; from now on the injected slowness acts.
  if (armFile) writeFileSync(armFile, '');
  return bff;
}

function sqliteEnv(): Record<string, string> {
  const { dir, file } = copyDatabase(template);
  dirs.push(dir);
  return { DATABASE_URL: `sqlite:${file}`, STREFA_DEMO: 'on' };
}

/** A TCP port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const client = (bff: BffProcess) => new TestClient(bff.url, { origin: ORIGIN });

describe('the database unreachable at start', () => {
  it('Oracle on a closed port: the server starts, /readyz and data endpoints answer 503 within 5 s', async () => {
    const port = await closedPort();
    const bff = await start(
      { DATABASE_URL: `oracle://strefa:secret@127.0.0.1:${port}/STREFA`, DB_ACQUIRE_TIMEOUT_MS: '3000' },
      { waitForReady: false },
    );
    const anonymous = client(bff);
    expect((await anonymous.get('/healthz')).status).toBe(200);

    const ready = await timed(() => anonymous.get('/readyz'));
    expect(ready.value.status).toBe(503);
    expect(ready.value.body.error.code).toBe('unavailable');
    expect(ready.value.headers.get('retry-after')).toBe('5');
    expect(ready.ms).toBeLessThan(5_000);

    const login = await timed(() => anonymous.post('/api/v1/session', RESIDENT));
    expect(login.value.status).toBe(503);
    expect(login.value.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    expect(login.ms).toBeLessThan(5_000);
    expect(JSON.stringify(login.value.body)).not.toMatch(/NJS-|ORA-|ECONN|select/i);

    // The preparation is retried (every 5 s) and the reason is in the log for the operator.
    const retry = await bff.waitForLog((line) => line.msg === 'database not ready; retrying in 5 s');
    expect(JSON.stringify(retry)).toMatch(/NJS-|ECONNREFUSED/);
    expect((await anonymous.get('/healthz')).status).toBe(200);
  });

  it('an embedded database whose volume appears later: 503 meanwhile, then recovery without a restart', async () => {
    const { dir } = copyDatabase(template);
    dirs.push(dir);
    // The database's directory is not there (a plain file stands where the mount should be).
    const volume = join(dir, 'volume');
    writeFileSync(volume, 'not mounted');
    const bff = await start(
      { DATABASE_URL: `sqlite:${join(volume, 'strefa.sqlite')}`, STREFA_DEMO: 'on' },
      { waitForReady: false },
    );
    const anonymous = client(bff);
    expect((await anonymous.get('/healthz')).status).toBe(200);
    const ready = await timed(() => anonymous.get('/readyz'));
    expect(ready.value.status).toBe(503);
    expect(ready.ms).toBeLessThan(5_000);
    const login = await timed(() => anonymous.post('/api/v1/session', RESIDENT));
    expect(login.value.status).toBe(503);
    expect(login.value.body.error.code).toBe('unavailable');
    expect(login.ms).toBeLessThan(5_000);

    // The volume is mounted with the cooperative's database on it.
    rmSync(volume);
    mkdirSync(volume);
    copyFileSync(join(dir, 'strefa.sqlite'), join(volume, 'strefa.sqlite'));
    await bff.waitForLog((line) => line.msg === 'database ready', 20_000);
    expect((await anonymous.get('/readyz')).status).toBe(200);
    expect((await anonymous.post('/api/v1/session', RESIDENT)).status).toBe(200);
  }, 60_000);
});

describe('a slow database', () => {
  it('a query over DB_QUERY_TIMEOUT_MS is answered 503 unavailable, and the next request is served', async () => {
    const bff = await start(
      {
        ...sqliteEnv(),
        DB_QUERY_TIMEOUT_MS: '500',
        STREFA_FAULT_SQL: 'portal_credentials',
        STREFA_FAULT_STATEMENT_MS: '8000',
      },
      { faults: true },
    );
    const anonymous = client(bff);
    const login = await timed(() => anonymous.post('/api/v1/session', RESIDENT));
    expect(login.value.status).toBe(503);
    expect(login.value.body.error.code).toBe('unavailable');
    // Cut off at the limit, long before the 8 s statement would have ended: an API answer (here a
    // 503) never takes longer than 5 s.
    expect(login.ms).toBeLessThan(5_000);
    const logged = await bff.waitForLog((line) => line.msg === 'database unavailable');
    expect(JSON.stringify(logged)).toMatch(/KnexTimeoutError|Defined query timeout/);
    // The timed-out connection was discarded; a fresh one serves the next request.
    expect((await anonymous.get('/readyz')).status).toBe(200);
  });

  it('a client that disconnects mid-request: no crash, no unhandled rejection, and the log says so', async () => {
    const bff = await start(
      { ...sqliteEnv(), STREFA_FAULT_SQL: 'portal_credentials', STREFA_FAULT_LATENCY_MS: '1500' },
      { faults: true },
    );
    const controller = new AbortController();
    const aborted = fetch(`${bff.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify(RESIDENT),
      signal: controller.signal,
    }).catch((error: Error) => error);
    // Abort once the request is inside the handler, waiting on its (slowed) statement.
    await bff.waitForLog((l) => l.msg === 'fault: statement delayed');
    controller.abort();
    expect(await aborted).toBeInstanceOf(Error);

    const line = await bff.waitForLog((l) => l.msg === 'client disconnected before the response was sent');
    expect(line).toMatchObject({ method: 'POST', path: '/api/v1/session' });
    // The handler ran to its end (its request line is logged) and the process lives on.
    await bff.waitForLog((l) => l.msg === 'request' && l.path === '/api/v1/session');
    expect((await client(bff).get('/healthz')).status).toBe(200);
    expect((await client(bff).post('/api/v1/session', CLERK)).status).toBe(200);
    expect(bff.child.exitCode).toBeNull();
    expect(bff.output()).not.toMatch(/unhandled|uncaught|ERR_STREAM|TypeError/i);
  });
});

describe('SIGTERM during requests', () => {
  it('finishes the requests in flight, refuses new connections, closes the pool and exits 0', async () => {
    const bff = await start(
      { ...sqliteEnv(), STREFA_FAULT_SQL: 'portal_credentials', STREFA_FAULT_LATENCY_MS: '1500' },
      { faults: true },
    );
    const inFlight = [
      client(bff).post('/api/v1/session', RESIDENT),
      client(bff).post('/api/v1/session', CLERK),
    ];
    // Both requests are in flight: each is waiting on its (slowed) statement.
    const delayed = (line: { msg?: unknown }) => line.msg === 'fault: statement delayed';
    await bff.waitForLog((line) => delayed(line) && bff.logs.filter(delayed).length >= 2);
    bff.child.kill('SIGTERM');
    await bff.waitForLog((line) => line.msg === 'shutting down: finishing requests in flight');

    // The listening socket closes at once (the kernel lets go of it on the next turn of the
    // event loop): new TCP connections are refused while the requests in flight still run.
    let answered = false;
    void Promise.all(inFlight).then(() => (answered = true));
    const attempt = () =>
      new Promise<string | undefined>((resolve) => {
        const socket = connect(bff.port, '127.0.0.1');
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
      });
    let refused = await attempt();
    for (let tries = 0; refused !== 'ECONNREFUSED' && tries < 50; tries++) refused = await attempt();
    expect(refused).toBe('ECONNREFUSED');
    expect(answered).toBe(false);

    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[0]!.headers.get('connection')).toBe('close');
    expect(await bff.exited).toBe(0);
    expect(bff.logs.some((line) => line.msg === 'database pool closed; stopped')).toBe(true);
  });
});
