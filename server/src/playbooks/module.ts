/**
 * The playbooks module: playbook runs (routes), the playbook node kinds (steps people do, parallel
 * workstreams, consultation, receipt, satisfaction, expert search, war room), the trigger events it
 * adds (`playbook.requested` — on demand only — and the step and run events, so flows can react to
 * a missed step), and its runtime, which follows every trigger event once all modules declared
 * theirs (list it after them).
 */

import type { DirectoryService } from '../directory/service.ts';
import type { FlowEngine } from '../engine/engine.ts';
import type { FactSource } from '../engine/facts.ts';
import type { EscalationService } from '../escalation/service.ts';
import type { EventBus, EventOf } from '../events/bus.ts';
import type { FlowService } from '../flows/service.ts';
import type { HandoffService } from '../handoffs/service.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { AnyTriggerDefinition, BatonModule } from '../module.ts';
import type { NotifyService } from '../notify/service.ts';
import { rankExperts } from '../routing/experts.ts';
import type { RoutingService } from '../routing/service.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store/port.ts';
import type { TimerService } from '../timers/service.ts';
import { playbookKinds } from './kinds.ts';
import { PlaybookRoles } from './roles.ts';
import { playbookRoutes } from './routes.ts';
import { PlaybookRunStore } from './runs.ts';
import { PlaybookRuntime } from './runtime.ts';
import { PlaybookService } from './service.ts';

export interface PlaybooksDeps {
  store: Store;
  clock: Clock;
  bus: EventBus;
  engine: FlowEngine;
  flows: FlowService;
  issues: IssueService;
  timeline: TimelineService;
  directory: DirectoryService;
  timers: TimerService;
  handoffs: HandoffService;
  escalations: EscalationService;
  routing: RoutingService;
  notify?: NotifyService;
  facts: FactSource;
  publicUrl(): string;
  log: { error(obj: object, msg: string): void };
}

export interface Playbooks {
  service: PlaybookService;
  runtime: PlaybookRuntime;
  roles: PlaybookRoles;
}

/** The module's services, built once from what they need. */
export function createPlaybooks(deps: PlaybooksDeps): Playbooks {
  const runs = new PlaybookRunStore(deps.store);
  const roles = new PlaybookRoles(deps.store, { directory: deps.directory, handoffs: deps.handoffs });
  const runtime = new PlaybookRuntime({ ...deps, runs });
  const service = new PlaybookService({
    ...deps,
    runs,
    roles,
    runtime,
    kinds: deps.engine.kinds,
    rankExperts: async (issueId) => (await rankExperts(issueId, deps)).experts,
  });
  return { service, runtime, roles };
}

export function playbooksModule(playbooks: Playbooks): BatonModule {
  const { service, runtime } = playbooks;
  return {
    name: 'playbooks',
    routes: (app) => playbookRoutes(app, { playbooks }),
    kinds: playbookKinds(service),
    triggers: playbookTriggers(),
    init: () => service.init(),
    listen() {
      runtime.start();
      return () => runtime.stop();
    },
  };
}

function playbookTriggers(): AnyTriggerDefinition[] {
  const step = (e: EventOf<'playbook.step.completed'> | EventOf<'playbook.step.missed'>) => ({
    runId: e.runId,
    playbook: e.flowName,
    step: { id: e.step.id, title: e.step.title, role: e.step.role, status: e.step.status },
    durationMs: e.durationMs,
    ...(e.windowMs !== undefined ? { windowMs: e.windowMs } : {}),
  });
  return [
    {
      type: 'playbook.requested',
      description:
        'On demand only: a person starts the playbook from the issue page (or the API). Never starts it by itself.',
      issueId: (e) => e.issueId,
      payload: (e) => ({ playbookId: e.flowId }),
    },
    {
      type: 'playbook.step.completed',
      description:
        'A playbook step was done: $.playbook, $.step.title, $.step.role, $.durationMs against $.windowMs.',
      issueId: (e) => e.issueId,
      payload: step,
    },
    {
      type: 'playbook.step.missed',
      description:
        'A playbook step passed its window (or a consultation went unanswered): $.playbook, $.step.title, $.windowMs.',
      issueId: (e) => e.issueId,
      payload: step,
    },
    {
      type: 'playbook.ended',
      description: 'A playbook run ended: $.playbook, $.status (completed, failed, cancelled).',
      issueId: (e) => e.issueId,
      payload: (e) => ({ runId: e.runId, playbook: e.flowName, status: e.status }),
    },
  ];
}
