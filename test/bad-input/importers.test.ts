// Bad files given to every importer (OFAC SDN and non-SDN CSV, FollowTheMoney entities and deltas): a clear ImportError naming the file and line, and the database as it was.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFtmDelta } from '../../src/designations/ftm.ts';
import { ImportError } from '../../src/designations/import-error.ts';
import { type ImportFormat, importList } from '../../src/designations/import.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, dialects } from '../helpers/databases.ts';
import { type Snapshot, snapshot } from './snapshot.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SDN = readFileSync(here('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv'), 'utf8');
const CONS = readFileSync(here('../../data/ofac-cons/cons_prim.csv'), 'utf8');
const ZALA = readFileSync(here('../fixtures/opensanctions/zala/entities.ftm.json'), 'utf8');
/** The first 400 entries of the SDN list of 10 Dec 2021: a real list, small enough to import often. */
const SDN_400 = `${SDN.split('\r\n').slice(0, 400).join('\r\n')}\r\n`;
const sdnLines = SDN_400.split('\r\n');
const zalaLines = ZALA.split('\n');
const tmp = mkdtempSync(join(tmpdir(), 'bad-import-'));

let files = 0;
/** A file named as its importer expects (sdn.csv, cons_prim.csv, entities.ftm.json), in a directory of its own. */
async function file(name: string, content: string | Buffer): Promise<string> {
  const dir = join(tmp, `case-${++files}`);
  await mkdir(dir);
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

/** `length` bytes of noise, the same every run: binary data as a wrong download gives it. */
function noise(length: number): Buffer {
  const blocks = [createHash('sha256').update('noise').digest()];
  while (blocks.length * 32 < length) blocks.push(createHash('sha256').update(blocks.at(-1)!).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

/** UTF-16 LE with a byte order mark, as Windows saves "Unicode text". */
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.from(utf16le(text).swap16());

interface BadFile {
  what: string;
  format: ImportFormat;
  name: string;
  content: () => string | Buffer;
  /** What the message says after the file's path: the line, where one can be named, and why. */
  says: RegExp;
  line: number | null;
}

const BAD_FILES: BadFile[] = [
  // OFAC SDN (sdn.csv, alt.csv, add.csv)
  { what: 'an empty sdn.csv', format: 'ofac-csv', name: 'sdn.csv', content: () => '', says: /^: the file is empty$/, line: null },
  { what: 'an sdn.csv of blank lines and the DOS end-of-file mark', format: 'ofac-csv', name: 'sdn.csv', content: () => ' \r\n\r\n\x1a', says: /^: the file is empty$/, line: null },
  { what: 'a 20 MB line', format: 'ofac-csv', name: 'sdn.csv', content: () => `${'A'.repeat(20 * 2 ** 20)}\r\n`, says: /^ line 1: ent_num "A+…" is not a number/, line: 1 },
  { what: 'random binary data', format: 'ofac-csv', name: 'sdn.csv', content: () => noise(4096), says: /^ line \d+: binary data \(character 0x[0-9a-f]{2,4}\), not a CSV text file$/, line: null },
  { what: 'a NUL byte in the middle of a real row', format: 'ofac-csv', name: 'sdn.csv', content: () => SDN_400.replace('AEROCARIBBEAN', 'AERO\u0000CARIBBEAN'), says: /^ line 1: binary data \(character 0x00\)/, line: 1 },
  { what: 'a file cut in the middle of a quoted field', format: 'ofac-csv', name: 'sdn.csv', content: () => SDN_400.slice(0, SDN_400.indexOf('"', SDN_400.indexOf(sdnLines[300]!) + 10)), says: /^ line 301: a quoted field is never closed/, line: 301 },
  { what: 'a file cut right after a comma', format: 'ofac-csv', name: 'sdn.csv', content: () => SDN_400.slice(0, SDN_400.lastIndexOf('",') + 2), says: /^ line 400: the file ends inside this line, with no line break after it \(the file is cut short\?\)$/, line: 400 },
  { what: 'a file cut inside an unquoted -0-', format: 'ofac-csv', name: 'sdn.csv', content: () => SDN_400.slice(0, SDN_400.lastIndexOf('-0-') + 2), says: /^ line 400: the file ends inside this line/, line: 400 },
  { what: 'a row with a column too many', format: 'ofac-csv', name: 'sdn.csv', content: () => sdnLines.map((l, i) => (i === 99 ? `${l},-0- ` : l)).join('\r\n'), says: /^ line 100: expected 12 columns .*, found 13$/, line: 100 },
  { what: 'a row whose ent_num is SQL', format: 'ofac-csv', name: 'sdn.csv', content: () => `${SDN_400}1 OR 1=1,"X",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n`, says: /^ line 401: ent_num "1 OR 1=1" is not a number$/, line: 401 },
  { what: 'terminal escapes in a field that is quoted back', format: 'ofac-csv', name: 'sdn.csv', content: () => `36,"X","\u202eindividual",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n`, says: /^ line 1: SDN_Type "\\u202eindividual" is not/, line: 1 },
  { what: 'a FollowTheMoney file given as sdn.csv', format: 'ofac-csv', name: 'sdn.csv', content: () => ZALA, says: /^ line 1: found JSON/, line: 1 },
  { what: 'an HTML error page saved as sdn.csv', format: 'ofac-csv', name: 'sdn.csv', content: () => '<!DOCTYPE html><html><body>503 Service Unavailable</body></html>', says: /^ line 1: found XML or HTML/, line: 1 },
  { what: 'UTF-16 text that is no list', format: 'ofac-csv', name: 'sdn.csv', content: () => utf16le('Name,Program\r\nSEK STUDIO,DPRK3\r\n'), says: /^ line 1: ent_num "Name" is not a number \(a header row\?/, line: 1 },
  // OFAC non-SDN (cons_prim.csv)
  { what: 'an empty cons_prim.csv', format: 'ofac-cons-csv', name: 'cons_prim.csv', content: () => '', says: /^: the file is empty$/, line: null },
  { what: 'a cons_prim.csv cut in a quoted field', format: 'ofac-cons-csv', name: 'cons_prim.csv', content: () => CONS.slice(0, CONS.lastIndexOf('"', CONS.length / 2)), says: /^ line \d+: (a quoted field is never closed|the file ends inside this line)/, line: null },
  { what: 'a cons_prim.csv with a short row', format: 'ofac-cons-csv', name: 'cons_prim.csv', content: () => CONS.split('\n').map((l, i) => (i === 4 ? '17001,"SHORT"\r' : l)).join('\n'), says: /^ line 5: expected 12 columns .*, found 2$/, line: 5 },
  { what: 'binary data as cons_prim.csv', format: 'ofac-cons-csv', name: 'cons_prim.csv', content: () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00]), says: /^ line 1: binary data/, line: 1 },
  // FollowTheMoney entities
  { what: 'an empty entities file', format: 'ftm', name: 'entities.ftm.json', content: () => '', says: /^: the file is empty$/, line: null },
  { what: 'bad JSON on line 7', format: 'ftm', name: 'entities.ftm.json', content: () => zalaLines.map((l, i) => (i === 6 ? l.slice(0, -20) : l)).join('\n'), says: /^ line 7: not valid JSON/, line: 7 },
  { what: 'a file cut in its last line', format: 'ftm', name: 'entities.ftm.json', content: () => ZALA.trimEnd().slice(0, -50), says: new RegExp(`^ line ${zalaLines.filter(Boolean).length}: not valid JSON`), line: zalaLines.filter(Boolean).length },
  { what: 'random binary data', format: 'ftm', name: 'entities.ftm.json', content: () => noise(4096), says: /^ line \d+: not (UTF-8 text|valid JSON)/, line: null },
  { what: 'Latin-1 bytes on line 3 (JSON is UTF-8)', format: 'ftm', name: 'entities.ftm.json', content: () => Buffer.concat([Buffer.from(zalaLines.slice(0, 2).join('\n') + '\n'), Buffer.from('{"id": "x", "schema": "Company", "target": true, "properties": {"name": ["Soci\u00e9t\u00e9 G\u00e9n\u00e9rale"]}}\n', 'latin1')]), says: /^ line 3: not UTF-8 text/, line: 3 },
  { what: 'JSON that is no entity', format: 'ftm', name: 'entities.ftm.json', content: () => `${zalaLines[0]}\n["SEK STUDIO"]\n`, says: /^ line 2: expected a FollowTheMoney entity/, line: 2 },
  { what: 'terminal escapes in bad JSON', format: 'ftm', name: 'entities.ftm.json', content: () => '\u001b]0;pwned\u0007\u001b[2J\n', says: /^ line 1: not valid JSON \(.*\\u001b.*\)$/, line: 1 },
  { what: 'records with no listed party', format: 'ftm', name: 'entities.ftm.json', content: () => zalaLines.filter((l) => l && !l.includes('"target": true')).join('\n'), says: /^: no listed party in it/, line: null },
  { what: 'an OFAC CSV given as FollowTheMoney', format: 'ftm', name: 'entities.ftm.json', content: () => SDN_400, says: /^ line 1: not valid JSON/, line: 1 },
  { what: 'a line of more than 64 MB', format: 'ftm', name: 'entities.ftm.json', content: () => `${zalaLines[0]}\n${'{'.repeat(65 * 2 ** 20)}`, says: /^ line 2: a line of more than 64 MB/, line: 2 },
];

afterAll(async () => {
  for (const dialect of dialects) if (dialect.available) await dialect.cleanup();
});

for (const dialect of dialects) {
  describe.runIf(dialect.available)(`bad list files on ${dialect.name}`, () => {
    let db: TestDatabase;
    let store: Store;
    let before: Snapshot;

    beforeAll(async () => {
      db = dialect.fresh();
      store = await db.open();
      await importList(store, 'ofac-csv', [await file('sdn.csv', SDN_400)], { versionDate: '2021-12-10' });
      await importList(store, 'ofac-cons-csv', [await file('cons_prim.csv', CONS)], { versionDate: '2025-04-01' });
      await importList(store, 'ftm', [await file('entities.ftm.json', ZALA)], { versionDate: '2024-05-27' });
      before = await snapshot(db, dialect.name);
    }, 120_000);

    afterAll(async () => {
      await store?.close();
    });

    for (const bad of BAD_FILES) {
      it(`refuses ${bad.what} (${bad.format}), naming the file${bad.line ? ` and line ${bad.line}` : ''}`, async () => {
        const path = await file(bad.name, bad.content());
        const error = await importList(store, bad.format, [path]).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ImportError);
        const { message, file: named, line } = error as ImportError;
        expect(named).toBe(path);
        expect(message.startsWith(path)).toBe(true);
        expect(message.slice(path.length)).toMatch(bad.says);
        if (bad.line !== null) expect(line).toBe(bad.line);
        // A message quotes the file, never copies it whole, and never sends a terminal a control character.
        expect(message.length).toBeLessThan(path.length + 300);
        expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(await store.countEntities()).toBe(before.entities!.rows);
      }, 60_000);
    }

    it('refuses to import no files at all, which would empty the list', async () => {
      for (const format of ['ofac-csv', 'ofac-cons-csv', 'ftm'] as const) {
        await expect(importList(store, format, [])).rejects.toThrow(ImportError);
      }
    });

    it('leaves every table as it was', async () => {
      expect(await snapshot(db, dialect.name)).toEqual(before);
    });
  });

  describe.runIf(dialect.available)(`list files in other encodings on ${dialect.name}`, () => {
    /** A fresh database holding `files` imported as `format`, and what it then holds. */
    async function importedFrom(format: ImportFormat, name: string, content: string | Buffer) {
      const store = await dialect.fresh().open();
      try {
        const summary = await importList(store, format, [await file(name, content)], { versionDate: '2024-01-01' });
        return { summary, entities: await store.loadEntities() };
      } finally {
        await store.close();
      }
    }

    it('decodes an OFAC or FollowTheMoney file saved as UTF-16 (either byte order, with its byte order mark) to the same entities as UTF-8', async () => {
      const cases: [ImportFormat, string, string][] = [
        ['ofac-csv', 'sdn.csv', SDN_400],
        ['ftm', 'entities.ftm.json', ZALA],
      ];
      for (const [format, name, text] of cases) {
        const utf8 = await importedFrom(format, name, text);
        expect(utf8.entities.length).toBeGreaterThan(10);
        for (const encoded of [utf16le(text), utf16be(text)]) {
          const other = await importedFrom(format, name, encoded);
          expect(other.summary.entities).toBe(utf8.summary.entities);
          expect(other.entities).toEqual(utf8.entities);
        }
      }
    }, 120_000);

    it('reads an OFAC file in Windows-1252 (bytes that are not UTF-8) as Windows-1252, curly quotes and accents included', async () => {
      const row = '99999,"BANCO DE CR\u00c9DITO \u2018EL N\u00daCLEO\u2019 S.A.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Caf\u00e9 \u2013 Linked To: X."\r\n';
      const cp1252 = Buffer.from(row.replace('\u2018', '\x91').replace('\u2019', '\x92').replace('\u2013', '\x96'), 'latin1');
      const { entities } = await importedFrom('ofac-csv', 'sdn.csv', Buffer.concat([Buffer.from(SDN_400), cp1252]));
      expect(entities.find((e) => e.id === 'ofac-sdn-99999')).toMatchObject({ name: 'BANCO DE CR\u00c9DITO \u2018EL N\u00daCLEO\u2019 S.A.', remarks: 'Caf\u00e9 \u2013 Linked To: X.' });
    }, 60_000);
  });
}

describe('sanctions-bot import, as a user runs it', () => {
  const BIN = here('../../bin/sanctions-bot.js');
  const dbFile = join(tmp, 'cli', 'bot.db');
  const db = {
    url: `file:${dbFile}`,
    open: () => openStore(`file:${dbFile}`),
    async query(text: string) {
      const sqliteDb = new Database(dbFile, { readonly: true });
      try {
        return sqliteDb.prepare(text).all() as Record<string, unknown>[];
      } finally {
        sqliteDb.close();
      }
    },
  };
  let before: Snapshot;

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' };
    return promisify(execFile)(process.execPath, [BIN, ...args], { env, cwd: tmp, maxBuffer: 2 ** 24 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  beforeAll(async () => {
    await mkdir(join(tmp, 'cli'));
    // A database that holds a list already: the CLI imports the bundled lists only into an empty one.
    const store = await db.open();
    await importList(store, 'ofac-csv', [await file('sdn.csv', SDN_400)], { versionDate: '2021-12-10' });
    await store.close();
    before = await snapshot(db, 'sqlite');
  }, 60_000);

  it('refuses bad files with one line naming the file and line, exit code 1, and no stack trace', async () => {
    const cases: [string, string, string | Buffer, RegExp][] = [
      ['ofac-csv', 'sdn.csv', noise(2048), /line \d+: binary data/],
      ['ofac-csv', 'sdn.csv', '', /: the file is empty$/],
      ['ofac-cons-csv', 'cons_prim.csv', CONS.slice(0, CONS.length / 3), /line \d+: (a quoted field is never closed|the file ends inside this line|expected 12 columns)/],
      ['ftm', 'entities.ftm.json', zalaLines.map((l, i) => (i === 6 ? '{"id": \u001b[31m' : l)).join('\n'), /line 7: not valid JSON/],
    ];
    for (const [format, name, content, says] of cases) {
      const path = await file(name, content);
      const { code, stdout, stderr } = await cli('import', format, path);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.startsWith(`sanctions-bot: ${path}`)).toBe(true);
      expect(stderr.trimEnd()).toMatch(says);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]|\bat .*\.ts:\d+/);
    }
    expect(await snapshot(db, 'sqlite')).toEqual(before);
  }, 60_000);

  it('imports the same list saved as UTF-16 as no change at all', async () => {
    const { code, stdout } = await cli('import', 'ofac-csv', await file('sdn.csv', utf16le(SDN_400)), '--date', '2021-12-10');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ofac-sdn: 400 entities \(0 added, 0 changed, 0 removed\)/);
  }, 60_000);
});

