/**
 * Renders notification templates off the main thread, with a hard time limit. `POST
 * /api/notifications` renders a caller's Liquid template; nested loops once held the event loop for
 * about a second per request (health answered in 2.8 s under 8 senders). Liquid's own render limit
 * is checked between nodes and cannot interrupt a tight loop, so templates run in a worker thread
 * that is terminated (and replaced) when one overruns; the main thread only waits.
 */
import { Worker } from 'node:worker_threads';
import type { NotificationTemplate } from '@baton/schemas';
import { workerEntry } from '../shared/worker-entry.ts';
import { type RenderedMessage, TemplateError, TemplateRenderer } from './templates.ts';

export interface RenderJob {
  id: number;
  template: NotificationTemplate;
  channel: string;
  vars: Record<string, unknown>;
}

export type RenderReply =
  | { id: number; ok: true; message: RenderedMessage }
  | { id: number; ok: false; field: string; error: string };

export interface TemplateSandboxOptions {
  /** Longest one render may take; longer ends it (422 naming the limit). */
  timeoutMs: number;
  /** Renders waiting for the worker at most; more are refused at once. */
  maxQueued: number;
}

export const TEMPLATE_SANDBOX_DEFAULTS: Readonly<TemplateSandboxOptions> = Object.freeze({
  // A real notification renders in a few milliseconds; half a second is generous and still short.
  timeoutMs: 500,
  // Enough for a burst of escalations; a flood waits no longer than this many renders.
  maxQueued: 200,
});

interface Pending {
  job: RenderJob;
  resolve(message: RenderedMessage): void;
  reject(error: Error): void;
}

const WORKER_URL = workerEntry('template-worker', new URL('./template-worker-boot.mjs', import.meta.url));

/** Same interface as {@link TemplateRenderer}: parsing (`check`) stays here, rendering goes to the worker. */
export class TemplateSandbox {
  readonly options: TemplateSandboxOptions;
  readonly #checker = new TemplateRenderer();
  readonly #queue: Pending[] = [];
  #worker: Worker | null = null;
  #ready = false;
  #current: Pending | null = null;
  #timer: NodeJS.Timeout | null = null;
  #nextId = 1;
  #closed = false;

  constructor(options: Partial<TemplateSandboxOptions> = {}) {
    this.options = { ...TEMPLATE_SANDBOX_DEFAULTS, ...options };
  }

  check(template: NotificationTemplate): { field: string; message: string }[] {
    return this.#checker.check(template);
  }

  render(
    template: NotificationTemplate,
    channel: string,
    vars: Record<string, unknown>,
  ): Promise<RenderedMessage> {
    if (this.#closed) return Promise.reject(new Error('the template sandbox is closed'));
    // Without tags there is no loop: output and filters cost about the template's size, which the
    // parse limit bounds, so such templates (most of them) render here without a thread hop.
    if (!usesTags(template)) return this.#checker.render(template, channel, vars);
    if (this.#queue.length >= this.options.maxQueued) {
      return Promise.reject(
        new TemplateError('text', 'too many notifications are rendering; try again shortly'),
      );
    }
    // Plain JSON only crosses to the worker (what templates can read anyway).
    const job: RenderJob = { id: this.#nextId++, template, channel, vars: JSON.parse(JSON.stringify(vars)) };
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#pump();
    });
  }

  #spawn(): Worker {
    const worker = new Worker(WORKER_URL);
    worker.unref();
    this.#ready = false;
    worker.on('message', (reply: RenderReply | { ready: true }) => {
      if ('ready' in reply) {
        if (this.#worker !== worker) return;
        this.#ready = true;
        this.#start();
        return;
      }
      this.#settle(reply);
    });
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', () => {
      if (this.#worker === worker) this.#fail(worker, new Error('the template worker stopped'));
    });
    return worker;
  }

  #pump(): void {
    if (this.#current || this.#closed) return;
    const next = this.#queue.shift();
    if (!next) return;
    this.#current = next;
    if (!this.#worker) this.#worker = this.#spawn();
    if (this.#ready) this.#start();
  }

  /** Hands the current job to a ready worker and starts its clock. */
  #start(): void {
    const next = this.#current;
    const worker = this.#worker;
    if (!next || !worker || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      // The render overran: end the thread (the only way to stop a loop) and start afresh.
      this.#worker = null;
      this.#ready = false;
      void worker.terminate();
      this.#finish(() =>
        next.reject(
          new TemplateError(
            'text',
            `the template took longer than ${this.options.timeoutMs} ms to render (BATON_TEMPLATE_TIMEOUT_MS): simplify its loops`,
          ),
        ),
      );
    }, this.options.timeoutMs);
    worker.postMessage(next.job);
  }

  #settle(reply: RenderReply): void {
    const current = this.#current;
    if (!current || current.job.id !== reply.id) return;
    this.#finish(() =>
      reply.ok ? current.resolve(reply.message) : current.reject(new TemplateError(reply.field, reply.error)),
    );
  }

  #fail(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    this.#ready = false;
    const current = this.#current;
    if (current) this.#finish(() => current.reject(error));
  }

  #finish(settle: () => void): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#current = null;
    settle();
    this.#pump();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) pending.reject(new Error('the template sandbox is closed'));
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }
}

/** Whether any part of the template holds a Liquid tag (`{% … %}`: loops, assignments, captures). */
function usesTags(template: NotificationTemplate): boolean {
  const parts = [template.subject, template.text, template.html];
  for (const override of Object.values(template.channels ?? {})) {
    if (override) parts.push(override.subject, override.text, override.html);
  }
  return parts.some((part) => part?.includes('{%'));
}
