// `sanctions-bot scan [FILE|-|--url URL] [--json]`: the listed entities an article (text, HTML, or a web page's main text) mentions.
//
// The JSON output is a contract: one array of { "id", "name", "matched", "start", "end",
// "confidence" }, keys in that order, start/end offsets (UTF-16 code units, as JavaScript strings
// count) into the text of the input, so that text.slice(start, end) === matched. With --url the
// input is the page's headline and main text as the news alerts read it (feeds/article-page.ts).
import { readFile } from 'node:fs/promises';
import type { Entity } from '../designations/model.ts';
import { pageText, readArticlePage } from '../feeds/article-page.ts';
import { FeedError } from '../feeds/feed.ts';
import { anyAddress, publicAddressesOnly } from '../feeds/ssrf.ts';
import { decodeListFile } from '../designations/list-text.ts';
import type { Mention } from './find.ts';
import { buildMentionIndex } from './mention-index.ts';
import { scanArticle } from './scan.ts';

export interface ScanIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

const USAGE = 'usage: scan [FILE|-|--url URL] [--json]';

function parseArgs(args: string[]): { file: string | null; url: string | null; json: boolean } {
  let file: string | null = null;
  let url: string | null = null;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--url') {
      url = args[++i] ?? null;
      if (!url || url.startsWith('--')) throw new Error(`--url needs a web page's address; ${USAGE}`);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}; ${USAGE}`);
    else if (file !== null) throw new Error(`one file at a time (got ${file} and ${arg}); ${USAGE}`);
    else file = arg;
  }
  if (url !== null && file !== null) throw new Error(`a file or --url, not both; ${USAGE}`);
  return { file: file === '-' ? null : file, url, json };
}

/** The page's headline and main text, read as the news alerts read an item's page; FEED_ALLOW_PRIVATE opens private addresses. */
async function readPage(url: string, allowPrivate: boolean): Promise<string> {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new Error(`${url}: expected an http or https URL`);
  try {
    return pageText(await readArticlePage(url, { guard: allowPrivate ? anyAddress : publicAddressesOnly }));
  } catch (err) {
    if (!(err instanceof FeedError)) throw err;
    const hint = !allowPrivate && err.message.startsWith('refused: private') ? ' (FEED_ALLOW_PRIVATE=true allows private and loopback addresses)' : '';
    throw new Error(`${url}: ${err.message}${hint}`);
  }
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

/** Runs `scan`: reads the file (or standard input for `-` or none, or the web page of --url), prints the mentions. */
export async function runScan(args: string[], io: ScanIo, entities: Entity[], options: { allowPrivate?: boolean } = {}): Promise<void> {
  const { file, url, json } = parseArgs(args);
  const input = url !== null ? await readPage(url, options.allowPrivate ?? false) : await readInput(file, io.stdin);
  const mentions = scanArticle(buildMentionIndex(entities), input);
  io.stdout.write(json ? `${JSON.stringify(mentions.map(mentionJson))}\n` : human(mentions));
}
