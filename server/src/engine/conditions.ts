/**
 * Conditions run on json-rules-engine. A condition document (all/any/not, fact, path, operator,
 * value) is handed to the engine unchanged and compiled once into a json-rules-engine `Rule` per
 * published version (a bare leaf at the top is wrapped in `{ all: [leaf] }`, which the engine needs
 * and which means the same).
 *
 * Rules are evaluated with `rule.evaluate(almanac)` against one almanac per run segment rather than
 * through `engine.run()`: `run()` keeps a status on the shared Engine that concurrent runs would
 * overwrite (a run finishing marks the engine FINISHED while another is about to evaluate, which then
 * skips its rules), and its per-run bookkeeping (events, priority sets) is unused here. The Engine
 * object still holds the operator map, so leaves, operators, decorators, facts, paths and the almanac's
 * fact cache are json-rules-engine's own. Untraced runs go one step further and skip `rule.evaluate`
 * itself for a plan with the same algorithm (see {@link Plan}); traces come from `rule.evaluate`.
 */
import type { RuleCondition } from '@baton/schemas';
import { Almanac, Engine, type Fact, type PathResolver, Rule } from 'json-rules-engine';
import type { Clock } from '../shared/clock.ts';
import { andThen, type MaybePromise } from '../shared/maybe-promise.ts';
import { merge } from '../shared/merge.ts';
import { type FactRegistry, type FactScope, RunAlmanac, RunFact } from './facts.ts';
import { BUILTIN_OPERATORS, type OperatorDefinition, supportOperators } from './operators.ts';

/** One leaf or group of a condition as json-rules-engine evaluated it. */
export type TracedCondition =
  | { all: TracedCondition[]; result?: boolean }
  | { any: TracedCondition[]; result?: boolean }
  | { not: TracedCondition; result?: boolean }
  | {
      fact: string;
      path?: string;
      operator: string;
      value: unknown;
      /** The fact value the leaf saw (after its path). Absent: the leaf was not evaluated (short-circuit). */
      factResult?: unknown;
      valueResult?: unknown;
      result?: boolean;
    };

export interface ConditionTrace {
  result: boolean;
  conditions: TracedCondition;
  /** The input facts this condition read, redacted to the values its leaves saw: `customer.tier` → "premium". */
  facts: Record<string, unknown>;
}

export interface ConditionOutcome {
  result: boolean;
  /** Present when tracing. */
  trace?: ConditionTrace;
}

export interface CompiledCondition {
  readonly key: string;
  readonly source: RuleCondition;
  readonly rule: Rule;
  /** How an untraced evaluation decides (null: through `rule.evaluate`, see {@link decide}). */
  readonly plan: Plan | null;
}

export interface ConditionProblem {
  pointer: string;
  code: 'unknown-fact' | 'unknown-operator' | 'invalid-operator-value';
  message: string;
}

/** What `Rule.evaluate` resolves to (json-rules-engine's RuleResult, which its typings do not expose on Rule). */
interface EvaluatedRule {
  result: boolean;
  conditions: unknown;
}
type EvaluableRule = Rule & { evaluate(almanac: RunAlmanac): Promise<EvaluatedRule> };
/** The engine's operator map, which resolves decorated names such as `not:matches`. */
type OperatorLookup = { get(name: string): unknown };

export interface RunFacts {
  issue: FactScope['issue'];
  event: Record<string, unknown>;
  now: Date;
}

/** json-rules-engine's own resolver (JSONPath) for everything else: filters, wildcards, indexes. */
const jsonPath = (new Almanac() as unknown as { pathResolver: PathResolver }).pathResolver;

/** JSONPath is json-rules-engine's default; simple `$.a.b` paths take a direct lookup with the same result. */
const SIMPLE_PATH = /^\$(\.[A-Za-z_$][\w$]*)+$/;

/**
 * The keys of a simple path (`$.a.b` → a, b), null for any other JSONPath; remembered per path, since
 * every condition leaf resolves one (testing the pattern and splitting the path each time was ~1 % of
 * an ingested issue's CPU). A pure function of the text, so one table serves every engine; flows
 * hold a few dozen paths, and past {@link PATHS_REMEMBERED} the table starts over.
 */
