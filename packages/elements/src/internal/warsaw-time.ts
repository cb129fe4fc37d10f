/**
 * The cooperative's clock: every moment on screen and on paper is shown in Europe/Warsaw, whatever
 * the browser's zone, and labelled so nobody reads it as their own zone's. A module of its own,
 * small, because `<resident-login>` (budgeted at 15 KB) needs it for its lockout message.
 */

/** The languages of the widgets and the letter. */
export type ClockLang = 'pl' | 'en';

/** The zone every moment is shown in. */
export const TIME_ZONE = 'Europe/Warsaw';

/** What a moment is labelled with. */
export function zoneLabel(lang: 'pl' | 'en' = 'pl'): string {
  return lang === 'en' ? 'Polish time' : 'czas polski';
}

/**
 * A moment (an ISO instant) on the Warsaw clock: `"27.11.2026, 05:51"` (pl), `"27/11/2026, 05:51"`
 * (en), or only the time of day with `timeOnly`. Text that is not an instant is shown as it came.
 */
export function formatWarsaw(
  value: string | null | undefined,
  lang: 'pl' | 'en' = 'pl',
  { timeOnly = false } = {},
): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'pl-PL', {
    timeZone: TIME_ZONE,
    ...(timeOnly ? {} : { day: '2-digit', month: '2-digit', year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** `formatWarsaw` with its label: `"27.11.2026, 05:51 (czas polski)"`, `"05:51 (Polish time)"`. */
export function formatWarsawLabelled(
  value: string | null | undefined,
  lang: 'pl' | 'en' = 'pl',
  options: { timeOnly?: boolean } = {},
): string {
  const text = formatWarsaw(value, lang, options);
  return text && text !== value ? `${text} (${zoneLabel(lang)})` : text;
}
