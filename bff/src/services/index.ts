/**
 * The services: where a rule that spans several models has its one home (access to a unit,
 * issuing credentials, the ledger's sums). Routers stay thin and call these; tests target them.
 */
import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { AccessService } from './access-service.ts';
import { AuditService } from './audit-service.ts';
import { CredentialsService } from './credentials-service.ts';
import { FreshnessService } from './freshness-service.ts';
import { LedgerService } from './ledger-service.ts';
import { MediaService } from './media-service.ts';
import { PasswordService } from './password-service.ts';
import { PaymentService } from './payment-service.ts';
import { PeopleService } from './people-service.ts';
import { ResidentService } from './resident-service.ts';
import { StatementService } from './statement-service.ts';
import { TrendsService } from './trends-service.ts';

export interface ServiceContext {
  config: Config;
  knex: Knex;
  logger: Logger;
  /** Epoch ms. */
  now: () => number;
}

export interface Services {
  context: ServiceContext;
  audit: AuditService;
  passwords: PasswordService;
  credentials: CredentialsService;
  people: PeopleService;
  access: AccessService;
  resident: ResidentService;
  ledger: LedgerService;
  media: MediaService;
  payment: PaymentService;
  freshness: FreshnessService;
  statement: StatementService;
  /** The charts' history and comparison data. */
  trends: TrendsService;
}

export function createServices(context: ServiceContext): Services {
  const audit = new AuditService(context);
  const passwords = new PasswordService(context);
  const access = new AccessService(context);
  const ledger = new LedgerService(context, access);
  return {
    context,
    audit,
    passwords,
    credentials: new CredentialsService(context, passwords, audit),
    people: new PeopleService(context),
    access,
    resident: new ResidentService(context, access),
    ledger,
    media: new MediaService(context, access),
    payment: new PaymentService(context, access),
    freshness: new FreshnessService(context),
    statement: new StatementService(context, access, ledger),
    trends: new TrendsService(context, access),
  };
}
