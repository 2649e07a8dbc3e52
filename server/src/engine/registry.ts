/**
 * The node-kind registry of one instance. A kind is described apart from its execution (n8n style):
 * the description (type, title, category, data schema, output handles) is what the studio's palette
 * and inspector are generated from and what validation checks against; `prepare` compiles a node's
 * data once per published version; `run` executes it and returns the handle taken with a typed trace
 * entry. Other modules and plugins add kinds with one call: `services.engine.kinds.register(kind)`.
 *
 * A kind may be registered in several versions (see docs/architecture.md, "changing a node kind"):
 * the newest is what the palette shows and drafts validate against; older ones stay to run the
 * published flow versions that pinned them, unchanged.
 */
import type {
  Actor,
  EventCause,
  FlowNode,
  Issue,
  IssueUpdate,
  NodeKindDescription,
  NodeOutputSpec,
  RuleCondition,
  SchemaAjv,
} from '@baton/schemas';
import { pointerGet, outputHandles as sharedOutputHandles } from '@baton/schemas/flow';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { MaybePromise } from '../shared/maybe-promise.ts';
import { bundleSchema } from './bundle-schema.ts';
import type { CompiledCondition, ConditionEngine, ConditionOutcome } from './conditions.ts';

export type NodeCategory = NodeKindDescription['category'];

/** A problem in a node's data beyond its schema; `pointer` is relative to the node's data. */
export interface KindProblem {
  pointer: string;
  code: string;
  message: string;
}

export interface KindCheckContext {
  conditions: ConditionEngine;
  isTriggerEvent(type: string): boolean;
}

export interface PrepareContext {
  /** Compiles a condition for this node; `key` names it in traces (e.g. the case id). */
  condition(condition: RuleCondition, key: string): CompiledCondition;
}

/** Asks the runtime to park the run at this node until a time, an event, or both. */
export interface ParkRequest {
  /** When a timer resumes the run, taking `dueHandle`. */
  dueAt?: string;
  dueHandle?: string;
  /** The event type (on the same issue) that may resume the run through the kind's `onEvent`. */
  event?: string;
}

/**
 * What a node did: took a handle, parked the run, ended it with an outcome, or (a trigger whose
 * filter does not match) declined to start it.
 */
export type NodeResult<T> =
  | { handle: string; trace: T }
  | { park: ParkRequest; trace: T }
  | { end: string; trace: T }
  | { stop: 'filtered'; trace: T };

/** What a node's actions go through: performed in a live run, recorded only in a dry run. */
export interface Effects {
  readonly dryRun: boolean;
  /**
   * Changes the issue acting as the flow; returns the issue as it is (or would be) afterwards. In a
   * live run a change of the issue's own fields is applied to the run's copy at once and written
   * together with the next ones when the walk leaves set/condition/switch steps (executor.ts): a
   * kind that needs the stored issue to be current reaches other modules through {@link act},
   * which writes first.
   */
  updateIssue(patch: IssueUpdate): Promise<Issue>;
  /**
   * Another module's action (route, start an SLA clock, offer a handoff, …): performed in a live run
   * with the flow as the actor and the run as the cause (which `perform` passes to the module, so
   * the events the action leads to carry it: the loop guard's chain), only recorded in a dry run, which
   * resolves to null. `options.issue` picks the issue as the action left it from the result, so
   * later nodes of the run see the change.
   */
  act<T>(
    action: string,
    params: Record<string, unknown>,
    perform: (actor: Actor, cause: EventCause) => Promise<T>,
    options?: { issue?(result: T): Issue | undefined },
  ): Promise<T | null>;
}

