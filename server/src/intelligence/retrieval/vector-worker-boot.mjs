// The vector worker's entry: Node cannot load TypeScript itself, so register tsx (as `npm start`
// does for the server) and then load the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./vector-worker-thread.ts');
