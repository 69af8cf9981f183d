export * from './envelope.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './health.ts';
export * from './version.ts';
