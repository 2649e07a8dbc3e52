/**
 * The collaboration module: the Yjs hub (its WebSocket endpoint, issue workspaces and files). Other
 * modules add document kinds by declaring them (`BatonModule.documents`), as flows does for `flow:`.
 */
import type { IssueService } from '../issues/issues.ts';
import { type BatonModule, bindRoutes } from '../module.ts';
import type { Clock } from '../shared/clock.ts';
import type { CollabHub } from './hub.ts';
import { collabRoutes } from './routes.ts';

export function collabModule(deps: { collab: CollabHub; issues: IssueService; clock: Clock }): BatonModule {
  return { name: 'collab', routes: bindRoutes(collabRoutes, deps), init: () => deps.collab.init() };
}
