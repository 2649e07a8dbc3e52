/**
 * Simulate and replay: run a flow without side effects. Node actions go through dry-run effects
 * (recorded, not performed), nothing is stored, and the result carries the full trace.
 *
 * - simulate: one issue (stored, or pasted with an optional customer and timeline summary), against
 *   the draft or a published version; `waits` chooses the handle each wait takes, else the run stops
 *   at the first wait and reports what it would wait for.
 * - replay: the draft and a published version over up to 2,000 stored issues (newest first, or the
 *   ones named), reporting visits per node, runs per outcome and per resulting queue, and the issues
 *   whose path or result differs. Both sides run with the trigger's first event and stop at waits.
 */
import type {
  Customer,
  FlowDocument,
  FlowReplay,
  FlowReplayReport,
  FlowSimulate,
  FlowSimulation,
  Issue,
  ReplayRunResult,
  TimelineSummary,
} from '@baton/schemas';
import type { CompiledFlow } from '../engine/compile.ts';
import { dryRunEffects } from '../engine/effects.ts';
import type { FlowEngine } from '../engine/engine.ts';
import type { Execution } from '../engine/executor.ts';
import type { FactSource } from '../engine/facts.ts';
import { summarizeTimeline } from '../engine/facts.ts';
import { invalidInput, ProblemError } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import type { FlowService } from './service.ts';

/** Issues listed in a replay report's `changed`. */
const MAX_CHANGED = 100;

export interface LabDeps {
  clock: Clock;
  engine: FlowEngine;
  flows: FlowService;
  issues: IssueService;
  /** Live facts (the runtime's): customers and timelines from the store. */
  facts: FactSource;
}

export class FlowLab {
  constructor(private readonly deps: LabDeps) {}

  async simulate(flowId: string, body: FlowSimulate): Promise<FlowSimulation> {
    const compiled = await this.#compiled(flowId, body.version ?? 0);
    const eventType = body.event ?? compiled.triggerEvents[0];
    if (!eventType || !compiled.triggerEvents.includes(eventType)) {
      throw invalidInput(
        '/event',
        `the flow starts on ${compiled.triggerEvents.join(', ') || 'no event'}, not ${eventType ?? 'nothing'}`,
      );
    }
    const { issue, source } = await this.#subject(body);
    const exec = await this.deps.engine.executor.start({
      runId: 'run_simulation',
      flow: compiled,
      issue,
      event: { type: eventType, payload: eventPayload(eventType, issue) },
      source,
      effects: dryRunEffects(this.deps.clock),
      trace: true,
      depth: 0,
      ...(body.waits ? { waits: body.waits } : {}),
    });
    return {
      flowId,
      version: compiled.version,
      issueId: issue.id,
      status: exec.status,
      path: exec.path,
      steps: exec.steps,
      effects: exec.effects,
      ...(exec.outcome ? { outcome: exec.outcome } : {}),
      ...(exec.waiting ? { waiting: exec.waiting } : {}),
      ...(exec.error ? { error: exec.error } : {}),
      issue: exec.issue,
    };
  }

  async replay(flowId: string, body: FlowReplay): Promise<FlowReplayReport> {
    const record = await this.deps.flows.get(flowId);
    const version = body.version ?? record.enabledVersion ?? record.latestVersion;
    if (version < 1) {
      throw new ProblemError(
        'conflict',
        `flow ${flowId} has no published version to compare the draft with; publish it first`,
      );
    }
    const published = await this.#compiled(flowId, version);
    const draft = await this.#compiled(flowId, 0);
    const issues = await this.#issues(body);

    const customers = new Map<string, Promise<Customer | null>>();
    const source: FactSource = {
      customer: (id) => {
        const hit = customers.get(id) ?? this.deps.facts.customer(id);
        customers.set(id, hit);
        return hit;
      },
      timeline: (issueId) => this.deps.facts.timeline(issueId),
    };
    const visits = new Map<string, { nodeId: string; type: string; draft: number; published: number }>();
    for (const [side, flow] of [['published', published] as const, ['draft', draft] as const]) {
      for (const node of flow.document.nodes) {
        if (!visits.has(node.id))
          visits.set(node.id, { nodeId: node.id, type: node.type, draft: 0, published: 0 });
        if (side === 'draft') visits.get(node.id)!.type = node.type;
      }
    }
    const outcomes = new Map<string, { draft: number; published: number }>();
    const queues = new Map<string, { draft: number; published: number }>();
    const count = (map: typeof outcomes, key: string, side: 'draft' | 'published') => {
      const entry = map.get(key) ?? { draft: 0, published: 0 };
      entry[side]++;
      map.set(key, entry);
    };
    const changed: FlowReplayReport['changed'] = [];
    let changedCount = 0;

    for (const issue of issues) {
      const results = {} as Record<'draft' | 'published', ReplayRunResult>;
      for (const [side, flow] of [['published', published] as const, ['draft', draft] as const]) {
        const eventType = flow.triggerEvents[0] ?? 'issue.created';
        const exec = await this.deps.engine.executor.start({
          runId: 'run_replay',
          flow,
          issue,
          event: { type: eventType, payload: eventPayload(eventType, issue) },
          source,
          effects: dryRunEffects(this.deps.clock),
          trace: false,
          depth: 0,
        });
        results[side] = resultOf(exec);
        for (const nodeId of exec.path) {
          const v = visits.get(nodeId);
          if (v) v[side]++;
        }
        count(outcomes, exec.status === 'completed' ? (exec.outcome ?? '(none)') : `(${exec.status})`, side);
        count(queues, exec.issue.queue ?? '(none)', side);
      }
      const a = results.published;
      const b = results.draft;
      const differs =
        a.path.join('>') !== b.path.join('>') ||
        a.outcome !== b.outcome ||
        a.status !== b.status ||
        a.queue !== b.queue ||
        a.priority !== b.priority;
      if (differs) {
        changedCount++;
        if (changed.length < MAX_CHANGED)
          changed.push({ issueId: issue.id, subject: issue.subject, draft: b, published: a });
      }
    }
    const counts = (map: typeof outcomes) =>
      [...map]
        .map(([key, c]) => ({ key, ...c }))
        .sort((x, y) => y.draft + y.published - (x.draft + x.published));
    return {
      flowId,
      version,
      issues: issues.length,
      changedCount,
      nodes: [...visits.values()],
      outcomes: counts(outcomes),
      queues: counts(queues),
      changed,
    };
  }

