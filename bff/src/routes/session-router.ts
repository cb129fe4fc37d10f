/**
 * The session endpoints of the contract: sign in, who am I, sign out, change password, and a
 * user's own recent sign-ins. Input is validated at the edge with one zod schema per request.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type {
  ChangePasswordRequest,
  LoginRequest,
  RecentLoginsResponse,
  SessionCheckResponse,
  SessionResponse,
} from '@strefa/api-types';
import { unauthenticated } from '../errors.ts';
import { parseInput, parseQuery } from '../lib/validation.ts';
import { requireUser, userFromSession } from '../middleware/authenticate.ts';
import type { RequestSession } from '../sessions/request-session.ts';
import type { AuthenticatedUser } from '../services/credentials-service.ts';
import type { Services } from '../services/index.ts';
import { PASSWORD_MAX_LENGTH } from '../services/password-service.ts';
import { freshAnswer } from './freshness.ts';
import { apiRouter } from './router.ts';

/** A password field: 1–128 characters after NFC normalisation. */
const password = (label: string) =>
  z
    .string({ required_error: `Podaj ${label}.`, invalid_type_error: `Nieprawidłowe ${label}.` })
    .transform((value) => value.normalize('NFC'))
    .refine((value) => value.length >= 1, `Podaj ${label}.`)
    .refine(
      (value) => [...value].length <= PASSWORD_MAX_LENGTH,
      `${label[0]!.toUpperCase()}${label.slice(1)} może mieć najwyżej ${PASSWORD_MAX_LENGTH} znaków.`,
    );

const loginSchema = z.object({
  login: z
    .string({ required_error: 'Podaj identyfikator.', invalid_type_error: 'Nieprawidłowy identyfikator.' })
    .transform((value) => value.normalize('NFC').trim())
    .refine((value) => value.length >= 1, 'Podaj identyfikator.')
    .refine((value) => value.length <= 64, 'Identyfikator może mieć najwyżej 64 znaki.'),
  password: password('hasło'),
});

const changeSchema = z.object({
  currentPassword: password('obecne hasło'),
  newPassword: password('nowe hasło'),
});

/** A JSON object body (anything else is a malformed request, never a 500). */
function body(ctx: Context): Record<string, unknown> {
  const value = (ctx.request as { body?: unknown }).body;
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Signs the user in on this context: a new session id (no fixation), absolute lifetime from now. */
export async function startSession(ctx: Context, user: AuthenticatedUser, now: number, absoluteMs: number) {
  await requestSession(ctx).signIn({
    login: user.login,
    role: user.role,
    personId: user.personId,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
    createdAt: now,
    absoluteExpiresAt: now + absoluteMs,
  });
  ctx.state.user = user;
}

/** The request's session (the session middleware sets it on every API request). */
function requestSession(ctx: Context): RequestSession {
  const session = ctx.state.session;
  if (!session) throw new Error('the session middleware must run before the session routes');
  return session;
}

const sessionCheckSchema = z.object({
  include: z.enum(['me'], { message: 'Parametr include przyjmuje tylko wartość „me”.' }).optional(),
});

const publicUser = (user: AuthenticatedUser): SessionResponse['user'] => ({
  login: user.login,
  role: user.role,
  displayName: user.displayName,
  mustChangePassword: user.mustChangePassword,
});

export function sessionRouter(services: Services): Router {
  const router = apiRouter('/api/v1');
  const { config, now } = services.context;

  router.post('/session', async (ctx) => {
    const input: LoginRequest = parseInput(loginSchema, body(ctx));
    const user = await services.credentials.login(input.login, input.password, { ip: ctx.ip });
    await startSession(ctx, user, now(), config.sessionAbsoluteMs);
    ctx.body = { user: publicUser(user) } satisfies SessionResponse;
  });

  // Anonymous is an answer, not an error: every page with a widget asks this once, and a 401 here
  // would print a red line in every visitor's console on a healthy page.
  // `?include=me`: a page whose widgets need `/me` gets it with the check, one round trip instead
  // of two before the data, and nothing more for a visitor, a clerk or a start password.
  router.get('/session', async (ctx) => {
    const user = ctx.state.user;
    const { include } = parseQuery(sessionCheckSchema, ctx.query);
    const body: SessionCheckResponse = { user: user ? publicUser(user) : null };
    if (include === 'me' && user?.role === 'resident' && !user.mustChangePassword && user.personId !== null) {
      body.me = await freshAnswer(services, await services.resident.me(user.personId));
    }
    ctx.body = body;
  });

  router.delete('/session', async (ctx) => {
    const user = ctx.state.user;
    if (user) {
      await services.audit.record({ action: 'logout', actor: user.login, target: user.login, ip: ctx.ip });
    }
    // Deletes the row (on every instance at once) and expires the cookie.
    await requestSession(ctx).end();
    ctx.state.user = undefined;
    ctx.status = 204;
  });

  router.put('/session/password', async (ctx) => {
    const user = ctx.state.user;
    if (!user) throw unauthenticated();
    const input: ChangePasswordRequest = parseInput(changeSchema, body(ctx));
    const session = requestSession(ctx);
    const updated = await services.credentials.changePassword(
      user.login,
      input.currentPassword,
      input.newPassword,
      {
        ip: ctx.ip,
        keepSessionId: session.hashedId,
      },
    );
    // A new id after the privilege change; the absolute lifetime of the sign-in stays.
    await session.reissue({ mustChangePassword: false, displayName: updated.displayName });
    ctx.state.user = userFromSession(session.data);
    ctx.status = 204;
  });

  router.get('/session/logins', requireUser(), async (ctx) => {
    ctx.body = {
      events: await services.audit.recentLogins(ctx.state.user!.login),
    } satisfies RecentLoginsResponse;
  });

  return router;
}
