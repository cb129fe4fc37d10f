/** Load runs with autocannon, reduced to the figures the report needs. */
import autocannon, { type Instance, type Options, type Result } from 'autocannon';

export interface LoadFigures {
  /** Mean requests per second over the run. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /**
   * The server's CPU time per answered request, microseconds (its user + system time over the
   * measured run, divided by the requests): what one request costs, nearly unaffected by how
   * much CPU other processes of a shared machine take meanwhile. Null when not measured.
   */
  cpuUsPerRequest: number | null;
}

export function figures(result: Result): LoadFigures {
  return {
    rps: round(result.requests.average, 1),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    cpuUsPerRequest: null,
  };
}

export function round(value: number, places = 2): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

export interface LoadOptions {
  url: string;
  cookie?: string;
  connections: number;
  seconds: number;
  /** Several paths served round-robin (the mixed load of the login storm). */
  paths?: string[];
}

export function startLoad(options: LoadOptions): Instance {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.cookie) headers.cookie = options.cookie;
  const config: Options = {
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    headers,
  };
  if (options.paths) config.requests = options.paths.map((path) => ({ method: 'GET', path }));
  return autocannon(config);
}

/**
 * A warm-up (JIT, SQLite page cache) and then the measured run; `serverCpuMs` (the server's
 * CPU clock, see server.ts) adds the CPU time per request.
 */
export async function measure(
  options: LoadOptions & { warmupSeconds: number; serverCpuMs?: () => number },
): Promise<LoadFigures> {
  if (options.warmupSeconds > 0) await startLoad({ ...options, seconds: options.warmupSeconds });
  const cpuBefore = options.serverCpuMs?.();
  const result = figures(await startLoad(options));
  if (cpuBefore !== undefined && result.requests > 0) {
    result.cpuUsPerRequest = round(((options.serverCpuMs!() - cpuBefore) * 1000) / result.requests, 1);
  }
  return result;
}
