/**
 * Models of the portal's own tables. Instants are epoch milliseconds; booleans are 0/1.
 */
import { portal } from '../db/tables.ts';
import { BaseModel } from './base-model.ts';

export class Credential extends BaseModel {
  static override tableName = portal.credentials;
  static override get idColumn() {
    return 'login';
  }
  login!: string;
  role!: 'resident' | 'clerk';
  personId!: number | null;
  displayName!: string;
  passwordHash!: string;
  mustChangePassword!: number;
  oneTimeExpiresAt!: number | null;
  createdAt!: number;
  createdBy!: string | null;
  passwordChangedAt!: number | null;
  lastLoginAt!: number | null;
  /** The hash a reset or a change replaced (migration 004): the next password may not repeat it. */
  previousPasswordHash!: string | null;
}

export class LoginThrottle extends BaseModel {
  static override tableName = portal.loginThrottle;
  static override get idColumn() {
    return 'loginKey';
  }
  loginKey!: string;
  failures!: number;
  lockCount!: number;
  lockedUntil!: number | null;
  updatedAt!: number;
}

export class AuditEvent extends BaseModel {
  static override tableName = portal.auditEvents;
  id!: number;
  at!: number;
  actor!: string | null;
  action!: string;
  target!: string | null;
  ip!: string | null;
  detail!: string | null;
}
