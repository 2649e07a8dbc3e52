/**
 * The flows module: drafts, versions, the lab (simulate, replay) and runs (routes); the live `flow:`
 * drafts the studio co-edits (a collaborative document kind backed by this module's stored drafts).
 */
import { flowDraftKind } from '../collab/index.ts';
import type { CollabLogger } from '../collab/types.ts';
import type { FlowEngine } from '../engine/engine.ts';
import type { RunStore } from '../engine/runs.ts';
import type { FlowRuntime } from '../engine/runtime.ts';
import type { IssueService } from '../issues/issues.ts';
import { type BatonModule, bindRoutes } from '../module.ts';
import type { FlowLab } from './lab.ts';
import { flowRoutes } from './routes.ts';
import type { FlowService } from './service.ts';

export function flowsModule(deps: {
  flows: FlowService;
  lab: FlowLab;
  engine: FlowEngine;
  runs: RunStore;
  issues: IssueService;
  log: CollabLogger;
}): BatonModule {
  const { flows, runs } = deps;
  return {
    name: 'flows',
    routes: bindRoutes(flowRoutes, deps),
    documents: [flowDraftKind(() => flows, deps.log)],
    async init() {
      await runs.init();
      await flows.init();
    },
  };
}

/**
 * The flow runtime as a module of its own, listed last: it subscribes to every trigger event once
 * all modules have declared theirs, and re-arms the timers of parked runs (after a crash between
 * parking and scheduling).
 */
export function runtimeModule(runtime: FlowRuntime): BatonModule {
  return {
    name: 'runtime',
    async listen() {
      runtime.start();
      await runtime.recover();
      return () => runtime.stop();
    },
  };
}
