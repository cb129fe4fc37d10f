/**
 * Exact formatting for the screen. The API sends money and quantities as decimal strings; they
 * stay strings here: the integer part is grouped as text (as the browser's locale data groups it:
 * the tests compare), so a number never passes through a binary float, and the fraction is
 * appended as it came. Dates are calendar dates and are formatted in UTC, so no time zone can
 * move them to the previous day. Nothing on the way to the first data asks `Intl` (see
 * `groupWhole`).
 */
import type { IsoDate } from '@strefa/api-types';
import { formatWarsawClock, numericDate } from './warsaw-clock.ts';

/** The languages the widgets speak; anything else falls back to Polish. */
export type Lang = 'pl' | 'en';

/** `'en'` for any English tag (`en`, `en-GB`), otherwise Polish, the source locale. */
export function normalizeLang(lang: string | null | undefined): Lang {
  return lang?.toLowerCase().startsWith('en') ? 'en' : 'pl';
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

interface DecimalParts {
  negative: boolean;
  whole: string;
  fraction: string;
}

function parseDecimal(value: string): DecimalParts | null {
  const match = DECIMAL.exec(String(value).trim());
  if (!match) return null;
  const whole = match[2]!.replace(/^0+(?=\d)/, '');
  const fraction = match[3] ?? '';
  // "-0.00" is zero: no minus sign on the screen.
  const negative = !!match[1] && /[1-9]/.test(whole + fraction);
  return { negative, whole, fraction };
}

/**
 * Thousands grouping as the browser's locale data has it (the component tests compare it with
 * `Intl.NumberFormat` for numbers of every length): pl-PL groups by three with a no-break space
 * from five digits on (Polish typography leaves `1234` whole), en-GB with a comma from four.
 *
 * Written out rather than asked of `Intl`: the first NumberFormat (and the first DateTimeFormat)
 * of a page loads the language's locale data, about 10–15 ms each of the main thread in the
 * bench's Chromium, right in the frame that shows the first amounts.
 */
function groupWhole(whole: string, lang: Lang): string {
  if (whole.length <= (lang === 'en' ? 3 : 4)) return whole;
  return whole.replace(/\B(?=(\d{3})+$)/g, lang === 'en' ? ',' : '\u00a0');
}

const decimalSeparator = (lang: Lang): string => (lang === 'en' ? '.' : ',');

/**
 * `"1234.50"` → `"1234,50 zł"`, `"12345.50"` → `"12 345,50 zł"` (pl; grouping as Intl pl-PL does it,
 * which leaves four-digit numbers ungrouped, per Polish typography), `"PLN 1,234.50"` (en).
 * Anything that is not a decimal string is shown as it came rather than as `NaN`.
 */
export function formatMoney(value: string | null | undefined, lang: Lang = 'pl'): string {
  if (value === null || value === undefined) return '';
  const parts = parseDecimal(value);
  if (!parts) return String(value);
  const fraction = (parts.fraction + '00').slice(0, Math.max(2, parts.fraction.length));
  const number = `${groupWhole(parts.whole, lang)}${decimalSeparator(lang)}${fraction}`;
  const sign = parts.negative ? '-' : '';
  return lang === 'en' ? `${sign}PLN\u00a0${number}` : `${sign}${number}\u00a0zł`;
}

/** The amount without a currency, e.g. for a table column headed "kwota (zł)". */
export function formatAmount(value: string | null | undefined, lang: Lang = 'pl'): string {
  if (value === null || value === undefined) return '';
  const parts = parseDecimal(value);
  if (!parts) return String(value);
  const fraction = (parts.fraction + '00').slice(0, Math.max(2, parts.fraction.length));
  return `${parts.negative ? '-' : ''}${groupWhole(parts.whole, lang)}${decimalSeparator(lang)}${fraction}`;
}

/** `"48.6"` → `"48,6"` (pl), `"48.6"` (en); the places are kept exactly as the API sent them. */
export function formatDecimal(value: string | number | null | undefined, lang: Lang = 'pl'): string {
  if (value === null || value === undefined) return '';
  const parts = parseDecimal(String(value));
  if (!parts) return String(value);
  const fraction = parts.fraction ? `${decimalSeparator(lang)}${parts.fraction}` : '';
  return `${parts.negative ? '-' : ''}${groupWhole(parts.whole, lang)}${fraction}`;
}

/** A quantity with its unit of measure: `"12.5", "m³"` → `"12,5 m³"`. */
export function formatQuantity(value: string | null | undefined, unit: string, lang: Lang = 'pl'): string {
  const number = formatDecimal(value, lang);
  return unit ? `${number}\u00a0${unit}` : number;
}

/**
 * How many decimal places meters of each unit of measure report: water meters and heat meters
 * read to the litre / the thousandth of a GJ, electricity meters to a tenth of a kWh; a heat
 * cost allocator counts whole units (`jedn.`, the default).
 */
const METER_DECIMALS: Readonly<Record<string, number>> = { 'm³': 3, GJ: 3, kWh: 1 };

/** The decimal places a meter of this unit reports (0 for units not listed). */
export function meterDecimals(unit: string): number {
  return METER_DECIMALS[unit.trim()] ?? 0;
}

/**
 * A meter value or consumption with the precision its meter reports, so one medium's column
 * reads alike ("38,170 m³" beside "40,652 m³", not "38,17 m³"): zeros are added, never digits
 * taken away (a value with more places is shown as it came).
 */
export function formatMeterQuantity(
  value: string | null | undefined,
  unit: string,
  lang: Lang = 'pl',
): string {
  const match = /^(-?\d+)(?:\.(\d+))?$/.exec(String(value ?? '').trim());
  const places = meterDecimals(unit);
  const fraction = match?.[2] ?? '';
  return formatQuantity(
    match && places > fraction.length ? `${match[1]}.${fraction.padEnd(places, '0')}` : value,
    unit,
    lang,
  );
}

/** The absolute value of a money string, for "Do zwrotu 12,30 zł" after the sign became words. */
export function absMoney(value: string): string {
  return value.trim().replace(/^-/, '');
}

/** -1, 0 or 1 for a decimal string, without converting it to a number. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  const parts = value ? parseDecimal(value) : null;
  if (!parts || !/[1-9]/.test(parts.whole + parts.fraction)) return 0;
  return parts.negative ? -1 : 1;
}

/** Money string → grosze as a BigInt (exact), for sums checked in tests and totals. */
export function moneyToGrosze(value: string): bigint {
  const parts = parseDecimal(value);
  if (!parts) throw new RangeError(`Not a money string: ${value}`);
  const grosze = BigInt(parts.whole) * 100n + BigInt((parts.fraction + '00').slice(0, 2));
  return parts.negative ? -grosze : grosze;
}

/** Grosze (BigInt) → `"1234.50"`, the API's money format. */
export function groszeToMoney(grosze: bigint): string {
  const negative = grosze < 0n;
  const abs = negative ? -grosze : grosze;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

function isoToUtcDate(value: IsoDate): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** `"2026-11-15"` → `"15.11.2026"` (pl), `"15/11/2026"` (en). The calendar date, never shifted. */
export function formatDate(value: IsoDate | null | undefined, lang: Lang = 'pl'): string {
  if (!value) return '';
  const date = isoToUtcDate(value);
  if (!date) return String(value);
  return numericDate(date, lang);
}

/**
 * A moment (an ISO instant from the API) as the cooperative's wall clock shows it:
 * `"2026-11-27T04:51:00Z"` → `"27.11.2026, 05:51"` (pl), `"27/11/2026, 05:51"` (en). Always in
 * Europe/Warsaw, not the browser's zone: the office, the audit trail and the resident agree.
 */
export function formatInstant(value: string | null | undefined, lang: Lang = 'pl'): string {
  return formatWarsawClock(value, lang);
}

/** A period of two calendar dates, `"01.01.2026 – 30.06.2026"`. */
export function formatPeriod(from: IsoDate, to: IsoDate | null, lang: Lang = 'pl'): string {
  return `${formatDate(from, lang)}\u00a0– ${to ? formatDate(to, lang) : '…'}`;
}

/**
 * The month's name in the nominative: 11 → `"Listopad"` / `"November"` (a select's option), or
 * with `{ capitalize: false }` → `"listopad"` for running text ("za listopad 2026"; English
 * month names keep their capital either way).
 */
export function monthName(month: number, lang: Lang = 'pl', { capitalize = true } = {}): string {
  const name = MONTHS[lang][month - 1] ?? String(month);
  return capitalize || lang === 'en' ? name : name.toLowerCase();
}

/** The months' names in the nominative, as Intl's `month: 'long'` gives them (tested against it). */
const MONTHS: Record<Lang, readonly string[]> = {
  pl: 'Styczeń Luty Marzec Kwiecień Maj Czerwiec Lipiec Sierpień Wrzesień Październik Listopad Grudzień'.split(
    ' ',
  ),
  en: 'January February March April May June July August September October November December'.split(' '),
};

/** `"12345678901234567890123456"` → `"12 3456 7890 1234 5678 9012 3456"`, as on a Polish invoice. */
export function formatNrb(value: string | null | undefined): string {
  const digits = (value ?? '').replace(/\s+/g, '');
  if (!/^\d{26}$/.test(digits)) return value ?? '';
  return [digits.slice(0, 2), ...(digits.slice(2).match(/\d{4}/g) ?? [])].join(' ');
}
