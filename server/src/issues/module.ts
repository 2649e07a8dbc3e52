/** The issues module: customers, issues and their timelines (routes and indexes). */
import { type BatonModule, bindRoutes } from '../module.ts';
import type { CustomerService } from './customers.ts';
import type { IssueService } from './issues.ts';
import { issuesRoutes } from './routes.ts';
import type { TimelineService } from './timeline.ts';

export function issuesModule(deps: {
  issues: IssueService;
  customers: CustomerService;
  timeline: TimelineService;
}): BatonModule {
  const { issues, customers, timeline } = deps;
  return {
    name: 'issues',
    routes: bindRoutes(issuesRoutes, deps),
    async init() {
      await customers.init();
      await timeline.init();
      await issues.init();
    },
  };
}
