// The real bot (`npm start`, main.ts) as a child process, with only the environment a test gives it: its output captured, waited on, stopped.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr interleaved as they came. */
  output(): string;
  /** Resolves with the first match of `pattern` in its output (already written, or written within `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, and its exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the bot in an empty working directory (no .env of the developer's is read), with PATH and `env` only.
 * Pass LOG_LEVEL to see its log lines: the test runner's LOG_LEVEL=silent is not inherited.
 */
export function startBot(env: Record<string, string>): BotProcess {
  const cwd = mkdtempSync(join(tmpdir(), 'bot-'));
  const child = spawn(TSX, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );

  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`the bot wrote nothing matching ${pattern} within ${timeoutMs} ms; it wrote:\n${output.slice(-4000)}`));
        }, timeoutMs);
        const gone = () => {
          done();
          reject(new Error(`the bot exited before writing anything matching ${pattern}; it wrote:\n${output.slice(-4000)}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then(() => setImmediate(() => listeners.has(check) && gone()));
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A port free on 127.0.0.1 just now, for a setting that takes no 0 (SLACK_PORT). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
