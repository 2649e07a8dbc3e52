/**
 * Scrolls the timeline to one event and makes it flash, so a brief item or an annotation leads
 * the eye to its source. The event may not be rendered yet (the timeline still loading): retried briefly.
 */
export function focusTimelineEvent(eventId: string, tries = 40): void {
  const el = document.querySelector<HTMLElement>(`[data-event-id="${CSS.escape(eventId)}"]`);
  if (!el) {
    if (tries > 0) setTimeout(() => focusTimelineEvent(eventId, tries - 1), 100);
    return;
  }
  el.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el.classList.remove('tl-highlight');
  // Restart the flash animation when the same event is focused twice in a row.
  void el.offsetWidth;
  el.classList.add('tl-highlight');
  el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  setTimeout(() => el.classList.remove('tl-highlight'), 3000);
}

/** `#event-evt_…` in the address: the event a link from elsewhere (My work, a notification) points at. */
export function eventFromHash(hash: string): string | null {
  const match = /^#event-(.+)$/.exec(hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
