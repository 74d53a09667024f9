export * from './hashing';
export * from './suppression';
export * from './privacy-log';
export * from './forget';
export * from './export';
export * from './secret';
export * from './redact';
export * from './pseudonymise';
