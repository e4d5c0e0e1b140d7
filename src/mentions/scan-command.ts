// `sanctions-bot scan [FILE|-] [--json]`: the listed entities an article (text or HTML) mentions.
//
// The JSON output is a contract: one array of { "id", "name", "matched", "start", "end",
// "confidence" }, keys in that order, start/end offsets (UTF-16 code units, as JavaScript strings
// count) into the text of the input, so that text.slice(start, end) === matched.
import { readFile } from 'node:fs/promises';
import type { Entity } from '../designations/model.ts';
import { decodeListFile } from '../designations/list-text.ts';
import type { Mention } from './find.ts';
import { buildMentionIndex } from './mention-index.ts';
import { scanArticle } from './scan.ts';

export interface ScanIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

const USAGE = 'usage: scan [FILE|-] [--json]';

function parseArgs(args: string[]): { file: string | null; json: boolean } {
  let file: string | null = null;
  let json = false;
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}; ${USAGE}`);
    else if (file !== null) throw new Error(`one file at a time (got ${file} and ${arg}); ${USAGE}`);
    else file = arg;
  }
  return { file: file === '-' ? null : file, json };
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The input as text; binary data (NUL bytes, or mostly control characters) is refused. */
export function decodeArticle(bytes: Uint8Array, name: string): string {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw new Error(`${name}: binary data (a NUL byte), not a text or HTML article`);
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > head.length / 10) throw new Error(`${name}: binary data (control characters), not a text or HTML article`);
  return decodeListFile(bytes);
}

async function readInput(file: string | null, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === null) return decodeArticle(await readStdin(stdin), 'standard input');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new Error(`${file}: ${why}`);
  }
  return decodeArticle(bytes, file);
}

/** The contract's shape, keys in this order. */
export function mentionJson(m: Mention): { id: string; name: string; matched: string; start: number; end: number; confidence: number } {
  return { id: m.entityId, name: m.name, matched: m.matched, start: m.start, end: m.end, confidence: m.confidence };
}

function human(mentions: Mention[]): string {
  if (mentions.length === 0) return 'No listed entity is mentioned.\n';
  const lines = [`${mentions.length} mention${mentions.length === 1 ? '' : 's'}:`];
  for (const m of mentions) {
    const alias = m.alias !== m.name ? ` as ${m.alias}` : '';
    const linked = m.linkedTo ? `, taken for "${m.linkedTo.matched}" at ${m.linkedTo.start}` : '';
    lines.push(`${m.name} (${m.entityId})${alias}: "${m.matched}" at ${m.start}-${m.end}, confidence ${m.confidence}${linked}`);
    lines.push(`    ${m.sentence}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `scan`: reads the file (or standard input for `-` or none), prints the mentions. */
export async function runScan(args: string[], io: ScanIo, entities: Entity[]): Promise<void> {
  const { file, json } = parseArgs(args);
  const input = await readInput(file, io.stdin);
  const mentions = scanArticle(buildMentionIndex(entities), input);
  io.stdout.write(json ? `${JSON.stringify(mentions.map(mentionJson))}\n` : human(mentions));
}
