/** Validation cases from a JSON fixture, each checked through `POST /api/flows/validate`. */
import type { FlowValidationIssue, FlowValidationReport } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import cases from './fixtures/validation-cases.json' with { type: 'json' };

let baton: TestBaton;
let designer: string;
beforeAll(async () => {
  baton = await startTestBaton();
  designer = await baton.tokenFor('designer');
});
afterAll(() => baton.close());

describe('flow validation', () => {
  it.each(cases)('$name', async ({ nodes, edges, errors, warnings }) => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/flows/validate',
      payload: { nodes, edges },
      token: designer,
    });
    expect(res.statusCode).toBe(200);
    const report = res.json<FlowValidationReport>();
    const pick = ({ code, nodeId, edgeId, pointer }: FlowValidationIssue) =>
      Object.fromEntries(
        Object.entries({ code, nodeId, edgeId, pointer }).filter(([, v]) => v !== undefined),
      );
    expect(report.errors.map(pick)).toEqual(errors);
    expect(report.warnings.map(pick)).toEqual(warnings);
    expect(report.valid).toBe(errors.length === 0);
    // Every issue says what is wrong in words and names its element.
    for (const issue of [...report.errors, ...report.warnings]) {
      expect(issue.message.length).toBeGreaterThan(20);
      if (issue.nodeId) expect(issue.message).toContain(issue.nodeId);
      else if (issue.edgeId) expect(issue.message).toContain(issue.edgeId);
    }
  });

  it('is for designers: a viewer may not call it', async () => {
    const viewer = await baton.tokenFor('viewer');
    const res = await baton.request({
      method: 'POST',
      url: '/api/flows/validate',
      payload: { nodes: [], edges: [] },
      token: viewer,
    });
    expect(res.statusCode).toBe(403);
  });
});
