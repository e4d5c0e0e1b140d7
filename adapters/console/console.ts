// The local console: type `/sanctions ...` at a prompt and read replies as text, with nothing configured.
import { createInterface } from 'node:readline';
import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { parseRequest } from '../../commands/request.ts';
import { handle } from '../../commands/sanctions.ts';
import { screenPath, writeReplyFiles } from './screen.ts';

/** The console is a tenant of its own (src/tenant.ts). */
export const CONSOLE_TENANT = 'console';

/**
 * Strips terminal control sequences, so no list or article text can move the cursor or recolour the screen,
 * and bidi overrides and isolates, so none can make a line read otherwise than it is.
 */
export function safeForTerminal(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

export function renderForConsole(reply: Reply): string {
  const lines: string[] = [];
  if (!reply.cards.length) lines.push(reply.text);
  for (const card of reply.cards) {
    lines.push(`■ ${card.title}${card.subtitle ? `  (${card.subtitle})` : ''}`);
    // A value of several lines (each list's listing) keeps its lines under the label.
    for (const f of card.fields) lines.push(`  ${f.label}: ${f.value.replaceAll('\n', '\n    ')}`);
    if (card.url) lines.push(`  Source: ${card.url}`);
    if (card.footer) lines.push(`  ${card.footer}`);
    // The console has no buttons: each action is the command that does it.
    for (const action of card.actions ?? []) lines.push(`  ${action.label}: /sanctions ${action.kind} ${action.value}`);
  }
  lines.push(...reply.notes.map((n) => `  ${n}`));
  return safeForTerminal(lines.join('\n'));
}

/**
 * Reads commands from `input` until it closes; each reply is written to `output`. `afterCommand`
 * runs after each one (the demo starts polling once the console follows something).
 */
export function startConsole(
  context: CommandDeps,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  afterCommand: () => Promise<void> = async () => {},
): Promise<void> {
  const rl = createInterface({ input, output, terminal: input === process.stdin && process.stdin.isTTY });
  const ctx: CommandContext = { ...context, platform: 'console', tenant: CONSOLE_TENANT, channelId: 'console', userId: 'console', canManage: true };
  const prompt = () => output.write('sanctions> ');
  output.write('sanctions-bot console. Type `/sanctions SEK Studio`, `/sanctions help`, or `exit`.\n');
  prompt();
  return new Promise((resolve) => {
    // Lines are answered one at a time, in order, even when piped in faster than they are answered.
    let queue = Promise.resolve();
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        const text = line.trim();
        if (text === 'exit' || text === 'quit') return void rl.close();
        if (text) {
          const command = text.replace(/^\/?sanctions\b/i, '');
          const request = parseRequest(command);
          // The console's files are local paths: only here may a command read one.
          const reply = request.kind === 'screen' && request.path ? await screenPath(request.path, ctx.catalog) : await handle(request, ctx);
          output.write(`${renderForConsole(reply)}\n`);
          for (const path of await writeReplyFiles(reply)) output.write(`  Result file: ${safeForTerminal(path)}\n`);
          await afterCommand();
        }
        prompt();
      });
    });
    rl.on('close', () => void queue.then(() => resolve()));
  });
}
