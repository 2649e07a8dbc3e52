import type { RuleCondition, TriggerNodeData } from '@baton/schemas';
import { andThen } from '../../shared/maybe-promise.ts';
import type { CompiledCondition, ConditionOutcome, ConditionTrace } from '../conditions.ts';
import type { NodeKind, NodeResult } from '../registry.ts';

export interface TriggerTrace {
  kind: 'trigger';
  event: string;
  /** Whether the filter matched (true when there is none). */
  passed: boolean;
  filter?: ConditionTrace;
}

export const triggerKind: NodeKind<TriggerNodeData, CompiledCondition | null, TriggerTrace> = {
  type: 'trigger',
  title: 'Trigger',
  description:
    'Where a run starts: the events that start it (an issue is created, a message is added, …) and, optionally, which issues it is for. A flow has exactly one.',
  category: 'trigger',
  icon: '⚡',
  dataSchema: { $ref: 'https://schemas.baton.dev/flow-nodes.schema.json#/$defs/trigger' },
  outputs: [{ handle: 'next', label: 'Next' }],
  check(data, ctx) {
    const problems = data.events
      .map((event, i) => ({ event, i }))
      .filter(({ event }) => !ctx.isTriggerEvent(event))
      .map(({ event, i }) => ({
        pointer: `/events/${i}`,
        code: 'unknown-event',
        message: `"${event}" is not a trigger event (GET /api/node-kinds lists them)`,
      }));
    if (data.filter) problems.push(...ctx.conditions.check(data.filter, '/filter'));
    return problems;
  },
  prepare: (data, ctx) => (data.filter ? ctx.condition(data.filter as RuleCondition, 'filter') : null),
  run(ctx) {
    if (!ctx.prepared)
      return { handle: 'next', trace: { kind: 'trigger', event: ctx.event.type, passed: true } };
    // At once when the filter is decided at once (see NodeContext.evaluate).
    const event = ctx.event.type;
    return andThen(ctx.evaluate(ctx.prepared), (outcome) => resultOf(event, outcome));
  },
};

function resultOf(event: string, outcome: ConditionOutcome): NodeResult<TriggerTrace> {
  const trace: TriggerTrace = {
    kind: 'trigger',
    event,
    passed: outcome.result,
    ...(outcome.trace ? { filter: outcome.trace } : {}),
  };
  return outcome.result ? { handle: 'next', trace } : { stop: 'filtered', trace };
}
