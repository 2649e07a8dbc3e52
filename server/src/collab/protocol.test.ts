import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MalformedMessageError, parseClientMessage } from './protocol.ts';
import { ConnectionRateLimiter } from './rate-limit.ts';

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('parseClientMessage', () => {
  it('reads the messages the stock client sends', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    const update = Y.encodeStateAsUpdate(doc);
    const step1 = frame((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
    });
    expect(parseClientMessage(step1)).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });
    const upd = frame((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    });
    expect(parseClientMessage(upd)).toEqual({ type: 'update', update });
    expect(parseClientMessage(frame((e) => encoding.writeVarUint(e, 3)))).toEqual({
      type: 'query-awareness',
    });
  });

  it('refuses anything but exactly one well-formed message', () => {
    const bad = [
      new Uint8Array(),
      new Uint8Array([9]),
      new Uint8Array([0, 7, 0]),
      new Uint8Array([0, 2, 200]),
      new Uint8Array([0, 0, 0, 42]),
      new Uint8Array([2, 0]),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    ];
    for (const message of bad)
      expect(() => parseClientMessage(message), String(message)).toThrow(MalformedMessageError);
  });
});

describe('ConnectionRateLimiter', () => {
  it('admits the burst, then the sustained rate, in messages and in bytes', () => {
    let now = 0;
    const limiter = new ConnectionRateLimiter(
      { messagesPerSecond: 10, burstMessages: 5, bytesPerSecond: 1000, burstBytes: 2000 },
      () => now,
    );
    for (let i = 0; i < 5; i++) expect(limiter.take(10)).toBe(true);
    expect(limiter.take(10)).toBe(false);
    now += 100; // one message's worth
    expect(limiter.take(10)).toBe(true);
    expect(limiter.take(10)).toBe(false);
    now += 10_000; // refills to the burst, no further
    expect(limiter.take(1900)).toBe(true);
    expect(limiter.take(200)).toBe(false);
    now += 200;
    expect(limiter.take(200)).toBe(true);
  });
});
