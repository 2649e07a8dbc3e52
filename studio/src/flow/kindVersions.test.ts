import { describe, expect, it } from 'vitest';
import { olderKinds } from './kindVersions.ts';

const kinds = new Map([
  ['set', { title: 'Set fields', version: 1 }],
  ['test.stamp', { title: 'Stamp', version: 2 }],
]);

describe('a published version on older node kinds', () => {
  it('names the kinds whose newest version is newer than the one pinned, by title', () => {
    expect(olderKinds({ kindVersions: { set: 1, 'test.stamp': 1 } }, kinds)).toEqual(['Stamp']);
  });

  it('says nothing when the pins are current, unknown, or absent (versions published before pinning)', () => {
    expect(olderKinds({ kindVersions: { set: 1, 'test.stamp': 2 } }, kinds)).toEqual([]);
    expect(olderKinds({ kindVersions: { gone: 1 } }, kinds)).toEqual([]);
    expect(olderKinds({}, kinds)).toEqual([]);
  });
});
