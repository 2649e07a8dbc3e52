/**
 * The intelligence module: similar issues, the knowledge base and the learned router (routes), the
 * `classify` and `summarize` node kinds and the `labels` fact; it indexes issues as they resolve, and
 * past issues in the background once the server runs.
 */
import type { IssueService } from '../issues/issues.ts';
import { type BatonModule, bindRoutes } from '../module.ts';
import { classifyKind, labelsFact, summarizeKind } from './nodes.ts';
import { intelligenceRoutes } from './routes.ts';
import type { IntelligenceService } from './service.ts';

export function intelligenceModule(deps: {
  intelligence: IntelligenceService;
  issues: IssueService;
}): BatonModule {
  const { intelligence } = deps;
  return {
    name: 'intelligence',
    routes: bindRoutes(intelligenceRoutes, deps),
    kinds: [classifyKind(intelligence), summarizeKind(intelligence)],
    facts: [labelsFact(intelligence)],
    init: () => intelligence.init(),
    listen() {
      intelligence.start();
      return () => intelligence.stop();
    },
    // Only a serving process indexes past issues (never the CLI), after it listens; until then
    // similar answers say they are warming, and asking starts it early.
    serving: () => intelligence.scheduleWarmUp(),
    stop: async () => {
      intelligence.stopWarmUp();
      await intelligence.close();
    },
  };
}
