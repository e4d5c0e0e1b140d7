// Batch screening on Discord end to end: signed interactions with an attachment option, the file from the stand-in's CDN, progress edits and a multipart follow-up.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { ApplicationCommandOptionType, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { registerCommands } from '../../adapters/discord/register.ts';
import { type ChatSettings as Config, chatSettings } from '../helpers/chat-settings.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { type Call, type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { APP_ID, GUILD_ID, MEMBER, type SigningKeys, postInteraction, signingKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { sqlite } from '../helpers/databases.ts';
import { screeningQueue } from '../../src/screening/queue.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/screening/${name}`, import.meta.url)));
const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;
const PROGRESS_EVERY_MS = 100;

let api: DiscordStandIn;
let store: Store;
let catalog: Catalog;
let keys: SigningKeys;
let config: Config;
let bot: RunningDiscord;
let endpoint: string;

beforeAll(async () => {
  api = await startDiscordStandIn();
  store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
  catalog = await loadCatalog(store);
  keys = signingKeys();
  config = chatSettings({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_GATEWAY: 'off', DISCORD_API_URL: api.url });
  // Each file here is screened as it comes: the line itself is tried in test/security/tenancy.test.ts.
  const roomyLine = screeningQueue({ perTenant: 10, overall: 10, maxWaiting: 10, maxWaitingPerTenant: 10 });
  bot = await startDiscord(config, { catalog, store, screenings: roomyLine }, { port: 0, host: '127.0.0.1', progressEveryMs: PROGRESS_EVERY_MS });
  endpoint = `http://127.0.0.1:${bot.port}/interactions`;
});

afterAll(async () => {
  await bot?.stop();
  await api?.close();
  await store?.close();
  await sqlite.cleanup();
});

/** `/sanctions screen file:<attachment>` as Discord sends it: the option holds the attachment's id, `resolved` the attachment. */
function screenCommand(attachment: Record<string, unknown> & { id: string }) {
  return slashCommand('sanctions', 'screen', [{ name: 'file', value: attachment.id, type: ApplicationCommandOptionType.Attachment }], {
    permissions: MEMBER,
    resolved: { attachments: { [attachment.id]: attachment } },
  });
}

const original = (token: unknown) => decodeURIComponent(Routes.webhookMessage(APP_ID, String(token), '@original'));
const webhook = (token: unknown) => decodeURIComponent(Routes.webhook(APP_ID, String(token)));
const edits = (token: unknown) => api.calls.filter((c) => c.method === 'PATCH' && c.path === original(token));
const followUps = (token: unknown) => api.calls.filter((c) => c.method === 'POST' && c.path === webhook(token));
const downloadsOf = (attachment: Record<string, unknown>) => api.calls.filter((c) => c.method === 'GET' && c.path === new URL(String(attachment.url)).pathname);
const contentOf = (call: Call) => String((call.body as { content?: string }).content);

/** Sends the command; resolves with its token once the answer is complete (the last edit, or the follow-up). */
async function screen(attachment: Record<string, unknown> & { id: string }, done: (token: string) => (call: Call) => boolean) {
  const payload = screenCommand(attachment);
  const res = await postInteraction(endpoint, payload, keys);
  expect(res).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } });
  // Generous: 2,000 rows screened on a loaded 2-core machine took over 30 s once.
  await api.waitFor(done(String(payload.token)), 100_000);
  return String(payload.token);
}