export interface NodeContext<D, P> {
  readonly node: FlowNode;
  readonly data: D;
  readonly prepared: P;
  readonly flow: { readonly id: string; readonly name: string; readonly version: number };
  readonly run: { readonly id: string; readonly trace: boolean; readonly depth: number };
  /** The issue as this run sees it now (after its own changes). */
  readonly issue: Issue;
  readonly now: Date;
  /** The event that started the run, or that resumes it in `onEvent`. */
  readonly event: { readonly type: string; readonly payload: Record<string, unknown> };
  readonly effects: Effects;
  /**
   * Evaluates a condition prepared for this node against the run's facts: at once when the run's own
   * facts (issue, event, now) decide it and no trace is kept, else a promise — `await` it either
   * way. (Most conditions are decided at once; awaiting each was ~10 % of the promises an
   * ingested issue made.)
   */
  evaluate(condition: CompiledCondition): MaybePromise<ConditionOutcome>;
}

export interface NodeKind<
  D = Record<string, unknown>,
  P = unknown,
  T extends { kind: string } = { kind: string },
> {
  readonly type: string;
  /**
   * Bump when what a node's data or outputs mean changes (default 1), and register the new version
   * beside the old: a published flow version pins the versions it was validated with and keeps
   * running on them; it refuses to run only when its version is no longer registered.
   */
  readonly version?: number;
  readonly title: string;
  readonly description: string;
  readonly category: NodeCategory;
  /**
   * How the studio draws the kind: a glyph (one character that the studio's fonts have) and a CSS
   * colour. Without them the category's are used.
   */
  readonly icon?: string;
  readonly color?: string;
  /** JSON Schema of `data` (may `$ref` a Baton schema); compiled once with the instance's Ajv. */
  readonly dataSchema: object;
  readonly outputs: readonly NodeOutputSpec[];
  /** The kind can park a run (a cycle through it is allowed). */
  readonly pauses?: boolean;
  /** Checks beyond the schema (facts, operators, referenced events), run by validation. */
  check?(data: D, ctx: KindCheckContext): KindProblem[];
  /** Compiles the node's data once per version (conditions become json-rules-engine rules). */
  prepare?(data: D, ctx: PrepareContext): P;
  run(ctx: NodeContext<D, P>): NodeResult<T> | Promise<NodeResult<T>>;
  /** A parked run got the event it asked for: the handle to take, or null to keep waiting. */
  onEvent?(ctx: NodeContext<D, P>): Promise<{ handle: string; trace: T } | null>;
  /** A parked run's timer fired: the handle to take (default: the park's `dueHandle`). */
  onTimer?(ctx: NodeContext<D, P>, dueHandle: string): { handle: string; trace: T };
}

// biome-ignore lint/suspicious/noExplicitAny: kinds of any data type live in one registry
export type AnyNodeKind = NodeKind<any, any, { kind: string }>;

interface Registered {
  kind: AnyNodeKind;
  /** Compiled on first use (see {@link NodeKindRegistry.register}). */
  validate?: ValidateFunction;
}

export class NodeKindRegistry {
  /** Per type, every registered version, newest last. */
  readonly #kinds = new Map<string, Registered[]>();
  readonly #bundled = new WeakMap<object, Record<string, unknown>>();

  constructor(private readonly ajv: SchemaAjv) {}

  /**
   * Adds a kind, or another version of one. Its data schema compiles on first use, not here:
   * compiling every kind at start cost ~0.9 s of CPU before the first answer, for kinds no early
   * request touches. A schema that does not compile then shows up as a problem on the node's data
   * (see {@link validateData}); {@link compileAll} compiles every kind at once (the tests run it on a
   * full server). The same type and version twice is refused.
   */
  register<D, P, T extends { kind: string }>(kind: NodeKind<D, P, T>): void {
    const versions = this.#kinds.get(kind.type) ?? [];
    const version = kindVersion(kind);
    if (versions.some((v) => kindVersion(v.kind) === version)) {
      throw new Error(
        versions.length === 1 && version === 1
          ? `a node kind named ${kind.type} is already registered`
          : `version ${version} of the node kind ${kind.type} is already registered`,
      );
    }
    versions.push({ kind: kind as AnyNodeKind });
    versions.sort((a, b) => kindVersion(a.kind) - kindVersion(b.kind));
    this.#kinds.set(kind.type, versions);
  }

