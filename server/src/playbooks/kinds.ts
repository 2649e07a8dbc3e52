/**
 * The playbook node kinds, registered in the engine's one registry so that validation, the catalog,
 * the studio's palette and inspector, and simulation treat them like every other kind.
 *
 * Steps people do (`task`, `consult`, `receipt`, `satisfaction`) open a step record on the playbook
 * run through the host and park the workstream until the step is settled (`playbook.step.settled`,
 * delivered by the playbook runtime to the parked node) — or, for a consultation and a satisfaction
 * check, until their deadline (the `unanswered` / `no-answer` handle). Windows of tasks and receipts
 * do not move the workstream: a missed window is recorded and escalates, and the step can still be
 * done (see service.ts).
 *
 * `fork` and `join` park too; the playbook runtime, which owns the workstreams (tokens), reads a
 * fork's branches and a join's arrivals. In a dry run (simulate) the host is never called.
 */
import type {
  ConsultNodeData,
  ExpertSearchNodeData,
  ForkNodeData,
  JoinNodeData,
  ReceiptNodeData,
  SatisfactionNodeData,
  TaskNodeData,
  WarRoomNodeData,
} from '@baton/schemas';
import { durationMs, parseDuration } from '../engine/duration.ts';
import type { KindProblem, NodeContext, NodeKind } from '../engine/registry.ts';
import type { PlaybookHost, StepSpec } from './host.ts';

/** The event a parked step waits for; the runtime delivers it only to the node whose step settled. */
export const SETTLED = 'playbook.step.settled';
const SCHEMA = 'https://schemas.baton.dev/playbook-nodes.schema.json#/$defs/';

export interface PlaybookStepTrace {
  kind: string;
  stepId?: string;
  dueAt?: string;
  status?: string;
}

export interface ForkTrace {
  kind: 'fork';
  branches: string[];
}

export interface ExpertSearchTrace {
  kind: 'expert-search';
  expert?: { agentId: string; name: string; score: number };
  considered: number;
}

export interface WarRoomTrace {
  kind: 'war-room';
  people: string[];
}

/** The handle a settled step takes, from the status it settled with. */
function settledHandle(
  ctx: {
    event: { type: string; payload: Record<string, unknown> };
    node: { id: string };
    run: { id: string };
  },
  allowed: readonly string[],
): string | null {
  const { runId, nodeId, status } = ctx.event.payload as { runId?: string; nodeId?: string; status?: string };
  if (ctx.event.type !== SETTLED || runId !== ctx.run.id || nodeId !== ctx.node.id) return null;
  return status && allowed.includes(status) ? status : null;
}

function windowProblems(window: { within: string } | undefined, pointer: string): KindProblem[] {
  if (!window) return [];
  return parseDuration(window.within)
    ? []
    : [
        {
          pointer: `${pointer}/within`,
          code: 'invalid-duration',
          message: 'a window must be longer than zero',
        },
      ];
}

/** Opens the step through the host in a live run; parks the workstream either way. */
async function openStep(
  ctx: Pick<NodeContext<unknown, unknown>, 'effects' | 'run' | 'node'>,
  host: PlaybookHost,
  spec: StepSpec,
): Promise<{ stepId?: string; dueAt?: string }> {
  const step = await ctx.effects.act('playbook.step.open', { type: spec.type, title: spec.title }, () =>
    host.openStep(ctx.run.id, ctx.node.id, spec),
  );
  return step ? { stepId: step.id, ...(step.dueAt ? { dueAt: step.dueAt } : {}) } : {};
}

export function taskKind(host: PlaybookHost): NodeKind<TaskNodeData, null, PlaybookStepTrace> {
  return {
    type: 'task',
    title: 'Checklist step',
    description:
      'A step a person does: a checklist for one role (owner, receiver, expert, customer success, leadership, product), due within a window from the playbook’s or the step’s start, with evidence attached. A missed window escalates; the step can still be done.',
    category: 'playbook',
    pauses: true,
    dataSchema: { $ref: `${SCHEMA}task` },
    outputs: [{ handle: 'done', label: 'Done' }],
    check(data) {
      const problems = windowProblems(data.window, '/window');
      const seen = new Set<string>();
      data.items.forEach((item, i) => {
        if (seen.has(item.id))
          problems.push({
            pointer: `/items/${i}/id`,
            code: 'duplicate-case',
            message: `item id "${item.id}" is used twice`,
          });
        seen.add(item.id);
      });
      return problems;
    },
    async run(ctx) {
      const { title, role, items, window, evidence, instructions, escalation } = ctx.data;
      const opened = await openStep(ctx, host, {
        type: 'task',
        title,
        role,
        items,
        ...(window ? { window } : {}),
        evidence: evidence ?? 'optional',
        ...(instructions ? { instructions } : {}),
        ...(escalation ? { escalation } : {}),
      });
      return { park: { event: SETTLED }, trace: { kind: 'task', ...opened } };
    },
    async onEvent(ctx) {
      const handle = settledHandle(ctx, ['done']);
      return handle ? { handle, trace: { kind: 'task', status: handle } } : null;
    },
  };
}