const simplePaths = new Map<string, readonly string[] | null>();
const PATHS_REMEMBERED = 1024;
function simpleKeys(path: string): readonly string[] | null {
  let keys = simplePaths.get(path);
  if (keys === undefined) {
    keys = SIMPLE_PATH.test(path) ? path.slice(2).split('.') : null;
    if (simplePaths.size >= PATHS_REMEMBERED) simplePaths.clear();
    simplePaths.set(path, keys);
  }
  return keys;
}

export const pathResolver: PathResolver = (value, path) => {
  const keys = simpleKeys(path);
  if (!keys) return jsonPath(value, path);
  let node: unknown = value;
  for (let i = 0; i < keys.length; i++) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[keys[i] as string];
  }
  return node;
};
export class ConditionEngine {
  /** Holds the operator map shared by every rule of this instance; never `run()` (see above). */
  readonly engine = new Engine([], { allowUndefinedFacts: false, pathResolver });
  readonly #custom = new Map<string, OperatorDefinition>();
  readonly #operators = (this.engine as unknown as { operators: OperatorLookup }).operators;
  #dynamicFacts: Map<string, RunFact> | null = null;
  #factCount = -1;

  constructor(
    clock: Clock,
    private readonly facts: FactRegistry,
    validateBusinessHours: (value: unknown) => string | null,
  ) {
    for (const op of supportOperators(clock, validateBusinessHours)) this.addOperator(op);
  }

  /** Adds an operator that conditions may use (modules and plugins call this). */
  addOperator(op: OperatorDefinition): void {
    if (this.#custom.has(op.name) || BUILTIN_OPERATORS.some((b) => b.name === op.name)) {
      throw new Error(`an operator named ${op.name} is already registered`);
    }
    this.#custom.set(op.name, op);
    this.engine.addOperator(op.name, (a: unknown, b: unknown) => op.evaluate(a, b));
  }

