/**
 * Table names. The billing side belongs to the billing program: on Oracle its tables are views a
 * DBA provides (docs/oracle.md), in a schema and with a prefix that the settings choose. The
 * portal's own tables have fixed names. Every query names tables through here, never as literals.
 */

let billingPrefix = 'billing_';
let billingSchema: string | null = null;

/** Called once by the database factory with the configured prefix and schema. */
export function configureBillingTables(prefix: string, schema: string | null): void {
  billingPrefix = prefix;
  billingSchema = schema;
}

/** The name of a billing table or view, e.g. `billing('units')` → `billing_units`. */
export function billing(name: BillingTable): string {
  const table = billingPrefix + name;
  return billingSchema ? `${billingSchema}.${table}` : table;
}

/** Every billing table (view on Oracle), parents before children. */
export const BILLING_TABLES = [
  'persons',
  'buildings',
  'units',
  'assignments',
  'fee_components',
  'accounts',
  'opening_balances',
  'documents',
  'media',
  'meters',
  'readings',
  'settlements',
  'freshness',
] as const;

export type BillingTable = (typeof BILLING_TABLES)[number];

export const portal = {
  credentials: 'portal_credentials',
  loginThrottle: 'portal_login_throttle',
  sessions: 'portal_sessions',
  auditEvents: 'portal_audit_events',
  rateLimits: 'portal_rate_limits',
} as const;