export function consultKind(host: PlaybookHost): NodeKind<ConsultNodeData, number, PlaybookStepTrace> {
  return {
    type: 'consult',
    title: 'Consult an expert',
    description:
      'Asks the run’s expert a question with a reply deadline, without handing the issue over: the owner stays the owner. answered, or unanswered when the deadline passes.',
    category: 'playbook',
    pauses: true,
    dataSchema: { $ref: `${SCHEMA}consult` },
    outputs: [
      { handle: 'answered', label: 'Answered' },
      { handle: 'unanswered', label: 'No answer in time' },
    ],
    check(data) {
      return parseDuration(data.replyWithin)
        ? []
        : [
            {
              pointer: '/replyWithin',
              code: 'invalid-duration',
              message: 'a reply deadline must be longer than zero',
            },
          ];
    },
    prepare: (data) => durationMs(data.replyWithin),
    async run(ctx) {
      const dueAt = new Date(ctx.now.getTime() + ctx.prepared).toISOString();
      const opened = await openStep(ctx, host, {
        type: 'consult',
        title: 'Answer the consultation',
        role: 'expert',
        dueAt,
        ...(ctx.data.question ? { question: ctx.data.question } : {}),
      });
      return {
        park: { event: SETTLED, dueAt, dueHandle: 'unanswered' },
        trace: { kind: 'consult', ...opened, dueAt },
      };
    },
    async onEvent(ctx) {
      const handle = settledHandle(ctx, ['answered']);
      return handle ? { handle, trace: { kind: 'consult', status: handle } } : null;
    },
    onTimer: (_ctx, dueHandle) => ({ handle: dueHandle, trace: { kind: 'consult', status: dueHandle } }),
  };
}

export function receiptKind(host: PlaybookHost): NodeKind<ReceiptNodeData, null, PlaybookStepTrace> {
  return {
    type: 'receipt',
    title: 'Confirm receipt',
    description:
      'The receiver of a handoff confirms they have the brief and can take it on (confirmed), or says what is missing (refused). The playbook does not go on until they answer.',
    category: 'playbook',
    pauses: true,
    dataSchema: { $ref: `${SCHEMA}receipt` },
    outputs: [
      { handle: 'confirmed', label: 'Confirmed' },
      { handle: 'refused', label: 'Refused' },
    ],
    check: (data) => windowProblems(data.window, '/window'),
    async run(ctx) {
      const opened = await openStep(ctx, host, {
        type: 'receipt',
        title: ctx.data.title ?? 'Confirm you have the brief',
        role: ctx.data.role ?? 'receiver',
        ...(ctx.data.window ? { window: ctx.data.window } : {}),
      });
      return { park: { event: SETTLED }, trace: { kind: 'receipt', ...opened } };
    },
    async onEvent(ctx) {
      const handle = settledHandle(ctx, ['confirmed', 'refused']);
      return handle ? { handle, trace: { kind: 'receipt', status: handle } } : null;
    },
  };
}

export function satisfactionKind(
  host: PlaybookHost,
): NodeKind<SatisfactionNodeData, number, PlaybookStepTrace> {
  return {
    type: 'satisfaction',
    title: 'Satisfaction check',
    description:
      'Asks the customer, in a status update (status page or email) with a link, whether they are satisfied. satisfied, unsatisfied, or no-answer when the wait passes.',
    category: 'playbook',
    pauses: true,
    dataSchema: { $ref: `${SCHEMA}satisfaction` },
    outputs: [
      { handle: 'satisfied', label: 'Satisfied' },
      { handle: 'unsatisfied', label: 'Not satisfied' },
      { handle: 'no-answer', label: 'No answer' },
    ],
    check(data) {
      return parseDuration(data.waitFor)
        ? []
        : [{ pointer: '/waitFor', code: 'invalid-duration', message: 'the wait must be longer than zero' }];
    },
    prepare: (data) => durationMs(data.waitFor),
    async run(ctx) {
      const dueAt = new Date(ctx.now.getTime() + ctx.prepared).toISOString();
      const opened = await openStep(ctx, host, {
        type: 'satisfaction',
        title: 'Customer satisfaction',
        dueAt,
        question: ctx.data.question,
      });
      return {
        park: { event: SETTLED, dueAt, dueHandle: 'no-answer' },
        trace: { kind: 'satisfaction', ...opened, dueAt },
      };
    },
    async onEvent(ctx) {
      const handle = settledHandle(ctx, ['satisfied', 'unsatisfied']);
      return handle ? { handle, trace: { kind: 'satisfaction', status: handle } } : null;
    },
    onTimer: (_ctx, dueHandle) => ({ handle: dueHandle, trace: { kind: 'satisfaction', status: dueHandle } }),
  };
}

