// The `sanctions-bot` command as a user runs it: a child process on a fresh SQLite file.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/sanctions-bot.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
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

/** Runs it with `input` on its standard input; its output as it came. */
function runWithInput(input: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('node', [BIN, ...args], { env, cwd: dir });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('sanctions-bot CLI', () => {
  beforeAll(async () => {
    // The first command on an empty database imports the bundled lists.
    const first = await run('search', 'SEK Studio');
    expect(first.code).toBe(0);
    // One line a list, as it now stands: the earlier versions read to date designations are explained, not counted.
    expect(first.stderr).toMatch(/imported bundled list ofac-sdn: 14965 entities, version of 2024-05-03; its versions of 2021-12-09 and 2021-12-10 were read first/);
    expect(first.stderr).toMatch(/imported bundled list ofac-cons: 443 entities\n/);
    expect(first.stderr).not.toMatch(/removed/);
    // The index is kept beside the database, for the next call to start from.
    expect(existsSync(join(dir, 'cli.db-index'))).toBe(true);
  }, 120_000);

  it('answers a name a line from stdin with a JSON array a line, in order, for scripts', async () => {
    const { code, stdout } = await runWithInput('SEK Studio\n\nShahraat Zakir\r\nQwxzv Plorkt\nSensetime', 'search', '-', '--limit', '1');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    const answers = lines.map((line) => JSON.parse(line) as { id: string }[]);
    expect(answers.map((hits) => hits.map((h) => h.id))).toEqual([['ofac-sdn-34022'], [], ['ofac-sdn-34079'], [], ['ofac-cons-33114']]);
  });

  it('answers a line longer than any name with an error object, the moment it is too long, and goes on with the next', async () => {
    const child = spawn('node', [BIN, 'search', '-', '--limit', '1'], { env, cwd: dir });
    const answers: string[] = [];
    let pending = '';
    const waiters: (() => void)[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      answers.push(...lines);
      for (const wake of waiters.splice(0)) wake();
    });
    const answered = async (count: number) => {
      while (answers.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));

    child.stdin.write(`SEK Studio\n${'Kim '.repeat(60)}\n`);
    // 10 MB with no end of line yet: it is answered before its end arrives, so it was never held whole.
    const line = 'A'.repeat(1 << 20);
    for (let mb = 0; mb < 10; mb++) if (!child.stdin.write(line)) await new Promise((resolve) => child.stdin.once('drain', resolve));
    await answered(3);
    child.stdin.end('\nSensetime\n');
    expect(await closed).toBe(0);
    const parsed = answers.map((a) => JSON.parse(a) as { id: string }[] | { error: string });
    expect(parsed).toHaveLength(4);
    expect(parsed[0]).toMatchObject([{ id: 'ofac-sdn-34022' }]);
    expect(parsed[1]).toEqual({ error: 'line 2: longer than any listed name (200 characters at most); not searched' });
    expect(parsed[2]).toEqual({ error: 'line 3: longer than any listed name (200 characters at most); not searched' });
    expect(parsed[3]).toMatchObject([{ id: 'ofac-cons-33114' }]);
    const help = await run('help');
    expect(help.stdout + help.stderr).toMatch(/search - .*\n.*a line over 200 characters is answered \{"error": \.\.\.\}, not searched/);
  }, 60_000);

  it('adds the suggestions under their own key only when asked, keeping the array of --json as it was', async () => {
    const plain = await run('search', 'Noriega', '--json');
    expect(JSON.parse(plain.stdout)).toEqual([]);
    const text = await run('search', 'Noriega');
    const suggested = text.stdout.match(/Did you mean: ([^;?]+)/)?.[1];
    expect(suggested).toBeDefined();
    const withSuggestions = JSON.parse((await run('search', 'Noriega', '--json', '--suggestions')).stdout) as { hits: unknown[]; suggestions: { name: string; score: number }[] };
    expect(withSuggestions.hits).toEqual([]);
    expect(withSuggestions.suggestions[0]!.name).toBe(suggested);
    const lines = await runWithInput('Noriega\n', 'search', '-', '--suggestions');
    expect((JSON.parse(lines.stdout) as { suggestions: { name: string }[] }).suggestions[0]!.name).toBe(suggested);
    expect((await run('search', 'x', '--suggestions')).stderr).toMatch(/--suggestions goes with --json or -/);
  });

  it('prints the search contract as JSON, best first', async () => {
    const { code, stdout } = await run('search', 'SEK Studio', '--json');
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as Record<string, unknown>[];
    expect(Object.keys(hits[0]!).sort()).toEqual(
      ['aliases', 'countries', 'designated', 'id', 'lists', 'matched', 'name', 'programs', 'score', 'type'].sort(),
    );
    expect(hits[0]).toMatchObject({
      id: 'ofac-sdn-34022',
      name: 'SEK STUDIO',
      type: 'organization',
      score: 1,
      programs: ['DPRK3'],
      lists: ['OFAC SDN List'],
      designated: '2021-12-10',
    });
    expect(hits[0]!.countries).toContain('KP');
    const scores = hits.map((h) => h.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds names as the news spells them, and honours --limit', async () => {
    for (const [query, id] of [
      ['Shahraat Zakir', 'ofac-sdn-34079'],
      ['Sensetime', 'ofac-cons-33114'],
      ['Erken Tuniyaz', 'ofac-sdn-34119'],
    ]) {
      const hits = JSON.parse((await run('search', query!, '--json', '--limit', '1')).stdout) as { id: string }[];
      expect(hits.map((h) => h.id)).toEqual([id]);
    }
    expect(JSON.parse((await run('search', 'Mohammed', '--json')).stdout)).toEqual([]);
  });

  it('finds an entity by the id its cards and JSON show, as chat does', async () => {
    const [hit] = JSON.parse((await run('search', 'ofac-sdn-34079', '--json')).stdout) as { id: string; name: string; score: number }[];
    expect(hit).toMatchObject({ id: 'ofac-sdn-34079', name: 'ZAKIR, Shohrat', score: 1 });
    expect((await run('search', 'ofac-sdn-34022')).stdout).toMatch(/SEK STUDIO/);
  });

  it('says plainly when nothing matches', async () => {
    const { code, stdout } = await run('search', 'Qwxzv Plorkt');
    expect(code).toBe(0);
    expect(stdout).toMatch(/No designated entity matches "Qwxzv Plorkt"/);
  });

  it('imports a newer list version and reports the difference', async () => {
    const history = fileURLToPath(new URL('../data/ofac-sdn-history/', import.meta.url));
    // 9,146 entries in place of the bundled 14,965: more gone than the 20% shrink guard lets through without --force.
    const { code, stdout } = await run('import', 'ofac-csv', join(history, 'sdn-2021-12-10/sdn.csv'), '--date', '2021-12-11', '--force');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ofac-sdn: 9146 entities \(\d+ added, \d+ changed, \d+ removed\)/);
  }, 60_000);

  it('rejects bad usage and bad files with a clear message and a non-zero exit', async () => {
    expect((await run('search')).code).toBe(64);
    expect((await run('search', 'x', '--limit', 'lots')).stderr).toMatch(/--limit takes a whole number/);
    expect((await run('import', 'xml', 'a.xml')).stderr).toMatch(/import needs a format: ofac-csv, ofac-cons-csv, ftm/);
    const bad = join(dir, 'sdn.csv');
    writeFileSync(bad, '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\r\n306,"BANCO NACIONAL');
    const { code, stderr } = await run('import', 'ofac-csv', bad);
    expect(code).toBe(1);
    expect(stderr).toMatch(/sdn\.csv line 2: a quoted field is never closed/);
    expect(stderr).not.toMatch(/\n\s+at /);
    const missing = await run('import', 'ofac-csv', join(dir, 'nowhere', 'sdn.csv'));
    expect(missing).toMatchObject({ code: 1, stderr: `sanctions-bot: ${join(dir, 'nowhere', 'sdn.csv')}: no such file\n` });
  });
});
