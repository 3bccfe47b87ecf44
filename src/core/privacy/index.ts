export * from './bank-card';
export * from './finding';
export * from './mask';
export * from './mobile';
export * from './resident-id';
export * from './scan';
