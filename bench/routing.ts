/**
 * Routing benchmark: the reference routing flow (playbooks/reference-routing.flow.json) run in-process
 * by the flow executor over 20,000 generated issues — trace off, then trace on — and, in the same
 * process, raw json-rules-engine evaluating exactly the conditions the runtime evaluated for each
 * issue (same condition JSON, same operators, same engine options) — and, like the runtime, with one
 * almanac per issue shared by all of that issue's conditions (`engine.run({}, { almanac })`), so fact
 * and path lookups are cached across conditions on both sides. Seven rounds alternate raw and runtime;
 * the figures are medians, and each round's ratio is kept for the spread. Prints {"bench":"routing",
 * "flowsPerSec","p99Us","flowsPerSecTraced","rawJrePerSec","ratio","ratioMin","ratioMax","rounds"},
 * where ratio = the median over rounds of flowsPerSec / rawJrePerSec (target ≥ 0.8).
 *
 * The runtime evaluates untraced conditions with json-rules-engine's Condition leaves, operators
 * and almanac but its own all/any/not walk, skipping `Rule.evaluate`'s deep copy of the condition
 * tree per evaluation (engine/conditions.ts); the anchor pays that copy, as every `engine.run()`
 * does, so a ratio above 1 is expected. The runtime also asks no computed fact of a priority group
 * its leaves over the issue already decide (json-rules-engine runs a group together, so the anchor
 * computes them: here they are in-memory sources, so that costs the anchor little), and a condition
 * decided at once is not awaited. Before the timed passes every issue's untraced path is checked
 * against its traced one.
 *
 * What the runtime does per issue and raw does not: walk the graph, run every node kind (set nodes
 * compute their change and record it through dry-run effects, the wait node computes its park),
 * resolve lazy facts (customer, timeline), keep the path. Nothing is stored: the store is not what
 * this measures (the ingest bench does that), and raw json-rules-engine does no I/O either.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Customer, Issue, TimelineSummary } from '@baton/schemas';
import { Almanac, Engine } from 'json-rules-engine';
import { pathResolver } from '../server/src/engine/conditions.ts';
import { dryRunEffects } from '../server/src/engine/effects.ts';
import type { RunInput } from '../server/src/engine/executor.ts';
import { type FactSource, summarizeTimeline } from '../server/src/engine/facts.ts';
import { supportOperators } from '../server/src/engine/operators.ts';
import { loadReferenceFlow } from '../server/src/flows/reference.ts';
import { createServices } from '../server/src/services.ts';
import { ManualClock } from '../server/src/shared/clock.ts';
import { openStore } from '../server/src/store/index.ts';

/** A small deterministic PRNG (mulberry32), so every run sees the same issues. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  ['Site is down for our whole team', 'Since 9:00 every page returns error 503 and nobody can work.'],
  ['Cannot log in after the update', 'The login page keeps saying my password is wrong, reset did not help.'],
  ['Refund for a double charge', 'We were charged twice for the annual subscription in December.'],
  ['Invoice shows the wrong VAT number', 'Please correct the VAT number on invoice 2291 and send it again.'],
  [
    'Suspicious login from abroad',
    'Somebody logged into my account from another country, I think I was hacked.',
  ],
  [
    'Feature request: CSV export',
    'It would help our reporting a lot if dashboards could be exported as CSV.',
  ],
  ['How do I add a teammate?', 'help'],
  [
    'Question about the API rate limits',
    'What are the limits per minute for the public API on the business plan?',
  ],
  [
    'App crashes when uploading photos',
    'On Android 14 the app closes as soon as I pick a photo from the gallery.',
  ],
  ['Change of billing address', 'We moved offices; the new billing address is attached.'],
] as const;
const PRIORITIES = ['low', 'medium', 'medium', 'high', 'critical'] as const;
const TIERS = ['free', 'standard', 'standard', 'premium', 'enterprise'] as const;

function generate(count: number, customers: number) {
  const rand = random(20260105);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const people = new Map<string, Customer>();
  for (let i = 0; i < customers; i++) {
    const id = `cus_${i}`;
    people.set(id, {
      id,
      name: `Customer ${i}`,
      tier: pick(TIERS),
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
  }
  const start = Date.parse('2026-01-05T00:00:00.000Z');
  const issues: Issue[] = [];
  const timelines = new Map<string, TimelineSummary>();
  for (let i = 0; i < count; i++) {
    const [subject, body] = pick(SUBJECTS);
    const createdAt = new Date(start + Math.floor(rand() * 7 * 24 * 3600) * 1000).toISOString();
    const issue: Issue = {
      id: `iss_${i}`,
      subject,
      body,
      channel: pick(['email', 'chat', 'web'] as const),
      customerId: `cus_${Math.floor(rand() * customers)}`,
      priority: pick(PRIORITIES),
      status: 'new',
      tags: rand() < 0.1 ? ['security'] : [],
      createdAt,
      updatedAt: createdAt,
      lastActivityAt: createdAt,
    };
    issues.push(issue);
    timelines.set(issue.id, summarizeTimeline([{ type: 'customer_message', at: createdAt }]));
  }
  return { issues, people, timelines };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { issues: { type: 'string', default: '20000' }, customers: { type: 'string', default: '1000' } },
  });
  const count = Number(values.issues);
  const clock = new ManualClock('2026-01-12T12:00:00.000Z');
  // The engine as an instance builds it, with every shipped node kind: route, sla, handoff and escalate
  // read their modules (an empty embedded store: no agents, so routing previews `queued`) and, in a
  // dry run, write nothing.
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-bench-routing-'));
  const store = await openStore({ dataDir });
  const { engine } = await createServices({ store, clock, log: { error: () => {} } });
  const flow = engine.compiled({ ...loadReferenceFlow(), id: 'flw_bench', version: 1 });
  const { issues, people, timelines } = generate(count, Number(values.customers));
  const source: FactSource = {
    customer: async (id) => people.get(id) ?? null,
    timeline: async (id) => timelines.get(id)!,
  };
  const effects = dryRunEffects(clock);
  const input = (issue: Issue, trace: boolean): RunInput => ({
    runId: 'run_bench',
    flow,
    issue,
    event: { type: 'issue.created', payload: {} },
    source,
    effects,
    trace,
    depth: 0,
  });

  // Which conditions the runtime evaluates for each issue (node id, or switch case id), from its trace.
  const evaluated: string[][] = [];
  for (const issue of issues) {
    const exec = await engine.executor.start(input(issue, true));
    // Untraced runs decide conditions without json-rules-engine's per-evaluation copy of the tree
    // (see engine/conditions.ts); they must take the very path the traced run took.
    const untraced = await engine.executor.start(input(issue, false));
    if (untraced.path.join() !== exec.path.join())
      throw new Error(`issue ${issue.id}: untraced path ${untraced.path} differs from traced ${exec.path}`);
    const keys: string[] = [];
    for (const step of exec.steps) {
      const detail = step.detail as { kind: string; cases?: Array<{ id: string }> };
      if (detail.kind === 'trigger' && 'filter' in detail) keys.push(`${step.nodeId}/filter`);
      else if (detail.kind === 'condition') keys.push(step.nodeId);
      else if (detail.kind === 'switch')
        for (const c of detail.cases ?? []) keys.push(`${step.nodeId}/${c.id}`);
    }
    evaluated.push(keys);
  }

  async function runtimePass(trace: boolean, latencies?: Float64Array): Promise<number> {
    const t0 = performance.now();
    for (let i = 0; i < issues.length; i++) {
      const s = latencies ? performance.now() : 0;
      await engine.executor.start(input(issues[i]!, trace));
      if (latencies) latencies[i] = (performance.now() - s) * 1000;
    }
    return issues.length / ((performance.now() - t0) / 1000);
  }

  // Raw json-rules-engine: one engine per condition of the flow, the same operators and options.
  const operators = supportOperators(clock, () => null);
  const raw = new Map<string, Engine>();
  const addEngine = (key: string, conditions: unknown) => {
    const e = new Engine([], { allowUndefinedFacts: false, pathResolver });
    for (const op of operators) e.addOperator(op.name, (a: unknown, b: unknown) => op.evaluate(a, b));
    const top = conditions as Record<string, unknown>;
    e.addRule({
      conditions: ('all' in top || 'any' in top || 'not' in top ? top : { all: [top] }) as never,
      event: { type: key },
    });
    raw.set(key, e);
  };
  for (const node of flow.document.nodes) {
    const data = node.data as {
      condition?: unknown;
      filter?: unknown;
      cases?: Array<{ id: string; condition: unknown }>;
    };
    if (node.type === 'trigger' && data.filter) addEngine(`${node.id}/filter`, structuredClone(data.filter));
    if (node.type === 'condition') addEngine(node.id, structuredClone(data.condition));
    if (node.type === 'switch')
      for (const c of data.cases ?? []) addEngine(`${node.id}/${c.id}`, structuredClone(c.condition));
  }
  const now = clock.now().toISOString();
  async function rawPass(): Promise<number> {
    const t0 = performance.now();
    for (let i = 0; i < issues.length; i++) {
      const issue = issues[i]!;
      // One almanac per issue, as the runtime keeps one per run: facts resolve once per issue.
      const almanac = new Almanac({ allowUndefinedFacts: false, pathResolver });
      almanac.addRuntimeFact('issue', issue);
      almanac.addRuntimeFact('customer', people.get(issue.customerId) ?? null);
      almanac.addRuntimeFact('timeline', timelines.get(issue.id));
      almanac.addRuntimeFact('event', { eventType: 'issue.created' });
      almanac.addRuntimeFact('now', now);
      for (const key of evaluated[i]!) await raw.get(key)!.run({}, { almanac });
    }
    return issues.length / ((performance.now() - t0) / 1000);
  }

  const conditionsPerIssue = evaluated.reduce((n, k) => n + k.length, 0) / issues.length;
  console.error(
    `bench routing: ${issues.length} issues, ${flow.nodes.size} nodes, ${conditionsPerIssue.toFixed(2)} conditions evaluated per issue`,
  );
  // Warm-up, then alternate so neither side profits from running last.
  await runtimePass(false);
  await rawPass();
  const rawRates: number[] = [];
  const rates: number[] = [];
  const traced: number[] = [];
  for (let round = 0; round < 7; round++) {
    rawRates.push(await rawPass());
    rates.push(await runtimePass(false));
    traced.push(await runtimePass(true));
  }
  // Latency per flow (trace off) in a pass of its own, so timing each run does not slow the throughput passes.
  const latencies = new Float64Array(issues.length);
  await runtimePass(false, latencies);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const flowsPerSec = median(rates);
  const rawJrePerSec = median(rawRates);
  const ratios = rates.map((r, i) => r / rawRates[i]!);
  latencies.sort();
  console.error(JSON.stringify({ rawRates, rates, traced, p50Us: percentile(latencies, 50) }));
  process.stdout.write(
    `${JSON.stringify({
      bench: 'routing',
      flowsPerSec: Math.round(flowsPerSec),
      p99Us: Math.round(percentile(latencies, 99)),
      flowsPerSecTraced: Math.round(median(traced)),
      rawJrePerSec: Math.round(rawJrePerSec),
      ratio: Number(median(ratios).toFixed(3)),
      ratioMin: Number(Math.min(...ratios).toFixed(3)),
      ratioMax: Number(Math.max(...ratios).toFixed(3)),
      rounds: ratios.length,
    })}\n`,
  );
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
}
