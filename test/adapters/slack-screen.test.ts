// Batch screening on Slack end to end: signed file_share events to the real Bolt app, files downloaded from and results uploaded to the stand-in.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../adapters/slack/slack.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';
import { type SlackApiStandIn, type SlackFile, startSlackApi } from '../helpers/slack-api.ts';
import { eventCallbackBody, postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';
import { screeningQueue } from '../../src/screening/queue.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/screening/${name}`, import.meta.url)));
const SECRET = randomBytes(16).toString('hex');
const TOKEN = 'xoxb-test-token';
const BOT = 'U0BOT';
const MEMBER = 'UMEMBER1';
// chat.update is Tier 3, 50 a minute a workspace: edits any faster are refused (the default, every 2 s, is 30).
const PROGRESS_EVERY_MS = 1_300;

let api: SlackApiStandIn;
let store: Store;
let catalog: Catalog;
let slack: RunningSlack;

beforeAll(async () => {
  api = await startSlackApi();
  store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
  catalog = await loadCatalog(store);
  const config = chatSettings({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.apiUrl });
  // Each file here is screened as it comes: the line itself is tried in test/security/tenancy.test.ts.
  const roomyLine = screeningQueue({ perTenant: 10, overall: 10, maxWaiting: 10, maxWaitingPerTenant: 10 });
  slack = await startSlack(config, { catalog, store, screenings: roomyLine }, { port: 0, host: '127.0.0.1', progressEveryMs: PROGRESS_EVERY_MS });
});

afterAll(async () => {
  await slack?.stop();
  await api?.close();
  await store?.close();
  await sqlite.cleanup();
});

let seq = 0;
const nextTs = () => `1700000000.${String(++seq).padStart(6, '0')}`;

/** A `message` event of subtype file_share as Slack sends it, signed (or not). */
async function share(where: { channel: string; channelType: 'im' | 'channel'; user?: string; text?: string }, files: SlackFile[], signed = true) {
  const ts = nextTs();
  const event = {
    type: 'message',
    subtype: 'file_share',
    text: where.text ?? '',
    files,
    upload: false,
    user: where.user ?? MEMBER,
    display_as_bot: false,
    ts,
    channel: where.channel,
    channel_type: where.channelType,
    event_ts: ts,
  };
  const res = await postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, eventCallbackBody(event), { secret: signed ? SECRET : undefined, contentType: 'application/json' });
  return { status: res.status, ts };
}

