/**
 * The flow engine of one instance: node kinds, facts, operators, trigger events, the executor and
 * the cache of compiled versions. Modules extend it with one call each:
 * `engine.kinds.register(kind)`, `engine.facts.register(fact)`, `engine.conditions.addOperator(op)`,
 * `engine.triggers.register(trigger)`.
 */
import type { FlowDocument, NodeKindCatalog } from '@baton/schemas';
import { createAjv, type SchemaAjv, schemaId } from '@baton/schemas';
import { fieldErrors } from '../http/validation.ts';
import type { Clock } from '../shared/clock.ts';
import { bundleSchema } from './bundle-schema.ts';
import { type CompiledFlow, CompiledFlowCache, compileFlow } from './compile.ts';
import { ConditionEngine } from './conditions.ts';
import { FlowExecutor } from './executor.ts';
import { FactRegistry } from './facts.ts';
import { registerGenericKinds } from './kinds/index.ts';
import { NodeKindRegistry } from './registry.ts';
import { TriggerRegistry } from './triggers.ts';

export class FlowEngine {
  readonly ajv: SchemaAjv;
  readonly kinds: NodeKindRegistry;
  readonly facts = new FactRegistry();
  readonly triggers = new TriggerRegistry();
  readonly conditions: ConditionEngine;
  readonly executor: FlowExecutor;
  readonly #compiled = new CompiledFlowCache();

  constructor(
    readonly clock: Clock,
    ajv: SchemaAjv = createAjv(),
  ) {
    this.ajv = ajv;
    this.kinds = new NodeKindRegistry(ajv);
    const businessHours = ajv.getSchema(`${schemaId('flow-nodes')}#/$defs/businessHours`);
    if (!businessHours) throw new Error('the BusinessHours schema is missing');
    this.conditions = new ConditionEngine(clock, this.facts, (value) =>
      businessHours(value)
        ? null
        : fieldErrors('value', businessHours.errors ?? [])
            .map((e) => `${e.pointer.replace(/^\/value\/?/, '') || 'value'} ${e.detail}`)
            .join('; '),
    );
    this.executor = new FlowExecutor(this.conditions, clock);
    registerGenericKinds(this.kinds);
  }

  /** A published version compiled once and cached; versions never change, so the cache never goes stale. */
  compiled(doc: FlowDocument): CompiledFlow {
    if (doc.version === 0) return compileFlow(doc, this.kinds, this.conditions);
    const hit = this.#compiled.get(doc.id, doc.version);
    if (hit) return hit;
    const compiled = compileFlow(doc, this.kinds, this.conditions);
    this.#compiled.set(compiled);
    return compiled;
  }

  readonly #factSchemas = new WeakMap<object, Record<string, unknown>>();

  #factSchema(schema: object): Record<string, unknown> {
    let bundled = this.#factSchemas.get(schema);
    if (!bundled) {
      bundled = bundleSchema(this.ajv, schema);
      this.#factSchemas.set(schema, bundled);
    }
    return bundled;
  }

  catalog(): NodeKindCatalog {
    return {
      kinds: this.kinds.describe(),
      triggerEvents: this.triggers.describe(),
      // Fact schemas name their fields for the studio's condition builder (“Customer › Tier”):
      // bundled like kinds' data schemas, so the studio needs no resolver.
      facts: this.facts.describe().map((f) => (f.schema ? { ...f, schema: this.#factSchema(f.schema) } : f)),
      operators: this.conditions.describeOperators(),
    };
  }
}
