/**
 * Importing a flow file: the file is checked with the server's flow schema before anything loads,
 * and every problem reads as a sentence that names the node by its label and the field.
 */
import { describe, expect, it } from 'vitest';
import { flowFileText, parseFlowFile } from './fileFormat.ts';

const trigger = {
  id: 'n_trigger',
  type: 'trigger',
  label: 'New issue',
  position: { x: 0, y: 0 },
  data: { events: ['issue.created'] },
};
const vip = {
  id: 'n_vip',
  type: 'condition',
  label: 'Check VIP',
  position: { x: 0, y: 120 },
  data: {},
};
const edge = { id: 'e1', source: 'n_trigger', sourceHandle: 'out', target: 'n_vip' };

const file = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ name: 'Triage', kind: 'flow', version: 0, nodes: [trigger, vip], edges: [edge], ...over });

function problemsOf(text: string): string[] {
  const parsed = parseFlowFile(text);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.problems;
}

describe('importing a flow file', () => {
  it('loads a valid file as it was exported, and round-trips through the export', () => {
    const parsed = parseFlowFile(file());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.flow).toEqual({ name: 'Triage', kind: 'flow', nodes: [trigger, vip], edges: [edge] });
    expect(parseFlowFile(flowFileText(parsed.flow))).toEqual(parsed);
  });

  it('unwraps a version or record, names a nameless file after the file, and drops fields a flow does not have', () => {
    const parsed = parseFlowFile(
      JSON.stringify({
        document: {
          nodes: [{ ...vip, selected: true, measured: { width: 10 } }],
          edges: [],
        },
      }),
      'triage-backup',
    );
    expect(parsed).toEqual({
      ok: true,
      flow: { name: 'triage-backup', kind: 'flow', nodes: [vip], edges: [] },
    });
  });

  it('says when the file is not JSON or not a flow', () => {
    expect(problemsOf('nodes: [oops')[0]).toMatch(/^The file is not JSON: /);
    expect(problemsOf('[1, 2]')).toEqual(['The file does not hold a flow (expected a JSON object).']);
    expect(problemsOf('{"name": "x"}')).toEqual([
      'It has no "nodes" list, so it is not a Baton flow.',
      'It has no "edges" list, so it is not a Baton flow.',
    ]);
  });

  it('names a broken node by its label, and the field that is wrong', () => {
    const { type: _type, ...untyped } = vip;
    expect(problemsOf(file({ nodes: [trigger, untyped] }))).toEqual([
      'The node "Check VIP" has no kind ("type").',
    ]);
    expect(problemsOf(file({ nodes: [trigger, { ...vip, position: { x: 'left', y: 3 } }] }))).toEqual([
      'The node "Check VIP": "position.x" must be a number.',
    ]);
    expect(problemsOf(file({ nodes: [trigger, { ...vip, data: 'yes' }] }))).toEqual([
      'The node "Check VIP": "data" must be an object.',
    ]);
    // Without a label, its place in the file.
    const { label: _label, position: _position, ...bare } = vip;
    expect(problemsOf(file({ nodes: [trigger, bare] }))).toEqual(['Node 2 has no "position" (x and y).']);
  });

  it('refuses what the server schema refuses although the old hand-written checks let it through', () => {
    // A 300-character label, a kind name longer than a kind can be, and an unknown document kind:
    // each used to load and fail only when the draft was saved.
    const problems = problemsOf(
      file({
        kind: 'workflow',
        nodes: [trigger, { ...vip, label: 'Check VIP '.repeat(30), type: 'c'.repeat(101) }],
      }),
    );
    expect(problems).toEqual([
      'The file\'s "kind" must be "flow" or "playbook".',
      `The node "${'Check VIP '.repeat(6).slice(0, 59)}…": "type" is longer than 100 characters.`,
      `The node "${'Check VIP '.repeat(6).slice(0, 59)}…": "label" is longer than 200 characters.`,
    ]);
  });

  it('names connections by the nodes they join', () => {
    expect(problemsOf(file({ edges: [{ ...edge, sourceHandle: '' }] }))).toEqual([
      'The connection from "New issue" to "Check VIP": "sourceHandle" is empty.',
    ]);
    expect(problemsOf(file({ edges: [{ ...edge, target: 'n_gone' }] }))).toEqual([
      'A connection from "New issue" leads to a node that is not in the file.',
    ]);
    const { sourceHandle: _handle, ...noHandle } = edge;
    expect(problemsOf(file({ edges: [noHandle] }))).toEqual([
      'The connection from "New issue" to "Check VIP" has no "sourceHandle" (which output it leaves by).',
    ]);
  });

  it('says which node repeats an id, by label', () => {
    expect(problemsOf(file({ nodes: [trigger, { ...vip, id: 'n_trigger' }], edges: [] }))).toEqual([
      'The node "Check VIP" has the same id as the node "New issue" ("n_trigger"); each node needs its own.',
    ]);
  });
});
