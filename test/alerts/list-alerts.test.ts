// List-change alerts on OFAC's real action of 15 Dec 2021: who hears of which designation and change, once, bounded, rendered within limits.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/discord/render.ts';
import { renderSlack } from '../../adapters/slack/render.ts';
import { describeChanges, listChangeAlerts } from '../../src/alerts/list-alerts.ts';
import type { Subscription } from '../../src/alerts/subscription.ts';
import { diffLists } from '../../src/designations/diff.ts';
import type { ListChange } from '../../src/designations/import.ts';
import type { Entity } from '../../src/designations/model.ts';
import { parseOfacList } from '../../src/designations/ofac-csv.ts';
import type { Reply } from '../../src/messages/reply.ts';

const data = (f: string) => fileURLToPath(new URL(`../../data/${f}`, import.meta.url));
const EXTRA = [data('ofac-sdn/alt.csv'), data('ofac-sdn/add.csv')];
const DEC_10 = data('ofac-sdn-history/sdn-2021-12-10/sdn.csv');
const DEC_16 = fileURLToPath(new URL('../fixtures/ofac/sdn-2021-12-16/sdn.csv', import.meta.url));
const VERSION = { id: 'ofac-sdn', name: 'OFAC SDN List', source: 'test', versionDate: '2021-12-16', importedAt: '2021-12-16T22:00:00.000Z', entityCount: 0, contentHash: 'c0ffee' };

let before: Entity[];
let after: Entity[];

beforeAll(async () => {
  [before, after] = await Promise.all([parseOfacList([DEC_10, ...EXTRA], 'sdn'), parseOfacList([DEC_16, ...EXTRA], 'sdn')]);
});

function change(prev: Entity[], next: Entity[]): ListChange {
  return {
    version: VERSION,
    events: diffLists('ofac-sdn', prev, next, VERSION.versionDate),
    before: new Map(prev.map((e) => [e.id, e])),
    after: new Map(next.map((e) => [e.id, e])),
  };
}

let nextId = 1;
function sub(channelId: string, kind: Subscription['kind'], value: string, pausedAt: string | null = null): Subscription {
  return { id: nextId++, tenant: 'slack:T1', platform: 'slack', channelId, kind, value, createdBy: 'U1', createdAt: '2021-12-01T00:00:00.000Z', pausedAt };
}

const byName = (name: string) => after.find((e) => e.name === name)!;
const titles = (reply: Reply) => reply.cards.map((c) => c.title);

describe('list-change alerts', () => {
  it('sends each channel one alert with the designations and material changes it follows, none to the others', () => {
    const zambada = byName('ZAMBADA GARCIA, Ismael');
    const alerts = listChangeAlerts(change(before, after), [
      sub('C-MX', 'country', 'MX'),
      sub('C-MX', 'entity', zambada.id),
      sub('C-CN', 'country', 'CN'),
      sub('C-IR', 'country', 'IR'),
      sub('C-PAUSED', 'country', 'MX', '2021-12-12T00:00:00.000Z'),
    ]);
    expect(alerts.map((a) => a.channelId)).toEqual(['C-MX', 'C-CN']);
    expect(alerts.map((a) => a.dedupeKey)).toEqual(['slack:C-MX:list:ofac-sdn:c0ffee', 'slack:C-CN:list:ofac-sdn:c0ffee']);

    const cn = alerts[1]!.payload as Reply;
    const chinese = diffLists('ofac-sdn', before, after, 'x').filter((e) => e.kind === 'added' && byName(e.name).countries.includes('CN'));
    expect(titles(cn).sort()).toEqual(chinese.map((e) => e.name).sort());
    expect(cn.text).toMatch(/^OFAC SDN List, 2021-12-16: 5 new designations — /);

    const mx = alerts[0]!.payload as Reply;
    // Designations first, then changes; the entity followed twice is shown once, with both reasons.
    expect(titles(mx).slice(0, 2)).toEqual(['GUERREROS UNIDOS', 'LOS ROJOS']);
    const card = mx.cards.find((c) => c.title === zambada.name)!;
    expect(card.subtitle).toBe('listing changed 2021-12-16 · person');
    expect(card.fields.find((f) => f.label === 'This channel follows')?.value).toBe(`country Mexico (MX); entity ZAMBADA GARCIA, Ismael (${zambada.id})`);
    expect(card.fields.find((f) => f.label === 'What changed')?.value).toBe('aliases added: El Mayo, Mayo; program added: ILLICIT-DRUGS-EO');
  });

  it('keeps a large change set within one bounded message: nine cards, then the rest by name', () => {
    const [alert] = listChangeAlerts(change(before, after), [sub('C-DRUGS', 'program', 'ILLICIT-DRUGS-EO')]);
    const reply = alert!.payload as Reply;
    const events = diffLists('ofac-sdn', before, after, 'x');
    expect(events).toHaveLength(25);
    expect(reply.cards).toHaveLength(9);
    expect(reply.notes).toEqual([expect.stringMatching(/^And 16 more: /)]);
    for (const e of events) expect([...titles(reply), ...reply.notes].join('\n')).toContain(e.name);

    const discord = renderReply(reply);
    expect(discord.embeds?.length).toBeLessThanOrEqual(10);
    // Discord counts these characters across a message's embeds, at most 6000.
    const counted = (discord.embeds ?? []).flatMap((e) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]);
    expect(counted.join('').length).toBeLessThanOrEqual(6000);
    expect(renderSlack(reply).blocks.length).toBeLessThanOrEqual(50);
  });

  it('tells the followers of a program an entity left, and nobody of a change of address or remarks', () => {
    const sek = byName('SEK STUDIO');
    const moved = { ...sek, programs: ['GLOMAG'], remarks: 'Changed remarks.', addresses: [] };
    const alerts = listChangeAlerts(change(after, after.map((e) => (e.id === sek.id ? moved : e))), [sub('C-DPRK3', 'program', 'DPRK3'), sub('C-GLOMAG', 'program', 'GLOMAG')]);
    expect(alerts.map((a) => a.channelId)).toEqual(['C-DPRK3', 'C-GLOMAG']);
    for (const { payload } of alerts) {
      expect((payload as Reply).cards[0]!.fields.find((f) => f.label === 'What changed')?.value).toBe('program added: GLOMAG; program removed: DPRK3');
    }

    const unmoved = { ...sek, remarks: 'Changed remarks.', addresses: [] };
    expect(listChangeAlerts(change(after, after.map((e) => (e.id === sek.id ? unmoved : e))), [sub('C-KP', 'country', 'KP'), sub('C-SEK', 'entity', sek.id)])).toEqual([]);
  });

  it('describes renames and country changes as a reader says them', () => {
    expect(
      describeChanges([
        { field: 'name', added: ['JUAREZ CARTEL'], removed: ['CARRILLO FUENTES ORGANIZATION'] },
        { field: 'countries', added: ['KP', 'CN'], removed: [] },
      ]),
    ).toBe('renamed from CARRILLO FUENTES ORGANIZATION to JUAREZ CARTEL; countries added: North Korea, China');
  });
});
