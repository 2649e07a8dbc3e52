/**
 * The work module: what asks for one agent's answer. `GET /api/me/work` gathers their open issues,
 * routing offers, handoffs and escalations to acknowledge (from the modules that own them); and
 * offers and handoffs reach the offered agent as notifications the moment they are made.
 */
import type { BusLogger, EventBus } from '../events/bus.ts';
import { type BatonModule, bindRoutes } from '../module.ts';
import type { NotifyService } from '../notify/service.ts';
import type { MyWorkDeps } from './my-work.ts';
import { followWorkNotices } from './notices.ts';
import { workRoutes } from './routes.ts';

export function workModule(
  deps: MyWorkDeps & { bus: EventBus; notify: NotifyService; log: BusLogger },
): BatonModule {
  return {
    name: 'work',
    routes: bindRoutes(workRoutes, deps),
    listen: () =>
      followWorkNotices({ bus: deps.bus, notify: deps.notify, directory: deps.directory, log: deps.log }),
  };
}
