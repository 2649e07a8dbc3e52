/**
 * Node kinds have versions, and a published flow version pins the versions it was validated with.
 * A kind registered in a new version keeps its old one: a flow published on the old version keeps
 * running on it, unchanged, while drafts validate against (and republishing adopts) the new one. A
 * pinned version that is no longer registered is not silently reinterpreted — it does not run, and
 * both a simulation and the issue's runs say why.
 */
import type { FlowRecord, FlowRun, FlowVersion, Issue, NodeKindCatalog } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeKind } from '../engine/registry.ts';
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

  it('a kind registered in a second version keeps running flows published on the first; drafts move to the second', async () => {
    // A test-only kind whose data changed meaning: v1 tags with `tag`, v2 takes a list `tags`.
    const stampV1: NodeKind<{ tag: string }> = {
      type: 'test.stamp',
      title: 'Stamp',
      description: 'Tags the issue (test kind).',
      category: 'action',
      dataSchema: {
        type: 'object',
        required: ['tag'],
        additionalProperties: false,
        properties: { tag: { type: 'string', minLength: 1, maxLength: 50 } },
      },
      outputs: [{ handle: 'next' }],
      async run(ctx) {
        const tags = [...new Set([...ctx.issue.tags, `${ctx.data.tag}-v1`])];
        await ctx.effects.updateIssue({ tags });
        return { handle: 'next', trace: { kind: 'test.stamp' } };
      },
    };
    const stampV2: NodeKind<{ tags: string[] }> = {
      ...(stampV1 as unknown as NodeKind<{ tags: string[] }>),
      version: 2,
      dataSchema: {
        type: 'object',
        required: ['tags'],
        additionalProperties: false,
        properties: { tags: { type: 'array', minItems: 1, items: { type: 'string', maxLength: 50 } } },
      },
      async run(ctx) {
        const tags = [...new Set([...ctx.issue.tags, ...ctx.data.tags.map((t) => `${t}-v2`)])];
        await ctx.effects.updateIssue({ tags });
        return { handle: 'next', trace: { kind: 'test.stamp' } };
      },
    };
    const kinds = baton.services.engine.kinds;
    kinds.register(stampV1);
    const stamping = [
      node('start', 'trigger', { events: ['issue.created'] }),
      node('stamp', 'test.stamp', { tag: 'stamped' }),
      node('done', 'end', {}),
    ];
    const flow = await deployFlow(baton, {
      name: 'Stamping',
      nodes: stamping,
      edges: [edge('start', 'next', 'stamp'), edge('stamp', 'next', 'done')],
    });

    kinds.register(stampV2);
    expect(kinds.versions('test.stamp')).toEqual([1, 2]);
    expect(() => kinds.register(stampV2)).toThrow(
      'version 2 of the node kind test.stamp is already registered',
    );
    const catalog = (await baton.request({ url: '/api/node-kinds' })).json<NodeKindCatalog>();
    expect(catalog.kinds.filter((k) => k.type === 'test.stamp').map((k) => k.version)).toEqual([2]);

    // The published version runs on v1, as it was validated.
    const open = async (subject: string) => {
      const issue = (
        await baton.request({
          method: 'POST',
          url: '/api/issues',
          payload: { subject, body: 'x', channel: 'email', customer: { email: 's@example.com' } },
        })
      ).json<Issue>();
      await settle(baton);
      return baton.services.issues.get(issue.id);
    };
    expect((await open('Old stamp')).tags).toContain('stamped-v1');

    // Drafts are validated against v2: the v1 data, saved again, is an error on that node until updated.
    const save = async (data: Record<string, unknown>) =>
      (
        await baton.request({
          method: 'PATCH',
          url: `/api/flows/${flow.id}`,
          payload: {
            nodes: stamping.map((n) => (n.id === 'stamp' ? { ...n, data } : n)),
            edges: [edge('start', 'next', 'stamp'), edge('stamp', 'next', 'done')],
          },
        })
      ).json<FlowRecord>().validation.errors;
    expect((await save({ tag: 'stamped' })).map((e) => e.nodeId)).toContain('stamp');
    expect(await save({ tags: ['stamped'] })).toEqual([]);

    // Publishing adopts v2, and the flow runs on it from then on.
    const republished = await baton.request({
      method: 'POST',
      url: `/api/flows/${flow.id}/publish`,
      payload: { enable: true },
    });
    expect(republished.json<FlowVersion>().document.kindVersions?.['test.stamp']).toBe(2);
    const fresh = await open('New stamp');
    expect(fresh.tags).toContain('stamped-v2');
    expect(fresh.tags).not.toContain('stamped-v1');
  });
});
