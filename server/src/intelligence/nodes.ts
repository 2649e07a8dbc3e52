/**
 * What the intelligence module adds to the flow engine: the `classify` and `summarize` node kinds and
 * the `labels` fact (the router's predictions, for conditions such as
 * `{ fact: 'labels', path: '$.queue.confidence', operator: 'greaterThan', value: 0.6 }`).
 */
import type { ClassifyNodeData, Issue, SummarizeNodeData } from '@baton/schemas';
import type { FactDefinition } from '../engine/facts.ts';
import type { KindProblem, NodeKind } from '../engine/registry.ts';
import type { IntelligenceService } from './service.ts';

export interface ClassifyTrace {
  kind: 'classify';
  label: ClassifyNodeData['label'];
  /** null when no model is trained. */
  value: string | null;
  confidence: number;
  modelVersion: number | null;
  alternatives: Array<{ value: string; confidence: number }>;
  /** The words behind the prediction. */
  terms: string[];
  /** Whether the issue's field was set (or, in a dry run, would have been). */
  applied: boolean;
}

export interface SummarizeTrace {
  kind: 'summarize';
  variant: 'full' | 'executive';
  summary: string[];
  openUnknowns: number;
  commitments: number;
  nextSteps: string[];
  urgency: string;
  sentiment: string;
}

const RESERVED = new Set(['other', 'uncertain']);
const PRIORITIES = new Set(['low', 'medium', 'high', 'critical']);

export function classifyKind(
  intelligence: IntelligenceService,
): NodeKind<ClassifyNodeData, null, ClassifyTrace> {
  return {
    type: 'classify',
    title: 'Classify',
    description:
      'Predicts the queue, priority or type from the issue’s words (learned from your resolved issues) and goes on by the route for that prediction; Other when no route matches, Uncertain when the model is not sure enough.',
    category: 'action',
    icon: '⚑',
    color: '#2f9e5b',
    dataSchema: { $ref: 'https://schemas.baton.dev/intelligence-nodes.schema.json#/$defs/classify' },
    outputs: [
      { forEach: '/routes', handleField: 'id', labelField: 'value' },
      { handle: 'other', label: 'Other' },
      { handle: 'uncertain', label: 'Uncertain' },
    ],
    check(data) {
      const problems: KindProblem[] = [];
      const seen = new Set<string>();
      data.routes.forEach((route, i) => {
        if (RESERVED.has(route.id)) {
          problems.push({
            pointer: `/routes/${i}/id`,
            code: 'invalid-data',
            message: `"${route.id}" is a built-in handle`,
          });
        } else if (seen.has(route.id)) {
          problems.push({
            pointer: `/routes/${i}/id`,
            code: 'duplicate-case',
            message: `route id "${route.id}" is used twice`,
          });
        }
        if (data.label === 'priority' && !PRIORITIES.has(route.value)) {
          problems.push({
            pointer: `/routes/${i}/value`,
            code: 'invalid-data',
            message: `${route.value} is not a priority`,
          });
        }
        seen.add(route.id);
      });
      return problems;
    },
    async run(ctx) {
      const { label, routes, minConfidence = 0, apply = false } = ctx.data;
      // One label, explained only when the run keeps its trace (the path-only default drops it).
      const result = await intelligence.classifyIssue(ctx.issue, { labels: [label], explain: ctx.run.trace });
      const prediction = result?.predictions[label];
      const trace: ClassifyTrace = {
        kind: 'classify',
        label,
        value: prediction?.value ?? null,
        confidence: prediction?.confidence ?? 0,
        modelVersion: result?.modelVersion ?? null,
        alternatives: prediction?.alternatives ?? [],
        terms: prediction?.explanation.terms.map((t) => t.term) ?? [],
        applied: false,
      };
      if (!prediction || prediction.confidence < minConfidence) return { handle: 'uncertain', trace };
      if (apply && (label !== 'priority' || PRIORITIES.has(prediction.value))) {
        await ctx.effects.updateIssue({ [label]: prediction.value } as Partial<Pick<Issue, typeof label>>);
        trace.applied = true;
      }
      const route = routes.find((r) => r.value === prediction.value);
      return { handle: route ? route.id : 'other', trace };
    },
  };
}

export function summarizeKind(
  intelligence: IntelligenceService,
): NodeKind<SummarizeNodeData, null, SummarizeTrace> {
  return {
    type: 'summarize',
    title: 'Summarize',
    description:
      'Builds the handoff brief (summary, answered questions, open unknowns, steps tried, commitments, next steps, urgency, sentiment) and records it in the trace.',
    category: 'action',
    icon: '≡',
    color: '#5b6472',
    dataSchema: { $ref: 'https://schemas.baton.dev/intelligence-nodes.schema.json#/$defs/summarize' },
    outputs: [{ handle: 'next', label: 'Next' }],
    async run(ctx) {
      const variant = ctx.data.variant ?? 'full';
      const brief = await intelligence.brief(ctx.issue.id, variant);
      return {
        handle: 'next',
        trace: {
          kind: 'summarize',
          variant,
          summary: brief.summary.map((i) => i.text),
          openUnknowns: brief.openUnknowns.length,
          commitments: brief.commitments.length,
          nextSteps: brief.nextSteps.map((i) => i.text),
          urgency: brief.urgency.level,
          sentiment: brief.sentiment.label,
        },
      };
    },
  };
}

/** The `labels` fact: the learned router's predictions for the issue. */
export function labelsFact(intelligence: IntelligenceService): FactDefinition {
  return {
    id: 'labels',
    description:
      'What the learned router predicts for the issue: { queue, priority, type } each { value, confidence }, plus modelVersion; null when no model is trained.',
    schema: {
      type: ['object', 'null'],
      properties: {
        modelVersion: { type: 'integer' },
        queue: { $ref: '#/$defs/label' },
        priority: { $ref: '#/$defs/label' },
        type: { $ref: '#/$defs/label' },
      },
      $defs: {
        label: { type: 'object', properties: { value: { type: 'string' }, confidence: { type: 'number' } } },
      },
    },
    async compute(scope) {
      const result = await intelligence.classifyIssue(scope.issue, { explain: false });
      if (!result) return null;
      const out: Record<string, unknown> = { modelVersion: result.modelVersion };
      for (const [label, p] of Object.entries(result.predictions)) {
        if (p) out[label] = { value: p.value, confidence: p.confidence };
      }
      return out;
    },
  };
}
