// Kill a sending process mid-delivery (SIGKILL), start it again: every alert arrives, none twice, each channel in order.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = 'test/helpers/alert-sender-child.ts';
const CHANNELS = ['CKILL1', 'CKILL2', 'CKILL3'];
const PER_CHANNEL = 10;
/** Each post is done at once and answered this much later: a kill lands while posts are under way. */
const ANSWER_DELAY_MS = 300;
const STALE_AFTER_MS = 1000;

let slack: SlackApiStandIn;
let db: TestDatabase;
let dbPath: string;

beforeAll(async () => {
  slack = await startSlackApi();
  slack.delay('/api/chat.postMessage', ANSWER_DELAY_MS);
  // The restarted sender reads one channel's history for each claim the dead one left, up to one a channel. Outside the
  // Marketplace Slack allows one such read a minute, which would make this test wait minutes on Retry-After; the pace is
  // the outage test's subject, exactly-once delivery is this one's.
  slack.marketplaceApp(true);
  db = sqlite.fresh();
  const store = await db.open();
  const alerts: NewOutboxAlert[] = CHANNELS.flatMap((channelId) =>
    Array.from({ length: PER_CHANNEL }, (_, i) => ({
      platform: 'slack',
      channelId,
      dedupeKey: `slack:${channelId}:article:${i + 1}`,
      payload: { text: `alert ${i + 1}`, cards: [{ title: `Alert ${i + 1}`, fields: [] }], notes: [], ephemeral: false },
    })),
  );
  await store.enqueueAlerts(alerts, new Date().toISOString());
  await store.close();
  // The file the child processes open: where this fresh test database lives.
  const [row] = await db.query('PRAGMA database_list');
  dbPath = String(row!.file);
});
afterAll(async () => {
  await slack.close();
  await sqlite.cleanup();
});

function startChild(): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> } {
  const env = { ...process.env, ALERTS_DB: dbPath, SLACK_API_URL: slack.apiUrl, STALE_AFTER_MS: String(STALE_AFTER_MS), LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: root, env });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

/** The dedupe key each post carried (in its message metadata): Slack has no idempotency key, so this is how a repeat shows. */
const postedKeys = () => slack.posted.map((m) => String(m.metadata?.event_payload.dedupe_key));

describe('a sender killed mid-delivery', () => {
  it('delivers every alert exactly once after a restart, each channel in order', async () => {
    const first = startChild();
    // Killed as the tenth post comes in, before the stand-in answers it (waitForAccepted resolves first): posted,
    // and never recorded as sent by the process that posted it, the case that could post twice.
    await slack.waitForAccepted('/api/chat.postMessage', 30_000, PER_CHANNEL);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(slack.posted.length).toBeLessThan(CHANNELS.length * PER_CHANNEL);
    // Claimed when the process died: posted (the tenth at least), or not yet.
    const inFlight = (await db.query(`SELECT dedupe_key FROM outbox WHERE status = 'sending'`)).map((row) => String(row.dedupe_key));
    expect(inFlight).toContain(postedKeys()[PER_CHANNEL - 1]);

    const second = startChild();
    const { code, output } = await second.exited;
    expect(output).toContain('drained');
    expect(code).toBe(0);

    const keys = postedKeys();
    const expected = CHANNELS.flatMap((c) => Array.from({ length: PER_CHANNEL }, (_, i) => `slack:${c}:article:${i + 1}`));
    expect([...keys].sort()).toEqual([...expected].sort());
    for (const channel of CHANNELS) {
      expect(slack.posted.filter((m) => m.channel === channel).map((m) => m.text)).toEqual(Array.from({ length: PER_CHANNEL }, (_, i) => `alert ${i + 1}`));
    }
    // The restarted sender looked in the channel's history once for each alert the dead one had claimed.
    expect(slack.callsTo('/api/conversations.history')).toHaveLength(inFlight.length);
    expect(await db.query(`SELECT status, count(*) AS n FROM outbox GROUP BY status`)).toEqual([{ status: 'sent', n: CHANNELS.length * PER_CHANNEL }]);
  }, 60_000);
});
