// "Not this entity" end to end in the core: real articles scanned against the real SDN list, verdicts kept in a real store of each dialect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { mutedBy, normalizedMatch } from '../../src/alerts/verdicts.ts';
import { handle } from '../../commands/sanctions.ts';
import type { CommandContext } from '../../commands/context.ts';
import type { Reply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { postgres, sqlite } from '../helpers/databases.ts';
import { BY_ALIAS, BY_NAME, BY_NAME_AGAIN, type NewsWorld, SEK, muteToken, newsWorld } from '../helpers/news-world.ts';

afterAll(async () => {
  for (const dialect of [sqlite, postgres]) if (dialect.available) await dialect.cleanup();
});

const entityIds = (alert: NewOutboxAlert) => (alert.payload as Reply).cards.slice(1).map((c) => c.footer);
const channels = (alerts: NewOutboxAlert[]) => alerts.map((a) => a.channelId).sort();

describe('a verdict key', () => {
  it('compares the matched text as names are compared: case, accents and punctuation aside', () => {
    expect(normalizedMatch('Sek-Studio')).toBe(normalizedMatch('SEK STUDIO'));
    const muted = mutedBy([{ platform: 'slack', channelId: 'C1', entityId: SEK, normalized: normalizedMatch('SEK Studio') }]);
    expect(muted('slack', 'C1', SEK, 'sek  studio')).toBe(true);
    expect(muted('slack', 'C2', SEK, 'SEK Studio')).toBe(false);
    expect(muted('discord', 'C1', SEK, 'SEK Studio')).toBe(false);
    expect(muted('slack', 'C1', SEK, 'Scientific Education Korea Studio')).toBe(false);
    expect(muted('slack', 'C1', 'ofac-sdn-1', 'SEK Studio')).toBe(false);
  });
});

for (const dialect of [sqlite, postgres]) {
  describe.skipIf(!dialect.available)(`"Not this entity" on ${dialect.name}`, () => {
    let store: Store;
    let world: NewsWorld;
    const ctx = (channelId: string, canManage: boolean): CommandContext => ({ catalog: world.catalog, store, platform: 'slack', tenant: 'slack:T1', channelId, userId: canManage ? 'UMANAGER' : 'UMEMBER', canManage });

    beforeAll(async () => {
      store = await dialect.fresh().open();
      world = await newsWorld(store, [{ platform: 'slack', channelId: 'C1' }, { platform: 'slack', channelId: 'C2' }]);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('mutes an entity for the channel a manager clicked in: only that channel, only that text', async () => {
      const first = await world.publish(BY_NAME);
      expect(channels(first)).toEqual(['C1', 'C2']);
      expect(entityIds(first[0]!)).toEqual([SEK]);
      const clicked = muteToken(first.find((a) => a.channelId === 'C1')!, SEK);
      expect(await store.alertMention(clicked)).toMatchObject({ entityId: SEK, matched: 'SEK Studio', articleLink: 'https://news.example/story-1', articleTitle: 'North Korea story 1' });

      // A member who may not manage the channel is refused, and nothing is recorded.
      const refused = await handle({ kind: 'mute', token: clicked }, ctx('C1', false));
      expect(refused).toMatchObject({ ephemeral: true, text: expect.stringContaining('Only members who can manage this channel') });
      expect(await store.verdicts()).toEqual([]);

      const muted = await handle({ kind: 'mute', token: clicked }, ctx('C1', true));
      expect(muted.text).toContain('Muted: SEK STUDIO matched by “SEK Studio” will not be alerted in this channel again');
      expect((await handle({ kind: 'mute', token: clicked }, ctx('C1', true))).text).toContain('Already muted here');
      expect(await store.verdicts()).toMatchObject([
        { platform: 'slack', channelId: 'C1', entityId: SEK, entityName: 'SEK STUDIO', matched: 'SEK Studio', normalized: 'sek studio', articleLink: 'https://news.example/story-1', userId: 'UMANAGER' },
      ]);

      // The same entity by the same text in a later article: C1's alert would name nothing else, so it is not made.
      expect(channels(await world.publish(BY_NAME_AGAIN))).toEqual(['C2']);
      // By another text (its listed alias), the entity alerts C1 again.
      const byAlias = await world.publish(BY_ALIAS);
      expect(channels(byAlias)).toEqual(['C1', 'C2']);
      expect(byAlias.map(entityIds)).toEqual([[SEK], [SEK]]);
    });

    it('lists the verdicts by id, and a manager can undo one by it, once', async () => {
      const listed = await handle({ kind: 'muted' }, ctx('C1', false));
      const [verdict] = await store.verdicts({ platform: 'slack', channelId: 'C1' });
      const id = verdict!.id;
      expect(listed.notes).toEqual([expect.stringMatching(new RegExp(`^${id}\\. SEK STUDIO \\(ofac-sdn-34022\\) matched by “SEK Studio” — muted \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC in “North Korea story 1”$`))]);
      expect((await handle({ kind: 'muted' }, ctx('C2', true))).text).toContain('This channel has muted nothing');

      expect((await handle({ kind: 'unmute', id }, ctx('C1', false))).text).toContain('Only members who can manage this channel');
      expect((await handle({ kind: 'unmute', id: id + 1 }, ctx('C1', true))).text).toBe(`This channel has no mute with id ${id + 1} (any more): /sanctions muted lists its mutes.`);
      // Another channel's manager cannot undo this channel's verdict by its id.
      expect((await handle({ kind: 'unmute', id }, ctx('C2', true))).text).toContain(`no mute with id ${id}`);
      expect(await store.verdicts()).toHaveLength(1);
      expect((await handle({ kind: 'unmute', id }, ctx('C1', true))).text).toContain('Unmuted: SEK STUDIO matched by “SEK Studio” alerts this channel again');
      expect((await handle({ kind: 'unmute', id }, ctx('C1', true))).text).toContain(`no mute with id ${id}`);
      expect(await store.verdicts()).toEqual([]);
      expect(channels(await world.publish(BY_NAME_AGAIN))).toEqual(['C1', 'C2']);
    });

    it('answers a token it never gave out without recording anything', async () => {
      expect((await handle({ kind: 'mute', token: 'AAAAAAAAAAAAAAAA' }, ctx('C1', true))).text).toContain('not known here any more');
      expect(await store.verdicts()).toEqual([]);
    });

    it('stores mentions once per token and verdicts once per channel, entity and text', async () => {
      const mention = { token: 'tok-1', entityId: SEK, matched: 'SEK Studio', articleLink: null, articleTitle: 'Untitled', createdAt: '2021-12-10T00:00:00.000Z' };
      const feed = { id: 1, tenant: 'global' };
      await store.saveAlertMentions([mention, { ...mention, matched: 'other' }], feed, '2021-12-01T00:00:00.000Z');
      await store.saveAlertMentions([{ ...mention, matched: 'later' }], feed, '2021-12-01T00:00:00.000Z');
      expect(await store.alertMention('tok-1')).toEqual(mention);
      expect(await store.alertMention('tok-2')).toBeNull();

      const verdict = { platform: 'discord', channelId: 'D1', entityId: SEK, entityName: 'SEK STUDIO', matched: 'SEK Studio', normalized: 'sek studio', articleLink: null, articleTitle: 'Untitled', userId: 'U1', createdAt: '2021-12-11T00:00:00.000Z' };
      expect(await store.addVerdict(verdict)).toBe(true);
      expect(await store.addVerdict({ ...verdict, matched: 'Sek-Studio', userId: 'U2' })).toBe(false);
      expect(await store.addVerdict({ ...verdict, channelId: 'D2' })).toBe(true);
      expect(await store.verdicts({ platform: 'discord', channelId: 'D1' })).toEqual([{ ...verdict, id: expect.any(Number) }]);
      const [, second] = await store.verdicts();
      expect(await store.removeVerdict({ platform: 'discord', channelId: 'D1' }, second!.id)).toBe(false);
      expect(await store.removeVerdict({ platform: 'discord', channelId: 'D2' }, second!.id)).toBe(true);
      expect(await store.removeVerdict({ platform: 'discord', channelId: 'D2' }, second!.id)).toBe(false);
      expect((await store.verdicts()).map((v) => v.channelId)).toEqual(['D1']);
    });
  });
}
