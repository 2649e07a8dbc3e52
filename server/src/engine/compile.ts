/**
 * A flow document compiled for running: nodes by id with their kind, their prepared data (conditions
 * already json-rules-engine rules) and their outgoing edges by handle. Compiled once per published
 * version and cached (versions never change); drafts compile per simulation.
 */
import type { FlowDocument, FlowNode, RuleCondition } from '@baton/schemas';
import { ProblemError } from '../http/problem.ts';
import type { ConditionEngine } from './conditions.ts';
import { type AnyNodeKind, kindVersion, type NodeKindRegistry } from './registry.ts';

export interface CompiledNode {
  readonly node: FlowNode;
  readonly kind: AnyNodeKind;
  readonly prepared: unknown;
  /** Target node id per output handle. */
  readonly next: ReadonlyMap<string, string>;
}

export interface CompiledFlow {
  readonly flowId: string;
  readonly name: string;
  /** 0 for a draft. */
  readonly version: number;
  readonly document: FlowDocument;
  readonly nodes: ReadonlyMap<string, CompiledNode>;
  readonly trigger: CompiledNode;
  readonly triggerEvents: readonly string[];
}

/** Compiles a validated document; throws on what validation would have refused. */
export function compileFlow(
  doc: FlowDocument,
  kinds: NodeKindRegistry,
  conditions: ConditionEngine,
): CompiledFlow {
  const edges = new Map<string, Map<string, string>>();
  for (const edge of doc.edges) {
    const out = edges.get(edge.source) ?? new Map<string, string>();
    out.set(edge.sourceHandle, edge.target);
    edges.set(edge.source, out);
  }
  const nodes = new Map<string, CompiledNode>();
  let trigger: CompiledNode | undefined;
  for (const node of doc.nodes) {
    const newest = kinds.get(node.type);
    if (!newest) throw new Error(`node ${node.id}: kind ${node.type} is not registered`);
    // Drafts (version 0) run on the newest kinds; a published version runs on the versions it pinned.
    const pinned = doc.version > 0 ? doc.kindVersions?.[node.type] : undefined;
    const kind = pinned === undefined ? newest : kinds.get(node.type, pinned);
    if (!kind) {
      // The version this flow was validated with is gone: do not reinterpret it with another.
      throw new ProblemError(
        'conflict',
        `flow ${doc.name} version ${doc.version} was published with ${node.type} version ${pinned}, and ${node.type} is now version ${kindVersion(newest)}: publish the flow again to run it`,
      );
    }
    const prepared = kind.prepare
      ? kind.prepare(node.data, {
          condition: (condition: RuleCondition, key: string) =>
            conditions.compile(condition, `${node.id}/${key}`),
        })
      : null;
    const compiled: CompiledNode = { node, kind, prepared, next: edges.get(node.id) ?? new Map() };
    nodes.set(node.id, compiled);
    if (kind.category === 'trigger' && !trigger) trigger = compiled;
  }
  if (!trigger) throw new Error(`flow ${doc.id} has no trigger`);
  const events = (trigger.node.data as { events?: unknown }).events;
  return {
    flowId: doc.id,
    name: doc.name,
    version: doc.version,
    document: doc,
    nodes,
    trigger,
    triggerEvents: Array.isArray(events) ? events.filter((e): e is string => typeof e === 'string') : [],
  };
}

/** A small LRU of compiled versions, keyed `flowId@version`. */
export class CompiledFlowCache {
  readonly #entries = new Map<string, CompiledFlow>();
  constructor(private readonly capacity = 256) {}

  get(flowId: string, version: number): CompiledFlow | undefined {
    const key = `${flowId}@${version}`;
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(compiled: CompiledFlow): void {
    this.#entries.set(`${compiled.flowId}@${compiled.version}`, compiled);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }
}
