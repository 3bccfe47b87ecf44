export * from './limits';
export * from './read-text';
export * from './scan-file';
export { zipEntries } from './zip';