describe('FollowTheMoney deltas', () => {
  const ops = (text: string) => {
    try {
      return parseFtmDelta(text, 'entities.delta.json');
    } catch (e) {
      return e as ImportError;
    }
  };

  it('names the line of bad JSON, a missing or unknown op, and quotes an absurd op briefly', () => {
    const add = '{"op": "ADD", "entity": {"id": "x", "schema": "Company", "target": true, "properties": {"name": ["SEK"]}}}';
    expect(ops(`${add}\n${add}\n{"op": "ADD", "entity": {`)).toMatchObject({ line: 3, message: expect.stringMatching(/^entities\.delta\.json line 3: not valid JSON/) });
    expect(ops(`${add}\n\n{"op": ${JSON.stringify('\u001b[2J' + 'X'.repeat(100_000))}}`)).toMatchObject({
      line: 3,
      message: expect.stringMatching(/^entities\.delta\.json line 3: expected a delta line with op ADD, MOD or DEL, found "\\u001b\[2JX+…"$/),
    });
    expect(ops('{"op": ["ADD"]}')).toMatchObject({ line: 1, message: expect.stringMatching(/found a list$/) });
    expect(ops('{"op": "DEL", "entity": {"id": 1}}')).toMatchObject({ line: 1, message: expect.stringMatching(/a DEL line needs entity.id/) });
    expect(ops('\u0000\u0001')).toBeInstanceOf(ImportError);
    expect((ops('\u0000\u0001') as ImportError).message).not.toMatch(/[\u0000-\u001f]/);
    expect(ops('')).toEqual([]);
  });
});
