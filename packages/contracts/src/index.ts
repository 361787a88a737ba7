export * from './common';
export * from './orgs';
export * from './auth';
export * from './audit';
export * from './system';
export * from './people';
export * from './programs';
export * from './evidence';
