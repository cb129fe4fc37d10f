/** The portal's sessions table, as the session store reads it on every signed-in request. */
import { defineQuery } from '../db/query-runner.ts';
import { portal } from '../db/tables.ts';

export interface SessionRow {
  id: string;
  login: string | null;
  data: string;
  expiresAt: number | string;
  createdAt: number | string;
}

/** The session row of a hashed id. */
export const findSession = defineQuery<[hashedId: string], SessionRow>('findSession', (knex, hashedId) =>
  knex(portal.sessions).where({ id: hashedId }).limit(1),
);
