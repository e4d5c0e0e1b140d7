// What a command-line search and a console start load: only what they use (CPU at every start, issue #15), never a
// chat SDK nobody configured nor the driver of a database not used; and the search reads the saved index.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const HOOK = fileURLToPath(new URL('./helpers/loaded-modules.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'startup-modules-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'silent' };
for (const key of Object.keys(env)) if (key.startsWith('SLACK_') || key.startsWith('DISCORD_')) delete env[key];

/** The packages a process loaded, by name (`@slack/bolt`, `pg`), from what the hook printed. */
function packages(stderr: string): Set<string> {
  const line = stderr.split('\n').find((l) => l.startsWith('loaded modules: '));
  const files = JSON.parse(line?.slice('loaded modules: '.length) ?? '[]') as string[];
  return new Set(files.flatMap((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? []));
}

const search = (...args: string[]) => promisify(execFile)('node', ['--require', HOOK, join(root, 'bin/sanctions-bot.js'), 'search', ...args], { env, cwd: dir });

const SDKS = ['discord.js', '@discordjs/rest', '@discordjs/ws', '@slack/bolt', '@slack/web-api'];

describe('what starting loads', () => {
  beforeAll(async () => {
    // The first call imports the bundled lists and saves the index beside the database.
    await search('SEK Studio');
  }, 180_000);

  it('a search: the saved index, SQLite, and no chat SDK or PostgreSQL driver', async () => {
    const index = join(dir, 'bot.db-index');
    const saved = statSync(index).mtimeMs;
    const { stdout, stderr } = await search('Shahraat Zakir', '--json');
    expect((JSON.parse(stdout) as { id: string }[])[0]?.id).toBe('ofac-sdn-34079');
    const loaded = packages(stderr);
    expect(loaded.has('better-sqlite3')).toBe(true);
    for (const unused of [...SDKS, 'pg']) expect(loaded.has(unused), unused).toBe(false);
    // Read, not built and written again.
    expect(statSync(index).mtimeMs).toBe(saved);
  });

  it('the console with nothing configured: no chat SDK', async () => {
    expect(existsSync(join(dir, 'bot.db'))).toBe(true);
    const child = spawn(process.execPath, ['--require', HOOK, join(root, 'bin/launch.js'), 'main'], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end('/sanctions SEK Studio\nexit\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/■ SEK STUDIO/);
    const loaded = packages(stderr);
    expect(loaded.has('better-sqlite3')).toBe(true);
    for (const unused of [...SDKS, 'pg']) expect(loaded.has(unused), unused).toBe(false);
  }, 60_000);
});
