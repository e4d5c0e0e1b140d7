// `/sanctions history <name>` on a real SQLite store: OFAC's real SDN versions of 9 and 10 Dec 2021, then versions derived from them that delist, change and relist entries.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/context.ts';
import { MAX_EVENTS_SHOWN } from '../../commands/history.ts';
import { parseRequest } from '../../commands/request.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Reply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { dialects } from '../helpers/databases.ts';
import { SDN_2021_12_10, storeWithHistory } from '../helpers/designation-history.ts';

const dir = mkdtempSync(join(tmpdir(), 'history-test-'));
let store: Store;
let ctx: CommandContext;

beforeAll(async () => {
  const held = await storeWithHistory();
  store = held.store;
  ctx = { catalog: held.catalog, store, platform: 'slack', tenant: 'slack:T1', channelId: 'C1', userId: 'U1', canManage: false };
});
afterAll(async () => {
  await store.close();
  for (const dialect of dialects) if (dialect.available) await dialect.cleanup();
});

/** Imports a new version of the SDN list and reloads the catalog, as a refresh does. */
async function importSdn(path: string, versionDate: string): Promise<void> {
  await importList(store, 'ofac-csv', [path], { versionDate });
  await ctx.catalog.reload();
}

/** An sdn.csv (the name tells the importer the file's part) in a directory of its own. */
function sdnFile(version: string, text: string): string {
  mkdirSync(join(dir, version));
  const path = join(dir, version, 'sdn.csv');
  writeFileSync(path, text);
  return path;
}

const fieldLines = (reply: Reply) => reply.cards[0]!.fields.map((f) => `${f.label}: ${f.value}`);

describe('parseRequest', () => {
  it('reads history and the name after it', () => {
    expect(parseRequest('history SEK Studio')).toEqual({ kind: 'history', query: 'SEK Studio' });
    expect(parseRequest('HISTORY  Shahraat   Zakir')).toEqual({ kind: 'history', query: 'Shahraat Zakir' });
    expect(parseRequest('history')).toEqual({ kind: 'invalid', problem: 'The history of which name?' });
  });
});

describe('/sanctions history of listed entities', () => {
  it("shows SEK STUDIO's designation on 10 Dec 2021, under its program", async () => {
    const reply = await sanctions('history SEK Studio', ctx);
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toBe('History of SEK STUDIO: 1 recorded list change, designated 2021-12-10');
    expect(reply.cards[0]).toMatchObject({ title: 'SEK STUDIO', footer: 'ofac-sdn-34022' });
    expect(reply.cards[0]!.subtitle).toMatch(/^organization · OFAC SDN List — DPRK3, designated 2021-12-10 · score 1\.00$/);
    expect(fieldLines(reply)).toEqual(['Designated 2021-12-10: Added to OFAC SDN List under DPRK3']);
  });

  it('finds the entity as the news spells it, and by its id', async () => {
    const spelled = await sanctions('history Shahraat Zakir', ctx);
    expect(spelled.cards[0]!.title).toBe('ZAKIR, Shohrat');
    expect(fieldLines(spelled)).toEqual(['Designated 2021-12-10: Added to OFAC SDN List under GLOMAG']);
    expect((await sanctions('history ofac-sdn-34022', ctx)).cards[0]!.title).toBe('SEK STUDIO');
  });

  it('says when nothing was recorded, with the designation date when the list gives one', async () => {
    // On the list of 9 Dec 2021 already, and unchanged on 10 Dec: no event, no date (OFAC's files give none).
    const unchanged = await sanctions('history Hasan Nasrallah', ctx);
    expect(unchanged.text).toBe('History of NASRALLAH, Hasan: 0 recorded list changes');
    expect(fieldLines(unchanged)).toEqual([
      'Recorded changes: None: this entry has not changed in the list versions the bot imported',
      'Designated: before the first version of the list the bot imported; the list gives no date',
    ]);

    // OpenSanctions' files date their entries.
    const ftm = new URL('../fixtures/opensanctions/t1/entities.ftm.json', import.meta.url).pathname;
    await importList(store, 'ftm', [ftm], { versionDate: '2024-05-27' });
    await ctx.catalog.reload();
    const dated = await sanctions('history Vitaly Kuzmenko', ctx);
    const entity = ctx.catalog.entity(dated.cards[0]!.footer!)!;
    expect(entity.designated).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(fieldLines(dated)).toContain(`Designated: ${entity.designated}`);
  });

  it('answers a name that matches nothing plainly, and unusable input with usage', async () => {
    const reply = await sanctions('history Qwxzv Plorkt', ctx);
    expect(reply).toMatchObject({ text: 'No entity, listed or delisted, matches "Qwxzv Plorkt".', cards: [], ephemeral: true });
    for (const input of ['history 🙂', `history ${'a'.repeat(500)}`]) {
      expect((await sanctions(input, ctx)).notes.join('\n')).toMatch(/\/sanctions history <name>/);
    }
  });
});

