/** The outbox as a module: owed events are replayed when the server starts, cleared when it stops. */
import type { BatonModule } from '../module.ts';
import type { BusLogger } from './bus.ts';
import type { EventOutbox } from './outbox.ts';

export function outboxModule(
  outbox: EventOutbox,
  log: BusLogger & { info?(obj: object, msg: string): void },
): BatonModule {
  return {
    name: 'outbox',
    async init() {
      await outbox.init();
    },
    // Awaited before the server listens: work owed from before a crash is done before new work.
    async start() {
      const replayed = await outbox.replay();
      if (replayed) log.info?.({ replayed }, 'owed events replayed after a restart');
    },
    stop: () => outbox.clear(),
  };
}
