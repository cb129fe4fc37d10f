// Placeholder: implemented by the access issue.
import type { ServiceContext } from './index.ts';

export class PeopleService {
  constructor(readonly context: ServiceContext) {}
}
