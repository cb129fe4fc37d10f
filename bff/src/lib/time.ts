/**
 * Instants for the API: ISO 8601 with the Polish offset (`2026-11-27T08:15:00.000+01:00`), so a
 * clerk reading JSON or an activation letter sees office time, not UTC.
 */

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function warsawParts(ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of parts.formatToParts(new Date(ms))) out[part.type] = part.value;
  return out;
}

/** Epoch ms → `YYYY-MM-DDTHH:mm:ss.sss+01:00` (or +02:00 in summer). */
export function formatInstant(ms: number): string {
  const p = warsawParts(ms);
  const local = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  const offsetMinutes = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const millis = String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${millis}${offset}`;
}

/** Epoch ms → the Polish calendar date `YYYY-MM-DD`. */
export function warsawDate(ms: number): string {
  const p = warsawParts(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A duration in Polish words for messages: "15 minut", "1 godzinę", "2 godziny 30 minut". */
export function polishDuration(ms: number): string {
  const totalMinutes = Math.max(1, Math.ceil(ms / 60_000));
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const words: string[] = [];
  if (hours) words.push(`${hours} ${plural(hours, 'godzinę', 'godziny', 'godzin')}`);
  if (minutes) words.push(`${minutes} ${plural(minutes, 'minutę', 'minuty', 'minut')}`);
  return words.join(' ');
}

function plural(n: number, one: string, few: string, many: string): string {
  if (n === 1) return one;
  const tens = n % 100;
  const units = n % 10;
  if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) return few;
  return many;
}
