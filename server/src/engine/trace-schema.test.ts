/**
 * Run traces have a schema (flow-traces.schema.json, referenced by each step of flow-run.schema.json):
 * what the kinds really write must match it, so a kind cannot change its trace without the schema —
 * and the studio reading it — knowing.
 */

import type { FlowNode } from '@baton/schemas';
import { createAjv, schemaId } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceFlow } from '../flows/reference.ts';
import { edge, node } from '../testing/flows.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

let baton: TestBaton;
// Starting an instance can take a while on a loaded machine.
beforeAll(async () => {
  baton = await startTestBaton();
}, 120_000);
afterAll(() => baton.close());

const ajv = createAjv();
const validStep = ajv.getSchema(`${schemaId('flow-run')}#/$defs/step`)!;
const validTrace = ajv.getSchema(schemaId('flow-traces'))!;

async function simulate(nodes: FlowNode[], edges: unknown[], issue: Record<string, unknown>) {
  const created = await baton.request({
    method: 'POST',
    url: '/api/flows',
    payload: { name: 'Traced', nodes, edges },
  });
  expect(created.statusCode, created.body).toBe(201);
  const res = await baton.request({
    method: 'POST',
    url: `/api/flows/${created.json().id}/simulate`,
    payload: { issue },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ steps: Array<{ nodeId: string; detail?: { kind?: string } }> }>().steps;
}

function expectValid(steps: Array<{ nodeId: string; detail?: { kind?: string } }>) {
  for (const step of steps) {
    expect({ nodeId: step.nodeId, valid: validStep(step), errors: validStep.errors ?? null }).toEqual({
      nodeId: step.nodeId,
      valid: true,
      errors: null,
    });
    expect(step.detail?.kind, `step ${step.nodeId} names its kind`).toEqual(expect.any(String));
  }
}

describe('run traces', () => {
  it('every step of the reference flow matches the trace schema of its kind', async () => {
    const { nodes, edges } = loadReferenceFlow();
    for (const subject of [
      'I was charged twice this month',
      'The whole site is down!',
      'How do I export data?',
    ]) {
      const steps = await simulate(nodes, edges, { subject, body: subject, priority: 'high' });
      expect(steps.length).toBeGreaterThan(1);
      expectValid(steps);
    }
  });

  it('a parked wait, with the handle a simulation takes, matches too', async () => {
    const steps = await simulate(
      [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('ask', 'set', { status: 'pending', tags: { add: ['asked'] } }),
        node('wait', 'wait', { mode: 'duration', duration: 'PT30M' }),
        node('done', 'end', { outcome: 'waited' }),
      ],
      [edge('start', 'next', 'ask'), edge('ask', 'next', 'wait'), edge('wait', 'next', 'done')],
      { subject: 'Where is my order?' },
    );
    // A simulation stops where a live run would park.
    expect(steps.map((s) => s.detail?.kind)).toEqual(['trigger', 'set', 'wait']);
    expect(steps[2]?.detail).toMatchObject({ kind: 'wait', mode: 'duration', dueAt: expect.any(String) });
    expectValid(steps);
  });

  it('refuses a trace that does not match its kind', () => {
    expect(validTrace({ kind: 'set', patch: {}, changes: {}, applied: 'yes' })).toBe(false);
    expect(validTrace({ kind: 'end', outcome: 'done', surprise: true })).toBe(false);
    // A kind the schema does not list (a plugin's, a new module's) is an object naming its kind.
    expect(validTrace({ kind: 'someone-elses', anything: 1 })).toBe(true);
  });
});
