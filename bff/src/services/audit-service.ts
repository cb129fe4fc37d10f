/**
 * The audit trail (`portal_audit_events`): who did what to which login, when and from where.
 * Every login success and failure, logout, password change, issue, reset, lock and clerk creation
 * is written here; clerks read it per login and residents see their own recent logins.
 */
import type { AuditAction, AuditEvent as AuditEventBody, RecentLoginsResponse } from '@strefa/api-types';
import type { Knex } from 'knex';
import { formatInstant } from '../lib/time.ts';
import { AuditEvent } from '../models/index.ts';
import { displayNamesQuery } from '../queries/audit.ts';
import type { ServiceContext } from './index.ts';
import { normaliseLogin } from './password-service.ts';

/** Column widths of the audit table (migration 002): longer values are cut, never refused. */
const LOGIN_WIDTH = 40;
const IP_WIDTH = 45;
const DETAIL_WIDTH = 400;

export interface AuditEntry {
  action: AuditAction;
  /** The login that acted (a clerk, or the user themself); null for an anonymous attempt. */
  actor: string | null;
  /**
   * The login acted upon; for a failed login, the login as typed, normalised like every login
   * (NFC, trimmed, lower case) so a clerk's lookup finds it whatever case it was typed in.
   */
  target: string | null;
  ip?: string | null;
  detail?: string | null;
}

/** How many events a clerk sees for one login, newest first. */
export const AUDIT_PAGE = 200;
/** How many recent sign-ins a resident sees. */
export const RECENT_LOGINS = 10;

const cut = (value: string | null | undefined, width: number): string | null =>
  value === undefined || value === null ? null : [...value].slice(0, width).join('').slice(0, width);

export class AuditService {
  constructor(readonly context: ServiceContext) {}

  /**
   * Writes one event. A failure to write is logged but does not fail the user's request: the
   * audit trail must not become a way to lock everyone out when the table misbehaves.
   */
  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.write(entry, this.context.knex);
    } catch (error) {
      this.context.logger.error({ err: error, action: entry.action }, 'audit event not written');
    }
  }

  /**
   * Writes one event as part of a transaction (issue, reset, password change): unlike `record`,
   * a failure throws, so the change it describes is rolled back with it — a credential never
   * changes without its audit event.
   */
  async write(entry: AuditEntry, knex: Knex): Promise<void> {
    await AuditEvent.query(knex).insert({
      at: this.context.now(),
      action: entry.action,
      actor: cut(entry.actor, LOGIN_WIDTH),
      target: cut(entry.target, LOGIN_WIDTH),
      ip: cut(entry.ip ?? null, IP_WIDTH),
      detail: cut(entry.detail ?? null, DETAIL_WIDTH),
    });
  }

  /**
   * Events about a login or by it (a clerk's own actions too), newest first, each with the
   * actor's display name (the clerk's name for an issue or reset) while that login exists.
   */
  async forLogin(loginTyped: string): Promise<AuditEventBody[]> {
    const login = cut(normaliseLogin(loginTyped), LOGIN_WIDTH)!;
    const rows = await AuditEvent.query(this.context.knex)
      .where((q) => q.where('target', login).orWhere('actor', login))
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(AUDIT_PAGE);
    const actors = [...new Set(rows.map((row) => row.actor).filter((a): a is string => !!a))];
    const names = new Map<string, string>(
      actors.length
        ? (
            (await displayNamesQuery(this.context.knex, actors)) as { login: string; displayName: string }[]
          ).map((row) => [row.login, row.displayName])
        : [],
    );
    return rows.map((row) => ({
      at: formatInstant(Number(row.at)),
      actor: row.actor,
      actorName: (row.actor && names.get(row.actor)) || null,
      action: row.action as AuditAction,
      target: row.target,
      ip: row.ip,
    }));
  }

  /** A user's own recent sign-ins and failed attempts on their login. */
  async recentLogins(login: string): Promise<RecentLoginsResponse['events']> {
    const rows = await AuditEvent.query(this.context.knex)
      .where('target', login)
      .whereIn('action', ['login_success', 'login_failure'])
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(RECENT_LOGINS);
    return rows.map((row) => ({
      at: formatInstant(Number(row.at)),
      action: row.action as 'login_success' | 'login_failure',
      ip: row.ip,
    }));
  }
}
