import type { IssueUpdate, SetNodeData } from '@baton/schemas';
import type { NodeKind } from '../registry.ts';

export interface SetTrace {
  kind: 'set';
  /** The change asked of the issues module. */
  patch: IssueUpdate;
  /** Field by field, what it changed (nothing when the issue already was so). */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** false in a dry run (simulate, replay): recorded, not performed. */
  applied: boolean;
}

const FIELDS = ['status', 'priority', 'queue', 'type'] as const;

export const setKind: NodeKind<SetNodeData, null, SetTrace> = {
  type: 'set',
  title: 'Set fields',
  description: 'Changes the issue as the flow: status, priority, queue, type, tags to add or remove.',
  category: 'action',
  icon: '✎',
  dataSchema: { $ref: 'https://schemas.baton.dev/flow-nodes.schema.json#/$defs/set' },
  outputs: [{ handle: 'next', label: 'Next' }],
  async run(ctx) {
    const before = ctx.issue;
    const patch: IssueUpdate = {};
    for (const field of FIELDS) {
      const value = ctx.data[field];
      if (value !== undefined) (patch as Record<string, unknown>)[field] = value;
    }
    if (ctx.data.tags) {
      const remove = new Set(ctx.data.tags.remove ?? []);
      const tags = before.tags.filter((t) => !remove.has(t));
      for (const tag of ctx.data.tags.add ?? []) if (!tags.includes(tag) && !remove.has(tag)) tags.push(tag);
      patch.tags = tags;
    }
    const after = await ctx.effects.updateIssue(patch);
    const changes: SetTrace['changes'] = {};
    if (!ctx.run.trace)
      return { handle: 'next', trace: { kind: 'set', patch, changes, applied: !ctx.effects.dryRun } };
    for (const field of [...FIELDS, 'tags'] as const) {
      const from = before[field];
      const to = after[field];
      if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null))
        changes[field] = { from: from ?? null, to: to ?? null };
    }
    return { handle: 'next', trace: { kind: 'set', patch, changes, applied: !ctx.effects.dryRun } };
  },
};
