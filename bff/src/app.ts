/**
 * The application factory: wires middleware and routers in one visible order and never
 * listens. server.ts runs it; tests drive `app.callback()` without opening a port.
 *
 * Order: bench instruments → request id and logger → security headers → CORS → errors →
 * no-store (API and health) → health checks → page methods → static files → API readiness →
 * origin check (CSRF, before the body is read) → body → session → authentication → the clerks'
 * prefix guard → API routes (each with its own guard) → the API's 404/405.
 *
 * Every middleware that treats the API apart from pages asks lib/api-space.ts, and every router
 * matches exactly (routes/router.ts), so no spelling of a path is seen one way by a guard and
 * another way by a router.
 */
import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from './context.ts';
import { CookieSigner } from './lib/cookie-signer.ts';
import { isApiSpace } from './lib/api-space.ts';
import { authenticate, clerkArea } from './middleware/authenticate.ts';
// Benchmark instruments (query counts, a bare reference endpoint): only with STREFA_BENCH_REFERENCE=on.
import { benchEnabled, queryCounter, referenceRouter } from './middleware/bench-instruments.ts';
import { cors } from './middleware/cors.ts';
import { errorHandler, logLateError } from './middleware/errors.ts';
import { allowedMethodsFor, apiFallback, siteMethods } from './middleware/methods.ts';
import { noStore } from './middleware/no-store.ts';
import { originCheck } from './middleware/origin-check.ts';
import { apiReadiness } from './middleware/readiness.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { session } from './middleware/session.ts';
import { staticFiles } from './middleware/static-files.ts';
import { adminRouter } from './routes/admin-router.ts';
import { healthRouter } from './routes/health-router.ts';
import { meRouter } from './routes/me-router.ts';
import { apiRoutes, isExactRouter } from './routes/router.ts';
import { sessionRouter } from './routes/session-router.ts';
import { unitsRouter } from './routes/units-router.ts';
import { createServices, type Services } from './services/index.ts';

export type { AppDeps, AppState } from './context.ts';

/** The API's routers, in the order createApp mounts them. */
export function apiRouters(services: Services): Router[] {
  return [sessionRouter(services), meRouter(services), unitsRouter(services), adminRouter(services)];
}

export interface BuiltApp {
  app: Koa;
  /** The services the app's routers call (one instance: its queues and caches are the app's). */
  services: Services;
  /** Every router the app mounts: the health checks first, then the API's. */
  routers: { health: Router; api: Router[] };
  /** The methods some route accepts on a path, with OPTIONS ([] for an unknown path). */
  allowedMethods(path: string): string[];
}

export function buildApp(deps: AppDeps): BuiltApp {
  const now = deps.now ?? Date.now;
  const services: Services = createServices({ ...deps, now });
  // maxIpsCount 1: behind the proxy, ctx.ip is the address the proxy itself appended to
  // X-Forwarded-For, not the left-most one a client can write (audit IPs must not be forgeable).
  const app = new Koa({ proxy: deps.config.trustProxy, maxIpsCount: 1 });
  // Signs the session cookie like keygrip, at a fraction of its cost (lib/cookie-signer.ts).
  app.keys = new CookieSigner([deps.config.sessionSecret]);
  app.on('error', logLateError(deps.logger));

  const health = healthRouter(deps.knex);
  const api = apiRouters(services);
  for (const router of [health, ...api]) {
    if (!isExactRouter(router)) throw new Error('every router must be made by routes/router.ts');
  }

  const bench = benchEnabled();
  if (bench) app.use(queryCounter(deps.knex));
  app.use(requestId(deps.logger));
  app.use(securityHeaders(deps.config));
  app.use(cors(deps.config));
  app.use(errorHandler());
  app.use(noStore((path) => isApiSpace(path) || path === '/healthz' || path === '/readyz'));
  app.use(health.routes());
  if (bench) app.use(referenceRouter().routes());
  app.use(siteMethods());
  app.use(staticFiles());
  app.use(apiReadiness(deps.knex));
  app.use(originCheck(deps.config));
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: '16kb',
      encoding: 'utf-8',
      // co-body marks malformed JSON 400 but not `expose`; mark it so the error middleware
      // answers 400 invalid_parameter instead of a 500.
      onError: (error) => {
        throw Object.assign(error, { expose: true });
      },
    }),
  );
  app.use(session({ ...deps, now }));
  app.use(authenticate());
  app.use(clerkArea());
  app.use(apiRoutes(api));
  app.use(apiFallback(api));

  return {
    app,
    services,
    routers: { health, api },
    allowedMethods: (path) => allowedMethodsFor(api, path),
  };
}

export function createApp(deps: AppDeps): Koa {
  return buildApp(deps).app;
}
