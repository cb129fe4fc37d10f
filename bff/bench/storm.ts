/**
 * The login storm: many residents log in at once (after the monthly charge) while others read
 * their data, each with a login of their own (one login signed in to a hundred times at once is
 * a guessing burst, which the lockout refuses beyond its threshold: issue 11). Every login is a
 * real scrypt verification at production cost; a login answered
 * 429 (the BFF bounds the verifications running and waiting) is retried after its Retry-After,
 * as the widget would let the resident retry, until all of them are in.
 */
import { BenchClient } from './http.ts';
import { figures, type LoadFigures, startLoad } from './load.ts';

export interface StormFigures {
  logins: number;
  /** Successful logins per second, from the first request to the last success. */
  loginsPerSecond: number;
  seconds: number;
  /** Attempts per status over the whole storm (429s included, then retried). */
  statuses: Record<string, number>;
  /** Latency of the successful attempts, ms. */
  loginP50: number;
  loginP99: number;
  loginMax: number;
  /** Data endpoints' figures while the storm ran, and the same mixed load without it. */
  dataDuringStorm: LoadFigures;
  dataWithoutStorm: LoadFigures;
  failed: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function loginStorm(options: {
  url: string;
  /** One account per login of the storm (start passwords: the first step of a new resident). */
  accounts: { login: string; password: string }[];
  dataPaths: string[];
  dataCookie: string;
  connections: number;
  /** Longest baseline run (the storm itself may last minutes on a slow machine). */
  baselineSeconds: number;
  log: (line: string) => void;
}): Promise<StormFigures> {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let failed = 0;
  const attempt = async (account: { login: string; password: string }): Promise<void> => {
    const deadline = performance.now() + 120_000;
    for (;;) {
      const client = new BenchClient(options.url);
      const response = await client
        .send('POST', '/api/v1/session', { login: account.login, password: account.password })
        .catch(() => null);
      const status = response ? String(response.status) : 'network';
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (response?.status === 200) {
        latencies.push(response.ms);
        return;
      }
      if (performance.now() > deadline || (response && response.status !== 429 && response.status !== 503)) {
        failed += 1;
        return;
      }
      const retryAfter = Number(response?.headers.get('retry-after') ?? 1);
      await new Promise((r) => setTimeout(r, Math.max(0.2, Math.min(retryAfter, 5)) * 1000));
    }
  };

  // The data load runs until the storm is over; it starts a second ahead so it is at full speed.
  const load = startLoad({
    url: options.url,
    cookie: options.dataCookie,
    connections: options.connections,
    seconds: 300,
    paths: options.dataPaths,
  });
  await new Promise((r) => setTimeout(r, 1_000));
  const started = performance.now();
  await Promise.all(options.accounts.map(attempt));
  const seconds = (performance.now() - started) / 1000;
  load.stop();
  const during = figures(await load);
  options.log(
    `storm: ${latencies.length} logins in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(statuses)}`,
  );

  // The same mixed load, as long (up to baselineSeconds), without logins: the p99 baseline.
  const without = figures(
    await startLoad({
      url: options.url,
      cookie: options.dataCookie,
      connections: options.connections,
      seconds: Math.max(2, Math.min(options.baselineSeconds, Math.round(seconds + 1))),
      paths: options.dataPaths,
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    logins: latencies.length,
    loginsPerSecond: latencies.length / seconds,
    seconds,
    statuses,
    loginP50: percentile(latencies, 50),
    loginP99: percentile(latencies, 99),
    loginMax: latencies.at(-1) ?? NaN,
    dataDuringStorm: during,
    dataWithoutStorm: without,
    failed,
  };
}
