/**
 * The application factory: wires middleware and routers in one visible order and never
 * listens. server.ts runs it; tests drive `app.callback()` without opening a port.
 *
 * Order: request id → logger → security headers → CORS → errors → body → session →
 * authentication → routes → allowed methods. Origin checks (CSRF) sit before the body is read.
 */
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { AppDeps } from './deps.ts';
import type { Logger } from './logger.ts';
import { authenticate } from './middleware/authenticate.ts';
import { cors } from './middleware/cors.ts';
import { errorHandler } from './middleware/errors.ts';
import { originCheck } from './middleware/origin-check.ts';
import { CookieSigner } from './lib/cookie-signer.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { session } from './middleware/session.ts';
import { staticFiles } from './middleware/static-files.ts';
import { adminRouter } from './routes/admin-router.ts';
import { healthRouter } from './routes/health-router.ts';
import { meRouter } from './routes/me-router.ts';
import { sessionRouter } from './routes/session-router.ts';
import { unitsRouter } from './routes/units-router.ts';
import { createServices, type Services } from './services/index.ts';
// Benchmark instruments (query counts, a bare reference endpoint): only with STREFA_BENCH_REFERENCE=on.
import { benchEnabled, queryCounter, referenceRouter } from './middleware/bench-instruments.ts';

export type { AppDeps } from './deps.ts';

export interface AppState {
  requestId: string;
  log: Logger;
}

export function createApp(deps: AppDeps): Koa {
  const now = deps.now ?? Date.now;
  const services: Services = createServices({ ...deps, now });
  // maxIpsCount 1: behind the proxy, ctx.ip is the address the proxy itself appended to
  // X-Forwarded-For, not the left-most one a client can write (audit IPs must not be forgeable).
  const app = new Koa({ proxy: deps.config.trustProxy, maxIpsCount: 1 });
  // Signs the session cookie like keygrip, at a fraction of its cost (lib/cookie-signer.ts).
  app.keys = new CookieSigner([deps.config.sessionSecret]) as unknown as string[];
  app.context.services = services;

  const bench = benchEnabled();
  if (bench) app.use(queryCounter(deps.knex));
  app.use(requestId(deps.logger));
  app.use(securityHeaders(deps.config));
  app.use(cors(deps.config));
  app.use(errorHandler());
  app.use(healthRouter(deps.knex).routes());
  if (bench) app.use(referenceRouter().routes());
  app.use(staticFiles(deps.config));
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
  app.use(session(app, { ...deps, now }));
  app.use(authenticate(services));

  for (const router of [
    sessionRouter(services),
    meRouter(services),
    unitsRouter(services),
    adminRouter(services),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}

declare module 'koa' {
  interface DefaultContext {
    services: Services;
  }
}
