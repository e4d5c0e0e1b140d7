// Batch screening in the console with nothing configured: `npm start`'s process, driven through stdin, writing its result file to disk.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writeReplyFiles } from '../../adapters/console/screen.ts';
import { textReply } from '../../src/messages/reply.ts';

const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/screening/${name}`, import.meta.url));

/** The bot as `npm start` runs it, in `dir` (where result files go), with no chat platform configured. */
function runBot(dir: string, input: string): Promise<{ code: number | null; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'warn' };
  for (const key of Object.keys(env)) if (key.startsWith('SLACK_') || key.startsWith('DISCORD_')) delete env[key];
  const child = spawn(TSX, [MAIN], { cwd: dir, env });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

describe('screening in the console', () => {
  it('screens a file given by its path, writes the result next to where it runs, and refuses what it cannot screen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-screen-'));
    writeFileSync(join(dir, 'q3 clients.csv'), readFileSync(fixture('customers.csv')));
    const { code, stdout } = await runBot(
      dir,
      [
        '/sanctions screen "q3 clients.csv"',
        `/sanctions screen ${fixture('logo.png')}`,
        `/sanctions screen ${fixture('10001-rows.csv')}`,
        '/sanctions screen',
        'exit',
        '',
      ].join('\n'),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Screened q3 clients.csv: 16 rows, 7 strong matches, 2 possible matches.');
    expect(stdout).toMatch(/Row 2: "Shahraat Zakir" → ZAKIR, Shohrat \(ofac-sdn-34079\), strong/);
    const result = join(dir, 'q3 clients-screened.csv');
    expect(stdout).toContain(`Result file: ${result}`);
    expect(parse(readFileSync(result, 'utf8'), { bom: true, columns: true })).toHaveLength(16);
    expect(stdout).toContain('Cannot screen logo.png: this is a PNG image, not a CSV file of names.');
    expect(stdout).toContain('Cannot screen 10001-rows.csv: the file has 10,001 rows; the limit is 10,000.');
    expect(stdout).toContain("Give the file's path: /sanctions screen path/to/names.csv");
  }, 120_000);

  it('never writes over an existing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-files-'));
    const reply = { ...textReply('done'), files: [{ name: 'names-screened.csv', content: 'new', contentType: 'text/csv' }] };
    writeFileSync(join(dir, 'names-screened.csv'), 'old');
    expect(await writeReplyFiles(reply, dir)).toEqual([join(dir, 'names-screened-2.csv')]);
    expect(await writeReplyFiles(reply, dir)).toEqual([join(dir, 'names-screened-3.csv')]);
    expect(readFileSync(join(dir, 'names-screened.csv'), 'utf8')).toBe('old');
    expect(existsSync(join(dir, 'names-screened-3.csv'))).toBe(true);
  });
});
