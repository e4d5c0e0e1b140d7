// `npm start` with nothing configured: the console, driven through a real child process's stdin.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderForConsole } from '../../adapters/console/console.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function runBot(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'console-test-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'warn' };
  for (const key of Object.keys(env)) if (key.startsWith('SLACK_') || key.startsWith('DISCORD_')) delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the console adapter', () => {
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

  it('strips terminal control sequences from what it prints', () => {
    const text = renderForConsole({ text: 'evil \u001b[2J\u001b[31mred\u0007 name', cards: [], notes: [], ephemeral: true });
    expect(text).toBe('evil red name');
  });
});