  async #compiled(flowId: string, version: number): Promise<CompiledFlow> {
    const doc: FlowDocument = await this.deps.flows.document(flowId, version);
    if (version === 0) {
      const report = this.deps.flows.validate(doc);
      if (!report.valid) {
        throw new ProblemError(
          'unprocessable',
          `the draft has ${report.errors.length} error(s): ${report.errors.map((e) => e.message).join('; ')}`,
          report.errors.map((e) => ({ pointer: e.pointer, detail: e.message })),
        );
      }
    }
    return this.deps.engine.compiled(doc);
  }

  async #issues(body: FlowReplay): Promise<Issue[]> {
    if (body.issueIds) {
      return Promise.all(body.issueIds.map((id) => this.deps.issues.get(id)));
    }
    const limit = body.limit ?? 200;
    const out: Issue[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.issues.list({
        limit: Math.min(200, limit - out.length),
        ...(cursor ? { cursor } : {}),
        ...(body.status ? { status: body.status } : {}),
        ...(body.priority ? { priority: body.priority } : {}),
        ...(body.channel ? { channel: body.channel } : {}),
        ...(body.queue ? { queue: body.queue } : {}),
        ...(body.tag ? { tag: body.tag } : {}),
      });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < limit);
    return out;
  }

  /** The issue to simulate on and where its customer and timeline come from. */
  async #subject(body: FlowSimulate): Promise<{ issue: Issue; source: FactSource }> {
    const now = this.deps.clock.now().toISOString();
    let issue: Issue;
    if (body.issueId) {
      issue = await this.deps.issues.get(body.issueId);
    } else {
      const pasted = body.issue!;
      issue = {
        id: pasted.id ?? 'iss_simulated',
        subject: pasted.subject,
        body: pasted.body ?? '',
        channel: pasted.channel ?? 'web',
        customerId: pasted.customerId ?? body.customer?.id ?? 'cus_simulated',
        priority: pasted.priority ?? 'medium',
        status: pasted.status ?? 'new',
        tags: pasted.tags ?? [],
        ...(pasted.queue ? { queue: pasted.queue } : {}),
        ...(pasted.type ? { type: pasted.type } : {}),
        ...(pasted.language ? { language: pasted.language } : {}),
        createdAt: pasted.createdAt ?? now,
        updatedAt: now,
        lastActivityAt: pasted.lastActivityAt ?? pasted.createdAt ?? now,
      };
    }
    const pastedCustomer: Customer | null = body.customer
      ? { name: 'Simulated customer', ...body.customer, id: issue.customerId, createdAt: now, updatedAt: now }
      : null;
    const pastedTimeline: TimelineSummary | null =
      body.timeline ??
      (body.issueId ? null : summarizeTimeline([{ type: 'customer_message', at: issue.createdAt }]));
    const live = this.deps.facts;
    const stored = Boolean(body.issueId);
    return {
      issue,
      source: {
        customer: (id) =>
          pastedCustomer
            ? Promise.resolve(pastedCustomer)
            : stored
              ? live.customer(id)
              : Promise.resolve(null),
        timeline: (issueId) => (pastedTimeline ? Promise.resolve(pastedTimeline) : live.timeline(issueId)),
      },
    };
  }
}

/** The `event` payload a simulated or replayed start sees: for message.added, the issue's opening message. */
function eventPayload(eventType: string, issue: Issue): Record<string, unknown> {
  if (eventType !== 'message.added') return {};
  return {
    type: 'customer_message',
    text: issue.body || issue.subject,
    channel: issue.channel,
    author: { kind: 'customer', id: issue.customerId },
  };
}

function resultOf(exec: Execution): ReplayRunResult {
  return {
    status: exec.status,
    path: exec.path,
    ...(exec.outcome ? { outcome: exec.outcome } : {}),
    ...(exec.issue.queue ? { queue: exec.issue.queue } : {}),
    priority: exec.issue.priority,
    ...(exec.error ? { error: exec.error.message } : {}),
  };
}
