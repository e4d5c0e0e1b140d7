// `/sanctions <name or id>` with no dead end, on a real SQLite store: OFAC's SDN versions of 9 and 10 Dec 2021, then one of 17 Dec that delists SEK STUDIO.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_SYNTAX } from '../../adapters/discord/syntax.ts';
import type { CommandContext } from '../../commands/context.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';
import { SDN_2021_12_10, storeWithHistory } from '../helpers/designation-history.ts';

let store: Store;
let ctx: CommandContext;

beforeAll(async () => {
  const held = await storeWithHistory();
  store = held.store;
  ctx = { catalog: held.catalog, store, platform: 'console', tenant: 'console', channelId: 'console', userId: 'console', canManage: true };
  const dir = mkdtempSync(join(tmpdir(), 'lookup-test-'));
  mkdirSync(join(dir, '2021-12-17'));
  const delisting = join(dir, '2021-12-17', 'sdn.csv');
  writeFileSync(delisting, readFileSync(SDN_2021_12_10, 'utf8').split('\n').filter((line) => !line.startsWith('34022,')).join('\n'));
  await importList(store, 'ofac-csv', [delisting], { versionDate: '2021-12-17' });
  await ctx.catalog.reload();
});
afterAll(async () => {
  await store.close();
  await sqlite.cleanup();
});

describe('/sanctions <id>', () => {
  it('finds the entity by the id its card shows', async () => {
    const reply = await sanctions('ofac-sdn-34079', ctx);
    expect(reply.cards.map((c) => [c.title, c.footer])).toEqual([['ZAKIR, Shohrat', 'ofac-sdn-34079']]);
    // Named, not matched: no score.
    expect(reply.cards[0]!.subtitle).toBe('person');
  });
});

describe('a delisted name', () => {
  it('is answered as delisted, with the date, pointing at history in the platform’s syntax', async () => {
    const reply = await sanctions('SEK Studio', ctx);
    expect(reply.cards).toEqual([]);
    expect(reply.text).toBe('SEK STUDIO is no longer designated: removed from OFAC SDN List on 2021-12-17. /sanctions history SEK Studio shows its record.');
    expect((await sanctions('ofac-sdn-34022', ctx)).text).toMatch(/^SEK STUDIO is no longer designated: removed from OFAC SDN List on 2021-12-17\./);
    const discord = await sanctions('SEK Studio', { ...ctx, platform: 'discord', syntax: DISCORD_SYNTAX });
    expect(discord.text).toMatch(/\/sanctions history name:SEK Studio shows its record\.$/);
  });

  it('gives way to a listed name that matches as well', async () => {
    expect((await sanctions('Shahraat Zakir', ctx)).cards[0]!.title).toBe('ZAKIR, Shohrat');
  });
});

describe('other candidates', () => {
  it('each say why they came up: the name or alias matched and which words', async () => {
    const { notes } = await sanctions('Kim Jong Un', ctx);
    const others = notes.slice(notes.indexOf('Other candidates:') + 1);
    expect(others.length).toBeGreaterThan(0);
    for (const line of others) expect(line).toMatch(/ — score \d\.\d\d( as "[^"]+")?: \S+[=~]\S+/);
  });
});

describe('a mistyped subcommand', () => {
  it('is suggested instead of a lookup when the text cannot be a name', async () => {
    expect(await sanctions('/sanction Shahraat Zakir', ctx)).toMatchObject({ text: 'Did you mean /sanctions Shahraat Zakir?', cards: [] });
    expect((await sanctions('subscibe country:China', ctx)).text).toBe('Did you mean /sanctions subscribe country:China?');
    expect((await sanctions('unsubscrbe program:GLOMAG', ctx)).text).toBe('Did you mean /sanctions unsubscribe program:GLOMAG?');
    // Nothing was subscribed on the way.
    expect(await store.subscriptions()).toEqual([]);
  });

  it('is suggested beside the lookup otherwise, but not when a listed name is what was typed', async () => {
    const histroy = await sanctions('histroy Shahraat Zakir', ctx);
    expect(histroy.notes[0]).toBe('Meant the command? /sanctions history Shahraat Zakir');
    const staus = await sanctions('staus', ctx);
    expect(staus.text).toBe('No designated entity matches "staus".');
    expect(staus.notes).toContain('Meant the command? /sanctions status');
    const exact = await sanctions('Zakir Shohrat', ctx);
    expect(exact.notes.join('\n')).not.toMatch(/Meant the command/);
    // Discord's lookups take a name option: no command is typed there.
    expect((await sanctions('histroy Shahraat Zakir', { ...ctx, platform: 'discord' })).notes.join('\n')).not.toMatch(/Meant the command/);
  });

  it('and a word that names nothing points at help', async () => {
    expect((await sanctions('frobnicate', ctx)).notes).toContain('Not a name? /sanctions help lists what the bot does.');
  });
});
