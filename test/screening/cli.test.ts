// `sanctions-bot screen FILE.csv [--json] [--out FILE]` as a user runs it: a child process on a fresh SQLite file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESULT_COLUMNS } from '../../src/screening/result.ts';

const BIN = fileURLToPath(new URL('../../bin/sanctions-bot.js', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/screening/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'screen-cli-test-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'cli.db')}`, LOG_LEVEL: 'silent' };

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], { env, cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('sanctions-bot screen', () => {
  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    // The first command on an empty database imports the bundled lists.
    first = await run('screen', fixture('customers.csv'));
  }, 120_000);

  it('writes the result CSV to stdout and the summary to stderr', () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Screened customers\.csv: 16 rows, 7 strong matches, 2 possible matches\.\n$/);
    // Standard output is for programs: no byte order mark.
    expect(first.stdout.startsWith('"row","name"')).toBe(true);
    const records = parse(first.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([...RESULT_COLUMNS]);
    expect(records.map((r) => r.result)).toEqual(['strong', 'strong', 'strong', 'strong', 'possible', 'strong', 'strong', 'possible', 'none', 'none', 'none', 'none', 'strong', 'none', 'none', 'none']);
    expect(records[2]).toMatchObject({ name: 'Kim Jong-un', best_match: 'KIM, Jong Un', entity_id: 'ofac-sdn-20157', programs: 'DPRK3' });
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await run('screen', fixture('semicolon-windows-1252.csv'), '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { row: number; result: string; score: number | null; match: { id: string } | null; why: string }[];
    expect(rows.map((r) => [r.row, r.result, r.match?.id ?? null])).toEqual([
      [2, 'strong', 'ofac-sdn-12927'],
      [3, 'strong', 'ofac-sdn-306'],
      [4, expect.stringMatching(/^(possible|none)$/), expect.anything()],
      [5, 'strong', 'ofac-sdn-33951'],
    ]);
    expect(rows[0]!.why).toContain("country IR is the listing's: raises");
  });

  it('writes a file Excel opens as UTF-8 with --out', async () => {
    const out = join(dir, 'result.csv');
    const { code, stdout, stderr } = await run('screen', fixture('bom.csv'), '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Result: ${out}`);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeff"row"')).toBe(true);
    expect(parse(text, { bom: true, columns: true })).toMatchObject([{ name: 'Erken Tuniyaz', result: 'strong' }, { name: '김정은' }, { name: 'Qwxzv Plorkt Trading', result: 'none' }]);
  });

  it('never writes over an existing file unless told to with --force', async () => {
    const out = join(dir, 'kept.csv');
    writeFileSync(out, 'my own work\n');
    const refused = await run('screen', fixture('bom.csv'), '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`sanctions-bot: ${out} exists already; --force writes over it\n`);
    expect(readFileSync(out, 'utf8')).toBe('my own work\n');
    const forced = await run('screen', fixture('bom.csv'), '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('\ufeff"row"')).toBe(true);
    expect((await run('screen', fixture('bom.csv'), '--force')).stderr).toContain('--force goes with --out');
  });

  it('refuses a file it cannot screen with the file and the problem, and a non-zero exit', async () => {
    const tooMany = await run('screen', fixture('10001-rows.csv'));
    expect(tooMany.code).toBe(1);
    expect(tooMany.stdout).toBe('');
    expect(tooMany.stderr).toBe(`sanctions-bot: ${fixture('10001-rows.csv')}: the file has 10,001 rows; the limit is 10,000. Split it into smaller files.\n`);
    const image = await run('screen', fixture('logo.png'));
    expect(image.stderr).toContain('logo.png: this is a PNG image, not a CSV file of names.');
    expect((await run('screen', join(dir, 'missing.csv'))).stderr).toContain('missing.csv: no such file');
    expect((await run('screen')).stderr).toContain('screen needs a CSV file; usage: screen FILE.csv [--json] [--out FILE [--force]]');
  });
});
