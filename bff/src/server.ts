/**
 * Runs Strefa's BFF: reads the settings, listens at once (so /healthz answers even while the
 * database is away), prepares the database (migrations, demo data) and retries that every 5 s
 * until it succeeds, and shuts down gracefully: on SIGTERM/SIGINT /readyz turns 503, the
 * listening socket closes (new connections are refused), requests in flight finish (each
 * answered with `Connection: close`), then the database pool closes and the process exits 0.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { type Config, ConfigError, loadConfig, repositoryRoot } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { prepareDatabase, type PrepareResult } from './db/prepare.ts';
import { createLogger } from './logger.ts';
import { setLifecycle } from './routes/health-router.ts';
import { requestListener } from './lib/request-listener.ts';

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

const logger = createLogger(config.logLevel);
const knex = openDatabase(config, logger);
const app = createApp({ config, knex, logger });
const server: Server = createServer(requestListener(app));
server.keepAliveTimeout = 5_000;
setLifecycle(knex, 'preparing');

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
server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
  if (error.code !== 'ECONNRESET') logger.warn({ err: error }, 'malformed request from a client');
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  else socket.destroy();
});
// A promise nobody awaited is a bug to see in the log, not a reason to drop every request.
process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason }, 'unhandled promise rejection');
});

/** Prepares the database; on failure keeps retrying, while /readyz answers 503 meanwhile. */
async function prepareWithRetry(): Promise<PrepareResult | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      const prepared = await prepareDatabase(knex, config, logger);
      if (!shuttingDown) setLifecycle(knex, 'serving');
      logger.info({ attempt }, 'database ready');
      return prepared;
    } catch (error) {
      logger.error({ err: error, attempt }, 'database not ready; retrying in 5 s');
      if (shuttingDown) return null;
      await new Promise((r) => setTimeout(r, 5_000).unref());
    }
  }
}

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
  void prepareWithRetry().then((prepared) => {
    if (!prepared) return;
    const lines = [`\nStrefa Mieszkańca is running at http://${host}:${port}/`];
    if (prepared.demoAccounts.length) {
      lines.push('Demo accounts (demo mode only):');
      for (const account of prepared.demoAccounts) {
        lines.push(`  ${account.role.padEnd(8)}  login: ${account.login}  password: ${account.password}`);
      }
    }
    console.log(lines.join('\n') + '\n');
  });
});
