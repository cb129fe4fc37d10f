/**
 * Typed errors that routers and services throw; the error middleware turns each into the
 * contract's JSON body (`{error: {code, message, field?}}`) with its status. Messages are Polish,
 * for a person; nothing here ever carries SQL or a stack.
 */
import type { ApiErrorBody, ErrorCode } from '@strefa/api-types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const invalidParameter = (field: string, message: string) =>
  new ApiError(400, 'invalid_parameter', message, { field });

export const unauthenticated = () =>
  new ApiError(401, 'unauthenticated', 'Sesja wygasła lub nie zalogowano. Zaloguj się ponownie.');

export const forbidden = () => new ApiError(403, 'forbidden', 'Brak uprawnień do tej operacji.');

export const notFound = (what = 'Nie znaleziono żądanych danych.') => new ApiError(404, 'not_found', what);

export const unavailable = () =>
  new ApiError(
    503,
    'unavailable',
    'Dane są chwilowo niedostępne. Spróbuj ponownie za kilka minut.',
    {},
    { 'Retry-After': '5' },
  );

export const methodNotAllowed = (allow: readonly string[]) =>
  new ApiError(
    405,
    'method_not_allowed',
    `Ten adres nie obsługuje metody żądania. Dozwolone: ${allow.join(', ')}.`,
    {},
    { Allow: allow.join(', ') },
  );
