/**
 * Building and running flows in tests, in one place: nodes and edges without the boilerplate, a
 * flow created, published and enabled through the API as a designer would, and `settle` to let the
 * bus and due timers run until the instance is quiet.
 */
import type { FlowEdge, FlowNode, FlowRecord } from '@baton/schemas';
import { expect } from 'vitest';
import type { TestBaton } from './harness.ts';

export const node = (id: string, type: string, data: Record<string, unknown>): FlowNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data,
});

export const edge = (source: string, sourceHandle: string, target: string): FlowEdge => ({
  id: `${source}:${sourceHandle}:${target}`,
  source,
  sourceHandle,
  target,
});

/** Creates, publishes and enables a flow through the API; fails the test when any step is refused. */
export async function deployFlow(
  baton: TestBaton,
  flow: { name: string; nodes: FlowNode[]; edges: FlowEdge[]; note?: string },
  token?: string,
): Promise<FlowRecord> {
  const created = await baton.request({
    method: 'POST',
    url: '/api/flows',
    payload: { name: flow.name, nodes: flow.nodes, edges: flow.edges },
    ...(token ? { token } : {}),
  });
  expect(created.statusCode, created.body).toBe(201);
  const record = created.json<FlowRecord>();
  expect(record.validation.errors).toEqual([]);
  const published = await baton.request({
    method: 'POST',
    url: `/api/flows/${record.id}/publish`,
    payload: { ...(flow.note ? { note: flow.note } : {}), enable: true },
    ...(token ? { token } : {}),
  });
  expect(published.statusCode, published.body).toBe(201);
  return record;
}

/** Lets bus handlers and due timers run (a few rounds: one may start the next) until all is quiet. */
export async function settle(baton: TestBaton, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await baton.services.bus.drain();
    await baton.services.timers.runDue();
  }
  await baton.services.bus.drain();
}
