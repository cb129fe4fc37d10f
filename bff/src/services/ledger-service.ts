// Placeholder: implemented by the resident-data issue.
import type { AccessService } from './access-service.ts';
import type { ServiceContext } from './index.ts';

export class LedgerService {
  constructor(
    readonly context: ServiceContext,
    readonly access: AccessService,
  ) {}
}
