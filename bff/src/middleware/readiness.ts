/**
 * Not ready is not "wrong password": until the database has been prepared (migrations, demo data),
 * every API request is answered 503 `unavailable` with `Retry-After`, before a session is looked
 * up or a password checked. A login tried in those first seconds is therefore never counted as a
 * failure (the demo accounts, for one, do not exist yet), and no handler meets missing tables.
 */
import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import { ApiError } from '../errors.ts';
import { isApiSpace } from '../lib/api-space.ts';
import { lifecycleOf, PREPARING_RETRY_AFTER_S } from '../lifecycle.ts';

export const notReadyYet = () =>
  new ApiError(
    503,
    'unavailable',
    'Strefa właśnie się uruchamia. Spróbuj ponownie za kilka sekund.',
    {},
    { 'Retry-After': String(PREPARING_RETRY_AFTER_S) },
  );

export function apiReadiness(knex: Knex): Middleware {
  return async (ctx, next) => {
    if (lifecycleOf(knex) === 'preparing' && isApiSpace(ctx.path)) throw notReadyYet();
    return next();
  };
}
