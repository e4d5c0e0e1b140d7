// Bad input to every command, as the adapters hand it over (text from Slack and the console, options from Discord): a clear reply, and the database as it was.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderForConsole } from '../../adapters/console/console.ts';
import { MANAGE_COMMAND } from '../../adapters/discord/definitions.ts';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { renderReply } from '../../adapters/discord/render.ts';
import { renderSlack } from '../../adapters/slack/render.ts';
import { type RunningSlack, startSlack } from '../../adapters/slack/slack.ts';
import type { CommandContext } from '../../commands/context.ts';
import type { Request } from '../../commands/request.ts';
import { handle, sanctions } from '../../commands/sanctions.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, dialects, sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, messageProblems as discordProblems, startDiscordStandIn } from '../helpers/discord-api.ts';
import { APP_ID, CHANNEL_MANAGER, type SigningKeys, postInteraction, signingKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { messageProblems as slackProblems } from '../helpers/slack-blocks.ts';
import { postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';
import { type Snapshot, snapshot } from './snapshot.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Input that names nobody and nothing: no command may store anything for it. */
const HOSTILE: [string, string][] = [
  ['nothing', ''],
  ['blanks', ' \t '],
  ['line breaks', '\n\r\n'],
  ['a 100 KB name', 'Shohrat Zakir Qwxz '.repeat(5300)],
  ['100 KB of one letter', 'x'.repeat(100_000)],
  ['NUL and control bytes', '\u0000\u0001\u0007\u001b\u007f\u0085'],
  ['every byte, read as Latin-1', Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('latin1')],
  ['lone surrogates', '\ud800\udfff\ud83d x\udc00'],
  ['zero-width and bidi characters only', '\u200b\u200c\u200d\u2060\ufeff\u202e\u2066'],
  ['SQL that drops a table', "'; DROP TABLE subscriptions; --"],
  ['SQL that is always true', '1 OR 1=1'],
  ['SQL that is always true, quoted', "' OR '1'='1' --"],
  ['SQL LIKE wildcards', '%_%'],
  ['Slack mentions', '<!channel> <!here> <@U123ABC>'],
  ['a Slack link', '<https://evil.example|click here>'],
  ['Discord pings', '@everyone @here <@123456789012345678> <@&123456789012345678>'],
  ['a markdown link', '[a](http://evil.example)'],
  ['terminal escapes', '\u001b[2J\u001b]0;pwned\u0007\u009b31m'],
  ['emoji', '🙂👨‍👩‍👧🇰🇵'],
  ['an option inside a value', 'country: program: entity:'],
];

/** A listed name or country written with invisible characters or look-alike letters: each stands for the real one. */
const TRICKED: [string, string, string][] = [
  ['entity', 'S\u200bE\u200dK \u2060STU\ufeffDIO', 'ofac-sdn-34022'],
  ['entity', 'SEK\u202e STUDIO\u202c', 'ofac-sdn-34022'],
  ['entity', 'SEK\u{e0041} STUDIO', 'ofac-sdn-34022'],
  ['entity', '\u0405\u0415\u041a \u0405\u0422UD\u0406\u041e', 'ofac-sdn-34022'],
  ['country', 'N\u043erth K\u043erea', 'KP'],
  ['country', '\u0405yria', 'SY'],
  ['country', '\u0421uba', 'CU'],
  ['country', 'I\u200bran', 'IR'],
];

/** Every command, as text (Slack, console) with `v` where a user types something. */
const textCommands = (v: string) => [
  v,
  `share ${v}`,
  `history ${v}`,
  `subscribe country:${v}`,
  `subscribe program:${v}`,
  `subscribe entity:${v}`,
  `subscribe country:${v} program:${v} entity:${v}`,
  `unsubscribe country:${v} program:${v} entity:${v}`,
  `subscribe ${v}`,
  `subscriptions ${v}`,
  `feeds ${v}`,
  `feeds add ${v}`,
  `feeds remove ${v}`,
  `feeds add http://127.0.0.1:9/${v}`,
  `status ${v}`,
  `help ${v}`,
  `screen ${v}`,
];

/** Every command, as Discord's options give it (any string in any option). */
const optionRequests = (v: string): Request[] => [
  { kind: 'lookup', query: v, share: true },
  { kind: 'history', query: v },
  { kind: 'subscribe', options: [{ kind: 'country', value: v }, { kind: 'program', value: v }, { kind: 'entity', value: v }] },
  { kind: 'unsubscribe', options: [{ kind: 'entity', value: v }] },
  { kind: 'feeds', action: 'add', url: v },
  { kind: 'feeds', action: 'remove', url: v },
];

/** What no reply may show: a stack trace, an exception's name, a database's words, a program's values. */
const INTERNAL = /\n\s+at |\bat \S+:\d+:\d+|\b(Type|Range|Syntax|Reference)Error\b|SQLITE_|SqliteError|syntax error at|relation ".*" does not exist|\bundefined\b|\bNaN\b|\[object Object\]/;
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectClear(reply: Reply, input: string): void {
  const words = [reply.text, ...reply.notes, ...reply.cards.flatMap((c) => [c.title, c.subtitle ?? '', ...c.fields.map((f) => `${f.label} ${f.value}`)])];
  expect(reply.text.trim(), input.slice(0, 60)).not.toBe('');
  for (const w of words) expect(w, input.slice(0, 60)).not.toMatch(INTERNAL);
  // Input is quoted back short, never whole.
  expect(reply.text.length + reply.notes.join('\n').length, input.slice(0, 60)).toBeLessThan(3000);
  // And it renders as every platform takes it.
  expect(slackProblems({ ...renderSlack(reply) })).toEqual([]);
  expect(discordProblems(renderReply(reply))).toEqual([]);
  expect(renderForConsole(reply)).not.toMatch(CONTROL_OR_BIDI);
}

afterAll(async () => {
  for (const dialect of dialects) if (dialect.available) await dialect.cleanup();
});

for (const dialect of dialects) {
  describe.runIf(dialect.available)(`bad input to every command on ${dialect.name}`, () => {
    let db: TestDatabase;
    let store: Store;
    let before: Snapshot;
    /** A manager in a channel that follows nothing: the most bad input can do, it could do here. */
    let ctx: CommandContext;

    beforeAll(async () => {
      db = dialect.fresh();
      store = await db.open();
      await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
      const catalog = await loadCatalog(store);
      // What another channel follows and which feeds are polled: data that bad input must not touch.
      const settings = { allowPrivateFeeds: false, feedIntervalMinutes: 5 };
      const owner: CommandContext = { catalog, store, settings, platform: 'slack', tenant: 'slack:T1', channelId: 'COWNER', userId: 'UOWNER', canManage: true };
      await sanctions('subscribe country:North Korea program:DPRK3 entity:SEK Studio', owner);
      await store.addFeed({ url: 'https://example.org/feed.xml', title: 'Example', addedBy: 'UOWNER', addedInChannel: 'slack:COWNER', createdAt: '2024-01-01T00:00:00.000Z' });
      ctx = { ...owner, channelId: 'CSWEEP', userId: 'USWEEP' };
      before = await snapshot(db, dialect.name);
    }, 120_000);

    afterAll(async () => {
      await store?.close();
    });

    for (const [what, value] of HOSTILE) {
      it(`answers ${what} in every command clearly, and stores nothing`, async () => {
        for (const text of textCommands(value)) expectClear(await sanctions(text, ctx), text);
        for (const request of optionRequests(value)) expectClear(await handle(request, { ...ctx, platform: 'discord' }), JSON.stringify(request));
        expect(await store.subscriptions({ platform: ctx.platform, channelId: ctx.channelId })).toEqual([]);
      }, 60_000);
    }

    it('answers absurd numbers of options clearly', async () => {
      const many = Array.from({ length: 300 }, (_, i) => `entity:Nobody Qwxz${i}`).join(' ');
      expectClear(await sanctions(`unsubscribe ${many}`, ctx), 'unsubscribe ×300');
      expectClear(await sanctions(`subscribe ${'country: '.repeat(1000)}`, ctx), 'country: ×1000');
      expectClear(await sanctions(`feeds add ${'http://127.0.0.1:9/ '.repeat(500)}`, ctx), 'feeds add ×500');
    }, 60_000);

    it('leaves every table as it was', async () => {
      expect(await snapshot(db, dialect.name)).toEqual(before);
    });

    it('reads a listed name or country hidden by invisible characters or look-alike letters as the real one, and stores its code', async () => {
      for (const [kind, typed, value] of TRICKED) {
        const added = await sanctions(`subscribe ${kind}:${typed}`, ctx);
        expectClear(added, typed);
        expect(added.text).toMatch(/^This channel now follows /);
        expect(added.text).not.toContain(typed);
        expect(await store.subscriptions({ platform: ctx.platform, channelId: ctx.channelId })).toMatchObject([{ kind, value }]);
        expect((await sanctions(`unsubscribe ${kind}:${typed}`, ctx)).text).toMatch(/^This channel no longer follows /);
      }
      // The same rows as before; only SQLite's counter of subscription ids has moved on.
      const { sqlite_sequence: _after, ...after } = await snapshot(db, dialect.name);
      const { sqlite_sequence: _before, ...rest } = before;
      expect(after).toEqual(rest);
    }, 60_000);
  });
}

/** A sample of the hostile input for the chat endpoints, each of which costs a request. */
const SAMPLE = HOSTILE.filter(([what]) => /100 KB name|NUL|lone|SQL that drops|Slack mentions|Discord pings|markdown|terminal/.test(what));

describe('the Slack and Discord endpoints, as the platforms call them', () => {
  const SECRET = randomBytes(16).toString('hex');
  const MANAGER = 'UMANAGER1';
  let db: TestDatabase;
  let store: Store;
  let before: Snapshot;
  let slackApi: SlackApiStandIn;
  let discordApi: DiscordStandIn;
  let slack: RunningSlack;
  let discord: RunningDiscord;
  let keys: SigningKeys;

  beforeAll(async () => {
    db = sqlite.fresh();
    store = await db.open();
    await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
    const catalog = await loadCatalog(store);
    slackApi = await startSlackApi();
    discordApi = await startDiscordStandIn();
    keys = signingKeys();
    const slackConfig = chatSettings({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_MANAGER_IDS: MANAGER, SLACK_API_URL: slackApi.apiUrl });
    slack = await startSlack(slackConfig, { catalog, store }, { port: 0, host: '127.0.0.1' });
    const discordConfig = chatSettings({
      DISCORD_TOKEN: `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_GATEWAY: 'off',
      DISCORD_API_URL: discordApi.url,
    });
    discord = await startDiscord(discordConfig, { catalog, store }, { port: 0, host: '127.0.0.1' });
    before = await snapshot(db, 'sqlite');
  }, 120_000);

  afterAll(async () => {
    await slack?.stop();
    await discord?.stop();
    await slackApi?.close();
    await discordApi?.close();
    await store?.close();
  });

  it('Slack: answers every command with hostile text as a message Slack takes, in the acknowledgement, storing nothing', async () => {
    let n = 0;
    for (const [, value] of SAMPLE) {
      for (const text of textCommands(value)) {
        const body = slashCommandBody({ text, user_id: MANAGER, channel_id: 'CSWEEP', response_url: slackApi.responseUrl(`bad-${++n}`) });
        const res = await postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, body, { secret: SECRET });
        expect(res.status, text.slice(0, 60)).toBe(200);
        const message = JSON.parse(res.body) as Record<string, unknown>;
        expect(slackProblems(message), text.slice(0, 60)).toEqual([]);
        expect(JSON.stringify(message)).not.toMatch(INTERNAL);
      }
    }
    expect(await snapshot(db, 'sqlite')).toEqual(before);
  }, 120_000);

  it('Discord: answers every command with hostile options as a message Discord takes, mentions disabled, storing nothing', async () => {
    const endpoint = `http://127.0.0.1:${discord.port}/interactions`;
    for (const [, value] of SAMPLE) {
      const interactions = [
        slashCommand('sanctions', 'lookup', [{ name: 'name', value }, { name: 'share', value: true }], { permissions: CHANNEL_MANAGER }),
        slashCommand('sanctions', 'history', [{ name: 'name', value }], { permissions: CHANNEL_MANAGER }),
        slashCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'country', value }, { name: 'program', value }, { name: 'entity', value }], { permissions: CHANNEL_MANAGER }),
        slashCommand(MANAGE_COMMAND, 'unsubscribe', [{ name: 'entity', value }], { permissions: CHANNEL_MANAGER }),
        slashCommand(MANAGE_COMMAND, 'feeds', [{ name: 'action', value }, { name: 'url', value }], { permissions: CHANNEL_MANAGER }),
        slashCommand(MANAGE_COMMAND, 'feeds', [{ name: 'action', value: 'add' }, { name: 'url', value }], { permissions: CHANNEL_MANAGER }),
      ];
      for (const interaction of interactions) {
        const { status, body } = await postInteraction(endpoint, interaction, keys);
        expect(status).toBe(200);
        expect(body.type).toBe(4);
        expect(discordProblems(body.data)).toEqual([]);
        expect(JSON.stringify(body)).not.toMatch(INTERNAL);
      }
    }
    expect(await snapshot(db, 'sqlite')).toEqual(before);
  }, 120_000);
});

describe('the console, as `npm start` runs it', () => {
  it('answers every bad line and keeps running, printing no control sequence or stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-console-'));
    const url = `file:${join(dir, 'bot.db')}`;
    // A database that holds a list: the console skips importing the bundled ones.
    const seeded = await openStore(url);
    await importList(seeded, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
    await seeded.close();
    const lines = HOSTILE.flatMap(([, v]) => [`/sanctions ${v}`, `/sanctions unsubscribe entity:${v}`]).map((l) => l.replace(/[\r\n]/g, ' '));
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' };
    for (const key of Object.keys(env)) if (key.startsWith('SLACK_') || key.startsWith('DISCORD_')) delete env[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end([...lines, '/sanctions SEK Studio', 'exit', ''].join('\n'));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    // One prompt before each line and one after the last: every line was answered.
    expect(stdout.split('sanctions> ').length - 1).toBe(lines.length + 2);
    expect(stdout).toMatch(/■ SEK STUDIO/);
    expect(stdout).not.toMatch(CONTROL_OR_BIDI);
    expect(stdout + stderr).not.toMatch(INTERNAL);
  }, 120_000);
});
