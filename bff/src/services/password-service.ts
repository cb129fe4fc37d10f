// Placeholder: implemented by the access issue.
import type { ServiceContext } from './index.ts';

export class PasswordService {
  constructor(readonly context: ServiceContext) {}
}
