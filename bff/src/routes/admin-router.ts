/**
 * The clerk's endpoints (`/api/v1/admin/...`): search people, issue credentials, reset a start
 * password, read the audit trail of a login. Every path under /admin, existing or not, refuses
 * anyone who is not a signed-in clerk with their own password (residents: 403 `forbidden`):
 * each route carries the clerk guard itself (it runs whenever the handler does), and createApp
 * guards the whole `/api/v1/admin` prefix before routing as well (so an unknown path under it is
 * 401/403 before it is 404).
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { AdminPeopleResponse, AuditResponse, IssuedCredentials } from '@strefa/api-types';
import { MAX_ID, parseInput, parseQuery } from '../lib/validation.ts';
import { requireClerk } from '../middleware/authenticate.ts';
import type { Services } from '../services/index.ts';
import { ADMIN_PREFIX } from '../lib/api-space.ts';
import { apiRouter } from './router.ts';

const loginText = (missing: string) =>
  z
    .string({ required_error: missing, invalid_type_error: 'Nieprawidłowy identyfikator.' })
    .transform((value) => value.normalize('NFC').trim())
    .refine((value) => value.length >= 1, missing)
    .refine((value) => value.length <= 64, 'Identyfikator może mieć najwyżej 64 znaki.');

const peopleQuery = z.object({
  q: z
    .string({
      required_error: 'Wpisz co najmniej 2 znaki: nazwisko, numer członkowski lub ulicę.',
      invalid_type_error: 'Nieprawidłowe wyszukiwanie.',
    })
    .transform((value) => value.normalize('NFC').trim())
    .refine(
      (value) => [...value].length >= 2,
      'Wpisz co najmniej 2 znaki: nazwisko, numer członkowski lub ulicę.',
    )
    .refine((value) => value.length <= 100, 'Wyszukiwany tekst może mieć najwyżej 100 znaków.'),
});

const issueBody = z.object({
  personId: z
    .number({ required_error: 'Wybierz osobę.', invalid_type_error: 'Nieprawidłowy numer osoby.' })
    .int('Nieprawidłowy numer osoby.')
    .positive('Nieprawidłowy numer osoby.')
    .max(MAX_ID, 'Nieprawidłowy numer osoby.'),
});

const loginParam = z.object({ login: loginText('Podaj identyfikator.') });
const auditQuery = z.object({ login: loginText('Podaj identyfikator, którego historię pokazać.') });

function body(ctx: Context): Record<string, unknown> {
  const value = (ctx.request as { body?: unknown }).body;
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function adminRouter(services: Services): Router {
  const router = apiRouter(ADMIN_PREFIX);
  const clerk = requireClerk();

  router.get('/people', clerk, async (ctx) => {
    const { q } = parseQuery(peopleQuery, ctx.query);
    ctx.body = { people: await services.people.search(q) } satisfies AdminPeopleResponse;
  });

  router.post('/credentials', clerk, async (ctx) => {
    const { personId } = parseInput(issueBody, body(ctx));
    const issued = await services.credentials.issue(personId, ctx.state.user!.login, { ip: ctx.ip });
    ctx.status = 201;
    ctx.body = issued satisfies IssuedCredentials;
  });

  router.post('/credentials/:login/reset', clerk, async (ctx) => {
    const { login } = parseInput(loginParam, { login: ctx.params.login });
    const issued = await services.credentials.reset(login, ctx.state.user!.login, { ip: ctx.ip });
    ctx.body = issued satisfies IssuedCredentials;
  });

  router.get('/audit', clerk, async (ctx) => {
    const { login } = parseQuery(auditQuery, ctx.query);
    ctx.body = { events: await services.audit.forLogin(login.toLowerCase()) } satisfies AuditResponse;
  });

  return router;
}
