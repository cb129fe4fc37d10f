/**
 * The real BFF as a child process, the way `npm start` runs it: `node --import tsx
 * bff/src/server.ts` on a free loopback port, over a fresh embedded database that it fills with
 * demo data itself (60 units, 3 years) and the demo accounts. End-to-end tests drive it from
 * Chromium; nothing is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export const DEMO_RESIDENT = { login: 'demo-resident', password: 'demo-resident-password' } as const;
export const DEMO_CLERK = { login: 'demo-clerk', password: 'demo-clerk-password' } as const;

export interface StartBffOptions {
  /** Bind address (default 127.0.0.1). */
  host?: string;
  /** Port; by default a free one is picked. */
  port?: number;
  /** Extra or overriding environment, e.g. `STREFA_ALLOWED_ORIGINS`. */
  env?: Record<string, string>;
  /** How long to wait for "Strefa Mieszkańca is running" (default 120 s). */
  timeoutMs?: number;
}

export interface RunningBff {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  host: string;
  port: number;
  /** The embedded database file of this instance. */
  databaseFile: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its database. */
  stop(): Promise<void>;
}

/** Ports this process has handed out: the OS may offer a just-released port again. */
const handedOut = new Set<number>();

/**
 * Asks the OS for a free TCP port on `host`, never one this process has already handed out (two
 * calls in a row could otherwise get the same port before either is bound).
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await askOs(host);
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: the OS kept offering ports already handed out');
}

function askOs(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts the BFF and resolves once it prints that it is running (database prepared). */
export async function startBff(options: StartBffOptions = {}): Promise<RunningBff> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const dir = mkdtempSync(join(tmpdir(), 'strefa-e2e-'));
  const databaseFile = join(dir, 'strefa.sqlite');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bff/src/server.ts'], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: host,
      DATABASE_URL: `sqlite:${databaseFile}`,
      STREFA_DEMO: 'on',
      STREFA_DEMO_UNITS: '60',
      STREFA_DEMO_YEARS: '3',
      SCRYPT_LOGN: '10',
      SESSION_SECRET: 'e2e-tests-session-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
      // Every test signs in as the demo accounts from this one address, hundreds of times:
      // the per-client login limits (tested in bff/test/security/) would take them for a flood.
      LOGIN_LIMIT_PER_ADDRESS: '1000000',
      LOGIN_LIMIT_PER_LOGIN: '1000000',
      LOGIN_IN_FLIGHT_PER_ADDRESS: '1000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));

  let exited = false;
  const exit = new Promise<void>((resolveExit) =>
    child.once('exit', () => {
      exited = true;
      resolveExit();
    }),
  );

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`BFF did not start within ${options.timeoutMs ?? 120_000} ms:\n${output}`)),
        options.timeoutMs ?? 120_000,
      );
      const check = () => {
        if (output.includes('Strefa Mieszkańca is running')) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`BFF exited with ${code} before it was ready:\n${output}`));
      });
      check();
    });
  } catch (error) {
    await stop();
    throw error;
  }

  return { url: `http://${host}:${port}`, host, port, databaseFile, output: () => output, stop };
}

/** True when the widgets are built (`npm run build`); e2e tests build them when they are not. */
export function widgetsBuilt(): boolean {
  return existsSync(join(repositoryRoot, 'packages/elements/dist/strefa.js'));
}

/** Builds the widgets once if `dist/` is missing, so a single e2e file can run on its own. */
export async function ensureWidgetsBuilt(): Promise<void> {
  if (widgetsBuilt()) return;
  await new Promise<void>((done, fail) => {
    const child = spawn('npm', ['run', 'build', '-w', '@strefa/elements'], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    child.stderr.on('data', (c) => (log += c));
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`widget build failed:\n${log}`))));
  });
}
