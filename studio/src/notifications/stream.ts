/**
 * The notification stream (`GET /api/me/notifications/stream`, Server-Sent Events) read with fetch,
 * because EventSource cannot send the Authorization header. Reconnects after a drop, sending
 * Last-Event-ID so nothing pushed meanwhile is lost.
 */
import type { InAppPush } from '../api/notifications.ts';

export type StreamState = 'connecting' | 'live' | 'retrying';

export interface StreamOptions {
  token: string;
  onPush(push: InAppPush): void;
  onState?(state: StreamState): void;
}

/** Parses complete SSE blocks out of `buffer`; returns them and what is left (an incomplete block). */
export function parseBlocks(buffer: string): {
  events: { id?: string; event?: string; data: string }[];
  rest: string;
} {
  const events: { id?: string; event?: string; data: string }[] = [];
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id: string | undefined;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) events.push({ id, event, data: data.join('\n') });
  }
  return { events, rest };
}

/** Opens the stream; the returned function closes it for good. */
export function openNotificationStream(options: StreamOptions): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let retryMs = 3000;

  const run = async () => {
    while (!controller.signal.aborted) {
      options.onState?.('connecting');
      try {
        const headers: Record<string, string> = {
          authorization: `Bearer ${options.token}`,
          accept: 'text/event-stream',
        };
        if (lastEventId) headers['last-event-id'] = lastEventId;
        const response = await fetch('/api/me/notifications/stream', { headers, signal: controller.signal });
        // Signed out or not allowed: retrying will not help; the session handles a 401 elsewhere.
        if (response.status === 401 || response.status === 403) return;
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        options.onState?.('live');
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          const parsed = parseBlocks(buffer);
          buffer = parsed.rest;
          for (const event of parsed.events) {
            if (event.id) lastEventId = event.id;
            if (event.event && event.event !== 'notification') continue;
            try {
              options.onPush(JSON.parse(event.data) as InAppPush);
            } catch {
              // A malformed push is skipped; the list refresh still shows the notification.
            }
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      options.onState?.('retrying');
      await new Promise((done) => setTimeout(done, retryMs));
      retryMs = Math.min(retryMs * 2, 30_000);
    }
  };
  void run();
  return () => controller.abort();
}