export const forkKind: NodeKind<ForkNodeData, null, ForkTrace> = {
  type: 'fork',
  title: 'Parallel workstreams',
  description:
    'Starts one workstream per branch, run side by side (technical, customer communication, leadership, …). A join brings them together again. Playbooks only.',
  category: 'playbook',
  pauses: true,
  dataSchema: { $ref: `${SCHEMA}fork` },
  outputs: [{ forEach: '/branches', handleField: 'id', labelField: 'label' }],
  check(data) {
    const problems: KindProblem[] = [];
    const seen = new Set<string>();
    data.branches.forEach((b, i) => {
      if (seen.has(b.id))
        problems.push({
          pointer: `/branches/${i}/id`,
          code: 'duplicate-case',
          message: `branch id "${b.id}" is used twice`,
        });
      seen.add(b.id);
    });
    return problems;
  },
  // The playbook runtime sees the park and starts the branches; each branch leaves through its handle.
  run: (ctx) => ({ park: {}, trace: { kind: 'fork', branches: ctx.data.branches.map((b) => b.id) } }),
  onTimer: (ctx, handle) => ({
    handle,
    trace: { kind: 'fork', branches: ctx.data.branches.map((b) => b.id) },
  }),
};

export const joinKind: NodeKind<JoinNodeData, null, { kind: 'join' }> = {
  type: 'join',
  title: 'Join workstreams',
  description:
    'Waits until every workstream of the fork before it has arrived here (or ended), then goes on once. Playbooks only.',
  category: 'playbook',
  pauses: true,
  dataSchema: { $ref: `${SCHEMA}join` },
  outputs: [{ handle: 'next', label: 'All arrived' }],
  run: () => ({ park: {}, trace: { kind: 'join' } }),
};

export function expertSearchKind(
  host: PlaybookHost,
): NodeKind<ExpertSearchNodeData, null, ExpertSearchTrace> {
  return {
    type: 'expert-search',
    title: 'Find an expert',
    description:
      'Ranks agents for the issue (skill fit, success on similar issues, load, availability) and makes the best available one other than the owner the run’s expert. none: nobody available.',
    category: 'playbook',
    dataSchema: { $ref: `${SCHEMA}expertSearch` },
    outputs: [
      { handle: 'found', label: 'Found' },
      { handle: 'none', label: 'Nobody available' },
    ],
    async run(ctx) {
      const named = host.currentExpert(ctx.run.id);
      if (named) {
        return {
          handle: 'found',
          trace: { kind: 'expert-search', expert: { ...named, score: 1 }, considered: 0 },
        };
      }
      const ranked = await host.rankExperts(ctx.issue);
      const owner = ctx.issue.assignee?.agentId;
      const minScore = ctx.data.minScore ?? 0;
      const best = ranked.find((c) => c.agentId !== owner && c.available && c.score >= minScore);
      const trace: ExpertSearchTrace = { kind: 'expert-search', considered: ranked.length };
      if (!best) return { handle: 'none', trace };
      trace.expert = { agentId: best.agentId, name: best.name, score: best.score };
      await ctx.effects.act('playbook.expert', { agentId: best.agentId }, () =>
        host.setExpert(ctx.run.id, { agentId: best.agentId, name: best.name }),
      );
      return { handle: 'found', trace };
    },
  };
}

export function warRoomKind(host: PlaybookHost): NodeKind<WarRoomNodeData, null, WarRoomTrace> {
  return {
    type: 'war-room',
    title: 'Open the war room',
    description:
      'Opens the issue’s shared workspace as the war room and pulls in the people of the chosen roles, each told with a link and the context.',
    category: 'playbook',
    dataSchema: { $ref: `${SCHEMA}warRoom` },
    outputs: [{ handle: 'next', label: 'Next' }],
    async run(ctx) {
      const people = await ctx.effects.act('playbook.war-room', { roles: ctx.data.roles }, () =>
        host.openWarRoom(ctx.run.id, ctx.node.id, ctx.data.roles, ctx.data.message),
      );
      return { handle: 'next', trace: { kind: 'war-room', people: people ?? [] } };
    },
  };
}

/** Every kind this module adds, for one host. */
export function playbookKinds(host: PlaybookHost): NodeKind<never, never, { kind: string }>[] {
  return [
    taskKind(host),
    forkKind,
    joinKind,
    consultKind(host),
    receiptKind(host),
    satisfactionKind(host),
    expertSearchKind(host),
    warRoomKind(host),
  ] as unknown as NodeKind<never, never, { kind: string }>[];
}

/** Kinds whose nodes are steps people do. */
export const HUMAN_KINDS = new Set(['task', 'consult', 'receipt', 'satisfaction']);
/** Kinds that only move workstreams and are not steps at all. */
export const STRUCTURAL_KINDS = new Set(['trigger', 'condition', 'switch', 'fork', 'join', 'end']);