  describeOperators(): Array<{ name: string; description: string }> {
    return [
      ...BUILTIN_OPERATORS,
      ...[...this.#custom.values()].map(({ name, description }) => ({ name, description })),
    ];
  }

  compile(condition: RuleCondition, key: string): CompiledCondition {
    // The engine mutates what it is given (priorities); the stored document stays as it is.
    const copy = structuredClone(condition) as unknown as Record<string, unknown>;
    const top = 'all' in copy || 'any' in copy || 'not' in copy ? copy : { all: [copy] };
    const rule = new Rule({ conditions: top as never, event: { type: key }, name: key });
    (rule as unknown as { setEngine(engine: Engine): void }).setEngine(this.engine);
    return {
      key,
      source: condition,
      rule,
      plan: planOf((rule as unknown as { conditions: EngineCondition }).conditions, this.engine),
    };
  }

  /** A fresh almanac for one run segment: run facts as constants, every registered fact lazily. */
  almanac(scope: FactScope, run: RunFacts): RunAlmanac {
    const almanac = new RunAlmanac(scope, { pathResolver }, this.#dynamic());
    almanac.addFact(new RunFact('issue', run.issue));
    almanac.addFact(new RunFact('event', run.event));
    almanac.addFact(new RunFact('now', run.now.toISOString()));
    return almanac;
  }

  /** Replaces the issue fact after the run changed the issue. */
  setIssue(almanac: RunAlmanac, issue: FactScope['issue']): void {
    almanac.scope = merge(almanac.scope, { issue });
    almanac.addFact(new RunFact('issue', issue));
  }

  /** At once when the plan decides it at once (see {@link decide}), else a promise. */
  evaluate(compiled: CompiledCondition, almanac: RunAlmanac, trace: boolean): MaybePromise<ConditionOutcome> {
    if (!trace && compiled.plan) {
      return andThen(decide(compiled.plan, almanac, this.#operators), outcomeOf);
    }
    return this.#evaluateRule(compiled, almanac, trace);
  }

  async #evaluateRule(
    compiled: CompiledCondition,
    almanac: RunAlmanac,
    trace: boolean,
  ): Promise<ConditionOutcome> {
    const evaluated = await (compiled.rule as EvaluableRule).evaluate(almanac);
    const result = evaluated.result === true;
    if (!trace) return { result };
    const facts: Record<string, unknown> = {};
    // The engine records the top group's result on the rule, not on the group.
    const conditions = { ...traceOf(evaluated.conditions, facts), result };
    return { result, trace: { result, conditions, facts } };
  }

  /** Problems a person can fix in a condition: unknown facts and operators, values an operator cannot use. */
  check(condition: unknown, pointer: string): ConditionProblem[] {
    const problems: ConditionProblem[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const c = node as Record<string, unknown>;
      if (Array.isArray(c.all) || Array.isArray(c.any)) {
        const key = Array.isArray(c.all) ? 'all' : 'any';
        for (const [i, child] of (c[key] as unknown[]).entries()) walk(child, `${at}/${key}/${i}`);
        return;
      }
      if (c.not) return walk(c.not, `${at}/not`);
      if (typeof c.fact !== 'string') return;
      if (!this.facts.has(c.fact)) {
        problems.push({
          pointer: `${at}/fact`,
          code: 'unknown-fact',
          message: `no fact named "${c.fact}" (known: ${this.facts
            .describe()
            .map((f) => f.id)
            .join(', ')})`,
        });
      }
      const operator = typeof c.operator === 'string' ? c.operator : '';
      if (!(this.engine as unknown as { operators: OperatorLookup }).operators.get(operator)) {
        problems.push({
          pointer: `${at}/operator`,
          code: 'unknown-operator',
          message: `no operator named "${operator}" (known: ${this.describeOperators()
            .map((o) => o.name)
            .join(', ')})`,
        });
        return;
      }
      const value = c.value;
      if (value && typeof value === 'object' && 'fact' in value) {
        const ref = (value as { fact: unknown }).fact;
        if (typeof ref !== 'string' || !this.facts.has(ref)) {
          problems.push({
            pointer: `${at}/value/fact`,
            code: 'unknown-fact',
            message: `no fact named "${String(ref)}"`,
          });
        }
        return;
      }
      const custom = this.#custom.get(operator.split(':').at(-1) ?? '');
      const problem = operator.includes(':') ? null : custom?.checkValue?.(value);
      if (problem) {
        problems.push({
          pointer: `${at}/value`,
          code: 'invalid-operator-value',
          message: `${operator}: value ${problem}`,
        });
      }
    };
    walk(condition, pointer);
    return problems;
  }

  /** Every registered fact as a json-rules-engine fact by id, rebuilt when a module registers one. */
  #dynamic(): ReadonlyMap<string, RunFact> {
    if (!this.#dynamicFacts || this.#factCount !== this.facts.size) {
      const defs = this.facts.list();
      this.#dynamicFacts = new Map(
        defs.map((def) => [
          def.id,
          new RunFact(def.id, (params, almanac) => def.compute((almanac as RunAlmanac).scope, params)),
        ]),
      );
      this.#factCount = defs.length;
    }
    return this.#dynamicFacts;
  }
}

/** json-rules-engine's Condition as a compiled Rule holds it (its typings do not expose these members). */
interface EngineCondition {
  operator: string;
  fact?: string;
  path?: string;
  value?: unknown;
  priority?: number;
  all?: EngineCondition[];
  any?: EngineCondition[];
  not?: EngineCondition;
  isBooleanOperator(): boolean;
  isConditionReference(): boolean;
  evaluate(almanac: Almanac, operators: OperatorLookup): Promise<{ result: unknown }>;
}

/**
 * An untraced evaluation plan: json-rules-engine's own algorithm for all/any/not (conditions grouped
 * by priority, highest first; the groups run in turn and stop once the outcome is decided; the
 * conditions of a group run together — except that a group already decided by its leaves over the
 * run's own facts computes no other fact, see {@link decideSets}), with each leaf evaluated by
 * json-rules-engine's Condition against the run's almanac and the engine's operators. What it
 * leaves out is `Rule.evaluate`'s bookkeeping: a deep copy of the whole condition tree per
 * evaluation (a RuleResult, so results can be written onto it) and the rule's success/failure
 * events — a third of a flow run's CPU, for a result tree that only traces read. Traced runs still go through `rule.evaluate`; a test pins that
 * both give the same answer for every condition of the shipped flows.
 */
type Plan =
  | { kind: 'leaf'; condition: EngineCondition }
  | { kind: 'not'; child: Plan }
  | { kind: 'all' | 'any'; sets: Plan[][]; single: Plan | null };

/** The plan for a compiled condition tree, or null when it names shared conditions (evaluated by the rule). */
function planOf(condition: EngineCondition, engine: Engine): Plan | null {
  if (condition.isConditionReference()) return null;
  if (!condition.isBooleanOperator()) return { kind: 'leaf', condition };
  if (condition.operator === 'not') {
    const child = planOf(condition.not as EngineCondition, engine);
    return child && { kind: 'not', child };
  }
  const kind = condition.operator as 'all' | 'any';
  const children = (condition[kind] ?? []) as EngineCondition[];
  const plans = children.map((c) => planOf(c, engine));
  if (plans.some((p) => p === null)) return null;
  if (plans.length === 1) return { kind, sets: [], single: plans[0] as Plan };
  // json-rules-engine's priority: the condition's own, else its fact's on the engine, else 1.
  const byPriority = new Map<number, Plan[]>();
  children.forEach((c, i) => {
    const fact =
      c.fact === undefined ? undefined : (engine.getFact(c.fact) as { priority?: number } | undefined);
    const priority = c.priority || fact?.priority || 1;
    byPriority.set(priority, [...(byPriority.get(priority) ?? []), plans[i] as Plan]);
  });
  const sets = [...byPriority].sort((a, b) => b[0] - a[0]).map(([, set]) => set);
  return { kind, sets, single: null };
}

/** A leaf that must go through json-rules-engine (its fact is computed, or its value names a fact). */
const LATER = Symbol('through json-rules-engine');

/**
 * A leaf over one of the run's constant facts (issue, event, now) compared with a literal, decided
 * as json-rules-engine's Condition decides it — the fact, its path when the value is an object, the
 * operator's own `evaluate` (validator, then callback) — without its promises: a leaf costs about
 * six promises there. Everything else is
 * left to json-rules-engine.
 */
function decideNow(condition: EngineCondition, almanac: Almanac, operators: OperatorLookup): unknown {
  const { value, fact: factId, path } = condition;
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact')) return LATER;
  if (factId === undefined) return LATER;
  const fact = (almanac as RunAlmanac)._getFact(factId) as
    | (Fact & { isConstant(): boolean; value: unknown })
    | undefined;
  const op = operators.get(condition.operator) as { evaluate(a: unknown, b: unknown): unknown } | undefined;
  if (!fact?.isConstant() || !op) return LATER;
  let left = fact.value;
  if (path && left !== null && typeof left === 'object') {
    left = (almanac as unknown as { pathResolver: PathResolver }).pathResolver(left, path);
  }
  return op.evaluate(left, value);
}

const isTrue = (r: unknown): boolean => r === true;
const outcomeOf = (r: unknown): ConditionOutcome => ({ result: isTrue(r) });
const negate = (r: unknown): boolean => !r;

/** A leaf {@link decideNow} left for later: json-rules-engine's Condition decides it. */
function evaluateLater(
  condition: EngineCondition,
  almanac: Almanac,
  operators: OperatorLookup,
): Promise<unknown> {
  return condition.evaluate(almanac, operators).then((r) => r.result);
}

/**
 * What json-rules-engine would record as the plan's result (a leaf: the operator's own return
 * value) — synchronously when every leaf it reaches can be decided now ({@link decideNow}).
 */
function decide(plan: Plan, almanac: Almanac, operators: OperatorLookup): unknown {
  if (plan.kind === 'leaf') {
    const now = decideNow(plan.condition, almanac, operators);
    return now !== LATER ? now : evaluateLater(plan.condition, almanac, operators);
  }
  if (plan.kind === 'not') return andThen(decide(plan.child, almanac, operators), negate);
  if (plan.single) return andThen(decide(plan.single, almanac, operators), isTrue);
  if (plan.sets.length === 0) return true;
  return decideSets(plan.kind === 'any', plan.sets, 0, !(plan.kind === 'any'), almanac, operators);
}

/**
 * Plans of one priority set that {@link decideSets} checks before the rest (at most this many; the
 * set's plans past it always go with the rest).
 */
const FIRST_PASS_MAX = 30;

/**
 * all/any over priority sets, highest first, and the next set only while the outcome is open.
 *
 * Within a set, the leaves over the run's own facts (issue, event, now: decided synchronously) go
 * first; when one of them decides the set — a false under `all`, a true under `any` — the rest of it
 * is never asked for. json-rules-engine runs a set together and would still compute those facts, for
 * the same answer: in the shipped flow that was a timeline read for "needs info" on every issue
 * whose body is too long to need any (`body` short AND awaiting a reply), and a customer read for
 * "VIP" on every high-priority one. Otherwise every condition of the set is evaluated, as before.
 */
function decideSets(
  any: boolean,
  sets: Plan[][],
  from: number,
  result: boolean,
  almanac: Almanac,
  operators: OperatorLookup,
): boolean | Promise<boolean> {
  for (let i = from; i < sets.length; i++) {
    if (any ? result : !result) return result;
    // Combined as they come (no array of results, no closure: this runs for every condition node
    // of every decision); only the results still to settle are collected.
    const set = sets[i] as Plan[];
    let combined = !any;
    // Pass one: leaves decided now. `later` marks (one bit per plan) those left for pass two.
    let later = 0;
    for (let p = 0; p < set.length && p < FIRST_PASS_MAX; p++) {
      const plan = set[p] as Plan;
      const r = plan.kind === 'leaf' ? decideNow(plan.condition, almanac, operators) : LATER;
      if (r === LATER) later |= 1 << p;
      else if (any ? r === true : r !== true) combined = any;
    }
    if (combined === any) {
      result = combined;
      continue;
    }
    // Pass two: computed facts and nested all/any/not.
    let pending: Promise<unknown>[] | null = null;
    for (let p = 0; p < set.length; p++) {
      const plan = set[p] as Plan;
      const seen = p < FIRST_PASS_MAX;
      if (seen && !(later & (1 << p))) continue; // decided in pass one
      // A leaf pass one could not decide goes straight to json-rules-engine (not asked again).
      const r =
        seen && plan.kind === 'leaf'
          ? evaluateLater(plan.condition, almanac, operators)
          : decide(plan, almanac, operators);
      if (r instanceof Promise) {
        pending ??= [];
        pending.push(r);
      } else if (any ? r === true : r !== true) combined = any;
    }
    if (pending) {
      const settled = combined;
      return Promise.all(pending).then((rs) => {
        const outcome = any ? settled || rs.some(isTrue) : settled && rs.every(isTrue);
        return decideSets(any, sets, i + 1, outcome, almanac, operators);
      });
    }
    result = combined;
  }
  return result;
}

/** json-rules-engine's evaluated condition tree, as plain JSON, collecting the fact values it saw. */
function traceOf(node: unknown, facts: Record<string, unknown>): TracedCondition {
  const c = node as Record<string, unknown>;
  const result = typeof c.result === 'boolean' ? { result: c.result } : {};
  if (Array.isArray(c.all)) return { all: c.all.map((x) => traceOf(x, facts)), ...result };
  if (Array.isArray(c.any)) return { any: c.any.map((x) => traceOf(x, facts)), ...result };
  if (c.not) return { not: traceOf(c.not, facts), ...result };
  const leaf: TracedCondition = {
    fact: String(c.fact),
    ...(typeof c.path === 'string' ? { path: c.path } : {}),
    operator: String(c.operator),
    value: c.value,
    ...result,
  };
  if ('factResult' in c) {
    leaf.factResult = c.factResult;
    leaf.valueResult = c.valueResult;
    const name = `${leaf.fact}${leaf.path ? leaf.path.replace(/^\$/, '') : ''}`;
    facts[name] = c.factResult;
  }
  return leaf;
}
