/**
 * Exact amounts. The billing views hold money as whole grosze (integers) and other exact
 * decimals as integers scaled by a power of ten, so no value is ever a binary float between the
 * database and the JSON body. Sums are added as integers (bigint where they might grow large).
 */
import type { Decimal, Money } from '@strefa/api-types';

function toBigInt(value: number | bigint | string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string') {
    if (!/^-?\d+$/.test(value)) throw new TypeError(`not a whole number: ${value}`);
    return BigInt(value);
  }
  if (!Number.isSafeInteger(value)) throw new TypeError(`not a safe integer: ${value}`);
  return BigInt(value);
}

/** A scaled integer as a decimal string with exactly `scale` places: (123450, 2) → "1234.50". */
export function formatScaled(value: number | bigint | string, scale: number): string {
  const n = toBigInt(value);
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? '.' + fraction : ''}`;
}

/** Whole grosze as the contract's money string: 123450 → "1234.50", -1230 → "-12.30". */
export function formatMoney(grosze: number | bigint | string): Money {
  return formatScaled(grosze, 2);
}

/**
 * A scaled integer as an exact decimal string without trailing zeros, keeping at least
 * `minPlaces` places: (48600, 3) → "48.6"; (85, 3, 2) → "0.085"; (2000, 3) → "2".
 */
export function formatDecimal(value: number | bigint | string, scale: number, minPlaces = 0): Decimal {
  const full = formatScaled(value, scale);
  if (scale === 0) return full;
  const [whole, fraction = ''] = full.split('.');
  let trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length < minPlaces) trimmed = fraction.slice(0, minPlaces);
  return trimmed ? `${whole}.${trimmed}` : whole!;
}

/** A money string ("1234.50", "-0.5", "12") as whole grosze; throws on anything else. */
export function parseMoney(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new TypeError(`not a money amount: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const grosze = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -grosze : grosze;
}

/** Adds whole-grosze values exactly. */
export function sumGrosze(values: Iterable<number | bigint | string>): bigint {
  let total = 0n;
  for (const value of values) total += toBigInt(value);
  return total;
}
