// Leadership over a real database: one leader among several holders, taken over when it stops or its database goes away; and counting the processes.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { type Leadership, startLeadership, startMembership } from '../src/leadership.ts';
import type { Store } from '../src/store/store.ts';
import { type TestDatabase, dialects } from './helpers/databases.ts';

const TTL_MS = 1500;
const RENEW_MS = 300;

afterAll(async () => {
  for (const dialect of dialects) if (dialect.available) await dialect.cleanup();
});

/** Resolves once `test` holds, checking every 10 ms; how long that took. */
async function until(test: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
  return Date.now() - start;
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`leadership on ${dialect.name}`, () => {
    /** Three processes' worth: each holder on its own store (its own connections). */
    async function contenders(db: TestDatabase, n = 3): Promise<{ stores: Store[]; leaders: Leadership[] }> {
      const stores = await Promise.all(Array.from({ length: n }, () => db.open()));
      const leaders = stores.map((store, i) => startLeadership({ store, name: 'feed-poller', holder: `host:${100 + i}`, ttlMs: TTL_MS, renewMs: RENEW_MS }));
      return { stores, leaders };
    }
    const leading = (leaders: Leadership[]) => leaders.filter((l) => l.isLeader());

    it('has one leader at a time, and hands over at once on a clean stop', async () => {
      const db = dialect.fresh();
      const { stores, leaders } = await contenders(db);
      await until(() => leading(leaders).length === 1, 5000, 'a leader');
      // Two seconds of looking, past a lease's length: never a second leader, and the same one throughout.
      const first = leading(leaders)[0]!;
      for (let i = 0; i < 100; i++) {
        expect(leading(leaders)).toEqual([first]);
        await sleep(20);
      }
      const [row] = await db.query('SELECT holder FROM leases');
      expect(row!.holder).toBe(`host:${100 + leaders.indexOf(first)}`);

      const [held] = await db.query('SELECT expires_at FROM leases');
      await first.stop();
      const rest = leaders.filter((l) => l !== first);
      // Released: taken at the others' next try, before the lease would have lapsed (the order of events, on any machine's speed).
      await until(() => leading(rest).length === 1, 10 * TTL_MS, 'a new leader');
      expect(new Date().toISOString() < String(held!.expires_at)).toBe(true);
      expect(first.isLeader()).toBe(false);
      await Promise.all(rest.map((l) => l.stop()));
      await Promise.all(stores.map((s) => s.close()));
    });

    it('stops leading before its lease lapses when its database goes away, and another takes over after it lapses', async () => {
      const db = dialect.fresh();
      const { stores, leaders } = await contenders(db);
      await until(() => leading(leaders).length === 1, 5000, 'a leader');
      const leader = leading(leaders)[0]!;
      const i = leaders.indexOf(leader);
      const others = leaders.filter((l) => l !== leader);
      // Its connections gone: every renewal from here on fails.
      await stores[i]!.close();
      const cut = Date.now();
      await until(() => !leader.isLeader(), 10 * TTL_MS, 'the cut-off leader to stand down');
      // Stood down while its lease still held it: no moment with two leaders acting.
      const [lease] = await db.query('SELECT holder, expires_at FROM leases');
      expect(lease!.holder).toBe(`host:${100 + i}`);
      expect(String(lease!.expires_at) > new Date().toISOString()).toBe(true);
      expect(leading(others)).toEqual([]);

      await until(() => leading(others).length === 1, 10 * TTL_MS, 'a new leader');
      // Only once the lease lapsed: never two leaders (how soon after is the machine's speed, not the test's business).
      expect(Date.now() - cut).toBeGreaterThanOrEqual(TTL_MS - 2 * RENEW_MS);
      await leader.stop();
      await Promise.all(others.map((l) => l.stop()));
      await Promise.all(stores.filter((_, j) => j !== i).map((s) => s.close()));
    });

    it('leads alone at once, and takes back its own lease after a restart', async () => {
      const db = dialect.fresh();
      const store = await db.open();
      const options = { store, name: 'feed-poller', holder: 'host:1', ttlMs: 30_000, renewMs: 10_000 };
      const alone = startLeadership(options);
      await until(() => alone.isLeader(), 2000, 'the only process to lead');
      await alone.stop();
      expect(await db.query('SELECT * FROM leases')).toEqual([]);
      // Killed without releasing, started again as the same holder (a container keeps its hostname and pid 1): its own
      // unexpired lease is renewed, not waited out.
      await store.acquireLease('feed-poller', 'host:1', 30_000);
      const again = startLeadership(options);
      await until(() => again.isLeader(), 2000, 'the restarted process to lead');
      expect(await store.acquireLease('feed-poller', 'host:2', 30_000)).toBe(false);
      await again.stop();
      expect(await store.acquireLease('feed-poller', 'host:2', 30_000)).toBe(true);
      await store.close();
    });
  });
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`membership on ${dialect.name}`, () => {
    it('counts the processes holding a membership, and one fewer once one stops or its database goes away', async () => {
      const db = dialect.fresh();
      const stores = await Promise.all([0, 1, 2].map(() => db.open()));
      const members = stores.map((store, i) => startMembership({ store, group: 'sender', holder: `host:${200 + i}`, ttlMs: TTL_MS, renewMs: RENEW_MS }));
      // A leader's lease is no member.
      await stores[0]!.acquireLease('leader', 'host:200', TTL_MS);
      await until(() => members.every((m) => m.members() === 3), 3000, 'three members counted');

      await members[2]!.stop();
      await until(() => members.slice(0, 2).every((m) => m.members() === 2), RENEW_MS + 1000, 'two members after a stop');

      // Cut off: its lease lapses, and the last one counts itself alone.
      await stores[1]!.close();
      await until(() => members[0]!.members() === 1, TTL_MS + RENEW_MS + 1000, 'one member after the other lapsed');
      await Promise.all([members[0]!.stop(), members[1]!.stop()]);
      expect(await db.query(`SELECT name FROM leases WHERE name LIKE 'sender:%'`)).toEqual([{ name: 'sender:host:201' }]);
      await Promise.all([stores[0]!.close(), stores[2]!.close()]);
    });
  });
}
