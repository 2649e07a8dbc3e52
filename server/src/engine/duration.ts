/**
 * ISO-8601 durations as flows use them (`PT4H`, `P1DT12H`, `P2W`): weeks, days, hours, minutes and
 * seconds only. Years and months are refused because their length depends on the calendar, and a
 * support clock that means "30 days" should say P30D.
 */
const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds in a duration, or null when it is not one this parser accepts. */
export function parseDuration(text: string): number | null {
  if (typeof text !== 'string') return null;
  const m = DURATION.exec(text);
  if (!m) return null;
  const [, w, d, h, min, s] = m;
  return (
    Number(w ?? 0) * 7 * DAY +
    Number(d ?? 0) * DAY +
    Number(h ?? 0) * HOUR +
    Number(min ?? 0) * MINUTE +
    Math.round(Number(s ?? 0) * SECOND)
  );
}

/** Like {@link parseDuration}, throwing a message a person can act on. */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === null) {
    throw new Error(
      `"${text}" is not an ISO-8601 duration in weeks, days, hours, minutes or seconds (e.g. PT4H)`,
    );
  }
  return ms;
}
