/**
 * The analytics module: five reports, CSV, drill-down, ROI and rebuild (routes), kept up to date by
 * bus listeners; buffered numbers are written when the server stops.
 */
import { type BatonModule, bindRoutes } from '../module.ts';
import { analyticsRoutes } from './routes.ts';
import type { AnalyticsService } from './service.ts';

export function analyticsModule(analytics: AnalyticsService): BatonModule {
  return {
    name: 'analytics',
    routes: bindRoutes(analyticsRoutes, { analytics }),
    init: () => analytics.init(),
    listen: () => analytics.follow(),
    start: () => analytics.start(),
    stop: () => analytics.stop(),
  };
}
