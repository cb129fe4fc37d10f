/**
 * A real BFF process for the production tests: `node --import tsx bff/src/server.ts` with the
 * given environment, its JSON log lines collected, its port read from the "listening" line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = resolve(here, '../../../..');
export const FAULTS_PRELOAD = resolve(here, 'faults.ts');

export interface LogLine {
  level?: number;
  msg?: string;
  [key: string]: unknown;
}

export interface BffProcess {
  child: ChildProcess;
  url: string;
  port: number;
  logs: LogLine[];
  /** Raw output (stdout and stderr), for assertions on crashes. */
  output(): string;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: Record<string, string>;
  /** Extra `--import` modules (e.g. FAULTS_PRELOAD). */
  preload?: string[];
  /** Resolve before the server says "database ready" (for tests of a missing database). */
  waitForReady?: boolean;
  timeoutMs?: number;
}

export async function startBff(options: StartOptions): Promise<BffProcess> {
  const args = ['--import', 'tsx'];
  for (const module of options.preload ?? []) args.push('--import', module);
  args.push(join(repositoryRoot, 'bff/src/server.ts'));
  const child = spawn(process.execPath, args, {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SCRYPT_LOGN: '10',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let raw = '';
  const waiters: { predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let buffered = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    raw += text;
    buffered += text;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      let parsed: LogLine;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        continue;
      }
      logs.push(parsed);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(parsed)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(parsed);
        }
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((resolveExit) => {
    child.on('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown'));
  });

  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 30_000) => {
    const found = logs.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<LogLine>((resolveLine, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no matching log line within ${timeoutMs} ms; output:\n${raw.slice(-4000)}`));
      }, timeoutMs);
      waiters.push({
        predicate,
        resolve: (line) => {
          clearTimeout(timer);
          resolveLine(line);
        },
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}) first; output:\n${raw.slice(-4000)}`));
      });
    });
  };

  const listening = await waitForLog((line) => line.msg === 'listening', options.timeoutMs ?? 60_000);
  const port = Number(listening.port);
  if (options.waitForReady !== false) {
    await waitForLog((line) => line.msg === 'database ready', options.timeoutMs ?? 120_000);
  }
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    logs,
    output: () => raw,
    waitForLog,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** A private copy of a generated database, for one test's processes. */
export function copyDatabase(template: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'strefa-prod-'));
  const file = join(dir, 'strefa.sqlite');
  copyFileSync(template, file);
  return { dir, file };
}
