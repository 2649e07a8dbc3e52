export * from './auth.ts';
export * from './client.ts';
export * from './customers.ts';
export * from './directory.ts';
export * from './errors.ts';
export * from './issues.ts';
export type * from './types.ts';
export { CHANNELS, PRIORITIES, STATUSES } from './types.ts';
