// Placeholder: implemented by the access issue.
import type { ServiceContext } from './index.ts';

export class AuditService {
  constructor(readonly context: ServiceContext) {}
}
