/**
 * One job: the SLA calculator — when targets would fall due from a start time, in business time
 * under a calendar (given, or a policy's) or in wall-clock time, answered in the calendar's local
 * time too. Changes nothing; bad input is a problem naming the field.
 */
import type { Priority, SlaCalculate, SlaCalculation, SlaMetric, SlaPolicy } from '@baton/schemas';
import { CalendarError, calendarOf } from '../calendar/calendar.ts';
import { parseDuration } from '../engine/duration.ts';
import { invalidInput } from '../http/problem.ts';
import { calendarSpecOf, targetFor } from './policies.ts';

export const METRICS: readonly SlaMetric[] = [
  'firstResponse',
  'nextResponse',
  'handoffCompletion',
  'resolution',
  'customerUpdate',
];

export async function calculateSla(
  input: SlaCalculate,
  getPolicy: (id: string) => Promise<SlaPolicy>,
): Promise<SlaCalculation> {
  const priority: Priority = input.priority ?? 'medium';
  let targets: Array<{ metric: SlaMetric; target: string; businessHours: boolean }> = [];
  let calendarSpec = input.calendar;
  if (input.policyId) {
    const policy = await getPolicy(input.policyId);
    for (const metric of METRICS) {
      const mp = policy.metrics[metric];
      const target = targetFor(mp?.targets, priority);
      if (mp && target) targets.push({ metric, target, businessHours: mp.businessHours ?? true });
    }
    calendarSpec ??= calendarSpecOf(policy, policy.calendar.timeZone);
  }
  if (input.targets) {
    targets = Object.entries(input.targets).map(([metric, target]) => ({
      metric: metric as SlaMetric,
      target: target as string,
      businessHours: true,
    }));
  }
  if (!targets.length) {
    throw invalidInput(
      '',
      input.policyId ? 'the policy has no targets for this priority' : 'give policyId or targets',
    );
  }
  if (!calendarSpec) throw invalidInput('/calendar', 'give a calendar (or a policyId whose calendar to use)');
  const timeZone = input.timeZone ?? calendarSpec.timeZone;
  let business: ReturnType<typeof calendarOf>;
  try {
    business = calendarOf({ ...calendarSpec, timeZone });
  } catch (err) {
    if (err instanceof CalendarError) throw invalidInput('/calendar', err.message);
    throw err;
  }
  const wall = calendarOf({ timeZone });
  const start = Date.parse(input.start);
  return {
    start: new Date(start).toISOString(),
    priority,
    timeZone,
    openNow: business.isOpen(start),
    due: targets.map(({ metric, target, businessHours }) => {
      const ms = parseDuration(target)!;
      let due: number;
      try {
        due = (businessHours ? business : wall).add(start, ms);
      } catch (err) {
        // Beyond the calendar's horizon (about three years of open time): a clear answer, not a 500.
        if (err instanceof CalendarError) {
          throw invalidInput(
            input.targets ? `/targets/${metric}` : '/policyId',
            `the ${metric} target ${target} ends beyond what the calendar can compute: ${err.message}`,
          );
        }
        throw err;
      }
      return {
        metric,
        target,
        targetMs: ms,
        businessHours,
        dueAt: new Date(due).toISOString(),
        dueAtLocal: business.local(due),
        wallClockMs: due - start,
      };
    }),
  };
}
