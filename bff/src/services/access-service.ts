// Placeholder: implemented by the resident-data issue.
import type { ServiceContext } from './index.ts';

export class AccessService {
  constructor(readonly context: ServiceContext) {}
}
