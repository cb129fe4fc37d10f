/**
 * Money never passes through a binary float: amounts are whole grosze (bigint for sums), and the
 * JSON form is a decimal string. Each case below uses amounts whose float arithmetic is wrong,
 * and asserts that too, so the test shows why the integers matter.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDecimal, formatMoney, formatScaled, parseMoney, sumGrosze } from '../../src/lib/money.ts';

describe('exact money', () => {
  it('adds 0.10 + 0.20 to exactly 0.30', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the float way
    expect(formatMoney(sumGrosze([parseMoney('0.10'), parseMoney('0.20')]))).toBe('0.30');
  });

  it('adds 0.07 a thousand times to exactly 70.00', () => {
    let float = 0;
    for (let i = 0; i < 1000; i++) float += 0.07;
    expect(float).not.toBe(70);
    expect(formatMoney(sumGrosze(Array.from({ length: 1000 }, () => parseMoney('0.07'))))).toBe('70.00');
  });

  it('keeps every grosz of amounts beyond 2^53 grosze', () => {
    const text = '90071992547409.93'; // 9 007 199 254 740 993 gr = 2^53 + 1
    expect(BigInt(Math.round(Number(text) * 100))).not.toBe(9_007_199_254_740_993n); // the float way
    const grosze = parseMoney(text);
    expect(grosze).toBe(9_007_199_254_740_993n);
    expect(formatMoney(grosze)).toBe(text);
    expect(formatMoney(sumGrosze([grosze, 7n, '-9007199254741000']))).toBe('0.00');
    expect(formatMoney(sumGrosze(['99999999999999999', '1']))).toBe('1000000000000000.00');
  });

  it('sums many realistic fees exactly', () => {
    // 1.1 million monthly fees of 123.45 zł: the float sum drifts, the integer one does not.
    let float = 0;
    const grosze: number[] = [];
    for (let i = 0; i < 1_100_000; i++) {
      float += 123.45;
      grosze.push(12_345);
    }
    expect(float).not.toBe(135_795_000);
    expect(formatMoney(sumGrosze(grosze))).toBe('135795000.00');
  });

  it('refuses values that are not whole grosze instead of rounding them', () => {
    expect(() => sumGrosze([0.1 as number])).toThrow(TypeError);
    expect(() => sumGrosze([2 ** 53 + 2])).toThrow(TypeError); // unsafe: may already be wrong
    expect(() => formatMoney(12.5)).toThrow(TypeError);
    expect(() => formatMoney('12.50')).toThrow(TypeError);
    for (const bad of ['', 'abc', '1.234', '1,50', '1e3', '--1', '1.', '.5', '0x10', 'NaN', 'Infinity']) {
      expect(() => parseMoney(bad), bad).toThrow(TypeError);
    }
  });

  it('formats negative amounts and small fractions', () => {
    expect(formatMoney(-1230)).toBe('-12.30');
    expect(formatMoney(-5)).toBe('-0.05');
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney(-0)).toBe('0.00');
    expect(formatMoney(7)).toBe('0.07');
    expect(formatMoney(-123456789012345n)).toBe('-1234567890123.45');
    expect(parseMoney('-0.5')).toBe(-50n);
    expect(parseMoney('-12')).toBe(-1200n);
    expect(parseMoney(' 12.5 ')).toBe(1250n);
    expect(parseMoney('-0.00')).toBe(0n);
  });

  it('round-trips format and parse for many values, both signs', () => {
    let x = 1n;
    for (let i = 0; i < 2000; i++) {
      // A spread of magnitudes, from 1 gr to ~10^19 gr.
      x = (x * 6364136223846793005n + 1442695040888963407n) % 10n ** 19n;
      const value = i % 2 === 0 ? x % 10n ** BigInt(1 + (i % 19)) : -(x % 10n ** BigInt(1 + (i % 19)));
      const text = formatMoney(value);
      expect(text).toMatch(/^-?\d+\.\d{2}$/);
      expect(parseMoney(text)).toBe(value);
    }
  });

  it('formats other exact decimals (quantities e3, rates e4) without float steps', () => {
    expect(formatDecimal(48_600, 3)).toBe('48.6');
    expect(formatDecimal(85, 3, 2)).toBe('0.085');
    expect(formatDecimal(2000, 3)).toBe('2');
    expect(formatDecimal(1000, 3, 2)).toBe('1.00');
    expect(formatDecimal(-48_600, 3)).toBe('-48.6');
    expect(formatDecimal(5, 3)).toBe('0.005');
    expect(formatDecimal(-5, 4)).toBe('-0.0005');
    expect(formatDecimal(164_000, 4, 2)).toBe('16.40');
    expect(formatDecimal(12_345, 0)).toBe('12345');
    expect(formatScaled(1, 4)).toBe('0.0001');
    // 0.1 m³ × 3 in thousandths: exact, where 0.1 * 3 is not.
    expect(0.1 * 3).not.toBe(0.3);
    expect(formatDecimal(100 * 3, 3)).toBe('0.3');
  });

  it('is written without float conversions', () => {
    const source = readFileSync(new URL('../../src/lib/money.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/parseFloat|toFixed|Math\.round|\/ ?100\b|\* ?100\b(?!n)/);
  });
});
