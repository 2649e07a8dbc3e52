import type { EndNodeData } from '@baton/schemas';
import type { NodeKind } from '../registry.ts';

export interface EndTrace {
  kind: 'end';
  outcome: string;
}

export const endKind: NodeKind<EndNodeData, null, EndTrace> = {
  type: 'end',
  title: 'End',
  description: 'Ends the run with an outcome (default: the node id) that replay and analytics group runs by.',
  category: 'end',
  icon: '■',
  dataSchema: { $ref: 'https://schemas.baton.dev/flow-nodes.schema.json#/$defs/end' },
  outputs: [],
  run(ctx) {
    const outcome = ctx.data.outcome ?? ctx.node.id;
    return { end: outcome, trace: { kind: 'end', outcome } };
  },
};
