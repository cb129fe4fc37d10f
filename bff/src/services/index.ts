/**
 * The services: where a rule that spans several models has its one home (access to a unit,
 * issuing credentials, the ledger's sums). Routers stay thin and call these; tests target them.
 */
import { queryRunnerFor } from '../db/connection.ts';
import { AccessService } from './access-service.ts';
import { AuditService } from './audit-service.ts';
import { CredentialsService } from './credentials-service.ts';
import { LedgerService } from './ledger-service.ts';
import { MediaService } from './media-service.ts';
import { PasswordService } from './password-service.ts';
import { PeopleService } from './people-service.ts';
import type { ServiceContext, ServiceDeps } from './context.ts';
import { ResidentService } from './resident-service.ts';

export type { ServiceContext, ServiceDeps } from './context.ts';

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
}

export function createServices(deps: ServiceDeps): Services {
  const context: ServiceContext = { ...deps, queries: deps.queries ?? queryRunnerFor(deps.knex) };
  const audit = new AuditService(context);
  const passwords = new PasswordService(context);
  const access = new AccessService(context);
  return {
    context,
    audit,
    passwords,
    credentials: new CredentialsService(context, passwords, audit),
    people: new PeopleService(context),
    access,
    resident: new ResidentService(context, access),
    ledger: new LedgerService(context, access),
    media: new MediaService(context, access),
  };
}
