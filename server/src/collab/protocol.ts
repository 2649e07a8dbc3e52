/**
 * The y-websocket wire protocol, as the stock `WebsocketProvider` speaks it: each binary frame is one
 * message, a varuint type followed by its payload.
 *
 * - `0` sync: a varuint sync type (`0` step 1 = a state vector, `1` step 2 = an update answering a
 *   step 1, `2` update) and a var-length byte array.
 * - `1` awareness: a var-length byte array (y-protocols' awareness update).
 * - `2` auth: server → client only, a permission-denied reason.
 * - `3` query awareness: asks for every awareness state.
 *
 * Parsing is strict: a frame must be exactly one well-formed message, or it is malformed.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2' | 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/** Decodes one client frame; throws {@link MalformedMessageError} on anything but one whole message. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  if (frame.length === 0) throw new MalformedMessageError('empty message');
  const decoder = decoding.createDecoder(frame);
  let message: ClientMessage;
  try {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SYNC_STEP1) message = { type: 'sync-step1', stateVector: payload };
        else if (syncType === SYNC_STEP2) message = { type: 'sync-step2', update: payload };
        else if (syncType === SYNC_UPDATE) message = { type: 'update', update: payload };
        else throw new MalformedMessageError(`unknown sync message type ${syncType}`);
        break;
      }
      case MESSAGE_AWARENESS:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MESSAGE_QUERY_AWARENESS:
        message = { type: 'query-awareness' };
        break;
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(`cannot decode the message: ${(error as Error).message}`);
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the message');
  return message;
}

/**
 * Checks that an update decodes completely before it touches a document: Yjs applies structs before
 * it reads the delete set, so a corrupt tail would otherwise leave half an update applied.
 */
export function assertValidUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch (error) {
    throw new MalformedMessageError(`the update does not decode: ${(error as Error).message}`);
  }
}

/** A state vector is a count of (client, clock) pairs; checked before it is used to diff. */
export function assertValidStateVector(stateVector: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(stateVector);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  } catch (error) {
    throw new MalformedMessageError(`the state vector does not decode: ${(error as Error).message}`);
  }
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodePermissionDenied(reason: string): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(e, reason);
  });
}

/** One entry of an awareness update, its state left as the JSON text the client sent. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  stateJson: string;
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const stateJson = decoding.readVarString(decoder);
      JSON.parse(stateJson);
      entries.push({ clientId, clock, stateJson });
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return entries;
  } catch (error) {
    throw new MalformedMessageError(`the awareness update does not decode: ${(error as Error).message}`);
  }
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.stateJson);
    }
  });
}

/**
 * WebSocket close codes. 4400-4499 mirror HTTP 4xx: the stock y-websocket client (v3) treats them as
 * final and stops reconnecting (emitting `closed` with the code and reason); anything else it retries.
 */
export const CloseCode = {
  /** Shutdown or restart: reconnect. */
  goingAway: 1001,
  /** A frame over `maxMessageBytes` (sent by the `ws` library itself). */
  messageTooBig: 1009,
  /** Could not keep up with what the document sends: reconnect and sync afresh. */
  tryAgainLater: 1013,
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  rateLimited: 4429,
  /** The server failed to load the document; transient, so the client retries. */
  unavailable: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
