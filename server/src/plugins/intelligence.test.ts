/** Intelligence plugins: embeddings validated (one vector per text, one length) and usable as a provider. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, type PluginTestBaton, startPluginTestBaton } from '../testing/plugins.ts';
import { pluginEmbeddingProvider } from './intelligence.ts';

let baton: PluginTestBaton;
beforeEach(async () => {
  baton = await startPluginTestBaton({ extraPluginDirs: [FIXTURES] });
});
afterEach(() => baton.close());

describe('intelligence plugins', () => {
  it('embed through the host as a unit-length provider; ragged vectors are refused and reported', async () => {
    expect((await baton.plugins.intelligence()).map((p) => p.plugin)).toEqual(['embedder']);
    const provider = pluginEmbeddingProvider(baton.plugins, 'embedder');
    const [a, b] = await provider.embed(['refund please', 'refund now']);
    expect(a).toHaveLength(26);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 6);
    expect(Math.hypot(...b!)).toBeCloseTo(1, 6);
    await expect(provider.embed(['fine', 'ragged'])).rejects.toThrow(
      /invalid result: 2 vectors of 26\/3 dimensions/,
    );
    const info = (await baton.request({ method: 'GET', url: '/api/plugins/embedder' })).json();
    expect(info.health).toMatchObject({ calls: 2, invalidResults: 1 });
  });
});
