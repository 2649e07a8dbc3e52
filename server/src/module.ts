/**
 * The module contract: what one room of Baton (issues, sla, routing, plugins, …) adds to an instance,
 * declared in one shape so that `services.ts` and `app.ts` are loops over a list instead of a
 * hand-written sequence of `register…` calls, each in its own style.
 *
 * A module is built from services it is given (dependencies are passed in, one direction: a module
 * never learns about the modules built after it) and declares:
 * - `routes`: one Fastify plugin, registered under `prefix` (none: its paths are absolute, as the
 *   first modules' `/api/...` paths are);
 * - `kinds`, `facts`, `triggers`: what it adds to the flow engine;
 * - `documents`: collaborative document kinds it serves through the hub (`<prefix>:<id>`);
 * - `init` (indexes, caches), `listen` (bus listeners; returns what removes them), `start`/`stop`
 *   (work that runs while the server serves: pollers, workers, connections).
 *
 * This file sits beside `services.ts` and `app.ts` at the composition root and imports only types,
 * so any module may depend on it without creating an edge between module folders.
 */
import type { FastifyInstance } from 'fastify';
import type { CollabHub } from './collab/hub.ts';
import type { DocumentKind } from './collab/types.ts';
import type { FlowEngine } from './engine/engine.ts';
import type { FactDefinition } from './engine/facts.ts';
import type { AnyNodeKind } from './engine/registry.ts';
import type { TriggerEventDefinition } from './engine/triggers.ts';
import type { DomainEventType } from './events/bus.ts';

type Unsubscribe = () => void;

/** A trigger definition of any event type (the union keeps each definition's event type precise). */
export type AnyTriggerDefinition = { [K in DomainEventType]: TriggerEventDefinition<K> }[DomainEventType];

export interface BatonModule {
  /** A short name, for logs and error messages. */
  readonly name: string;
  /** The module's HTTP surface, registered once, under `prefix`. Every route sets `config.access`. */
  readonly routes?: (app: FastifyInstance) => Promise<void>;
  /** Mount point of `routes` (e.g. `/api/playbooks`); none for modules whose paths are absolute. */
  readonly prefix?: string;
  /** Node kinds this module adds to the flow engine. */
  readonly kinds?: readonly AnyNodeKind[];
  /** Facts conditions can read. */
  readonly facts?: readonly FactDefinition[];
  /** Bus events that can start (or resume) a flow run. */
  readonly triggers?: readonly AnyTriggerDefinition[];
  /** Collaborative document kinds served by the hub. */
  readonly documents?: readonly DocumentKind[];
  /**
   * When a declared kind, fact or trigger cannot be registered (its name is taken): report it here
   * and go on. Without it the instance refuses to start — a core module's clash is a bug.
   */
  readonly onRegisterError?: (err: Error, what: { type: 'kind' | 'fact' | 'trigger'; name: string }) => void;
  /** Creates indexes and loads what the module needs before anything is registered or served. */
  init?(): Promise<void>;
  /**
   * Subscribes the module's bus listeners, once every module is registered; returns what removes
   * them (called when the server closes, after every module stopped).
   */
  listen?(): Unsubscribe | Promise<Unsubscribe>;
  /** Starts background work when the server is ready (timer polling, delivery worker). */
  start?(): void | Promise<void>;
  /**
   * Starts work that may wait until the server listens and has answered its first requests (the
   * retrieval index of past issues). Never called in a process that does not serve (the CLI, tests
   * that only inject).
   */
  serving?(): void;
  /** Stops background work when the server closes (modules stop in reverse order). */
  stop?(): void | Promise<void>;
}

/** Routes of a plugin that takes options, bound to the options: `routes: bind(slaRoutes, { sla })`. */
export function bindRoutes<O>(
  plugin: (app: FastifyInstance, options: O) => Promise<void>,
  options: O,
): (app: FastifyInstance) => Promise<void> {
  return (app) => plugin(app, options);
}

/**
 * The modules of one instance, in dependency order, and the loops over them: what `services.ts`
 * and `app.ts` do with every module, in one place.
 */
export class ModuleSet {
  readonly #unlisten: Unsubscribe[] = [];

  constructor(readonly modules: readonly BatonModule[]) {
    const names = new Set<string>();
    for (const { name } of modules) {
      if (names.has(name)) throw new Error(`two modules are named ${name}`);
      names.add(name);
    }
  }

  /**
   * Brings the modules up, phase by phase so that no module sees another half-built: every `init`
   * (in order), then every declaration (kinds, facts, triggers, document kinds), then every `listen`.
   */
  async install(into: { engine: FlowEngine; collab: CollabHub }): Promise<void> {
    for (const module of this.modules) await module.init?.();
    for (const module of this.modules) {
      const attempt = (type: 'kind' | 'fact' | 'trigger', name: string, register: () => void) => {
        try {
          register();
        } catch (err) {
          if (!module.onRegisterError) throw err;
          module.onRegisterError(err as Error, { type, name });
        }
      };
      for (const kind of module.kinds ?? [])
        attempt('kind', kind.type, () => into.engine.kinds.register(kind));
      for (const fact of module.facts ?? []) attempt('fact', fact.id, () => into.engine.facts.register(fact));
      for (const trigger of module.triggers ?? []) {
        attempt('trigger', trigger.type, () =>
          into.engine.triggers.register(trigger as TriggerEventDefinition<DomainEventType>),
        );
      }
      for (const kind of module.documents ?? []) into.collab.registerKind(kind);
    }
    for (const module of this.modules) {
      if (module.listen) this.#unlisten.push(await module.listen());
    }
  }

  /** Mounts every module's routes (each under its prefix). */
  async mount(app: FastifyInstance): Promise<void> {
    for (const module of this.modules) {
      if (module.routes) await app.register(module.routes, module.prefix ? { prefix: module.prefix } : {});
    }
  }

  /** Starts background work, in order: for the server's `onReady`. */
  async start(): Promise<void> {
    for (const module of this.modules) await module.start?.();
  }

  /** Starts the work that waits for the server to listen: for the server's `onListen`. */
  serving(): void {
    for (const module of this.modules) module.serving?.();
  }

  /** Stops background work in reverse order (a module stops before what it uses), then the listeners. */
  async stop(): Promise<void> {
    for (const module of [...this.modules].reverse()) await module.stop?.();
    for (const off of this.#unlisten.splice(0).reverse()) off();
  }
}
