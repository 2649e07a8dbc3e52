/**
 * A field lookup follows a document through every shape its field takes — one value, none, null, an
 * array, an object — and lists it under exactly the values an equality filter could match it by.
 */
import { describe, expect, it } from 'vitest';
import { FieldLookup, lookupKey } from './indexes.ts';
import type { Doc } from './json.ts';

function lookupOver(field: string, docs: Map<string, Doc>): FieldLookup {
  return new FieldLookup(field, () => [...docs.values()].map((doc) => ({ doc })));
}

/** Ids listed under each of these values. */
function listed(lookup: FieldLookup, values: unknown[]): Record<string, string[]> {
  return Object.fromEntries(
    values.map((v) => [String(lookupKey(v)), [...lookup.lookup([lookupKey(v)])].sort()]),
  );
}

describe('field lookup', () => {
  it('moves a document between the keys of each version it is written as', () => {
    const docs = new Map<string, Doc>([
      ['a', { _id: 'a', status: 'new' }],
      ['b', { _id: 'b', status: 'new' }],
    ]);
    const lookup = lookupOver('status', docs);
    expect(listed(lookup, ['new'])).toEqual({ new: ['a', 'b'] }); // built from the documents
    let current: Doc = docs.get('a')!;
    const write = (next: Doc) => {
      lookup.replace('a', lookup.keysOf(current), lookup.keysOf(next));
      current = next;
    };
    const values = ['new', 'open', 'x', 'y', 3, { k: 1 }];
    write({ _id: 'a', status: 'open' });
    expect(listed(lookup, values)).toMatchObject({ new: ['b'], open: ['a'], x: [], y: [] });
    write({ _id: 'a' }); // field gone
    expect(listed(lookup, values)).toMatchObject({ new: ['b'], open: [] });
    write({ _id: 'a', status: null }); // null: a null filter scans, so no key
    expect(listed(lookup, values)).toMatchObject({ new: ['b'], open: [] });
    write({ _id: 'a', status: ['x', 'open'] }); // an array: its elements
    expect(listed(lookup, values)).toMatchObject({ open: ['a'], x: ['a'], y: [] });
    write({ _id: 'a', status: ['x', 'y'] });
    expect(listed(lookup, values)).toMatchObject({ open: [], x: ['a'], y: ['a'] });
    write({ _id: 'a', status: 'x' }); // back to one value it already had
    expect(listed(lookup, values)).toMatchObject({ x: ['a'], y: [] });
    write({ _id: 'a', status: 3 });
    expect(listed(lookup, values)).toMatchObject({ x: [], 3: ['a'] });
    write({ _id: 'a', status: { k: 1 } });
    expect(listed(lookup, values)).toMatchObject({ 3: [], '{"k":1}': ['a'] });
    lookup.remove('a', lookup.keysOf(current));
    expect(listed(lookup, values)).toMatchObject({ '{"k":1}': [], new: ['b'] });
    lookup.add('a', lookup.keysOf({ _id: 'a', status: 'new' }));
    expect(listed(lookup, values)).toMatchObject({ new: ['a', 'b'] });
  });

  it('reads nested paths through arrays of documents', () => {
    const docs = new Map<string, Doc>([['a', { _id: 'a', steps: [{ token: 't1' }, { token: 't2' }] }]]);
    const lookup = lookupOver('steps.token', docs);
    expect(listed(lookup, ['t1', 't2', 't3'])).toEqual({ t1: ['a'], t2: ['a'], t3: [] });
    lookup.replace('a', lookup.keysOf(docs.get('a')!), lookup.keysOf({ _id: 'a', steps: [{ token: 't3' }] }));
    expect(listed(lookup, ['t1', 't2', 't3'])).toEqual({ t1: [], t2: [], t3: ['a'] });
  });
});
