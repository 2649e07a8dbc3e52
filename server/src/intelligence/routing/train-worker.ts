/**
 * Trains a routing model off the main thread. Training is seconds of CPU (≈25 s for 4,500 tickets
 * on a small machine); on the event loop it would stall every request, WebSocket and timer of the
 * server meanwhile. The model comes back in its stored (8-bit) form, so the model a server uses
 * right after training is exactly the one it would load after a restart.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LabelledTicket, LabelName } from './dataset.ts';
import { RoutingModel, type RoutingModelOptions, type TrainingInfo } from './model.ts';
import { deserialize, type SerializedLabel, serialize } from './store.ts';

interface TrainRequest {
  tickets: LabelledTicket[];
  labels: LabelName[];
  options: Partial<RoutingModelOptions>;
  now: string;
}

type TrainReply =
  | { ok: true; data: Record<string, SerializedLabel>; options: RoutingModelOptions; info: TrainingInfo }
  | { ok: false; error: string };

export function trainInWorker(
  tickets: LabelledTicket[],
  labels: readonly LabelName[],
  options: Partial<RoutingModelOptions>,
  now: Date,
): Promise<RoutingModel> {
  const request: TrainRequest = { tickets, labels: [...labels], options, now: now.toISOString() };
  return new Promise((resolve, reject) => {
    // The worker runs this same TypeScript file: register tsx's loader inside it first (a worker
    // does not inherit the parent's `--import tsx` hooks on Node 20).
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: request });
    worker.once('message', (reply: TrainReply) => {
      if (reply.ok) resolve(deserialize(reply.data, reply.options, reply.info));
      else reject(new Error(`training failed: ${reply.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the training worker exited with code ${code}`));
    });
  });
}

if (!isMainThread && parentPort) {
  const { tickets, labels, options, now } = workerData as TrainRequest;
  let reply: TrainReply;
  try {
    const model = RoutingModel.train(tickets, labels, options, new Date(now));
    reply = { ok: true, data: serialize(model), options: model.options, info: model.info };
  } catch (error) {
    reply = { ok: false, error: (error as Error).message };
  }
  parentPort.postMessage(reply);
}
