// Forms computed from records (X.2): cells, typed values, approval snapshots and reporting rates.
export * from './types';
export * from './compute';
export * from './typed';
export * from './snapshot';
export * from './reporting';
