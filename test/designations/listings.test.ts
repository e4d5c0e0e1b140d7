// One party on several lists: a fresh database's OFAC and UN records of one person are one entity in search, mentions, cards and subscriptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/context.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { listChangeAlerts } from '../../src/alerts/list-alerts.ts';
import { type Subscription, covers } from '../../src/alerts/subscription.ts';
import { ensureBundledLists } from '../../src/designations/bundled.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import { mergeListings } from '../../src/designations/listings.ts';
import type { Entity } from '../../src/designations/model.ts';
import { buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { scanArticle } from '../../src/mentions/scan.ts';
import { entityCard } from '../../src/messages/entity-card.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';

let store: Store;
let catalog: Catalog;

beforeAll(async () => {
  store = await sqlite.fresh().open();
  await ensureBundledLists(store);
  catalog = await loadCatalog(store);
}, 300_000);

afterAll(async () => {
  await store.close();
  await sqlite.cleanup();
});

describe('a fresh database', () => {
  it('finds ERIC BADEGE on the UN list, as one entity with his OFAC listing', () => {
    const hits = catalog.search('ERIC BADEGE', { limit: 10 }).hits;
    const badege = hits.filter((h) => /badege/i.test(h.entity.name));
    expect(badege).toHaveLength(1);
    const e = badege[0]!.entity;
    expect(e.lists.map((l) => l.id)).toEqual(['ofac-sdn', 'un']);
    expect(e.listings!.map((r) => r.id)).toEqual(['ofac-sdn-15718', 'un-CDi.001']);
    expect(e.programs).toEqual(['DRCONGO', 'UN-DRC']);
    expect(catalog.entity('un-CDi.001')).toBe(e);
    expect(catalog.entity('ofac-sdn-15718')).toBe(e);
    // Neither record is an entity of its own anywhere the bot looks.
    expect(catalog.entities().filter((x) => x.id === 'un-CDi.001' || x.listings?.some((r) => r.id === 'un-CDi.001'))).toEqual([e]);
  });

  it('shows each listing on the card and marks the facts only one list gives', () => {
    const e = catalog.entity('un-CDi.001')!;
    const field = (label: string) => entityCard(e).fields.find((f) => f.label === label)?.value;
    expect(field('Listed')).toBe(
      'OFAC SDN List — DRCONGO (ofac-sdn-15718)\nUN Security Council Consolidated List — UN-DRC, designated 2012-12-31 (un-CDi.001)',
    );
    expect(field('Also known as')).toContain('ERIC BADEGE [UN]');
    expect(field('Identifiers')).toMatch(/DOB 1971(;|$)/);
    expect(field('Identifiers')).toContain('Nationality Democratic Republic of the Congo (CD) [UN]');
    expect(field('Countries')).toMatch(/^[^[]*Congo[^[]*, Rwanda \[UN\]$/);
    expect(field('Remarks [UN]')).toMatch(/^He fled to Rwanda/);
    expect(field('Remarks [OFAC SDN]')).toMatch(/^DOB 1971/);
  });

  it('answers /sanctions ERIC BADEGE with one card listing both lists, and his history by either id', async () => {
    const ctx: CommandContext = { catalog, store, platform: 'slack', tenant: 'slack:T1', channelId: 'C-LOOKUP', userId: 'U1', canManage: false };
    const reply = await sanctions('ERIC BADEGE', ctx);
    expect(reply.cards.filter((c) => /badege/i.test(c.title))).toHaveLength(1);
    expect(reply.cards[0]!.fields[0]!.value).toMatch(/^OFAC SDN List — DRCONGO \(ofac-sdn-15718\)\nUN Security Council Consolidated List — UN-DRC/);
    const history = await sanctions('history un-CDi.001', ctx);
    expect(history.cards[0]).toMatchObject({ title: 'BADEGE, Eric', footer: 'ofac-sdn-15718' });
  });

  it('names a person on both lists once in an article', () => {
    const index = buildMentionIndex([...catalog.entities()]);
    const mentions = scanArticle(index, 'Lieutenant Colonel Eric Badege, a former M23 commander, was seen in Goma, Democratic Republic of the Congo.');
    expect(mentions.filter((m) => /badege/i.test(m.name)).map((m) => m.entityId)).toEqual(['ofac-sdn-15718']);
  });

  it('follows a whole list and a UN regime: /sanctions subscribe list:UN program:UN-DRC', async () => {
    const ctx: CommandContext = { catalog, store, platform: 'slack', tenant: 'slack:T1', channelId: 'C-UN', userId: 'U1', canManage: true };
    const reply = await sanctions('subscribe list:UN program:UN-DRC', ctx);
    expect(reply.text).toBe('This channel now follows list UN. This channel now follows program UN-DRC.');
    expect((await sanctions('subscribe list:Unverified', ctx)).text).toMatch(/^Nothing changed\. list: No list "Unverified"\./);
    const subs = await store.subscriptions({ platform: 'slack', channelId: 'C-UN' });
    expect(subs.map((s) => `${s.kind}:${s.value}`)).toEqual(['list:un', 'program:UN-DRC']);
    const badege = catalog.entity('un-CDi.001')!;
    const sek = catalog.entity('ofac-sdn-34022')!;
    expect(subs.map((s) => [covers(s, badege), covers(s, sek)])).toEqual([[true, false], [true, false]]);
    // An entity followed by the id of its UN record is the same entity.
    expect(covers({ ...subs[0]!, kind: 'entity', value: 'un-CDi.001' }, badege)).toBe(true);
  });
});

describe('list changes', () => {
  it("tell a channel following an entity of a change on any of its lists", () => {
    const record = catalog.entity('un-CDi.001')!.listings!.find((r) => r.id === 'un-CDi.001')!;
    const follows: Subscription = {
      id: 1, tenant: 'slack:T1', platform: 'slack', channelId: 'C-BADEGE', kind: 'entity', value: 'ofac-sdn-15718', createdBy: 'U1', createdAt: '2026-02-27T00:00:00.000Z', pausedAt: null,
    };
    const change = {
      version: { id: 'un', name: 'UN Security Council Consolidated List', source: 'test', versionDate: '2026-03-01', importedAt: '2026-03-01T06:00:00.000Z', entityCount: 1002, contentHash: 'x' },
      events: [{ entityId: 'un-CDi.001', listId: 'un', kind: 'removed' as const, date: '2026-03-01', name: 'ERIC BADEGE', changes: [] }],
      before: new Map([[record.id, record]]),
      after: new Map(),
    };
    // The UN record alone is not the OFAC id the channel follows; the entity it is part of is.
    expect(listChangeAlerts(change, [follows])).toEqual([]);
    const [alert] = listChangeAlerts(change, [follows], (id) => catalog.entity(id)?.name, (id) => catalog.entity(id));
    expect(alert).toMatchObject({ channelId: 'C-BADEGE' });
    expect(JSON.stringify(alert!.payload)).toContain('ERIC BADEGE');
  });
});

describe('merging records', () => {
  const person = (id: string, list: string, extra: Partial<Entity>): Entity => ({
    id, type: 'person', name: 'X', aliases: [], countries: [], programs: [], lists: [{ id: list, name: list }],
    designated: null, remarks: null, identifiers: [], addresses: [], related: [], sourceUrl: null, ...extra,
  });

  it('joins on a shared document number, or name, year of birth and country; never two records of one list', () => {
    const ofac = person('ofac-sdn-1', 'ofac-sdn', { name: 'DOE, John', countries: ['LY'], identifiers: [{ type: 'DOB', value: '07 May 1988' }] });
    const un = person('un-LYi.1', 'un', { name: 'JOHN DOE', countries: ['LY'], identifiers: [{ type: 'DOB', value: '1988-05-07' }] });
    const otherYear = person('un-LYi.2', 'un', { name: 'John Doe', countries: ['LY'], identifiers: [{ type: 'DOB', value: '1990' }] });
    const sameList = person('ofac-sdn-2', 'ofac-sdn', { name: 'John DOE', countries: ['LY'], identifiers: [{ type: 'DOB', value: '1988' }] });
    const passportA = person('ofac-sdn-3', 'ofac-sdn', { name: 'SMITH, Ann', identifiers: [{ type: 'Passport', value: 'AB 850901', country: 'TZ' }] });
    const passportB = person('us-x-1', 'us-x', { name: 'Anne Smyth', identifiers: [{ type: 'Passport', value: 'AB850901' }] });
    const merged = mergeListings([ofac, un, otherYear, sameList, passportA, passportB]);
    expect(merged.map((e) => (e.listings ?? [e]).map((r) => r.id))).toEqual([['ofac-sdn-1', 'un-LYi.1'], ['un-LYi.2'], ['ofac-sdn-2'], ['ofac-sdn-3', 'us-x-1']]);
    expect(merged[0]).toMatchObject({ id: 'ofac-sdn-1', name: 'DOE, John', aliases: [{ name: 'JOHN DOE', kind: 'aka', strength: 'strong' }] });
    // Without a second list nothing is grouped, and the records come back as they are.
    expect(mergeListings([ofac, sameList])).toEqual([ofac, sameList]);
    // A fuller name holding every word of a shorter one, spelt alike, born the same year: one person.
    const short = person('ofac-sdn-12606', 'ofac-sdn', { name: 'QADHAFI, Muammar', countries: ['LY'], identifiers: [{ type: 'DOB', value: '1942' }] });
    const full = person('un-LYi.013', 'un', { name: 'MUAMMAR MOHAMED ABU MINYAR QADHAFI', countries: ['LY'], identifiers: [{ type: 'DOB', value: '1942' }] });
    const younger = person('us-x-2', 'us-x', { name: 'Muamar Qadafi', countries: ['LY'], identifiers: [{ type: 'DOB', value: '1972' }] });
    expect(mergeListings([short, full, younger]).map((e) => (e.listings ?? [e]).map((r) => r.id))).toEqual([['ofac-sdn-12606', 'un-LYi.013'], ['us-x-2']]);
    // OpenSanctions keeps apart what it holds to be two parties, whatever datasets each is on.
    const os1 = person('os-Q1', 'os-eu_fsf', { name: 'John Doe', countries: ['LY'], identifiers: [{ type: 'DOB', value: '1988' }] });
    const os2 = person('os-Q2', 'os-gb_hmt', { name: 'John Doe', countries: ['LY'], identifiers: [{ type: 'DOB', value: '1988' }] });
    expect(mergeListings([os1, os2, ofac]).map((e) => (e.listings ?? [e]).map((r) => r.id))).toEqual([['ofac-sdn-1', 'os-Q1'], ['os-Q2']]);
  });

  it('joins a person one list gives no birth date to the same name and country on another list, not across countries', () => {
    const dated = person('ofac-sdn-7', 'ofac-sdn', { name: 'ROE, Richard Mark', countries: ['SD'], identifiers: [{ type: 'DOB', value: '1952' }] });
    const undated = person('un-SDi.9', 'un', { name: 'RICHARD MARK ROE', countries: ['SD'] });
    const elsewhere = person('us-x-9', 'us-x', { name: 'Richard Mark Roe', countries: ['CA'] });
    expect(mergeListings([dated, undated, elsewhere]).map((e) => (e.listings ?? [e]).map((r) => r.id))).toEqual([['ofac-sdn-7', 'un-SDi.9'], ['us-x-9']]);
  });
});
