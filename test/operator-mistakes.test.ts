// Mistakes an operator makes, as they make them (real child processes): a cut list file imported, a DATABASE_URL that names no database.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin/sanctions-bot.js');
const SDN = join(root, 'data/ofac-sdn/sdn.csv');

async function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', args, { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, cwd });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The first `lines` lines of the bundled sdn.csv, cut at a line boundary as a truncated download or a test file would be. */
function cutSdn(dir: string, lines: number): string {
  // The importer goes by OFAC's file names.
  const path = join(mkdtempSync(join(dir, `cut-${lines}-`)), 'sdn.csv');
  writeFileSync(path, `${readFileSync(SDN, 'utf8').split('\n').slice(0, lines).join('\n')}\n`);
  return path;
}

describe('sanctions-bot import of a cut list file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-shrink-'));
  const env = { DATABASE_URL: `file:${join(dir, 'bot.db')}` };
  const cli = (...args: string[]) => run([BIN, ...args], env, dir);

  beforeAll(async () => {
    expect((await cli('search', 'SEK Studio')).stderr).toMatch(/imported bundled list ofac-sdn: 14965 entities/);
  }, 120_000);

  it('refuses a file that would remove more than 20% of the list, naming --force, and changes nothing', async () => {
    for (const [lines, removed] of [
      [9_000, 5_965],
      [500, 14_465],
    ] as const) {
      const { code, stderr } = await cli('import', 'ofac-csv', cutSdn(dir, lines));
      expect(code).toBe(1);
      expect(stderr).toContain(`would remove ${removed} of 14965 entries`);
      expect(stderr).toMatch(/more than the 20% allowed at once\. Nothing was imported: .* run the import again with --force\.\n$/);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
    expect((await cli('search', 'SEK Studio', '--json', '--limit', '1')).stdout).toContain('"name": "SEK STUDIO"');
  }, 120_000);

  it('imports it with --force', async () => {
    const { code, stdout } = await cli('import', 'ofac-csv', cutSdn(dir, 9_000), '--force');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ofac-sdn: 9000 entities \(0 added, \d+ changed, 5965 removed\)/);
  }, 120_000);
});

describe('a DATABASE_URL that names no database', () => {
  it.each([
    ['nonsense', /DATABASE_URL is neither a PostgreSQL URL nor a SQLite file\. Expected .*\.db, \.sqlite or \.sqlite3/],
    ['data', /DATABASE_URL is neither a PostgreSQL URL nor a SQLite file/],
    ['file:/nonexistent/dir/x.db', /DATABASE_URL names a SQLite file in \/nonexistent\/dir, which is not an existing directory/],
    ['./missing/x.db', /DATABASE_URL names a SQLite file in .*\/missing, which is not an existing directory/],
  ])('%s: the bot and the CLI stop naming DATABASE_URL, and create nothing', async (url, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'database-url-'));
    // tsx by its path: the working directory, where it would be looked up, is an empty one.
    const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
    for (const args of [['--import', tsx, join(root, 'main.ts')], [BIN, 'search', 'SEK Studio']]) {
      const { code, stderr } = await run(args, { DATABASE_URL: url }, dir);
      expect(code).toBe(1);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync('/nonexistent')).toBe(false);
  }, 60_000);

  it('takes a SQLite file in an existing directory, in any explicit form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'database-url-'));
    for (const url of ['bot.db', 'bot.sqlite', `file:${join(dir, 'other')}`, `file://${join(dir, 'third.sqlite3')}`]) {
      const { code, stdout } = await run([BIN, 'feedback'], { DATABASE_URL: url }, dir);
      expect(code).toBe(0);
      expect(stdout).toMatch(/verdict/i);
    }
    expect(readdirSync(dir).filter((f) => !/-(wal|shm)$/.test(f)).sort()).toEqual(['bot.db', 'bot.sqlite', 'other', 'third.sqlite3']);
  }, 60_000);
});
