/** The insights core: index configuration, inputs, golden profile, index, metrics, portfolio. */
export * from './config';
export * from './inputs';
export * from './display';
export * from './profile';
export * from './tallies';
export * from './score';
export * from './metrics';
export * from './portfolio';
export * from './report';
