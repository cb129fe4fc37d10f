/**
 * What `npm start` prints: the banner (address, demo logins) once the database is ready, after
 * every start-up line and not in the middle of one; JSON log lines when the output is a pipe (a
 * log collector), readable lines when it is a terminal (a pseudo-terminal from `script`).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { templateDatabase, TEST_TODAY } from '../support/test-app.ts';
import { copyDatabase, repositoryRoot, startBff, type BffProcess } from './support/bff-process.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

const BANNER = 'Strefa Mieszkańca is running at http://127.0.0.1:';
let template: string;
const dirs: string[] = [];

function env(): Record<string, string> {
  const copy = copyDatabase(template);
  dirs.push(copy.dir);
  return {
    DATABASE_URL: `sqlite:${copy.file}`,
    STREFA_DEMO: 'on',
    SESSION_SECRET: 'start-output-test-secret-0123456789abcdef',
  };
}

beforeAll(async () => {
  template = await templateDatabase({ units: 30, years: 2, seed: 7, today: TEST_TODAY });
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('to a pipe', () => {
  let bff: BffProcess;
  beforeAll(async () => {
    bff = await startBff({ env: env() });
  });
  afterAll(async () => {
    await bff?.stop();
  });

  it('prints JSON lines, then the banner once the database is ready, whole', async () => {
    await vi.waitUntil(() => bff.output().includes('password: demo-clerk-password'), { timeout: 30_000 });
    const lines = bff.output().split('\n');
    const start = lines.findIndex((line) => line.startsWith(BANNER));
    expect(start).toBeGreaterThan(0);
    // Everything before it is a JSON log line (or blank), and "database ready" is among them.
    const before = lines.slice(0, start).filter((line) => line.trim());
    expect(before.every((line) => line.startsWith('{"'))).toBe(true);
    expect(before.some((line) => JSON.parse(line).msg === 'database ready')).toBe(true);
    // The banner's lines come together: no log line in between.
    const banner = lines.slice(start, start + 4);
    expect(banner[1]).toBe('Demo accounts (demo mode only):');
    expect(banner.slice(2).every((line) => /^ {2}(resident|clerk) +login: /.test(line))).toBe(true);

    // A request afterwards logs after the banner, as JSON.
    await fetch(`${bff.url}/api/v1/session`);
    await vi.waitUntil(() => bff.output().split('\n').length > start + 5, { timeout: 10_000 });
    const after = bff
      .output()
      .split('\n')
      .slice(start + 4)
      .filter((line) => line.trim());
    expect(after.every((line) => line.startsWith('{"'))).toBe(true);
  });
});

describe('to a terminal', () => {
  it('prints readable log lines (pino-pretty) and the banner after them', async () => {
    const command = `exec ${process.execPath} --import tsx bff/src/server.ts`;
    // `script` gives the server a pseudo-terminal as its stdout, as a shell window would.
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: repositoryRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        SCRYPT_LOGN: '10',
        TERM: 'dumb',
        ...env(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      await vi.waitUntil(() => output.includes('password: demo-clerk-password'), { timeout: 60_000 });
      // eslint-disable-next-line no-control-regex -- colours of the terminal
      const plain = output.replace(/\u001b\[[0-9;]*m/g, '').replace(/\r/g, '');
      const lines = plain.split('\n');
      const start = lines.findIndex((line) => line.startsWith(BANNER));
      expect(start).toBeGreaterThan(0);
      const before = lines.slice(0, start).filter((line) => line.trim());
      expect(before.some((line) => line.startsWith('{'))).toBe(false);
      expect(before.some((line) => /INFO.*database ready/.test(line))).toBe(true);
      expect(before.some((line) => /INFO.*listening/.test(line))).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
