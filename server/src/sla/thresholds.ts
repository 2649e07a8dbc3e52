/**
 * One job: the warning and breach thresholds of running clocks. Each running clock has one durable
 * timer pending (`sla.threshold`), keyed by the clock's generation, so a pause or reset leaves only
 * stale timers that do nothing. When one fires the clock logs the warning (or the breach, at 100 %),
 * `sla.warning` / `sla.breached` go out, and the next threshold is armed.
 */
import type { SlaClock, SlaClockEvent } from '@baton/schemas';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../shared/clock.ts';
import type { Collection } from '../store/port.ts';
import type { Timer, TimerService } from '../timers/service.ts';
import { clockCalendar, nextThreshold, reachedThresholds, viewOf } from './clock.ts';
import { clockFromStored, type StoredClock } from './clock-docs.ts';

export const SLA_TIMER = 'sla.threshold';

export class SlaThresholds {
  constructor(
    private readonly clocks: Collection<StoredClock>,
    private readonly deps: { clock: Clock; bus: EventBus; timers: TimerService },
  ) {}

  /** Schedules the next threshold of a running clock (idempotent by key). */
  async arm(clock: SlaClock): Promise<void> {
    const next = nextThreshold(clock);
    if (!next) return;
    await this.deps.timers.schedule(
      SLA_TIMER,
      new Date(next.at),
      { clockId: clock.id, gen: clock.gen, percent: next.percent },
      { key: timerKey(clock, next.percent) },
    );
  }

  async disarm(clock: SlaClock): Promise<void> {
    const next = nextThreshold(clock);
    if (next) await this.deps.timers.cancel(timerKey(clock, next.percent));
  }

  async onTimer(timer: Timer): Promise<void> {
    const { clockId, gen } = timer.payload as { clockId: string; gen: number };
    const found = await this.clocks.findOne({ _id: clockId });
    if (!found) return;
    const clock = clockFromStored(found);
    if (clock.gen !== gen || clock.state !== 'running') return;
    const now = this.deps.clock.now();
    const reached = reachedThresholds(clock, now.getTime());
    if (!reached.length) {
      // Fired early (a clock moved by another instance): aim again.
      await this.arm(clock);
      return;
    }
    const at = now.toISOString();
    const elapsed =
      clock.elapsedMs + clockCalendar(clock).between(Date.parse(clock.runningSince!), now.getTime());
    const entries: SlaClockEvent[] = reached.map((percent) => ({
      at,
      type: percent >= 100 ? 'breached' : 'warning',
      elapsedMs: elapsed,
      percent,
    }));
    const breached = reached.includes(100);
    const updated = await this.clocks.findOneAndUpdate(
      { _id: clockId, gen, state: 'running', fired: { $nin: reached } },
      {
        $push: { log: { $each: entries }, fired: { $each: reached } },
        $set: { updatedAt: at, ...(breached ? { breachedAt: at } : {}) },
      },
    );
    if (!updated) return;
    const next = clockFromStored(updated);
    const view = viewOf(next, now.getTime());
    for (const percent of reached) {
      if (percent >= 100)
        this.deps.bus.emit({ type: 'sla.breached', at, issueId: clock.issueId, clock: view });
      else this.deps.bus.emit({ type: 'sla.warning', at, issueId: clock.issueId, clock: view, percent });
    }
    await this.arm(next);
  }
}

function timerKey(clock: Pick<SlaClock, 'id' | 'gen'>, percent: number): string {
  return `${SLA_TIMER}:${clock.id}:${clock.gen}:${percent}`;
}
