// Refreshing a list from where it is published, on real OFAC versions and a real database: alerts per channel, dates, guards, other processes.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts } from '../../src/alerts/list-alerts.ts';
import type { Subscription } from '../../src/alerts/subscription.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import type { ListSource } from '../../src/designations/list-sources.ts';
import { type RefreshOptions, refreshLists } from '../../src/designations/refresh.ts';
import { startListRefresher } from '../../src/designations/refresher.ts';
import type { Reply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, dialects } from '../helpers/databases.ts';

const data = (f: string) => fileURLToPath(new URL(`../../data/${f}`, import.meta.url));
// Each day's sdn.csv with the alias and address files OFAC publishes beside it (the bundled copies,
// joined by ent_num): the 10 Dec 2021 sdn.csv alone gives the Rapid Action Battalion no country.
const ALT = data('ofac-sdn/alt.csv');
const ADD = data('ofac-sdn/add.csv');
const DEC_09 = data('ofac-sdn-history/sdn-2021-12-09/sdn.csv');
const DEC_10 = data('ofac-sdn-history/sdn-2021-12-10/sdn.csv');
const tmp = mkdtempSync(join(tmpdir(), 'refresh-test-'));
const ADMIN = { platform: 'slack', channelId: 'CADMIN' };
/** A path for a file of the given name in its own folder: the OFAC importer goes by file names. */
const tmpFile = (folder: string, name: string) => (mkdirSync(join(tmp, folder), { recursive: true }), join(tmp, folder, name));

const sdnFrom = (sdn: string): ListSource => ({ id: 'ofac-sdn', format: 'ofac-csv', files: [sdn, ALT, ADD] });
const at = (iso: string) => () => new Date(iso);

/** OFAC's list server, standing in: files with the Last-Modified they were published with, and /status/<code>. */
interface ListServer {
  url(path: string): string;
  put(path: string, body: Buffer | string, lastModified: string): void;
  requests: string[];
  close(): Promise<void>;
}

