/**
 * The progress of `npm run generate`: on a terminal, one line redrawn in place (phase, units
 * done, rows written, elapsed time and the units' ETA); elsewhere (a pipe, a CI log) nothing
 * until the one summary line at the end.
 */
import type { GenerateProgress } from '../db/demo-data/generate.ts';

const BAR_WIDTH = 24;

/** m:ss (or h:mm:ss) of a duration. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A row count as people read it: 912, 48.2 k, 24.9 M. */
export function rowCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} k`;
  return `${(n / 1_000_000).toFixed(1)} M`;
}

/**
 * One line of progress. The ETA is the units' (their rate so far); the phases after them
 * (fee components expanded by SQLite, indexes, commit) show their name and the time so far.
 */
export function progressLine(progress: GenerateProgress, elapsedMs: number): string {
  const share = progress.units > 0 ? progress.unitsDone / progress.units : 0;
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const parts = [
    progress.phase.padEnd(14),
    bar,
    `${progress.unitsDone}/${progress.units} units`,
    `${rowCount(progress.rows)} rows`,
    clock(elapsedMs),
  ];
  if (progress.phase === 'units' && progress.unitsDone > 0 && progress.unitsDone < progress.units) {
    parts.push(`ETA ${clock((elapsedMs / progress.unitsDone) * (progress.units - progress.unitsDone))}`);
  }
  return parts.join('  ');
}

export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** A reporter for `generateDemoData`'s onProgress: redraws at most 10 times a second on a TTY. */
export function progressReporter(
  out: ProgressOutput,
  now: () => number = () => performance.now(),
): { report(progress: GenerateProgress): void; end(): void } {
  const started = now();
  let lastDraw = -Infinity;
  let lastPhase = '';
  let drawn = false;
  return {
    report(progress) {
      if (!out.isTTY) return;
      const t = now();
      if (progress.phase === lastPhase && t - lastDraw < 100) return;
      lastDraw = t;
      lastPhase = progress.phase;
      // A terminal that does not know its width (0, as under `script`) gets the whole line.
      const width = out.columns && out.columns > 20 ? out.columns - 1 : Infinity;
      const line = progressLine(progress, t - started).slice(0, width);
      out.write(`\r\x1b[2K${line}`);
      drawn = true;
    },
    end() {
      if (drawn) out.write('\r\x1b[2K');
    },
  };
}
