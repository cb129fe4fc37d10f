/**
 * The BFF under test, as the operator runs it: a child process `node --import tsx
 * bff/src/server.ts` on its own port and database, in demo mode (so the demo accounts exist), with
 * production's scrypt cost and the bench instruments switched on. Its memory is read from
 * /proc/<pid>/status, which is why the child is node itself and not an npm wrapper.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../src/config.ts';
import { benchDir } from './database.ts';

export interface BffProcess {
  url: string;
  pid: number;
  /** Resident set size, bytes (VmRSS). */
  rss(): number;
  /** Peak resident set size so far, bytes (VmHWM). */
  peakRss(): number;
  /** CPU time the process has used so far (user + system), milliseconds. */
  cpuMs(): number;
  stop(): Promise<number | null>;
  logFile: string;
}

export interface StartOptions {
  database: string;
  port: number;
  scryptLogN?: number;
  /** Extra node flags, e.g. `--cpu-prof --cpu-prof-dir=…`. */
  nodeFlags?: string[];
  /** Modules to preload after tsx (experiments such as bench/statement-cache.ts). */
  preload?: string[];
  env?: Record<string, string>;
  label: string;
  /** The checkout whose `bff/src/server.ts` runs (another commit's exported copy); default this one. */
  root?: string;
}

const READY_LINE = 'Strefa Mieszkańca is running';

/** Children still running: killed if the harness itself dies, so no server is left behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(130);
  });
}

function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux build in use). */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of /proc/<pid>/stat (fields 14 and 15, counted after the command's parentheses). */
function cpuMilliseconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export async function startBff(options: StartOptions): Promise<BffProcess> {
  mkdirSync(benchDir, { recursive: true });
  const logFile = join(benchDir, `bff-${options.label}.log`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      '--import',
      'tsx',
      ...(options.preload ?? []).flatMap((module) => ['--import', module]),
      'bff/src/server.ts',
    ],
    {
      cwd: options.root ?? repositoryRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(options.port),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${options.database}`,
        STREFA_DEMO: 'on',
        SESSION_SECRET: 'bench-session-secret-bench-session-secret',
        SCRYPT_LOGN: String(options.scryptLogN ?? 17),
        STREFA_BENCH_REFERENCE: 'on',
        // Production logs one line per request; keep it, to a file, so the cost is measured too.
        LOG_LEVEL: 'info',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`BFF not ready in 180 s; see ${logFile}`)), 180_000);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      if (seen.length < 100_000) seen += chunk.toString();
      if (seen.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`BFF exited with ${code} before it was ready; see ${logFile}`));
    });
  });
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${options.port}`,
    pid,
    logFile,
    rss: () => statusField(pid, 'VmRSS'),
    peakRss: () => statusField(pid, 'VmHWM'),
    cpuMs: () => cpuMilliseconds(pid),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      log.end();
      return code;
    },
  };
}
