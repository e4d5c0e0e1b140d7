// Real bot processes, `main.ts` as `npm start` runs it, sharing one database: started with the stand-ins' settings, killed or stopped.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** A working directory of their own: a developer's .env in the project must not reach them. */
const CWD = mkdtempSync(join(tmpdir(), 'bot-processes-'));

export const SLACK_TOKEN = 'xoxb-scale-test';
export const SLACK_SIGNING_SECRET = 'a'.repeat(32);
export const DISCORD_TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'b'.repeat(38)}`;
export const DISCORD_APPLICATION_ID = '1187465309123456789';
export const DISCORD_PUBLIC_KEY = 'c'.repeat(64);

export interface BotSettings {
  databaseUrl: string;
  slackApiUrl: string;
  discordApiUrl: string;
  /** Feed URLs (FEEDS). */
  feeds?: string[];
  /** Anything else, over the defaults below. */
  env?: Record<string, string>;
}

export interface BotProcess {
  pid: number;
  /** `host:pid`, as it names itself in leases and claims. */
  holder: string;
  child: ChildProcess;
  /** Everything it wrote so far (JSON log lines on stderr). */
  output(): string;
  /** Resolves once it logged a line whose msg is `msg`. */
  logged(msg: string, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port free on 127.0.0.1 right now, for a process's HTTP endpoint. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Slack over HTTP and Discord's interactions endpoint (no gateway), both posting to the stand-ins, polling FEEDS. */
export async function startBot(settings: BotSettings): Promise<BotProcess> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOG_LEVEL: 'info',
    DATABASE_URL: settings.databaseUrl,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET,
    SLACK_PORT: String(await freePort()),
    SLACK_API_URL: settings.slackApiUrl,
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID,
    DISCORD_PUBLIC_KEY,
    DISCORD_GATEWAY: 'off',
    DISCORD_INTERACTIONS_PORT: String(await freePort()),
    DISCORD_API_URL: settings.discordApiUrl,
    FEEDS: (settings.feeds ?? []).join(' '),
    ...settings.env,
  };
  const child = spawn(process.execPath, ['--import', TSX, MAIN], { cwd: CWD, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const pid = child.pid!;
  return {
    pid,
    holder: `${hostname()}:${pid}`,
    child,
    output: () => output,
    async logged(msg, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      const wanted = JSON.stringify(msg);
      while (!output.includes(`"msg":${wanted}`)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`bot ${pid} exited before logging ${wanted}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`bot ${pid} did not log ${wanted} within ${timeoutMs} ms:\n${output}`);
        await sleep(50);
      }
    },
    exited,
  };
}

/** Started and listening: its Slack endpoint is the last thing main starts before the sender and poller. */
/** How long a test waits for a started bot to be up. */
export const STARTUP_WAIT_MS = 150_000;

export async function startBots(count: number, settings: BotSettings): Promise<BotProcess[]> {
  const bots = await Promise.all(Array.from({ length: count }, () => startBot(settings)));
  // Generous: three processes importing the bundled lists at once on a shared 2-core machine can take minutes; what the
  // tests check is that they all start, not how fast.
  await Promise.all(bots.map((bot) => bot.logged('discord interactions endpoint listening on /interactions', STARTUP_WAIT_MS)));
  return bots;
}

/** SIGTERM, as a process manager stops them: each finishes what is under way and gives up its lease. */
export async function stopBots(bots: BotProcess[]): Promise<void> {
  await Promise.all(
    bots.map(async (bot) => {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
      await bot.exited;
    }),
  );
}
