export * from './score';
export * from './star-rating';
