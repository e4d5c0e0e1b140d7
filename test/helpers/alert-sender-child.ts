// A bot process that only sends alerts, for the crash test: drains a SQLite outbox to the Slack stand-in, then exits.
// Env: ALERTS_DB (SQLite file), SLACK_API_URL (the stand-in), STALE_AFTER_MS (when a dead process's claims are taken over).
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import { startSender } from '../../src/alerts/sender.ts';
import { openStore } from '../../src/store/open.ts';
import { sendAll } from './outbox.ts';

const store = await openStore(`file:${process.env.ALERTS_DB}`);
const client = slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-crash-test', SLACK_API_URL: process.env.SLACK_API_URL });
const sender = startSender({
  store,
  transports: { slack: slackTransport(client) },
  worker: `crash-test-${process.pid}`,
  pollMs: 20,
  staleAfterMs: Number(process.env.STALE_AFTER_MS),
  // Slack's pace would make the test take minutes; the order and the counting are what it checks.
  limits: { ...PLATFORM_LIMITS, slack: { channel: { max: 1, perMs: 10 } } },
});
await sendAll(store, sender);
await sender.stop();
await store.close();
process.stdout.write('drained\n');
