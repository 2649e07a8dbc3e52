import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  CalendarError,
  type CalendarHours,
  calendarOf,
  shiftsCalendar,
} from './calendar.ts';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

const weekdays = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, from: '09:00', to: '17:00' };
const berlin = new BusinessCalendar({
  timeZone: 'Europe/Berlin',
  hours: [{ ...weekdays, days: [...weekdays.days] }],
});

describe('business calendar', () => {
  it('adds business time inside one day', () => {
    // Monday 2026-01-05 10:00 Berlin (09:00Z) + 1 h = 11:00 Berlin.
    expect(iso(berlin.add(t('2026-01-05T09:00:00Z'), HOUR))).toBe('2026-01-05T10:00:00.000Z');
  });

  it('rolls over the night and the weekend', () => {
    // Friday 16:30 Berlin + 1 h: 30 min on Friday, 30 min on Monday morning.
    expect(iso(berlin.add(t('2026-01-09T15:30:00Z'), HOUR))).toBe('2026-01-12T08:30:00.000Z');
    // Saturday: the clock starts Monday 09:00.
    expect(iso(berlin.add(t('2026-01-10T12:00:00Z'), HOUR))).toBe('2026-01-12T09:00:00.000Z');
    // Tuesday 20:00 Berlin: Wednesday 10:00.
    expect(iso(berlin.add(t('2026-01-06T19:00:00Z'), HOUR))).toBe('2026-01-07T09:00:00.000Z');
  });

  it('keeps local hours across a daylight-saving change (Berlin springs forward on 2026-03-29)', () => {
    // Friday 2026-03-27 16:30 CET (15:30Z) + 1 h: 30 min Friday, then Monday 09:30 CEST = 07:30Z.
    // Offset arithmetic with the Friday offset would say 08:30Z.
    expect(iso(berlin.add(t('2026-03-27T15:30:00Z'), HOUR))).toBe('2026-03-30T07:30:00.000Z');
    expect(berlin.between(t('2026-03-27T15:30:00Z'), t('2026-03-30T07:30:00Z'))).toBe(HOUR);
  });

  it('counts a 24-hour opening as 23 hours on the night the clocks move', () => {
    const allDay = new BusinessCalendar({
      timeZone: 'America/New_York',
      hours: [{ days: ['sun'], from: '00:00', to: '24:00' }],
    });
    // 2026-03-08 is the Sunday New York springs forward.
    expect(allDay.between(t('2026-03-08T00:00:00Z'), t('2026-03-10T00:00:00Z'))).toBe(23 * HOUR);
    // 2026-11-01: falls back, 25 hours.
    expect(allDay.between(t('2026-11-01T00:00:00Z'), t('2026-11-03T00:00:00Z'))).toBe(25 * HOUR);
  });

  it('skips holidays and measures business time between instants', () => {
    const withHoliday = new BusinessCalendar({
      timeZone: 'Europe/Berlin',
      hours: [{ ...weekdays, days: [...weekdays.days] }],
      holidays: ['2026-01-12'],
    });
    expect(iso(withHoliday.add(t('2026-01-09T15:30:00Z'), HOUR))).toBe('2026-01-13T08:30:00.000Z');
    expect(berlin.between(t('2026-01-05T08:00:00Z'), t('2026-01-06T08:00:00Z'))).toBe(8 * HOUR);
  });

  it('is open around the clock without hours', () => {
    const always = new BusinessCalendar({ timeZone: 'UTC' });
    expect(always.add(t('2026-01-10T12:00:00Z'), HOUR)).toBe(t('2026-01-10T13:00:00Z'));
    expect(always.isOpen(t('2026-01-10T03:00:00Z'))).toBe(true);
  });

  it('knows whether an instant is open and when it opens next', () => {
    expect(berlin.isOpen(t('2026-01-05T08:30:00Z'))).toBe(true);
    expect(berlin.isOpen(t('2026-01-05T16:30:00Z'))).toBe(false);
    expect(iso(berlin.nextOpen(t('2026-01-09T17:00:00Z')))).toBe('2026-01-12T08:00:00.000Z');
  });

  it('reads agent shifts in the agent’s own zone', () => {
    const tokyo = shiftsCalendar('Asia/Tokyo', [{ day: 'mon', start: '09:00', end: '18:00' }]);
    expect(tokyo.isOpen(t('2026-01-05T01:00:00Z'))).toBe(true); // 10:00 Tokyo
    expect(tokyo.isOpen(t('2026-01-05T10:00:00Z'))).toBe(false); // 19:00 Tokyo
  });

  it('refuses calendars that cannot work', () => {
    expect(() => new BusinessCalendar({ timeZone: 'Mars/Olympus' })).toThrow(CalendarError);
    expect(
      () => new BusinessCalendar({ timeZone: 'UTC', hours: [{ days: ['mon'], from: '17:00', to: '09:00' }] }),
    ).toThrow(/end before they start/);
  });

  it('remembers a calendar by a deep-frozen spec, and never by one that can still change', () => {
    const frozen: CalendarHours[] = [{ days: ['mon'], from: '09:00', to: '17:00' }];
    for (const hours of frozen) Object.freeze(Object.freeze(hours).days);
    Object.freeze(frozen);
    expect(calendarOf({ timeZone: 'UTC', hours: frozen })).toBe(
      calendarOf({ timeZone: 'UTC', hours: frozen }),
    );
    // The same hours in another zone are another calendar.
    expect(calendarOf({ timeZone: 'Asia/Tokyo', hours: frozen }).isOpen(t('2026-01-05T10:00:00Z'))).toBe(
      false,
    );
    expect(calendarOf({ timeZone: 'UTC', hours: frozen }).isOpen(t('2026-01-05T10:00:00Z'))).toBe(true);

    // A shifts array that is not frozen is read again on every call: a change shows at once.
    const shifts = [{ day: 'mon' as const, start: '09:00', end: '18:00' }];
    expect(shiftsCalendar('UTC', shifts).isOpen(t('2026-01-05T17:30:00Z'))).toBe(true);
    shifts[0]!.end = '17:00';
    expect(shiftsCalendar('UTC', shifts).isOpen(t('2026-01-05T17:30:00Z'))).toBe(false);
    // Frozen on the outside only is not enough (its entries could change).
    const shallow = Object.freeze([{ day: 'mon' as const, start: '09:00', end: '18:00' }]);
    expect(shiftsCalendar('UTC', shallow).isOpen(t('2026-01-05T17:30:00Z'))).toBe(true);
    (shallow[0] as { end: string }).end = '17:00';
    expect(shiftsCalendar('UTC', shallow).isOpen(t('2026-01-05T17:30:00Z'))).toBe(false);
  });
});
