import type { RuleCondition, WaitNodeData } from '@baton/schemas';
import type { CompiledCondition, ConditionTrace } from '../conditions.ts';
import { durationMs } from '../duration.ts';
import type { KindProblem, NodeKind } from '../registry.ts';

export interface WaitTrace {
  kind: 'wait';
  mode: WaitNodeData['mode'];
  /** Parking: when the timer is due, and which event may end the wait. */
  dueAt?: string;
  event?: string;
  /** Resuming: what ended the wait. */
  resumedBy?: 'event' | 'timer' | 'time-passed';
  condition?: ConditionTrace;
}

interface Prepared {
  ms: number | null;
  condition: CompiledCondition | null;
}

export const waitKind: NodeKind<WaitNodeData, Prepared, WaitTrace> = {
  type: 'wait',
  title: 'Wait',
  description:
    'Parks the run durably — for a duration, until a time, or until an event on this issue such as a customer reply (with an optional timeout) — and resumes it after a restart too.',
  category: 'timing',
  icon: '◔',
  dataSchema: { $ref: 'https://schemas.baton.dev/flow-nodes.schema.json#/$defs/wait' },
  pauses: true,
  outputs: [
    { handle: 'next', label: 'Then', when: { pointer: '/mode', in: ['duration', 'until'] } },
    { handle: 'event', label: 'Event', when: { pointer: '/mode', in: ['event'] } },
    { handle: 'timeout', label: 'Timeout', when: { pointer: '/timeout' } },
  ],
  check(data, ctx) {
    const problems: KindProblem[] = [];
    if (data.mode === 'event') {
      if (!ctx.isTriggerEvent(data.event)) {
        problems.push({
          pointer: '/event',
          code: 'unknown-event',
          message: `"${data.event}" is not an event a run can wait for`,
        });
      }
      if (data.condition) problems.push(...ctx.conditions.check(data.condition, '/condition'));
    }
    return problems;
  },
  prepare(data, ctx) {
    if (data.mode === 'duration') return { ms: durationMs(data.duration), condition: null };
    if (data.mode === 'event') {
      return {
        ms: data.timeout ? durationMs(data.timeout) : null,
        condition: data.condition ? ctx.condition(data.condition as RuleCondition, 'event') : null,
      };
    }
    return { ms: null, condition: null };
  },
  run(ctx) {
    const { data, now } = ctx;
    const mode = data.mode;
    if (data.mode === 'until') {
      if (Date.parse(data.until) <= now.getTime()) {
        return { handle: 'next', trace: { kind: 'wait', mode, dueAt: data.until, resumedBy: 'time-passed' } };
      }
      return {
        park: { dueAt: data.until, dueHandle: 'next' },
        trace: { kind: 'wait', mode, dueAt: data.until },
      };
    }
    if (data.mode === 'duration') {
      const dueAt = new Date(now.getTime() + (ctx.prepared.ms ?? 0)).toISOString();
      return { park: { dueAt, dueHandle: 'next' }, trace: { kind: 'wait', mode, dueAt } };
    }
    const dueAt =
      ctx.prepared.ms === null ? undefined : new Date(now.getTime() + ctx.prepared.ms).toISOString();
    return {
      park: { event: data.event, ...(dueAt ? { dueAt, dueHandle: 'timeout' } : {}) },
      trace: { kind: 'wait', mode, event: data.event, ...(dueAt ? { dueAt } : {}) },
    };
  },
  async onEvent(ctx) {
    if (ctx.data.mode !== 'event' || ctx.event.type !== ctx.data.event) return null;
    const trace: WaitTrace = { kind: 'wait', mode: 'event', event: ctx.event.type, resumedBy: 'event' };
    if (ctx.prepared.condition) {
      const outcome = await ctx.evaluate(ctx.prepared.condition);
      if (!outcome.result) return null;
      if (outcome.trace) trace.condition = outcome.trace;
    }
    return { handle: 'event', trace };
  },
  onTimer: (ctx, dueHandle) => ({
    handle: dueHandle,
    trace: { kind: 'wait', mode: ctx.data.mode, resumedBy: 'timer' },
  }),
};
