/**
 * Input validation at the edge: every router parses its path and query parameters with one zod
 * schema per request before any query runs, and a refusal is the contract's 400
 * `invalid_parameter` naming the first refused field, with a Polish message for a person.
 *
 * Query strings arrive as text (or as an array when a name repeats, which is refused: a resident's
 * browser never sends `?year=2025&year=2026`, so guessing which one was meant would hide a bug).
 */
import { z } from 'zod';
import { invalidParameter } from '../errors.ts';

/** Largest id accepted: ids are NUMBER(10)/INTEGER keys; anything longer is not an id of ours. */
export const MAX_ID = 2_147_483_647;

/** A whole number written in plain decimal digits (no sign, no exponent, no spaces, no fraction). */
function wholeNumber(options: { min: number; max: number; missing: string; invalid: string }) {
  return z
    .string({ required_error: options.missing, invalid_type_error: options.invalid })
    .regex(/^\d{1,12}$/, options.invalid)
    .transform(Number)
    .refine((value) => value >= options.min && value <= options.max, options.invalid);
}

/**
 * A positive database id, e.g. `unitId` or `accountId`; `label` names it in the message
 * ("identyfikator lokalu"), `missing` is what a person is asked when it is absent.
 */
export const id = (label: string, missing = `Brak parametru: ${label}.`) =>
  wholeNumber({
    min: 1,
    max: MAX_ID,
    missing,
    invalid: `Nieprawidłowy ${label}: oczekiwano dodatniej liczby całkowitej.`,
  });

/** A calendar year the cooperative's records can hold. */
export const year = wholeNumber({
  min: 2000,
  max: 2100,
  missing: 'Wybierz rok.',
  invalid: 'Nieprawidłowy rok: oczekiwano liczby całkowitej od 2000 do 2100.',
});

/** A month number, 1–12 (a leading zero is fine: `07`). */
export const month = wholeNumber({
  min: 1,
  max: 12,
  missing: 'Wybierz miesiąc.',
  invalid: 'Nieprawidłowy miesiąc: oczekiwano liczby od 1 do 12.',
});

/**
 * The shape of a medium code (`ZW`, `CW`, `CO`…). Whether the code is one the cooperative knows
 * is answered by the media table, so the service refuses an unknown one with the same field.
 */
export const mediumCode = z
  .string({ required_error: 'Wybierz medium.', invalid_type_error: 'Nieprawidłowe medium.' })
  .regex(/^[A-Za-z0-9_]{1,10}$/, 'Nieznane medium.')
  .transform((code) => code.toUpperCase());

/**
 * How many months of balance history, 1–60; absent: 12. An empty value is refused like any
 * other malformed one (a form that sends `months=` has a bug worth seeing).
 */
export const historyMonths = z
  .string({ invalid_type_error: 'Nieprawidłowa liczba miesięcy: oczekiwano liczby od 1 do 60.' })
  .regex(/^\d{1,3}$/, 'Nieprawidłowa liczba miesięcy: oczekiwano liczby od 1 do 60.')
  .transform(Number)
  .refine(
    (value) => value >= 1 && value <= 60,
    'Nieprawidłowa liczba miesięcy: oczekiwano liczby od 1 do 60.',
  )
  .optional()
  .transform((value) => value ?? 12);

export const UNKNOWN_MEDIUM_MESSAGE = 'Nieznane medium.';

/**
 * Parses request input (path parameters and the query string merged into one object) with one
 * schema; throws 400 `invalid_parameter` with the first refused field. Keys are checked in the
 * order the schema declares them, so `unitId` is named before `year`.
 */
export function parseInput<S extends z.ZodObject<z.ZodRawShape>>(
  schema: S,
  input: Record<string, unknown>,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const keys = Object.keys(schema.shape);
  const issues = [...result.error.issues].sort(
    (a, b) => keys.indexOf(String(a.path[0])) - keys.indexOf(String(b.path[0])),
  );
  const issue = issues[0]!;
  const field = issue.path.length ? String(issue.path[0]) : 'query';
  throw invalidParameter(field, issue.message);
}

/** A query string's values: a repeated name (an array) is refused as a malformed value. */
export function parseQuery<S extends z.ZodObject<z.ZodRawShape>>(
  schema: S,
  query: Record<string, string | string[] | undefined>,
  params: Record<string, string> = {},
): z.output<S> {
  const input: Record<string, unknown> = { ...params };
  for (const [name, value] of Object.entries(query)) {
    if (name in input) continue; // a path parameter wins over a query parameter of the same name
    input[name] = value;
  }
  return parseInput(schema, input);
}
