// The long-job worker when running from sources (web mode through tsx, tests): loads TypeScript
// through tsx, then the worker itself. A built app runs the bundled dist/electron/job-worker.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./job-worker.ts');
