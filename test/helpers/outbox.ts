// Waits for a sender to empty the outbox, retries included: drain() alone stops at alerts due later.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sender } from '../../src/alerts/sender.ts';
import type { Store } from '../../src/store/store.ts';

export async function sendAll(store: Store, sender: Sender, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await sender.drain();
    const { pending } = await store.outboxDepth();
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending} alerts still unsent after ${timeoutMs} ms`);
    await sleep(20);
  }
}
