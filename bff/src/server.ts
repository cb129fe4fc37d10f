/**
 * Runs Strefa's BFF: reads the settings, listens at once (so /healthz answers even while the
 * database is away), prepares the database (migrations, demo data) and retries that every 5 s
 * until it succeeds, and shuts down gracefully: on SIGTERM/SIGINT /readyz turns 503, the
 * listening socket closes (new connections are refused), requests in flight finish (each
 * answered with `Connection: close`), then the database pool closes and the process exits 0.
 */
import { existsSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig, repositoryRoot } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { prepareDatabase } from './db/prepare.ts';
import { createHttpServer } from './http-server.ts';
import { prepareUntilReady, setLifecycle } from './lifecycle.ts';
import { createLogger, defaultLogFormat } from './logger.ts';

const envFile = resolve(repositoryRoot, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Strefa: bad setting ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const logger = createLogger(config.logLevel, defaultLogFormat(), { buffered: true });
const knex = openDatabase(config, logger);
const built = buildApp({ config, knex, logger });
// Until the database is prepared, /readyz and every API request answer 503 (lifecycle.ts).
setLifecycle(knex, 'preparing');
const server: Server = createHttpServer({ ...built, logger });
server.keepAliveTimeout = 5_000;

// A client that goes away before its answer (closed tab, proxy timeout) is worth a log line,
// never a crash: the handler runs on, its late writes are dropped by Node.
const inFlight = new Set<ServerResponse>();
server.on('request', (req, res) => {
  if (shuttingDown) res.setHeader('Connection', 'close');
  inFlight.add(res);
  res.on('close', () => {
    inFlight.delete(res);
    if (!res.writableFinished) {
      logger.warn(
        { method: req.method, path: req.url?.split('?')[0], requestId: res.getHeader('X-Request-Id') },
        'client disconnected before the response was sent',
      );
    }
  });
});
// A promise nobody awaited is a bug to see in the log, not a reason to drop every request.
process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason }, 'unhandled promise rejection');
});

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  const forced = setTimeout(() => {
    logger.warn('requests still running after 10 s; exiting');
    process.exit(1);
  }, 10_000);
  forced.unref();
  setLifecycle(knex, 'draining');
  // Answers still being worked on close their connection after them (keep-alive would let a
  // client send its next request to an instance that is going away).
  for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
  server.close(() => {
    void knex
      .destroy()
      .catch((error: unknown) => logger.warn({ err: error }, 'closing the database pool failed'))
      .then(() => {
        logger.info('database pool closed; stopped');
        process.exit(0);
      });
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.info({ port, host }, 'listening');
  void prepareUntilReady(knex, () => prepareDatabase(knex, config, logger), {
    logger,
    stopped: () => shuttingDown,
  }).then((prepared) => {
    if (!prepared) return;
    // The banner is the last thing start-up prints, once the database is ready: the log lines
    // held so far ("database ready" among them) are written first (logger.ts).
    const lines = [`\nStrefa Mieszkańca is running at http://${host}:${port}/`];
    if (prepared.demoAccounts.length) {
      lines.push('Demo accounts (demo mode only):');
      for (const account of prepared.demoAccounts) {
        lines.push(`  ${account.role.padEnd(8)}  login: ${account.login}  password: ${account.password}`);
      }
    }
    logger.flush();
    console.log(lines.join('\n') + '\n');
  });
});
