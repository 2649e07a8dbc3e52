/** The directory module: teams, agents and the people behind them, which routing, SLA, handoffs, escalation and notify read. */
import { type BatonModule, bindRoutes } from '../module.ts';
import { directoryRoutes } from './routes.ts';
import type { DirectoryService } from './service.ts';

export function directoryModule(directory: DirectoryService): BatonModule {
  return {
    name: 'directory',
    routes: bindRoutes(directoryRoutes, { directory }),
    init: () => directory.init(),
  };
}
