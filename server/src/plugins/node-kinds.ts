/**
 * Plugins' node kinds in the flow engine: each runs through the host (under its timeout, its result
 * validated), only while the plugin is enabled. The plugin gets `dryRun` and must change nothing
 * outside in simulations and replays. A handle the kind does not declare, or a failed call, fails
 * the node with the reason in its trace.
 */
import type { NodeKind } from '../engine/registry.ts';
import type { PluginHost } from './host.ts';

export interface PluginNodeTrace {
  kind: 'plugin';
  plugin: string;
  type: string;
  dryRun: boolean;
  [key: string]: unknown;
}

export function pluginNodeKinds(
  host: PluginHost,
): NodeKind<Record<string, unknown>, null, PluginNodeTrace>[] {
  return host.nodeKinds().map(({ plugin, kind }) => {
    const handles = new Set(kind.outputs.map((o) => o.handle));
    return {
      type: kind.type,
      title: kind.title,
      description: `${kind.description} (plugin ${plugin})`,
      category: 'action',
      dataSchema: kind.dataSchema,
      outputs: kind.outputs.map((o) => ({ handle: o.handle, label: o.label })),
      async run(ctx) {
        const dryRun = ctx.effects.dryRun;
        const outcome = await host.runNodeKind(plugin, kind.type, {
          data: ctx.data,
          issue: ctx.issue,
          flow: { ...ctx.flow },
          run: { id: ctx.run.id },
          nodeId: ctx.node.id,
          dryRun,
        });
        if (!outcome.ok)
          throw new Error(`plugin ${plugin} node ${kind.type} failed (${outcome.kind}): ${outcome.error}`);
        const { handle, trace } = outcome.value;
        if (!handles.has(handle))
          throw new Error(`plugin ${plugin} node ${kind.type} took the undeclared handle "${handle}"`);
        return { handle, trace: { ...(trace ?? {}), kind: 'plugin', plugin, type: kind.type, dryRun } };
      },
    };
  });
}
