/**
 * The worker thread that holds the lexical vector index (see vector-worker.ts): it applies the
 * owner's writes in order and answers searches with the hits and the query's feature counts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { applyAdd } from './lexical-vectors.ts';
import { VectorIndex } from './vector-index.ts';
import type { VectorReply, VectorRequest, VectorWorkerData } from './vector-worker.ts';

const index = new VectorIndex((workerData as VectorWorkerData).index);

function handle(request: VectorRequest): VectorReply | null {
  switch (request.type) {
    case 'add':
      applyAdd(index, request.entries);
      return null;
    case 'remove':
      index.remove(request.key, index.counts(request.text));
      return null;
    case 'trim':
      index.trim();
      return null;
    case 'flush':
      return { type: 'flushed', id: request.id };
    case 'search': {
      const counts = index.counts(request.text);
      const hits = index.search(counts, request.k, request.exclude && new Set(request.exclude));
      // The counts' arrays are its own (not views of the counter's tables): they can be transferred.
      return { type: 'hits', id: request.id, hits, features: counts.features, counts: counts.counts };
    }
  }
}

parentPort?.on('message', (request: VectorRequest) => {
  let reply: VectorReply | null;
  try {
    reply = handle(request);
  } catch (err) {
    // A write that fails is a bug in the owner's bookkeeping; a search's caller hears about it.
    if (!('id' in request)) throw err;
    reply = { type: 'failed', id: request.id, error: (err as Error).message };
  }
  if (reply?.type === 'hits') parentPort?.postMessage(reply, [reply.features.buffer, reply.counts.buffer]);
  else if (reply) parentPort?.postMessage(reply);
});
