export { BaseModel } from './base-model.ts';
export * from './billing.ts';
export * from './portal.ts';
