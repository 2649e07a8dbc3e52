/**
 * The worker thread that renders notification templates (see `template-sandbox.ts`): templates are
 * written by people, and Liquid's nested loops can spin for seconds; here they spin off the event
 * loop, and the sandbox ends the thread when one takes too long. Each worker keeps its own cache of
 * parsed templates, so a stored template is compiled once per worker.
 */
import { parentPort } from 'node:worker_threads';
import type { RenderJob, RenderReply } from './template-sandbox.ts';
import { TemplateError, TemplateRenderer } from './templates.ts';

const renderer = new TemplateRenderer();

parentPort?.on('message', async (job: RenderJob) => {
  let reply: RenderReply;
  try {
    reply = { id: job.id, ok: true, message: await renderer.render(job.template, job.channel, job.vars) };
  } catch (err) {
    reply = {
      id: job.id,
      ok: false,
      field: err instanceof TemplateError ? err.field : 'text',
      error: (err as Error).message,
    };
  }
  parentPort?.postMessage(reply);
});
// Loaded: the sandbox starts the clock of a render only from here (start-up is not the template's).
parentPort?.postMessage({ ready: true });
