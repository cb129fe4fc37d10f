/**
 * `npm run generate`: a progress line on a terminal (phase, units done, rows written, ETA),
 * one summary line otherwise. The command runs for real, once through a pipe and once on a
 * pseudo-terminal (util-linux `script`), on a small database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/* eslint-disable no-control-regex -- the terminal's escape sequences are what is tested */
import { progressLine, progressReporter } from '../../src/cli/progress.ts';

const run = promisify(execFile);
const bffRoot = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'strefa-generate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = {
  PATH: process.env.PATH,
  SESSION_SECRET: 'generate-cli-test-secret-0123456789',
  LOG_LEVEL: 'silent',
};
const args = (file: string) => [
  '--import',
  'tsx',
  'src/cli/generate.ts',
  '--units',
  '120',
  '--years',
  '2',
  '--today',
  '2026-11-15',
  '--database',
  `sqlite:${file}`,
];

describe('npm run generate', () => {
  it('prints one summary line and no progress when its output is not a terminal', async () => {
    const { stdout, stderr } = await run(process.execPath, args(join(dir, 'piped.sqlite')), {
      cwd: bffRoot,
      env,
      timeout: 120_000,
    });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(
      /^generated 120 units, \d+ persons, [\d.]+ (k|M) rows \(2025-01-01 to 2026-11-15\) in \d+:\d\d → /,
    );
    expect(stderr).toBe('');
  });

  it('redraws a progress line on a terminal: phase, units, rows, elapsed time and ETA', async () => {
    const file = join(dir, 'tty.sqlite');
    const command = [process.execPath, ...args(file)].map((part) => `'${part}'`).join(' ');
    // `script` runs the command on a pseudo-terminal and copies what it wrote to stdout.
    const { stdout } = await run('script', ['-qec', command, '/dev/null'], {
      cwd: bffRoot,
      env: { ...env, COLUMNS: '160' },
      timeout: 120_000,
    });
    const frames = stdout.split('\r').filter((frame) => /units/.test(frame));
    expect(frames.some((frame) => /^\x1b\[2Kreference data/.test(frame))).toBe(true);
    expect(
      frames.some((frame) =>
        /^\x1b\[2Kunits\s+\[[#.]+\]\s+\d+\/120 units\s+[\d.]+( k| M)? rows\s+\d+:\d\d/.test(frame),
      ),
    ).toBe(true);
    expect(frames.some((frame) => /fee components/.test(frame))).toBe(true);
    expect(stdout).toMatch(/generated 120 units/);
  });
});

describe('the progress line', () => {
  it('shows the phase, a bar, units, rows, elapsed time and the units’ ETA', () => {
    expect(progressLine({ phase: 'units', unitsDone: 5000, units: 20000, rows: 4_250_000 }, 30_000)).toBe(
      'units           [######..................]  5000/20000 units  4.3 M rows  0:30  ETA 1:30',
    );
    // After the units, no ETA: SQLite's own phases are timed, not guessed.
    expect(progressLine({ phase: 'indexes', unitsDone: 20000, units: 20000, rows: 24_900_000 }, 95_000)).toBe(
      'indexes         [########################]  20000/20000 units  24.9 M rows  1:35',
    );
  });

  it('draws nothing off a terminal and at most ten times a second on one', () => {
    const written: string[] = [];
    let t = 0;
    const piped = progressReporter({ isTTY: false, write: (text) => written.push(text) }, () => t);
    piped.report({ phase: 'units', unitsDone: 1, units: 2, rows: 10 });
    piped.end();
    expect(written).toEqual([]);

    const tty = progressReporter({ isTTY: true, columns: 200, write: (text) => written.push(text) }, () => t);
    for (let i = 1; i <= 50; i++) {
      t += 10; // 50 reports in half a second
      tty.report({ phase: 'units', unitsDone: i, units: 50, rows: i * 100 });
    }
    expect(written.length).toBeGreaterThanOrEqual(4);
    expect(written.length).toBeLessThanOrEqual(6);
    t += 1;
    tty.report({ phase: 'fee components', unitsDone: 50, units: 50, rows: 5000 });
    expect(written.at(-1)).toMatch(/^\r\x1b\[2Kfee components/);
    tty.end();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });
});