  /** The kind's newest version, or the given version when it is registered. */
  get(type: string, version?: number): AnyNodeKind | undefined {
    return this.#entry(type, version)?.kind;
  }

  /** The versions of a kind that are registered, oldest first. */
  versions(type: string): number[] {
    return (this.#kinds.get(type) ?? []).map((v) => kindVersion(v.kind));
  }

  /** Schema errors of a node's data (against the newest version unless given), pointers relative to the data. */
  validateData(type: string, data: unknown, version?: number): ErrorObject[] {
    const entry = this.#entry(type, version);
    if (!entry) return [];
    let validate: ValidateFunction;
    try {
      validate = this.#compile(entry);
    } catch (error) {
      return [
        {
          instancePath: '',
          schemaPath: '#',
          keyword: 'dataSchema',
          params: {},
          message: `cannot be checked: the data schema of node kind ${entry.kind.type} does not compile (${(error as Error).message})`,
        },
      ];
    }
    return validate(data) ? [] : [...(validate.errors ?? [])];
  }

  /** Compiles every registered kind's data schema now; throws naming the first kind whose schema fails. */
  compileAll(): void {
    for (const versions of this.#kinds.values()) {
      for (const entry of versions) {
        try {
          this.#compile(entry);
        } catch (error) {
          const { type } = entry.kind;
          throw new Error(
            `the data schema of node kind ${type} v${kindVersion(entry.kind)} does not compile: ${(error as Error).message}`,
          );
        }
      }
    }
  }

  #compile(entry: Registered): ValidateFunction {
    entry.validate ??= this.ajv.compile(entry.kind.dataSchema);
    return entry.validate;
  }

  #entry(type: string, version?: number): Registered | undefined {
    const versions = this.#kinds.get(type);
    if (!versions) return undefined;
    if (version === undefined) return versions.at(-1);
    return versions.find((v) => kindVersion(v.kind) === version);
  }

  /** The newest version of each kind: what the palette offers and drafts are validated against. */
  describe(): NodeKindDescription[] {
    return [...this.#kinds.values()]
      .map((versions) => versions.at(-1)!)
      .map(({ kind }) => ({
        type: kind.type,
        version: kindVersion(kind),
        title: kind.title,
        description: kind.description,
        category: kind.category,
        ...(kind.icon ? { icon: kind.icon } : {}),
        ...(kind.color ? { color: kind.color } : {}),
        dataSchema: this.#resolved(kind.dataSchema),
        outputs: [...kind.outputs],
        pauses: kind.pauses ?? false,
      }));
  }

  /**
   * A kind's data schema as one self-contained document: `$ref`s into Baton schemas (at the root or
   * nested) are bundled into `$defs`, so the studio needs no resolver.
   */
  #resolved(schema: object): Record<string, unknown> {
    let bundled = this.#bundled.get(schema);
    if (!bundled) {
      bundled = bundleSchema(this.ajv, schema);
      this.#bundled.set(schema, bundled);
    }
    return bundled;
  }
}

export const kindVersion = (kind: Pick<NodeKind, 'version'>): number => kind.version ?? 1;

/** The newest version of every kind a flow's nodes use: what a published version pins. */
export function kindVersionsOf(
  nodes: readonly { type: string }[],
  kinds: NodeKindRegistry,
): Record<string, number> {
  const pins: Record<string, number> = {};
  for (const { type } of nodes) {
    const kind = kinds.get(type);
    if (kind) pins[type] = kindVersion(kind);
  }
  return pins;
}

/** The output handles a node has, from its kind's output specs and its data (the rule the studio draws with). */
export function outputHandles(kind: Pick<NodeKind, 'outputs'>, data: unknown): string[] {
  return sharedOutputHandles(kind, data).map((h) => h.id);
}

export { pointerGet };
