// Start-up CPU as a user meets it (issue #15): the first `npm start` on a fresh clone (the bundled lists imported into
// SQLite, then `/sanctions SEK Studio` answered in the console), and a cold `sanctions-bot search` on the database it made.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measuredBy } from './bench-report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const HOOK = fileURLToPath(new URL('./exit-cpu.cjs', import.meta.url));

/** CPU seconds of one run of a project entry point in `cwd`, with `input` on its stdin; throws when its output lacks `expect`. */
function cpuOf(args: string[], cwd: string, input: string, expect: RegExp): number {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(cwd, 'sanctions.db')}` };
  delete env.LOG_LEVEL;
  delete env.NODE_OPTIONS;
  for (const key of Object.keys(env)) if (key.startsWith('SLACK_') || key.startsWith('DISCORD_')) delete env[key];
  const run = spawnSync(process.execPath, ['--require', HOOK, ...args], { cwd, env, input, encoding: 'utf8' });
  if (!expect.test(run.stdout)) throw new Error(`${args.join(' ')}: unexpected output\n${run.stdout}\n${run.stderr}`);
  return Number(/cpu seconds: ([\d.]+)\s*$/.exec(run.stderr)?.[1]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (xs: number[]) => `${median(xs).toFixed(2)} s (${[...xs].sort((a, b) => a - b).map((x) => x.toFixed(2)).join(', ')})`;

export async function benchStartup({ log, starts = 3, searches = 7 }: { log: (line: string) => void; starts?: number; searches?: number }): Promise<string[]> {
  const heading = '## Start-up CPU';
  if (!existsSync(join(root, 'dist', 'main.js'))) return [heading, '', 'Skipped: run `npm run build` first (what `npm ci` does), to measure the compiled bot as users run it.'];
  const main = [join(root, 'bin', 'launch.js'), 'main'];
  const search = [join(root, 'bin', 'sanctions-bot.js'), 'search', 'SEK Studio'];
  const first: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < starts; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
    try {
      first.push(cpuOf(main, dir, '/sanctions SEK Studio\nexit\n', /■ SEK STUDIO/));
      log(`first start ${i + 1}: ${first.at(-1)!.toFixed(2)} s CPU`);
      if (i === 0) {
        for (let j = 0; j < searches; j++) cold.push(cpuOf(search, dir, '', /SEK STUDIO/));
        log(`cold searches: ${seconds(cold)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [
    heading,
    '',
    `${measuredBy('`npm run bench` (`scripts/bench-startup.ts`)')}`,
    'CPU time (user + system) of the whole process, read as it exits, on the compiled code (`npm run build`, which `npm ci`',
    'runs), nothing configured. First start: `npm start`\'s `node bin/launch.js main` on an empty data directory (the',
    'bundled lists imported into SQLite, the index built and saved), answering `/sanctions SEK Studio` in the console,',
    'then `exit`. Cold search: a new `sanctions-bot search "SEK Studio"` process on the database that start made',
    '(its saved index read). Median, and every run; the issue\'s budgets are 8 s and 1 s.',
    '',
    '| run | CPU, median (runs) | budget |',
    '|---|---|---|',
    `| first start | ${seconds(first)} | 8 s |`,
    `| cold search | ${seconds(cold)} | 1 s |`,
  ];
}
