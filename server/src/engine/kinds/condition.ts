import type { ConditionNodeData, RuleCondition } from '@baton/schemas';
import { andThen } from '../../shared/maybe-promise.ts';
import type { CompiledCondition, ConditionOutcome, ConditionTrace } from '../conditions.ts';
import type { NodeKind, NodeResult } from '../registry.ts';

export interface ConditionNodeTrace {
  kind: 'condition';
  result: boolean;
  condition?: ConditionTrace;
}

export const conditionKind: NodeKind<ConditionNodeData, CompiledCondition, ConditionNodeTrace> = {
  type: 'condition',
  title: 'Condition',
  description:
    'Checks something about the issue, its customer, its SLA or the event, and goes on by True or False.',
  category: 'logic',
  icon: '◇',
  dataSchema: { $ref: 'https://schemas.baton.dev/flow-nodes.schema.json#/$defs/condition' },
  outputs: [
    { handle: 'true', label: 'True' },
    { handle: 'false', label: 'False' },
  ],
  check: (data, ctx) => ctx.conditions.check(data.condition, '/condition'),
  prepare: (data, ctx) => ctx.condition(data.condition as RuleCondition, 'condition'),
  run(ctx) {
    // At once when the condition is decided at once (see NodeContext.evaluate).
    return andThen(ctx.evaluate(ctx.prepared), resultOf);
  },
};

function resultOf(outcome: ConditionOutcome): NodeResult<ConditionNodeTrace> {
  return {
    handle: outcome.result ? 'true' : 'false',
    trace: {
      kind: 'condition',
      result: outcome.result,
      ...(outcome.trace ? { condition: outcome.trace } : {}),
    },
  };
}
