/** The shape of a bench run's results (bench/results/latest.json), shared by run.ts and report.ts. */
import type { BrowserFigures } from './browser.ts';
import type { FloodFigures } from './flood.ts';
import type { LoadFigures } from './load.ts';
import type { ProfileSummary } from './profile.ts';
import type { SizeFigures } from './sizes.ts';
import type { StatementFigures } from './statement.ts';
import type { StormFigures } from './storm.ts';

/** Figures far from the reference that must be profiled and explained (issue 7). */
export const THRESHOLDS = { minRatio: 0.5, maxQueries: 3, maxP99Ms: 50 };

export interface Target {
  name: 'session' | 'charges' | 'accounts' | 'documents' | 'readings' | 'payment' | 'balance-history';
  path: string;
  note: string;
}

export interface EndpointFigures extends Target {
  status: number;
  bytes: number;
  /** Queries of one request (session lookup and touch included), from X-Query-Count. */
  queries: number | null;
  /** Of those, the ones on the session table (read, rolling renewal). */
  sessionQueries: number | null;
  queryMs: number | null;
  /** The statements themselves (captured in-process with the same app and database). */
  sql: string[];
  /** SQLite's query plan of each statement. */
  plans: string[][];
  load: LoadFigures | null;
  reference: LoadFigures | null;
  /** rps(endpoint) / rps(reference of the same body size). */
  ratio: number | null;
  /** The server's CPU time per request, reference / endpoint: the same ratio, robust to a noisy machine. */
  cpuRatio: number | null;
}

export interface DatabaseRun {
  units: number;
  years: number;
  file: string;
  sizeMiB: number;
  generatedSeconds: number | null;
  rows: Record<string, number>;
  endpoints: EndpointFigures[];
  memory: { restMiB: number; afterLoadMiB: number; peakMiB: number };
  loginMs: number;
}

export interface BenchResults {
  version: 1;
  date: string;
  quick: boolean;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    os: string;
    loadAverageAtStart: number[];
  };
  settings: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    scryptLogN: number;
    logins: number;
    browserRuns: number;
    /** `--browser-latency`: ms emulated on every request of the timed pages (0: none). */
    browserLatencyMs: number;
  };
  databases: DatabaseRun[];
  storm: (StormFigures & { units: number }) | null;
  /** One flooding client and 20 legitimate logins (bench/flood.ts); null when skipped. */
  flood?: FloodFigures | null;
  /**
   * The data endpoints on the largest database with DB_QUERY_RUNNER=knex: the production path
   * (what Oracle runs: every query built and run by knex), against the direct SQLite runner.
   */
  knexPath: {
    units: number;
    endpoints: Array<{
      name: string;
      rps: number;
      p99: number;
      cpuUsPerRequest: number | null;
      directCpuUsPerRequest: number | null;
      /** CPU per request, knex / direct (the target: at most 1.5). */
      cpuFactor: number | null;
    }>;
  } | null;
  browser: (BrowserFigures & { units: number }) | null;
  widgets: SizeFigures[] | null;
  /** The yearly statement (PDF) per database: the busiest unit in process, and over HTTP. */
  statements?: StatementFigures[];
  profiles: Array<{ endpoint: string; units: number; file: string; summary: ProfileSummary }>;
  attention: string[];
  notes: string[];
}
