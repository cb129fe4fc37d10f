// Placeholder: implemented by the access issue.
import type { AuditService } from './audit-service.ts';
import type { ServiceContext } from './index.ts';
import type { PasswordService } from './password-service.ts';

export class CredentialsService {
  constructor(
    readonly context: ServiceContext,
    readonly passwords: PasswordService,
    readonly audit: AuditService,
  ) {}
}
