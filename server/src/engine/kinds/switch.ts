import type { RuleCondition, SwitchNodeData } from '@baton/schemas';
import type { CompiledCondition, ConditionTrace } from '../conditions.ts';
import type { KindProblem, NodeKind } from '../registry.ts';

export interface SwitchTrace {
  kind: 'switch';
  /** The case taken, or null for `default`. */
  matched: string | null;
  /** The cases evaluated, in order, up to the first match. */
  cases: Array<{ id: string; result: boolean; condition?: ConditionTrace }>;
}

export const switchKind: NodeKind<
  SwitchNodeData,
  Array<{ id: string; condition: CompiledCondition }>,
  SwitchTrace
> = {
  type: 'switch',
  title: 'Switch',
  description: 'Checks its cases in order and goes on by the first that holds, or by Default when none does.',
  category: 'logic',
  icon: '⋔',
  dataSchema: { $ref: 'https://schemas.baton.dev/flow-nodes.schema.json#/$defs/switch' },
  outputs: [
    { forEach: '/cases', handleField: 'id', labelField: 'label' },
    { handle: 'default', label: 'Default' },
  ],
  check(data, ctx) {
    const problems: KindProblem[] = [];
    const seen = new Set<string>();
    data.cases.forEach((c, i) => {
      if (c.id === 'default') {
        problems.push({
          pointer: `/cases/${i}/id`,
          code: 'invalid-data',
          message: '"default" is the fallback handle; name the case differently',
        });
      } else if (seen.has(c.id)) {
        problems.push({
          pointer: `/cases/${i}/id`,
          code: 'duplicate-case',
          message: `case id "${c.id}" is used twice`,
        });
      }
      seen.add(c.id);
      problems.push(...ctx.conditions.check(c.condition, `/cases/${i}/condition`));
    });
    return problems;
  },
  prepare: (data, ctx) =>
    data.cases.map((c) => ({ id: c.id, condition: ctx.condition(c.condition as RuleCondition, c.id) })),
  async run(ctx) {
    const cases: SwitchTrace['cases'] = [];
    for (const c of ctx.prepared) {
      const outcome = await ctx.evaluate(c.condition);
      cases.push({
        id: c.id,
        result: outcome.result,
        ...(outcome.trace ? { condition: outcome.trace } : {}),
      });
      if (outcome.result) return { handle: c.id, trace: { kind: 'switch', matched: c.id, cases } };
    }
    return { handle: 'default', trace: { kind: 'switch', matched: null, cases } };
  },
};
