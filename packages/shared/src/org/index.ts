export * from './agent-config.ts';
export * from './company-config.ts';
export * from './enums.ts';
export * from './meetings-config.ts';
export * from './provider-config.ts';
export * from './root-config.ts';
export * from './template.ts';
export * from './views.ts';
