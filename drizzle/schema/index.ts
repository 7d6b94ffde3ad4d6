// The consolidated schema: every enum and table, one module per spec domain.
export * from './enums';
export * from './auth';
export * from './tenancy';
export * from './registry';
export * from './api';
export * from './audit';
export * from './ops';
