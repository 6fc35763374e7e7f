export * from './errors.ts';
export * from './logEntry.ts';
export * from './protocol.ts';
export * from './scenario/document.ts';