describe('/sanctions screen on Discord', () => {
  it('downloads the attachment, edits progress into the deferred answer, then follows up with the result CSV attached, to the asker only', async () => {
    const attachment = api.attach({ filename: 'customers.csv', bytes: fixture('customers.csv') });
    const token = await screen(attachment, (t) => (c) => c.method === 'POST' && c.path === webhook(t));
    expect(downloadsOf(attachment)).toMatchObject([{ status: 200 }]);

    const changes = edits(token);
    expect(changes.every((c) => c.status === 200)).toBe(true);
    // Discord markdown escaped, as everything shown there is.
    expect(contentOf(changes[0]!)).toBe('Screening customers.csv: 0 of 16 rows \\(0%\\)…');
    const summary = contentOf(changes.at(-1)!);
    expect(summary).toMatch(/^Screened customers\.csv: 16 rows, \d+ strong match(es)?, \d+ possible match(es)?\./);
    expect(summary).toContain('Row 2: "Shahraat Zakir" → ZAKIR, Shohrat \\(ofac-sdn-34079\\), strong');

    const [follow] = followUps(token);
    expect(follow!.status).toBe(200);
    expect(follow!.body).toMatchObject({ content: 'The result of screening customers.csv', flags: 64, attachments: [{ id: 0, filename: 'customers-screened.csv' }], allowed_mentions: { parse: [] } });
    expect(follow!.files).toHaveLength(1);
    expect(follow!.files![0]).toMatchObject({ field: 'files[0]', name: 'customers-screened.csv', contentType: 'text/csv' });
    const rows = parse(follow!.files![0]!.bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(16);
    expect(rows[1]).toMatchObject({ name: 'SEK Studio Ltd.', result: 'strong', entity_id: 'ofac-sdn-34022', programs: 'DPRK3' });
  });

  it('edits its progress as a long file is screened, no more often than asked', async () => {
    const lines = fixture('10001-rows.csv').toString('utf8').split('\n').slice(0, 2_001);
    const attachment = api.attach({ filename: 'long.csv', bytes: Buffer.from(lines.join('\n')) });
    const token = await screen(attachment, (t) => (c) => c.method === 'POST' && c.path === webhook(t));
    const changes = edits(token);
    const progress = changes.filter((c) => contentOf(c).startsWith('Screening long.csv: '));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    const done = progress.map((c) => Number(/: ([\d,]+) of 2,000 rows/.exec(contentOf(c))![1]!.replace(/,/g, '')));
    expect(done[0]).toBe(0);
    expect(done.every((n, i) => n < 2000 && (i === 0 || n > done[i - 1]!))).toBe(true);
    // Spacing is exact where updates are sent (test/commands/screen.test.ts); here, where they arrive, jitter is
    // allowed for: one in flight at a time, so n updates span at least n - 2 intervals.
    const span = progress.at(-1)!.at - progress[0]!.at;
    expect(progress.length).toBeLessThanOrEqual(span / PROGRESS_EVERY_MS + 2);
    expect(contentOf(changes.at(-1)!)).toMatch(/^Screened long\.csv: 2,000 rows/);
  }, 120_000);

  it('answers an upload that is not CSV, an oversized one and one off Discord with the problem, and attaches nothing', async () => {
    const cases: [Record<string, unknown> & { id: string }, string][] = [
      [api.attach({ filename: 'logo.png', bytes: fixture('logo.png'), contentType: 'image/png' }), 'Cannot screen logo.png: this is a PNG image, not a CSV file of names.'],
      [api.attach({ filename: 'everyone.csv', bytes: fixture('bom.csv'), size: 8 * 1024 * 1024 }), 'Cannot screen everyone.csv: the file is 8.0 MB; the limit is 5 MB.'],
      [{ ...api.attach({ filename: 'elsewhere.csv', bytes: fixture('bom.csv') }), url: 'https://files.example.net/elsewhere.csv' }, "Cannot screen elsewhere.csv: the file is not on the platform's own servers (files.example.net)."],
      [api.attach({ filename: 'too-many.csv', bytes: fixture('10001-rows.csv') }), 'Cannot screen too-many.csv: the file has 10,001 rows; the limit is 10,000.'],
    ];
    for (const [attachment, problem] of cases) {
      const token = await screen(attachment, (t) => (c) => c.method === 'PATCH' && c.path === original(t));
      const [edit] = edits(token);
      expect(contentOf(edit!).replace(/\\/g, '')).toContain(problem);
      expect(edit!.status).toBe(200);
      expect(followUps(token)).toEqual([]);
    }
    expect(downloadsOf(cases[1]![0])).toEqual([]);
  });

  it('registers the screen subcommand with a required attachment option, as Discord accepts it', async () => {
    const registration = await registerCommands(chatSettings({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: api.url }));
    const put = api.calls.find((c) => c.method === 'PUT' && c.path === registration.route)!;
    expect(put.status).toBe(200);
    const sanctions = (put.body as { name: string; options: { name: string; options?: unknown[] }[] }[]).find((c) => c.name === 'sanctions')!;
    expect(sanctions.options.find((o) => o.name === 'screen')!.options).toEqual([
      expect.objectContaining({ type: ApplicationCommandOptionType.Attachment, name: 'file', required: true }),
    ]);
  });
});
