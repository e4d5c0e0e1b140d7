// The screenings' line: one at a time per tenant, a few at once in all, a bounded line, each told its place.
import { describe, expect, it } from 'vitest';
import { screeningQueue } from '../../src/screening/queue.ts';

const LIMITS = { perTenant: 1, overall: 2, maxWaiting: 4, maxWaitingPerTenant: 2 };

/** Whether `promise` has settled, once everything queued before this call has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('screeningQueue', () => {
  it('runs one screening per tenant and two in all, the others told their place, and starts them in order as places free', async () => {
    const queue = screeningQueue(LIMITS);
    const a1 = queue.enter('slack:TA')!;
    const a2 = queue.enter('slack:TA')!;
    const b1 = queue.enter('discord:GB')!;
    const c1 = queue.enter('discord:GC')!;
    const a3 = queue.enter('slack:TA')!;
    expect([a1, a2, b1, c1, a3].map((t) => t.position)).toEqual([0, 1, 0, 2, 3]);
    expect(await settled(a2.started)).toBe(false);

    // B finishes: A's next must wait for A's first, so C, behind it in line, goes first.
    b1.done();
    expect(await settled(c1.started)).toBe(true);
    expect(await settled(a2.started)).toBe(false);
    a1.done();
    expect(await settled(a2.started)).toBe(true);
    expect(await settled(a3.started)).toBe(false);
    a2.done();
    expect(await settled(a3.started)).toBe(true);
    // Done twice counts once: the place is not given away twice.
    a2.done();
    expect(queue.enter('slack:TA')!.position).toBe(1);
  });

  it('refuses once the line is full, in all or for one tenant, and takes more once it moves', async () => {
    const queue = screeningQueue(LIMITS);
    const running = [queue.enter('slack:TA')!, queue.enter('slack:TB')!];
    expect(running.map((t) => t.position)).toEqual([0, 0]);
    expect(queue.enter('slack:TA')?.position).toBe(1);
    expect(queue.enter('slack:TA')?.position).toBe(2);
    expect(queue.enter('slack:TA')).toBeNull();
    expect(queue.enter('slack:TC')?.position).toBe(3);
    expect(queue.enter('slack:TD')?.position).toBe(4);
    expect(queue.enter('slack:TE')).toBeNull();
    running[1]!.done();
    expect(queue.enter('slack:TE')?.position).toBe(4);
  });
});
