export * from './score-params.schema';
export * from './compute-score';
