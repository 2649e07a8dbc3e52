/**
 * Intelligence plugins as the intelligence module's providers: a plugin's `embed` behind the
 * `EmbeddingProvider` interface (through the host: deadline, validation — one vector per text, all
 * of one length — and health), vectors scaled to unit length as retrieval expects. To use one,
 * pass `pluginEmbeddingProvider(host, name)` as `embedder` when creating the services.
 */
import type { EmbeddingProvider } from '../intelligence/providers/provider.ts';
import type { PluginHost } from './host.ts';

export function pluginEmbeddingProvider(host: PluginHost, plugin: string): EmbeddingProvider {
  return {
    kind: 'embedding',
    id: `plugin:${plugin}`,
    async embed(texts) {
      const outcome = await host.embed(plugin, texts);
      if (!outcome.ok)
        throw new Error(`plugin ${plugin} could not embed (${outcome.kind}): ${outcome.error}`);
      return outcome.value.map((v) => {
        const norm = Math.hypot(...v) || 1;
        return Float32Array.from(v, (x) => x / norm);
      });
    },
  };
}
