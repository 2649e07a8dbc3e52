/**
 * Node kinds have versions, and a published flow version pins the versions it was validated with:
 * when a kind changes version, the pinned version is not silently reinterpreted — it does not run,
 * and both a simulation and the issue's runs say why.
 */
import type { FlowRun, FlowVersion, Issue, NodeKindCatalog } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow, edge, node, settle } from '../testing/flows.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

let baton: TestBaton;
// Starting an instance can take a while on a loaded machine.
beforeAll(async () => {
  baton = await startTestBaton();
}, 120_000);
afterAll(() => baton.close());

const nodes = [
  node('start', 'trigger', { events: ['issue.created'] }),
  node('tag', 'set', { tags: { add: ['pinned'] } }),
  node('done', 'end', {}),
];
const edges = [edge('start', 'next', 'tag'), edge('tag', 'next', 'done')];

describe('node kind versions', () => {
  it('the catalog gives each kind its version', async () => {
    const catalog = (await baton.request({ url: '/api/node-kinds' })).json<NodeKindCatalog>();
    expect(catalog.kinds.find((k) => k.type === 'set')).toMatchObject({ type: 'set', version: 1 });
    expect(catalog.kinds.every((k) => Number.isInteger(k.version) && k.version >= 1)).toBe(true);
  });

  it('a published version pins its kinds; after a kind changes, it refuses to run and says why', async () => {
    const flow = await deployFlow(baton, { name: 'Pinned tagging', nodes, edges });
    const [v1] = (await baton.request({ url: `/api/flows/${flow.id}/versions` })).json<{
      items: FlowVersion[];
    }>().items;
    expect(v1?.document.kindVersions).toEqual({ trigger: 1, set: 1, end: 1 });

    // As if `set` had moved to version 2 since: the stored pin no longer matches the registered kind.
    await baton.services.store
      .collection('flow_versions')
      .updateOne({ _id: `${flow.id}:v1` }, { $set: { 'document.kindVersions.set': 2 } });

    const simulated = await baton.request({
      method: 'POST',
      url: `/api/flows/${flow.id}/simulate`,
      payload: { version: 1, issue: { subject: 'Printer on fire' } },
    });
    expect(simulated.statusCode).toBe(409);
    expect(simulated.json().detail).toBe(
      'flow Pinned tagging version 1 was published with set version 2, and set is now version 1: publish the flow again to run it',
    );

    const opened = await baton.request({
      method: 'POST',
      url: '/api/issues',
      payload: {
        subject: 'Printer on fire',
        body: 'x',
        channel: 'email',
        customer: { email: 'p@example.com' },
      },
    });
    const issue = opened.json<Issue>();
    await settle(baton);
    const runs = (await baton.request({ url: `/api/issues/${issue.id}/runs` })).json<{ items: FlowRun[] }>()
      .items;
    expect(runs).toEqual([
      expect.objectContaining({
        flowId: flow.id,
        version: 1,
        status: 'failed',
        error: { message: expect.stringContaining('publish the flow again') },
      }),
    ]);
    expect((await baton.services.issues.get(issue.id)).tags).not.toContain('pinned');

    // Publishing again pins the kinds as they are now, and the flow runs.
    const republished = await baton.request({
      method: 'POST',
      url: `/api/flows/${flow.id}/publish`,
      payload: { enable: true },
    });
    expect(republished.json<FlowVersion>().document.kindVersions).toEqual({ trigger: 1, set: 1, end: 1 });
    const again = (
      await baton.request({
        method: 'POST',
        url: '/api/issues',
        payload: {
          subject: 'Second fire',
          body: 'x',
          channel: 'email',
          customer: { email: 'p@example.com' },
        },
      })
    ).json<Issue>();
    await settle(baton);
    expect((await baton.services.issues.get(again.id)).tags).toContain('pinned');
  });
});
