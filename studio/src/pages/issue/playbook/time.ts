/** Windows in a person's words: "4:32 left", "12 min overdue", "took 3 min of 5 min". */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** A live countdown: minutes and seconds under an hour, words beyond. */
export function countdown(dueAt: string, now: number): { text: string; overdue: boolean; soon: boolean } {
  const left = Date.parse(dueAt) - now;
  if (left < 0) return { text: `${formatSpan(-left)} overdue`, overdue: true, soon: false };
  if (left < 60 * 60_000) {
    const s = Math.floor(left / 1000);
    return {
      text: `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} left`,
      overdue: false,
      soon: left < 2 * 60_000,
    };
  }
  return { text: `${formatSpan(left)} left`, overdue: false, soon: false };
}
