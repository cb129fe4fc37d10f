/**
 * Authentication: turns the session into `ctx.state.user` and offers the guards every router uses.
 *
 * The session holds the user as it was at login (login, role, person, name, whether the password
 * must change). Everything that changes these (a password change, a clerk's reset) also rewrites
 * or deletes the session rows, so the session never outlives the facts it caches and no request
 * needs an extra query to re-read the credential.
 */
import type { Middleware } from 'koa';
import { ApiError, forbidden, unauthenticated } from '../errors.ts';
import { inClerkArea, isApiSpace } from '../lib/api-space.ts';
import type { AuthenticatedUser } from '../services/credentials-service.ts';
import type { SessionData } from '../sessions/session-store.ts';

export type { AuthenticatedUser } from '../services/credentials-service.ts';

export const passwordChangeRequired = () =>
  new ApiError(
    403,
    'password_change_required',
    'Przed dalszym korzystaniem ze Strefy ustaw własne hasło w miejsce hasła startowego.',
  );

/** The user of a session, or undefined when nobody is signed in. */
export function userFromSession(
  session: Partial<SessionData> | null | undefined,
): AuthenticatedUser | undefined {
  if (!session || typeof session.login !== 'string' || !session.login) return undefined;
  if (session.role !== 'resident' && session.role !== 'clerk') return undefined;
  return {
    login: session.login,
    role: session.role,
    personId: typeof session.personId === 'number' ? session.personId : null,
    displayName: String(session.displayName ?? ''),
    mustChangePassword: session.mustChangePassword === true,
  };
}

export function authenticate(): Middleware {
  return async (ctx, next) => {
    ctx.state.user = isApiSpace(ctx.path) ? userFromSession(ctx.state.session?.data) : undefined;
    return next();
  };
}

/**
 * Any signed-in user whose password is their own: 401 `unauthenticated` without a session, 403
 * `password_change_required` while a start password is in use.
 */
export function requireUser(): Middleware {
  return async (ctx, next) => {
    const user = ctx.state.user;
    if (!user) throw unauthenticated();
    if (user.mustChangePassword) throw passwordChangeRequired();
    return next();
  };
}

function requireRole(role: AuthenticatedUser['role']): Middleware {
  return async (ctx, next) => {
    const user = ctx.state.user;
    if (!user) throw unauthenticated();
    if (user.mustChangePassword) throw passwordChangeRequired();
    if (user.role !== role) throw forbidden();
    return next();
  };
}

/** Residents' data endpoints (`/me`, `/units/...`). */
export function requireResident(): Middleware {
  return requireRole('resident');
}

/** Every `/api/v1/admin` endpoint: clerks only. */
export function requireClerk(): Middleware {
  return requireRole('clerk');
}

/**
 * The clerk guard over the whole `/api/v1/admin` prefix, before routing: compared exactly as the
 * routers match (case-sensitive, not decoded), so any path the admin router could take passes
 * through it, and an unknown path under it is 401/403 for anyone who is not a clerk.
 */
export function clerkArea(): Middleware {
  const clerk = requireClerk();
  return async (ctx, next) => (inClerkArea(ctx.path) ? clerk(ctx, next) : next());
}

declare module 'koa' {
  interface DefaultState {
    /** The signed-in user of this request (set by `authenticate`), or undefined. */
    user?: AuthenticatedUser;
  }
}