async function startListServer(): Promise<ListServer> {
  const files = new Map<string, { body: Buffer; lastModified: string }>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const status = /^\/status\/(\d{3})$/.exec(path)?.[1];
    const file = files.get(path);
    if (status) res.writeHead(Number(status)).end('server error');
    else if (file) res.writeHead(200, { 'content-type': 'text/csv', 'last-modified': file.lastModified }).end(file.body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    put: (path, body, lastModified) => void files.set(path, { body: Buffer.from(body), lastModified }),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let server: ListServer;
beforeAll(async () => {
  server = await startListServer();
});
afterAll(async () => {
  await server.close();
  for (const dialect of dialects) if (dialect.available) await dialect.cleanup();
});

interface QueuedAlert {
  platform: string;
  channelId: string;
  dedupeKey: string;
  payload: Reply;
}

async function outbox(db: TestDatabase): Promise<QueuedAlert[]> {
  const rows = await db.query('SELECT platform, channel_id AS "channelId", dedupe_key AS "dedupeKey", payload FROM outbox ORDER BY id');
  return rows.map((row) => ({ ...(row as Omit<QueuedAlert, 'payload'>), payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload }) as QueuedAlert);
}

/** Every name an alert shows: its cards' titles and its notes. */
const namesIn = (reply: Reply) => [...reply.cards.map((c) => c.title), ...reply.notes].join('\n');

async function subscribe(store: Store, platform: string, channelId: string, kind: Subscription['kind'], value: string): Promise<void> {
  await store.addSubscription({ platform, channelId, kind, value, createdBy: 'U1', createdAt: '2021-12-01T00:00:00.000Z' });
}

/** What must not move when a refresh is refused. */
async function snapshot(store: Store) {
  return { entities: await store.countEntities(), events: (await store.events()).length, versions: await store.listVersions() };
}

for (const dialect of dialects) {
  describe.runIf(dialect.available)(`refreshing lists on ${dialect.name}`, () => {
    let db: TestDatabase;
    let store: Store;
    let catalog: Catalog;
    const options = (extra: Partial<RefreshOptions> = {}): RefreshOptions => ({ store, catalog, alerts: listAlerts(store, catalog), adminChannel: ADMIN, ...extra });

    /** A fresh database holding OFAC's SDN list of 9 Dec 2021, imported by a refresh. */
    async function baseline(): Promise<void> {
      db = dialect.fresh();
      store = await db.open();
      catalog = await loadCatalog(store);
      const [first] = await refreshLists([sdnFrom(DEC_09)], options({ now: at('2021-12-09T22:00:00Z') }));
      expect(first).toMatchObject({ error: null, summary: { added: 0, unchanged: false } });
    }

    it('downloads the next version, alerts each channel once with the changes it follows, and dates the new designations', async () => {
      await baseline();
      try {
        await subscribe(store, 'slack', 'C-NK', 'country', 'KP');
        await subscribe(store, 'discord', '900000000000000001', 'country', 'BD');
        await subscribe(store, 'slack', 'C-IR', 'country', 'IR');
        const published = 'Fri, 10 Dec 2021 21:05:00 GMT';
        server.put('/dec10/SDN.CSV', readFileSync(DEC_10), published);
        server.put('/dec10/ALT.CSV', readFileSync(ALT), published);
        server.put('/dec10/ADD.CSV', readFileSync(ADD), published);
        const source: ListSource = { id: 'ofac-sdn', format: 'ofac-csv', files: ['/dec10/SDN.CSV', '/dec10/ALT.CSV', '/dec10/ADD.CSV'].map(server.url) };

        // Today's clock: the version is dated by the day its server says it was published.
        const [outcome] = await refreshLists([source], options());
        expect(outcome).toMatchObject({ listId: 'ofac-sdn', error: null, summary: { added: 25, removed: 0, unchanged: false } });
        expect((await store.listVersions())[0]).toMatchObject({ versionDate: '2021-12-10', source: source.files.join(' + ') });
        expect(await store.getEntity('ofac-sdn-34022')).toMatchObject({ name: 'SEK STUDIO', designated: '2021-12-10' });
        // The catalog the bot answers from was reloaded.
        expect(catalog.search('SEK Studio').hits[0]?.entity).toMatchObject({ name: 'SEK STUDIO', designated: '2021-12-10' });

        const added = await Promise.all((await store.events()).filter((e) => e.kind === 'added').map((e) => store.getEntity(e.entityId)));
        const addedIn = (country: string) => added.filter((e) => e!.countries.includes(country)).map((e) => e!.name);
        expect(addedIn('KP')).toEqual(expect.arrayContaining(['SEK STUDIO', 'RI, Yong Gil']));
        expect(addedIn('BD')).toEqual(expect.arrayContaining(['RAPID ACTION BATTALION', 'AHMED, Benazir']));
        expect(addedIn('IR')).toEqual([]);

        const alerts = await outbox(db);
        expect(alerts.map((a) => a.channelId).sort()).toEqual(['900000000000000001', 'C-NK']);
        const nk = alerts.find((a) => a.channelId === 'C-NK')!;
        for (const name of addedIn('KP')) expect(namesIn(nk.payload)).toContain(name);
        expect(namesIn(nk.payload)).not.toContain('RAPID ACTION BATTALION');
        expect(nk.payload.text).toMatch(/^OFAC SDN List, 2021-12-10: \d+ new designations — /);
        const sek = nk.payload.cards.find((c) => c.title === 'SEK STUDIO')!;
        expect(sek.subtitle).toBe('designated 2021-12-10 · organization');
        expect(sek.fields).toEqual(
          expect.arrayContaining([
            { label: 'Listed', value: 'OFAC SDN List — DPRK3, designated 2021-12-10' },
            { label: 'This channel follows', value: 'country North Korea (KP)' },
          ]),
        );
        const bd = alerts.find((a) => a.platform === 'discord')!;
        for (const name of addedIn('BD')) expect(namesIn(bd.payload)).toContain(name);
        expect(namesIn(bd.payload)).not.toContain('SEK STUDIO');

        // The same version again: nothing written, nothing queued.
        const before = await snapshot(store);
        const [again] = await refreshLists([source], options());
        expect(again?.summary?.unchanged).toBe(true);
        expect(await snapshot(store)).toEqual(before);
        expect(await outbox(db)).toHaveLength(2);
      } finally {
        await store.close();
      }
    }, 120_000);

    it('reads file paths: dates new designations, alerts the material changes of the real 15 Dec 2021 action, and a delisting', async () => {
      await baseline();
      try {
        await subscribe(store, 'slack', 'C-KP', 'country', 'KP');
        const [dec10] = await refreshLists([sdnFrom(DEC_10)], options({ now: at('2021-12-10T23:00:00Z') }));
        expect(dec10?.summary).toMatchObject({ added: 25 });
        expect(await store.getEntity('ofac-sdn-34022')).toMatchObject({ designated: '2021-12-10' });
        expect((await outbox(db)).map((a) => a.channelId)).toEqual(['C-KP']);

        await subscribe(store, 'slack', 'C-MX', 'country', 'MX');
        await subscribe(store, 'discord', '900000000000000002', 'program', 'ILLICIT-DRUGS-EO');
        const dec16 = fileURLToPath(new URL('../fixtures/ofac/sdn-2021-12-16/sdn.csv', import.meta.url));
        const [outcome] = await refreshLists([sdnFrom(dec16)], options({ now: at('2021-12-16T22:00:00Z') }));
        expect(outcome?.summary).toMatchObject({ added: 8, removed: 0 });
        const alerts = (await outbox(db)).slice(1);
        expect(alerts.map((a) => a.channelId)).toEqual(['C-MX', '900000000000000002']);

        const mx = alerts[0]!.payload;
        expect(mx.text).toMatch(/^OFAC SDN List, 2021-12-16: 2 new designations, \d+ changed listings — GUERREROS UNIDOS; LOS ROJOS; /);
        const zambada = [...mx.cards].find((c) => c.title === 'ZAMBADA GARCIA, Ismael');
        const changed = (await store.events(zambada!.footer)).find((e) => e.kind === 'changed');
        expect(changed?.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['aliases', 'programs', 'identifiers']));
        const what = zambada?.fields.find((f) => f.label === 'What changed')?.value;
        expect(what).toBe('aliases added: El Mayo, Mayo; program added: ILLICIT-DRUGS-EO');

        // A program's follower hears of all 25 entries it now covers, bounded: 9 cards, the rest named in a note.
        const program = alerts[1]!.payload;
        const events = (await store.events()).filter((e) => e.date === '2021-12-16');
        expect(program.cards).toHaveLength(9);
        expect(program.notes).toHaveLength(1);
        expect(program.notes[0]).toMatch(new RegExp(`^And ${events.length - 9} more: `));
        for (const e of events) expect(namesIn(program)).toContain(e.name);

        // SEK STUDIO delisted: its followers hear of it, as it was listed.
        await subscribe(store, 'slack', 'C-SEK', 'entity', 'ofac-sdn-34022');
        const delisted = tmpFile('delisted', 'sdn.csv');
        writeFileSync(delisted, readFileSync(dec16, 'latin1').split('\n').filter((line) => !line.startsWith('34022,')).join('\n'), 'latin1');
        const [removal] = await refreshLists([sdnFrom(delisted)], options({ now: at('2021-12-17T22:00:00Z') }));
        expect(removal?.summary).toMatchObject({ added: 0, changed: 0, removed: 1 });
        expect(await store.getEntity('ofac-sdn-34022')).toBeNull();
        expect(catalog.entity('ofac-sdn-34022')).toBeUndefined();
        const delistings = (await outbox(db)).slice(3);
        expect(delistings.map((a) => a.channelId)).toEqual(['C-KP', 'C-SEK']);
        for (const { payload } of delistings) {
          expect(payload.text).toBe('OFAC SDN List, 2021-12-17: 1 delisting — SEK STUDIO');
          expect(payload.cards).toHaveLength(1);
          expect(payload.cards[0]).toMatchObject({ title: 'SEK STUDIO', subtitle: 'delisted 2021-12-17 · organization' });
          expect(payload.cards[0]!.fields[0]).toEqual({ label: 'Was listed', value: 'OFAC SDN List — DPRK3, designated 2021-12-10' });
        }
        expect(delistings[1]!.payload.cards[0]!.fields.at(-1)).toEqual({ label: 'This channel follows', value: 'entity SEK STUDIO (ofac-sdn-34022)' });
      } finally {
        await store.close();
      }
    }, 120_000);

    it('leaves the list as it was and tells the admin channel once when a file fails to download or parse, or shrinks too much', async () => {
      await baseline();
      try {
        await subscribe(store, 'slack', 'C-ALL', 'program', 'SDGT');
        const before = await snapshot(store);
        const adminAlerts = async () => (await outbox(db)).filter((a) => a.channelId === ADMIN.channelId);
        const refused = async (source: ListSource, error: RegExp) => {
          const [outcome] = await refreshLists([source], options({ now: at('2021-12-10T23:00:00Z') }));
          expect(outcome).toMatchObject({ summary: null, error: expect.stringMatching(error) });
          expect(await snapshot(store)).toEqual(before);
          return outcome!.error!;
        };
        const text = readFileSync(DEC_10, 'latin1');
        const published = 'Fri, 10 Dec 2021 21:05:00 GMT';

        server.put('/truncated/SDN.CSV', text.slice(0, Math.floor(text.length / 2)), published);
        const truncated = await refused({ ...sdnFrom(DEC_10), files: [server.url('/truncated/SDN.CSV'), ALT, ADD] }, /line \d+/);
        // Named by its URL, not by the temporary copy the importer read.
        expect(truncated).toContain(server.url('/truncated/SDN.CSV'));

        const malformed = tmpFile('malformed', 'sdn.csv');
        writeFileSync(malformed, readFileSync(fileURLToPath(new URL('../fixtures/opensanctions/t1/entities.ftm.json', import.meta.url))));
        await refused(sdnFrom(malformed), /sdn\.csv line 1/);

        await refused({ ...sdnFrom(DEC_10), files: [server.url('/status/500'), ALT, ADD] }, /HTTP 500/);

        // A quarter of the entries gone at once: likelier a broken export than OFAC's day.
        const lines = text.split('\n');
        const shrunk = tmpFile('shrunk', 'sdn.csv');
        writeFileSync(shrunk, lines.filter((_, i) => i % 4 !== 0).join('\n'), 'latin1');
        await refused(sdnFrom(shrunk), /would remove \d+ of 9121 entries \(2\d%\), more than the 20% allowed at once/);

        const notices = await adminAlerts();
        expect(notices).toHaveLength(4);
        expect(notices.map((n) => n.payload.text)).toEqual([
          expect.stringMatching(/^List ofac-sdn was not refreshed and is left as it was: .*truncated\/SDN\.CSV line \d+/),
          expect.stringMatching(/sdn\.csv line 1/),
          expect.stringContaining(`download of ${server.url('/status/500')} failed: HTTP 500`),
          expect.stringContaining('would remove'),
        ]);
        // No channel heard of any of it; the same failure again the same day is not told twice.
        expect(await outbox(db)).toHaveLength(4);
        await refused({ ...sdnFrom(DEC_10), files: [server.url('/status/500'), ALT, ADD] }, /HTTP 500/);
        expect(await adminAlerts()).toHaveLength(4);

        // A version and its alerts are written in one transaction: an alert the outbox refuses undoes the import.
        const unqueueable = [{ platform: null as unknown as string, channelId: 'C-ALL', dedupeKey: 'broken', payload: {} }];
        const [outcome] = await refreshLists([sdnFrom(DEC_10)], options({ now: at('2021-12-10T23:00:00Z'), alerts: () => unqueueable }));
        expect(outcome?.summary).toBeNull();
        expect(await snapshot(store)).toEqual(before);
        expect(await outbox(db)).toHaveLength(5);
      } finally {
        await store.close();
      }
    }, 120_000);

    it('refreshes on the schedule only where shouldRun says so, and every process picks up the new version', async () => {
      await baseline();
      const other = await db.open();
      try {
        const otherCatalog = await loadCatalog(other);
        const scheduled = `/scheduled-${dialect.name}/SDN.CSV`;
        expect(otherCatalog.entity('ofac-sdn-34022')).toBeUndefined();
        server.put(scheduled, readFileSync(DEC_10), 'Fri, 10 Dec 2021 21:05:00 GMT');
        let leading = false;
        let asked = 0;
        const follower = startListRefresher({
          ...options(),
          store: other,
          catalog: otherCatalog,
          alerts: listAlerts(other, otherCatalog),
          sources: [{ ...sdnFrom(DEC_10), files: [server.url(scheduled), ALT, ADD] }],
          schedule: '* * * * * *',
          watchSchedule: '* * * * * *',
          shouldRun: () => (asked++, leading),
        });
        try {
          // The leader (this test's own process) imports the new version; the follower's catalog catches up on its own.
          await refreshLists([sdnFrom(DEC_10)], options({ now: at('2021-12-10T23:00:00Z') }));
          await waitFor(() => otherCatalog.entity('ofac-sdn-34022') !== undefined, 15_000);
          expect(asked).toBeGreaterThan(0);
          expect(server.requests).not.toContain(scheduled);
          expect(await follower.checkNow()).toBe(false);

          leading = true;
          await waitFor(() => server.requests.includes(scheduled), 15_000);
        } finally {
          await follower.stop();
        }
      } finally {
        await other.close();
        await store.close();
      }
    }, 120_000);
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms`);
    await sleep(50);
  }
}
