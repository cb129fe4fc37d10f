/**
 * Polish formatting of the API's exact values for printed documents. Amounts and quantities stay
 * decimal strings all the way: digits are regrouped as text, never parsed into a binary float.
 *
 * - money `"12345.50"` → `12 345,50` (a no-break space groups thousands from five digits on, as
 *   Polish typography and Intl's pl-PL do: `1234,50` stays whole);
 * - decimals keep the places the API gave: `"48.6"` → `48,6`;
 * - dates `2025-03-15` → `15.03.2025`.
 */

export const NBSP = '\u00a0';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function groupThousands(whole: string): string {
  if (whole.length < 5) return whole;
  const groups: string[] = [];
  for (let end = whole.length; end > 0; end -= 3) groups.unshift(whole.slice(Math.max(0, end - 3), end));
  return groups.join(NBSP);
}

/** A decimal string with a comma and grouped thousands; anything else is returned as it came. */
export function polishDecimal(value: string): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) return value;
  const whole = match[2]!.replace(/^0+(?=\d)/, '');
  const fraction = match[3] ?? '';
  const negative = !!match[1] && /[1-9]/.test(whole + fraction);
  return `${negative ? '-' : ''}${groupThousands(whole)}${fraction ? `,${fraction}` : ''}`;
}

/** A money string with exactly two places: `"-12.3"` → `-12,30`. */
export function polishMoney(value: string): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) return value;
  const fraction = ((match[3] ?? '') + '00').slice(0, Math.max(2, (match[3] ?? '').length));
  return polishDecimal(`${match[1] ?? ''}${match[2]}.${fraction}`);
}

/** `YYYY-MM-DD` → `DD.MM.YYYY`. */
export function polishDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

const MONTHS = [
  'styczeń',
  'luty',
  'marzec',
  'kwiecień',
  'maj',
  'czerwiec',
  'lipiec',
  'sierpień',
  'wrzesień',
  'październik',
  'listopad',
  'grudzień',
];

/** The month's name in the nominative, lower case: 3 → `marzec`. */
export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** A 26-digit NRB in the groups a bank prints: `12 3456 7890 1234 5678 9012 3456`. */
export function formatNrb(digits: string): string {
  if (!/^\d{26}$/.test(digits)) return digits;
  return `${digits.slice(0, 2)} ${digits.slice(2).replace(/(\d{4})(?=\d)/g, '$1 ')}`;
}

/** An epoch instant as Warsaw's calendar date and time: `27.11.2026, 12:30`. */
export function polishDateTime(ms: number): string {
  const parts: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms))) {
    parts[part.type] = part.value;
  }
  return `${parts.day}.${parts.month}.${parts.year}, ${parts.hour}:${parts.minute}`;
}

/**
 * A file-name part from Polish text: lower case, words joined by `-`, nothing but letters
 * (Polish ones kept unless `ascii`) and digits: `ul. Łaska 3 m. 12` → `łaska-3-m-12`.
 */
export function fileSlug(text: string, ascii: boolean): string {
  let value = text.toLocaleLowerCase('pl-PL').replace(/^(ul|al|pl|os)\.\s+/, '');
  if (ascii)
    value = value
      .replace(/ł/g, 'l')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
  return value
    .replace(ascii ? /[^a-z0-9]+/g : /[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