describe('/sanctions history after the lists change', () => {
  beforeAll(async () => {
    // 17 Dec: SEK STUDIO delisted; ZAKIR given a second program and an alias; MIHAJLOVIC's name respelled.
    const lines = readFileSync(SDN_2021_12_10, 'utf8').split('\n');
    const changed = sdnFile(
      '2021-12-17',
      lines
        .filter((line) => !line.startsWith('34022,'))
        .map((line) =>
          line.startsWith('34079,')
            ? line.replace('"GLOMAG"', '"GLOMAG] [HK-EO13936"').replace('Linked To:', "a.k.a. 'ZAKIR, Shohret'; Linked To:")
            : line.startsWith('34181,')
              ? line.replace('"MIHAJLOVIC, Milan"', '"MIHAILOVIC, Milan"')
              : line,
        )
        .join('\n'),
    );
    await importSdn(changed, '2021-12-17');
  });

  it('finds a delisted entity by name and by id, with its delisting and when it was listed', async () => {
    const reply = await sanctions('history SEK Studio', ctx);
    expect(reply.cards[0]).toMatchObject({ title: 'SEK STUDIO', footer: 'ofac-sdn-34022' });
    expect(reply.cards[0]!.subtitle).toBe('no longer listed: removed from OFAC SDN List on 2021-12-17 · score 1.00');
    expect(fieldLines(reply)).toEqual([
      'Delisted 2021-12-17: Removed from OFAC SDN List',
      'Added 2021-12-10: Added to OFAC SDN List; first seen in its version of this day, so designated on or before it',
    ]);
    expect(ctx.catalog.search('SEK Studio').hits.map((h) => h.entity.id)).not.toContain('ofac-sdn-34022');
    expect(fieldLines(await sanctions('history ofac-sdn-34022', ctx))).toEqual(fieldLines(reply));
  });

  it('says what changed: programs and aliases added, a name respelled', async () => {
    const zakir = await sanctions('history Zakir Shohrat', ctx);
    const [changed, designated] = fieldLines(zakir);
    expect(changed).toMatch(/^Changed 2021-12-17: /);
    expect(changed).toContain('Program added: HK-EO13936');
    expect(changed).toContain('Alias added: ZAKIR, Shohret');
    // The program it was designated under, before the change added one.
    expect(designated).toBe('Designated 2021-12-10: Added to OFAC SDN List under GLOMAG');

    const renamed = await sanctions('history Milan Mihailovic', ctx);
    expect(fieldLines(renamed)[0]).toBe('Changed 2021-12-17: Renamed from MIHAJLOVIC, Milan to MIHAILOVIC, Milan');
  });

  it('answers for an entity listed again from the catalog, with its whole history', async () => {
    await importSdn(SDN_2021_12_10, '2021-12-24');
    const reply = await sanctions('history SEK Studio', ctx);
    expect(reply.cards[0]!.subtitle).toMatch(/^organization · OFAC SDN List — DPRK3, designated 2021-12-24/);
    expect(reply.cards[0]!.fields.map((f) => f.label)).toEqual(['Designated 2021-12-24', 'Delisted 2021-12-17', 'Added 2021-12-10']);
  });

  it('shows the newest events of a long history and counts the earlier ones', async () => {
    const versions = MAX_EVENTS_SHOWN + 3;
    for (let day = 1; day <= versions; day++) {
      const path = sdnFile(`tiny-${day}`, `990001,"TINY HISTORY TRADING COMPANY",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Website www.tiny-${day}.example."\n`);
      await importList(store, 'ofac-csv', [path], { versionDate: `2022-01-${String(day).padStart(2, '0')}`, listId: 'tiny' });
    }
    await ctx.catalog.reload();
    const reply = await sanctions('history Tiny History Trading', ctx);
    const labels = reply.cards[0]!.fields.map((f) => f.label);
    // The newest first, then when it was designated: on the list's first version, so before any event.
    expect(labels).toEqual([...Array.from({ length: MAX_EVENTS_SHOWN }, (_, i) => `Changed 2022-01-${String(versions - i).padStart(2, '0')}`), 'Designated']);
    expect(reply.text).toBe(`History of TINY HISTORY TRADING COMPANY: ${versions - 1} recorded list changes`);
    expect(reply.notes).toEqual([`${versions - 1 - MAX_EVENTS_SHOWN} earlier events not shown.`]);
    expect(reply.cards[0]!.fields[0]!.value).toMatch(/^Identifiers? added: .*tiny-13\.example.*Identifiers? removed: .*tiny-12\.example/);
  });
});

describe.each(dialects.filter((d) => d.available))('delisted entities on $name', (dialect) => {
  it("are read from the store's removals, newest first, and found by history", async () => {
    const other = await dialect.fresh().open();
    try {
      const row = (id: number, name: string) => `${id},"${name}",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `;
      const versions: [string, number[]][] = [['2023-03-01', [1, 2, 3]], ['2023-03-02', [2, 3]], ['2023-03-03', [3]]];
      for (const [date, ids] of versions) {
        const names = ['', 'FIRST GONE TRADING', 'SECOND GONE SHIPPING', 'STILL LISTED HOLDINGS'];
        await importList(other, 'ofac-csv', [sdnFile(`${dialect.name}-${date}`, ids.map((id) => row(id, names[id]!)).join('\n'))], { versionDate: date });
      }
      expect((await other.removals()).map((e) => [e.entityId, e.kind, e.date])).toEqual([
        ['ofac-sdn-2', 'removed', '2023-03-03'],
        ['ofac-sdn-1', 'removed', '2023-03-02'],
      ]);
      const here = { ...ctx, store: other, catalog: await loadCatalog(other) };
      expect(fieldLines(await sanctions('history First Gone Trading', here))).toEqual([
        'Delisted 2023-03-02: Removed from OFAC SDN List',
        'Designated: before the first version of the list the bot imported',
      ]);
    } finally {
      await other.close();
    }
  });
});
