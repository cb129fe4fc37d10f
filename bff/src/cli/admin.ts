/**
 * Operator commands for access, run on the server (npm run admin -- COMMAND ...). The root
 * script runs this file directly (not through a second, workspace `npm run`), so a refusal is
 * one line on stderr and a non-zero exit code, without npm's own error report under it.
 *
 *   create-clerk LOGIN "Full Name"   a clerk account with a one-time start password (printed once)
 *   reset LOGIN                      a new start password for any login; ends its sessions, lifts a lock
 *
 * The first clerk can only be created this way: the API lets clerks issue residents' credentials,
 * never create clerks. Clerks too must replace the start password at their first sign-in.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, repositoryRoot } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/prepare.ts';
import { ApiError } from '../errors.ts';
import { createLogger, defaultLogFormat } from '../logger.ts';
import { createServices } from '../services/index.ts';

const USAGE = `Usage:
  npm run admin -- create-clerk LOGIN "Full Name"
  npm run admin -- reset LOGIN`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const envFile = resolve(repositoryRoot, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL?.trim() || 'warn', defaultLogFormat());
  const knex = openDatabase(config);
  try {
    await migrate(knex);
    const services = createServices({ config, knex, logger, now: Date.now });
    let issued;
    if (command === 'create-clerk' && args.length === 2) {
      issued = await services.credentials.createClerk(args[0]!, args[1]!, 'cli');
    } else if (command === 'reset' && args.length === 1) {
      issued = await services.credentials.reset(args[0]!, 'cli', { ip: null });
    } else {
      console.error(USAGE);
      return 2;
    }
    console.log(
      [
        `login:              ${issued.login}`,
        `one-time password:  ${issued.oneTimePassword}`,
        `expires:            ${issued.expiresAt}`,
        '',
        'Shown only now. The password must be changed at the first sign-in.',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof ApiError) {
      console.error(`Error (${error.code}): ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await knex.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    // One line an operator can act on; the stack only when asked for (STREFA_DEBUG=1).
    if (error instanceof ConfigError) console.error(`Strefa: bad setting ${error.message}`);
    else if (process.env.STREFA_DEBUG) console.error(error);
    else console.error(`Error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exit(1);
  },
);
