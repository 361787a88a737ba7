#!/usr/bin/env node
// `npm run bench`: the benchmark runs the server's TypeScript through tsx, like the CLI, so it measures the
// application's own query layer rather than a copy of it.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
