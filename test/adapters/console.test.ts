// `npm start` with nothing configured: the console, driven through a real child process's stdin.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderForConsole } from '../../adapters/console/console.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The console on a fresh database; `logLevel` undefined: LOG_LEVEL unset, as a new user starts it. */
function runBot(input: string, logLevel: string | undefined = 'warn'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'console-test-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: logLevel };
  if (logLevel === undefined) delete env.LOG_LEVEL;
  for (const key of Object.keys(env)) if (key.startsWith('SLACK_') || key.startsWith('DISCORD_')) delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the console adapter', () => {
  it('starts quietly for a new user: a line a bundled list, no JSON log line, and a second subscription shows recent articles', async () => {
    const { code, stdout, stderr } = await runBot(
      ['/sanctions SEK Studio', '/sanctions subscribe country:North Korea', '/sanctions subscribe country:China', 'exit', ''].join('\n'),
      undefined,
    );
    expect(code).toBe(0);
    expect(`${stdout}\n${stderr}`.split('\n').filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    expect(stdout).toMatch(/^imported bundled list ofac-sdn: 14965 entities, version of 2024-05-03; its versions of 2021-12-09 and 2021-12-10 were read first to date the designations made between them\nimported bundled list ofac-cons: 443 entities\n/);
    expect(stdout).not.toMatch(/removed/);
    expect(stdout).toMatch(/■ SEK STUDIO/);
    // The demo feeds were read for North Korea; China, subscribed after, is shown what they said of it.
    const china = stdout.slice(stdout.indexOf('This channel now follows country China (CN).'));
    expect(china).toMatch(/^This channel now follows country China \(CN\)\.\n {2}Recent articles that named what it follows/);
    expect(china).toMatch(/“Facial recognition firm SenseTime put on US investment blacklist” .* — SENSETIME GROUP LIMITED/);
    expect(china).toMatch(/— TUNIYAZ, Erken, ZAKIR, Shohrat/);
  }, 120_000);

  it('looks up, subscribes and lists subscriptions with nothing configured', async () => {
    const { code, stdout } = await runBot(
      ['/sanctions SEK Studio', '/sanctions subscribe country:North Korea', '/sanctions subscriptions', '/sanctions 🙂', 'exit', ''].join('\n'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/■ SEK STUDIO/);
    expect(stdout).toMatch(/DPRK3, designated 2021-12-10/);
    expect(stdout).toMatch(/This channel now follows country North Korea \(KP\)/);
    expect(stdout).toMatch(/• country North Korea \(KP\)/);
    expect(stdout).toMatch(/Give a name to look up/);
  }, 120_000);

  it('polls the bundled demo feeds once the console follows a country, and prints its alerts', async () => {
    const { code, stdout } = await runBot(['/sanctions subscribe country:Bangladesh', 'exit', ''].join('\n'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/This channel now follows country Bangladesh \(BD\)/);
    expect(stdout).toMatch(/■ RAPID ACTION BATTALION/);
    expect(stdout).toMatch(/This channel follows: country Bangladesh \(BD\)/);
    // North Korean entities in the same feeds are not this channel's business.
    expect(stdout).not.toMatch(/■ SEK STUDIO/);
  }, 120_000);

  it("answers status and history with nothing configured: the bundled lists, the demo feeds, SEK STUDIO's designation", async () => {
    const { code, stdout } = await runBot(['status', '/sanctions history SEK Studio', 'history Zhuwao Beauty Lily', 'exit', ''].join('\n'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/■ Lists\n {2}OFAC Consolidated \(non-SDN\) List: version of 2025-04-01, 443 entities; from .*cons_prim\.csv.*; imported .* UTC, next refresh \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(stdout).toMatch(/ {2}OFAC SDN List: version of 2024-05-03, 14,965 entities; /);
    expect(stdout).toMatch(/■ News feeds {2}\(2 ok, 0 failing, 0 disabled\)\n {2}file:\/\/.*demo-world-news\.rss: ok, never read yet/);
    expect(stdout).toMatch(/■ Alert outbox\n {2}Waiting to be sent: none\n {2}sanctions-bot version \d+\.\d+\.\d+/);
    expect(stdout).toMatch(/■ SEK STUDIO {2}\(organization · OFAC SDN List — DPRK3, designated 2021-12-10 · score 1\.00\)\n {2}Changed 2024-05-03: Aliases added: .*\n {2}Designated 2021-12-10: Added to OFAC SDN List under DPRK3\n/);
    // Delisted by the list of 3 May 2024, yet found.
    expect(stdout).toMatch(/■ ZHUWAO, Beauty Lily {2}\(no longer listed: removed from OFAC SDN List on 2024-05-03 · score 1\.00\)\n {2}Delisted 2024-05-03: Removed from OFAC SDN List/);
  }, 120_000);

  it('strips terminal control sequences from what it prints', () => {
    const text = renderForConsole({ text: 'evil \u001b[2J\u001b[31mred\u0007 name', cards: [], notes: [], ephemeral: true });
    expect(text).toBe('evil red name');
  });
});
