export * from './errors.ts';
export * from './feed.ts';
export * from './logEntry.ts';
export * from './protocol.ts';
export * from './scenario/document.ts';
export * from './scenario/migrations.ts';
export * from './injectProgress.ts';
export * from './auth.ts';