async function until<T>(what: string, find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; calls: ${api.calls.map((c) => `${c.path} ${c.status}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const threadMessages = (channel: string, ts: string) => api.posted.filter((m) => m.channel === channel && m.thread_ts === ts);
const downloadsOf = (file: SlackFile) => api.calls.filter((c) => c.path === new URL(String(file.url_private_download)).pathname);
const uploadTo = (channel: string, ts: string) => api.uploads.find((u) => u.channel_id === channel && u.thread_ts === ts);

describe('screening a CSV shared with the Slack bot', () => {
  it('screens a file sent in a DM: downloaded with the bot token, progress then the summary in its thread, the result uploaded there', async () => {
    const file = api.shareFile({ name: 'customers.csv', bytes: fixture('customers.csv') });
    const { status, ts } = await share({ channel: 'D0DM1', channelType: 'im' }, [file]);
    expect(status).toBe(200);
    const upload = await until('the upload', () => uploadTo('D0DM1', ts));

    const [download] = downloadsOf(file);
    expect(download).toMatchObject({ status: 200, headers: { authorization: `Bearer ${TOKEN}` } });

    // The progress message was posted in the file's thread, then edited into the summary.
    const posts = api.callsTo('/api/chat.postMessage').filter((c) => c.body.channel === 'D0DM1' && c.body.thread_ts === ts);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.text).toBe('Screening customers.csv: 0 of 16 rows (0%)…');
    const [message] = threadMessages('D0DM1', ts);
    expect(message!.text).toMatch(/^Screened customers\.csv: 16 rows, \d+ strong match(es)?, \d+ possible match(es)?\.$/);
    expect(JSON.stringify(message!.blocks)).toContain('Row 2: \\"Shahraat Zakir\\" → ZAKIR, Shohrat (ofac-sdn-34079), strong');

    // files.getUploadURLExternal, the bytes to its upload URL, files.completeUploadExternal into the thread.
    const [getUrl] = api.callsTo('/api/files.getUploadURLExternal').filter((c) => c.accepted && c.body.filename === 'customers-screened.csv');
    expect(getUrl!.body.length).toBe(String(upload.files[0]!.bytes.length));
    expect(upload.initial_comment).toBe('The result of screening customers.csv');
    expect(upload.files[0]!.name).toBe('customers-screened.csv');
    const rows = parse(upload.files[0]!.bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(16);
    expect(rows[0]).toMatchObject({ name: 'Shahraat Zakir', result: 'strong', entity_id: 'ofac-sdn-34079' });
  });

  it('screens a file shared in a channel with a message that mentions the bot, and ignores files not meant for it', async () => {
    const unasked = api.shareFile({ name: 'minutes.csv', bytes: fixture('bom.csv') });
    const own = api.shareFile({ name: 'customers-screened.csv', bytes: fixture('bom.csv'), user: BOT });
    const asked = api.shareFile({ name: 'vendors.csv', bytes: fixture('semicolon-windows-1252.csv') });
    await share({ channel: 'C0CHAN', channelType: 'channel', text: 'notes from the call' }, [unasked]);
    // The bot's own upload of a result comes back as a file_share event: screening it would never end.
    await share({ channel: 'C0CHAN', channelType: 'channel', user: BOT, text: `<@${BOT}> result` }, [own]);
    const { ts } = await share({ channel: 'C0CHAN', channelType: 'channel', text: `<@${BOT}> screen these please` }, [asked]);
    const upload = await until('the upload', () => uploadTo('C0CHAN', ts));
    expect(upload.files[0]!.name).toBe('vendors-screened.csv');
    expect(threadMessages('C0CHAN', ts)[0]!.text).toMatch(/^Screened vendors\.csv: 4 rows/);
    expect(downloadsOf(unasked)).toEqual([]);
    expect(downloadsOf(own)).toEqual([]);
    expect(api.uploads.filter((u) => u.channel_id === 'C0CHAN')).toHaveLength(1);
  });

  it('answers an image, an oversized file and a file off Slack with the problem, uploading nothing and downloading only what it may', async () => {
    const image = api.shareFile({ name: 'logo.png', bytes: fixture('logo.png'), mimetype: 'image/png', filetype: 'png' });
    const huge = api.shareFile({ name: 'everyone.csv', bytes: Buffer.alloc(6 * 1024 * 1024, 'a') });
    const elsewhere = { ...api.shareFile({ name: 'elsewhere.csv', bytes: fixture('bom.csv') }), url_private_download: 'https://files.example.net/x/elsewhere.csv' };
    const cases: [SlackFile, string][] = [
      [image, 'Cannot screen logo.png: this is a PNG image, not a CSV file of names.'],
      [huge, 'Cannot screen everyone.csv: the file is 6.0 MB; the limit is 5 MB.'],
      [elsewhere, "Cannot screen elsewhere.csv: the file is not on the platform's own servers (files.example.net)."],
    ];
    for (const [file, problem] of cases) {
      const { ts } = await share({ channel: 'D0DM2', channelType: 'im' }, [file]);
      const [message] = await until('the answer', () => threadMessages('D0DM2', ts).at(0) && threadMessages('D0DM2', ts));
      expect(message!.text).toBe(problem);
    }
    expect(downloadsOf(image)).toHaveLength(1);
    expect(downloadsOf(huge)).toEqual([]);
    expect(api.uploads.filter((u) => u.channel_id === 'D0DM2')).toEqual([]);
  });

  it('asks files.info for a file the event leaves undescribed (Slack Connect)', async () => {
    const stub = api.shareFile({ name: 'partners.csv', bytes: fixture('bom.csv') }, { checkFileInfo: true });
    expect(stub.url_private_download).toBeUndefined();
    const { ts } = await share({ channel: 'D0DM3', channelType: 'im' }, [stub]);
    const upload = await until('the upload', () => uploadTo('D0DM3', ts));
    expect(api.callsTo('/api/files.info').some((c) => c.body.file === stub.id && c.accepted)).toBe(true);
    expect(upload.files[0]!.name).toBe('partners-screened.csv');
  });

  it('edits its progress message as a long file is screened, no more often than asked', async () => {
    const lines = fixture('10001-rows.csv').toString('utf8').split('\n').slice(0, 2_001);
    const file = api.shareFile({ name: 'long.csv', bytes: Buffer.from(lines.join('\n')) });
    const { ts } = await share({ channel: 'D0DM4', channelType: 'im' }, [file]);
    await until('the upload', () => uploadTo('D0DM4', ts));
    const [message] = threadMessages('D0DM4', ts);
    const edits = api.callsTo('/api/chat.update').filter((c) => c.body.ts === message!.ts);
    const progress = edits.filter((c) => String(c.body.text).startsWith('Screening long.csv: '));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    const done = progress.map((c) => Number(/: ([\d,]+) of 2,000 rows/.exec(String(c.body.text))![1]!.replace(/,/g, '')));
    expect(done.every((n, i) => n > 0 && n < 2000 && (i === 0 || n > done[i - 1]!))).toBe(true);
    expect(String(edits.at(-1)!.body.text)).toMatch(/^Screened long\.csv: 2,000 rows/);
    const creations = api.callsTo('/api/chat.postMessage').filter((c) => c.body.thread_ts === ts);
    const times = [creations[0]!.at, ...progress.map((c) => c.at)];
    // Spacing is exact where updates are sent (test/commands/screen.test.ts); here, where they arrive, jitter is
    // allowed for: one in flight at a time, so n updates span at least n - 2 intervals.
    expect(times.length).toBeLessThanOrEqual((times.at(-1)! - times[0]!) / PROGRESS_EVERY_MS + 2);
  });

  it('refuses an unsigned event and screens nothing', async () => {
    const file = api.shareFile({ name: 'forged.csv', bytes: fixture('bom.csv') });
    const { status } = await share({ channel: 'D0DM5', channelType: 'im' }, [file], false);
    expect(status).toBe(401);
    expect(downloadsOf(file)).toEqual([]);
  });

  it('ships a manifest that asks for the file shares it screens and the scopes to read and answer them', () => {
    const manifest = readFileSync(fileURLToPath(new URL('../../adapters/slack/manifest.yml', import.meta.url)), 'utf8');
    for (const line of ['message.im', 'message.channels', 'message.groups', 'im:history', 'files:read', 'files:write']) {
      expect(manifest).toMatch(new RegExp(`^\\s+- ${line}(\\s|$)`, 'm'));
    }
    expect(manifest).toMatch(/^\s+messages_tab_enabled: true$/m);
  });

  it('answers /sanctions screen with how to share a file, since a slash command carries none', async () => {
    const body = slashCommandBody({ text: 'screen', user_id: MEMBER, channel_id: 'C0CHAN', response_url: api.responseUrl('screen-howto') });
    const res = await postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, body, { secret: SECRET });
    const message = JSON.parse(res.body) as { text: string; response_type: string };
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toContain('share the CSV file in a channel I am in, with a message that mentions me');
  });
});
