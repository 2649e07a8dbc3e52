/**
 * The work module: what asks for one agent's answer. `GET /api/me/work` gathers their open issues,
 * routing offers, handoffs and escalations to acknowledge (from the modules that own them). Offers
 * and handoffs reach the offered agent through the shipped Default notifications flow (one source,
 * editable and switchable per team), not from here.
 */
import { type BatonModule, bindRoutes } from '../module.ts';
import type { MyWorkDeps } from './my-work.ts';
import { workRoutes } from './routes.ts';

export function workModule(deps: MyWorkDeps): BatonModule {
  return {
    name: 'work',
    routes: bindRoutes(workRoutes, deps),
  };
}
