/**
 * The date arithmetic behind the visibility windows (lib/date-windows.ts), pure and exhaustive at
 * the edges: merging assignments, clipping to a year, month visibility and its SQL ranges.
 */
import { describe, expect, it } from 'vitest';
import {
  clipToYear,
  isMonthVisible,
  isVisibleDate,
  mergeWindows,
  monthKeyRanges,
  nextDay,
  overlapsWindows,
  previousDay,
} from '../../src/lib/date-windows.ts';
import { dbInteger, dbNumber } from '../../src/lib/db-values.ts';

describe('calendar days', () => {
  it('steps over month, leap-day and year ends', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-02-29')).toBe('2024-03-01');
    expect(nextDay('2025-02-28')).toBe('2025-03-01');
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
    expect(previousDay('2026-01-01')).toBe('2025-12-31');
    expect(previousDay('2024-03-01')).toBe('2024-02-29');
    // The daylight-saving change in Poland (last Sunday of March / October) is no special day.
    expect(nextDay('2026-03-29')).toBe('2026-03-30');
    expect(nextDay('2026-10-25')).toBe('2026-10-26');
  });
});

describe('mergeWindows', () => {
  it('joins overlapping and adjacent assignments, keeps gaps', () => {
    expect(
      mergeWindows([
        { from: '2025-03-15', to: null },
        { from: '2020-01-01', to: '2025-03-14' },
      ]),
    ).toEqual([{ from: '2020-01-01', to: null }]);
    expect(
      mergeWindows([
        { from: '2020-01-01', to: '2021-06-30' },
        { from: '2021-01-01', to: '2021-03-31' },
        { from: '2023-01-01', to: '2023-12-31' },
      ]),
    ).toEqual([
      { from: '2020-01-01', to: '2021-06-30' },
      { from: '2023-01-01', to: '2023-12-31' },
    ]);
    expect(
      mergeWindows([
        { from: '2020-01-01', to: null },
        { from: '2021-01-01', to: '2021-03-31' },
      ]),
    ).toEqual([{ from: '2020-01-01', to: null }]);
  });
});

describe('clipToYear', () => {
  const windows = [
    { from: '2019-05-10', to: '2021-03-14' },
    { from: '2021-09-01', to: null },
  ];
  it('gives the visible ranges of each year', () => {
    expect(clipToYear(windows, 2018)).toEqual([]);
    // `until` is the day after `to`: the exclusive bound the SQL compares with.
    expect(clipToYear(windows, 2019)).toEqual([
      { from: '2019-05-10', to: '2019-12-31', until: '2020-01-01' },
    ]);
    expect(clipToYear(windows, 2020)).toEqual([
      { from: '2020-01-01', to: '2020-12-31', until: '2021-01-01' },
    ]);
    expect(clipToYear(windows, 2021)).toEqual([
      { from: '2021-01-01', to: '2021-03-14', until: '2021-03-15' },
      { from: '2021-09-01', to: '2021-12-31', until: '2022-01-01' },
    ]);
    expect(clipToYear(windows, 2099)).toEqual([
      { from: '2099-01-01', to: '2099-12-31', until: '2100-01-01' },
    ]);
  });

  it('dates and periods against windows', () => {
    expect(isVisibleDate(windows, '2021-03-14')).toBe(true);
    expect(isVisibleDate(windows, '2021-03-15')).toBe(false);
    expect(isVisibleDate(windows, '2021-08-31')).toBe(false);
    expect(isVisibleDate(windows, '2021-09-01')).toBe(true);
    expect(overlapsWindows(windows, '2021-03-15', '2021-08-31')).toBe(false);
    expect(overlapsWindows(windows, '2021-03-15', '2021-09-01')).toBe(true);
    expect(overlapsWindows(windows, '2010-01-01', null)).toBe(true);
    expect(overlapsWindows(windows, '2010-01-01', '2019-05-09')).toBe(false);
  });
});

describe('months', () => {
  it('a month is visible when its first day is', () => {
    const windows = [{ from: '2025-03-15', to: '2026-02-01' }];
    expect(isMonthVisible(windows, 2025, 3)).toBe(false);
    expect(isMonthVisible(windows, 2025, 4)).toBe(true);
    expect(isMonthVisible(windows, 2026, 2)).toBe(true);
    expect(isMonthVisible(windows, 2026, 3)).toBe(false);
  });

  it('month keys for SQL agree with isMonthVisible for every month of a decade', () => {
    const cases = [
      [{ from: '2025-03-15', to: '2026-02-01' }],
      [{ from: '2025-12-02', to: null }],
      [{ from: '2025-01-01', to: '2025-01-31' }],
      [{ from: '2025-01-02', to: '2025-01-31' }], // no first day inside: nothing
      [
        { from: '2019-05-10', to: '2021-03-14' },
        { from: '2021-09-01', to: null },
      ],
    ];
    for (const windows of cases) {
      const ranges = monthKeyRanges(windows);
      for (let year = 2018; year <= 2028; year++) {
        for (let month = 1; month <= 12; month++) {
          const key = year * 100 + month;
          const inSql = ranges.some((r) => key >= r.from && (r.to === null || key <= r.to));
          expect({ windows, year, month, inSql }).toEqual({
            windows,
            year,
            month,
            inSql: isMonthVisible(windows, year, month),
          });
        }
      }
    }
  });
});

describe('dbInteger', () => {
  it('reads whole numbers exactly and refuses anything else', () => {
    expect(dbInteger(null)).toBe(0n);
    expect(dbInteger(-1234)).toBe(-1234n);
    expect(dbInteger('9007199254740993')).toBe(9007199254740993n);
    expect(dbInteger('12.00')).toBe(12n);
    expect(() => dbInteger(12.5)).toThrow(TypeError);
    expect(() => dbInteger('1e3')).toThrow(TypeError);
    expect(() => dbInteger(Number.NaN)).toThrow(TypeError);
  });

  it('gives ids, years and counts as numbers, never a fraction or beyond 2^53', () => {
    expect(dbNumber(2026)).toBe(2026);
    expect(dbNumber('17')).toBe(17);
    expect(dbNumber(-3n)).toBe(-3);
    expect(() => dbNumber(1.5)).toThrow(TypeError);
    expect(() => dbNumber('9007199254740993')).toThrow(TypeError);
    expect(() => dbNumber(9007199254740993n)).toThrow(TypeError);
  });
});
