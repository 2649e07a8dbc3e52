/** The source of "now" for everything time-dependent, injectable so tests never sleep. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests of SLA clocks, timers and expiries. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: Date | string = '2026-01-05T09:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  set(to: Date | string): void {
    this.#now = new Date(to).getTime();
  }
}
