import { openDatabase } from '/work/main/bff/src/db/connection.ts';
import { loadConfig } from '/work/main/bff/src/config.ts';
import { migrate } from '/work/main/bff/src/db/prepare.ts';
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite:/tmp/dbg/z.sqlite', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', STREFA_DEMO: 'on', SCRYPT_LOGN: '10', LOG_LEVEL: 'silent' });
const knex = openDatabase(config);
await migrate(knex);
console.log(typeof knex.client.config.wrapIdentifier, JSON.stringify(knex.userParams));
await knex.destroy();
