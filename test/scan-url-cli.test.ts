// `sanctions-bot scan --url URL [--json]` as a user runs it: a child process, a page on 127.0.0.1, FEED_ALLOW_PRIVATE honoured.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from './helpers/feed-server.ts';

const BIN = fileURLToPath(new URL('../bin/sanctions-bot.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'scan-url-'));
const PAGE = readFileSync(new URL('fixtures/pages/kremlin-talks.html', import.meta.url), 'utf8');

async function run(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv = { ...process.env, DATABASE_URL: `file:${join(dir, 'cli.db')}`, LOG_LEVEL: 'silent', FEED_ALLOW_PRIVATE: '', ...env };
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], { env: childEnv, cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.put('/kremlin-talks', PAGE, 'text/html; charset=utf-8');
});
afterAll(() => server.close());

describe('scan --url', () => {
  it("prints the mentions in the page's main text, offsets into that text, with FEED_ALLOW_PRIVATE=true for a page on 127.0.0.1", async () => {
    const { code, stdout } = await run({ FEED_ALLOW_PRIVATE: 'true' }, 'scan', '--url', server.url('/kremlin-talks'), '--json');
    expect(code).toBe(0);
    const mentions = JSON.parse(stdout) as { name: string; matched: string; start: number }[];
    // The story's name twice; none of the names in the page's menus, boxes and comments.
    expect(mentions.map((m) => [m.name, m.matched])).toEqual([
      ['PUTIN, Vladimir Vladimirovich', 'Vladimir Putin'],
      ['PUTIN, Vladimir Vladimirovich', 'Putin'],
    ]);
    expect(mentions[0]!.start).toBe('Kremlin rejects new round of talks\n\nPresident '.length);
  }, 120_000);

  it('refuses a private address without FEED_ALLOW_PRIVATE, saying how to allow it, and a URL it cannot fetch', async () => {
    const refused = await run({}, 'scan', '--url', server.url('/kremlin-talks'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`sanctions-bot: ${server.url('/kremlin-talks')}: refused: private address 127.0.0.1 (FEED_ALLOW_PRIVATE=true allows private and loopback addresses)\n`);
    const notHttp = await run({}, 'scan', '--url', 'file:///etc/passwd');
    expect(notHttp.stderr).toBe('sanctions-bot: file:///etc/passwd: expected an http or https URL\n');
    const missing = await run({ FEED_ALLOW_PRIVATE: 'true' }, 'scan', '--url', server.url('/status/404'));
    expect(missing.stderr).toBe(`sanctions-bot: ${server.url('/status/404')}: HTTP 404\n`);
    expect(server.requests.filter((r) => r.path === '/kremlin-talks')).toHaveLength(1);
  }, 120_000);
});
