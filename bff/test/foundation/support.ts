/**
 * Helpers for the foundation tests: a fresh embedded database with the schema (and optionally
 * generated data), opened the way the server opens it, and a few SQL shortcuts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import {
  generateDemoData,
  type GenerateOptions,
  type GenerateSummary,
} from '../../src/db/demo-data/generate.ts';
import { migrate } from '../../src/db/prepare.ts';

export interface FreshDatabase {
  knex: Knex;
  file: string;
  summary: GenerateSummary | null;
  close(): Promise<void>;
}

/** A new SQLite file in its own temp folder, migrated, and filled if `data` is given. */
export async function freshDatabase(data?: GenerateOptions): Promise<FreshDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'strefa-foundation-'));
  const file = join(dir, 'strefa.sqlite');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${file}`,
    STREFA_DEMO: 'on',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
  });
  const knex = openDatabase(config);
  await migrate(knex);
  const summary = data ? await generateDemoData(knex, data) : null;
  return {
    knex,
    file,
    summary,
    close: async () => {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rows of a raw SELECT (column aliases should be single lower-case words: the mappers camelCase keys). */
export async function rows<T = Record<string, unknown>>(
  knex: Knex,
  sql: string,
  bindings: unknown[] = [],
): Promise<T[]> {
  return (await knex.raw(sql, bindings as Knex.RawBinding[])) as T[];
}

/** The single number a raw `SELECT … AS n` returns. */
export async function scalar(knex: Knex, sql: string, bindings: unknown[] = []): Promise<number> {
  const [row] = await rows<{ n: number | null }>(knex, sql, bindings);
  return Number(row?.n ?? 0);
}
