/**
 * Runs Strefa's BFF: reads the settings, prepares the database (migrations, demo data), listens,
 * and shuts down gracefully: on SIGTERM/SIGINT it stops accepting connections, lets requests in
 * flight finish, then closes the database pool.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { type Config, ConfigError, loadConfig, repositoryRoot } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { prepareDatabase, type PrepareResult } from './db/prepare.ts';
import { createLogger } from './logger.ts';

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
const knex = openDatabase(config);
const app = createApp({ config, knex, logger });
const server: Server = createServer(app.callback());
server.keepAliveTimeout = 5_000;

/** Prepares the database; on failure keeps retrying, while /readyz answers 503 meanwhile. */
async function prepareWithRetry(): Promise<PrepareResult | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prepareDatabase(knex, config, logger);
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
  server.close(async () => {
    await knex.destroy().catch(() => undefined);
    logger.info('stopped');
    process.exit(0);
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
