// The platform-neutral commands on a real SQLite store holding a real OFAC list.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete } from '../../commands/autocomplete.ts';
import type { CommandContext } from '../../commands/context.ts';
import { parseRequest } from '../../commands/request.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';

const DEC_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
let store: Store;
let ctx: CommandContext;

beforeAll(async () => {
  store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [DEC_10], { versionDate: '2021-12-10' });
  ctx = { catalog: await loadCatalog(store), store, platform: 'slack', tenant: 'slack:T1', channelId: 'C1', userId: 'U1', canManage: true };
});

afterAll(async () => {
  await store.close();
  await sqlite.cleanup();
});

describe('parseRequest', () => {
  it('reads subcommands and options with spaces and quotes', () => {
    expect(parseRequest('SEK Studio')).toEqual({ kind: 'lookup', query: 'SEK Studio', share: false });
    expect(parseRequest('share SEK Studio')).toEqual({ kind: 'lookup', query: 'SEK Studio', share: true });
    expect(parseRequest('subscribe country:North Korea program:DPRK3 entity:"SEK Studio"')).toEqual({
      kind: 'subscribe',
      options: [
        { kind: 'country', value: 'North Korea' },
        { kind: 'program', value: 'DPRK3' },
        { kind: 'entity', value: 'SEK Studio' },
      ],
    });
    expect(parseRequest('')).toEqual({ kind: 'help' });
    expect(parseRequest('subscriptions')).toEqual({ kind: 'subscriptions' });
    expect(parseRequest('subscribe')).toMatchObject({ kind: 'invalid' });
    expect(parseRequest('subscribe country:')).toMatchObject({ kind: 'invalid', problem: 'country: needs a value.' });
    expect(parseRequest('subscribe Burma')).toMatchObject({ kind: 'invalid' });
    // list: (what to follow) and lists: (how list changes arrive) side by side.
    expect(parseRequest('subscribe list:UN digest:09:00 lists:digest')).toEqual({
      kind: 'subscribe',
      options: [{ kind: 'list', value: 'UN' }],
      delivery: { digest: '09:00', lists: 'digest' },
    });
  });
});

describe('/sanctions <name>', () => {
  it('answers with the entity card and other candidates', async () => {
    const reply = await sanctions('SEK Studio', ctx);
    expect(reply.ephemeral).toBe(true);
    expect(reply.cards[0]).toMatchObject({ title: 'SEK STUDIO', footer: 'ofac-sdn-34022' });
    expect(reply.cards[0]!.url).toMatch(/^https:\/\/sanctionssearch\.ofac\.treas\.gov\//);
    const listed = reply.cards[0]!.fields.find((f) => f.label === 'Listed')!.value;
    expect(listed).toMatch(/DPRK3/);
    expect(reply.cards[0]!.fields.find((f) => f.label === 'Countries')?.value).toMatch(/North Korea/);
  });

  it('posts for the channel when asked to share', async () => {
    expect((await sanctions('share Shahraat Zakir', ctx)).ephemeral).toBe(false);
  });

  it('says plainly when nothing matches, with suggestions when there are some', async () => {
    const reply = await sanctions('Qwxzv Plorkt', ctx);
    expect(reply).toMatchObject({ cards: [], ephemeral: true });
    expect(reply.text).toBe('No designated entity matches "Qwxzv Plorkt".');
  });

  it('gives a short usage reply to unusable input, never an error', async () => {
    for (const input of ['a'.repeat(5000), '🙂🙂🙂', '\u0000\u0007', '***', '<>']) {
      const reply = await sanctions(input, ctx);
      expect(reply.ephemeral).toBe(true);
      expect(reply.cards).toEqual([]);
      expect(reply.notes.join('\n')).toMatch(/\/sanctions <name>/);
    }
  });
});

describe('/sanctions subscribe, unsubscribe, subscriptions', () => {
  const channel = (channelId: string, canManage = true): CommandContext => ({ ...ctx, channelId, canManage });

  it('resolves countries in plain words and codes, programs and entities', async () => {
    const c = channel('C-sub');
    const reply = await sanctions('subscribe country:Burma program:dprk3 entity:Sek Studio', c);
    expect(reply.text).toMatch(/Myanmar.*\(MM\).*program DPRK3.*SEK STUDIO \(ofac-sdn-34022\)/);
    expect(reply.ephemeral).toBe(false);
    await sanctions('subscribe country:North Korea', c);
    await sanctions('subscribe country:CN', c);
    const subs = await store.subscriptions({ platform: 'slack', channelId: 'C-sub' });
    expect(subs.map((s) => `${s.kind}:${s.value}`)).toEqual(['country:MM', 'program:DPRK3', 'entity:ofac-sdn-34022', 'country:KP', 'country:CN']);
    expect((await sanctions('subscribe country:Myanmar', c)).text).toMatch(/already follows/);

    const listed = await sanctions('subscriptions', c);
    expect(listed.notes).toHaveLength(5);
    expect((await sanctions('unsubscribe country:KP', c)).text).toMatch(/no longer follows country North Korea/);
    expect((await sanctions('unsubscribe country:KP', c)).text).toMatch(/did not follow/);
  });

  it('rejects unknown values, changes nothing, and lists close valid ones', async () => {
    const c = channel('C-typo');
    const reply = await sanctions('subscribe country:Nort Korea program:DPRK9', c);
    expect(reply.text).toMatch(/^Nothing changed\./);
    expect(reply.text).toMatch(/North Korea \(KP\)/);
    expect(reply.text).toMatch(/DPRK\d/);
    expect(await store.subscriptions({ platform: 'slack', channelId: 'C-typo' })).toEqual([]);
  });

  it('refuses members who may not manage the channel', async () => {
    const reply = await sanctions('subscribe country:KP', channel('C-guest', false));
    expect(reply.text).toMatch(/Only members who can manage this channel/);
    expect(await store.subscriptions({ platform: 'slack', channelId: 'C-guest' })).toEqual([]);
  });
});

describe('autocomplete', () => {
  it('offers countries, programs and entities as the user types', () => {
    expect(complete('country', 'nor', ctx.catalog).map((c) => c.value)).toEqual(expect.arrayContaining(['KP', 'NO']));
    expect(complete('program', 'dprk', ctx.catalog).map((c) => c.value)).toEqual(expect.arrayContaining(['DPRK', 'DPRK3']));
    expect(complete('entity', 'sek stud', ctx.catalog)[0]).toEqual({ name: 'SEK STUDIO (ofac-sdn-34022)', value: 'ofac-sdn-34022' });
    expect(complete('country', '', ctx.catalog).length).toBeLessThanOrEqual(25);
  });
});
