// Reads a feed's bytes into FeedItems: charset decoding, RSS 2.0/1.0/0.9x and Atom 1.0/0.3 through rss-parser, keys, absolute links.
import { createHash } from 'node:crypto';
import type Parser from 'rss-parser';
import { FeedError, type FeedItem } from './feed.ts';
import { MAX_PARSED_ITEMS, MAX_PARSED_TEXT_RUN } from './limits.ts';
import { parserThread } from './parser-thread.ts';

export interface ParsedFeed {
  title: string | null;
  /** In feed order, one per key (a repeated guid counts once). */
  items: FeedItem[];
  /** The feed held more than MAX_PARSED_ITEMS items: only the first were read. */
  truncated: boolean;
}

/** Keys longer than this are hashed: a feed cannot bloat the seen-items table or its index. */
const MAX_KEY_LENGTH = 300;

type Fields = Record<string, unknown>;

/** A parse that takes longer is given up (its worker stopped): the cut feed parses in a tenth of a second at most. */
const PARSE_TIMEOUT_MS = 10_000;

// rss-parser (xml2js) parses synchronously: 30-100 ms of CPU for a feed of a few megabytes, in a worker instead.
const rssParser = parserThread<Parser.Output<Fields> & Fields>('feed');

export async function parseFeed(body: Buffer, contentType: string | null, feedUrl: string, timeoutMs = PARSE_TIMEOUT_MS): Promise<ParsedFeed> {
  const { xml, truncated } = firstItems(shortTextRuns(decodeXml(body, contentType), MAX_PARSED_TEXT_RUN), MAX_PARSED_ITEMS);
  const parsed = await rssParser(xml, timeoutMs);
  if (!parsed) throw new FeedError(`not a feed: not parsed within ${timeoutMs} ms`);
  if ('error' in parsed) throw new FeedError(`not a feed: ${parsed.error.split('\n')[0]!.slice(0, 200)}`);
  const feed = parsed.value;
  const feedTitle = text(feed.title);
  const base = resolve(attribute(feed.attrs, 'xml:base'), feedUrl) ?? feedUrl;
  const items = new Map<string, FeedItem>();
  for (const raw of feed.items) {
    const item = toFeedItem(raw, feedTitle, resolve(attribute(raw.attrs, 'xml:base'), base) ?? base);
    if (item && !items.has(item.key)) items.set(item.key, item);
  }
  return { title: feedTitle || null, items: [...items.values()], truncated };
}

/** Characters kept of the end of a run that is cut: what closes it (CDATA's `]]>`) is there. */
const RUN_TAIL = 256;

/**
 * The document with every run of characters between two `<` longer than `max` cut to its first `max` and last
 * RUN_TAIL characters: a title of megabytes costs the parser what `max` does. A run is text after a tag's end (or
 * inside CDATA); its tail keeps what closes it. A CDATA section that ends further from the next `<` than RUN_TAIL,
 * only a hostile feed has, no longer parses.
 */
export function shortTextRuns(xml: string, max: number): string {
  const parts: string[] = [];
  let copied = 0;
  for (let from = 0; from < xml.length; ) {
    const next = xml.indexOf('<', from);
    const end = next === -1 ? xml.length : next;
    if (end - from > max + RUN_TAIL) {
      parts.push(xml.slice(copied, from + max), xml.slice(end - RUN_TAIL, end));
      copied = end;
    }
    from = end + 1;
  }
  return parts.length ? parts.join('') + xml.slice(copied) : xml;
}

const ITEM_END = /<\/(?:[\w.-]+:)?(?:item|entry)\s*>/gi;
/** Markup to skip (comments, CDATA, declarations), or a tag: closing (1), its name (2), self-closing (3). */
const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)([\w.:-]+)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;

/**
 * The document cut after its `max`th item (RSS item, Atom entry) and its open elements closed again, when it holds
 * more: the parser, synchronous, never reads more than `max` items. Counting end tags is a scan, not a parse; an end
 * tag inside CDATA miscounts and may cut the document where it no longer parses, which only a feed of more than
 * `max` items, written so, suffers.
 */
export function firstItems(xml: string, max: number): { xml: string; truncated: boolean } {
  ITEM_END.lastIndex = 0;
  let cut = 0;
  for (let n = 0; n <= max; n++) {
    const end = ITEM_END.exec(xml);
    if (!end) return { xml, truncated: false };
    if (n === max - 1) cut = end.index + end[0].length;
  }
  const open: string[] = [];
  const head = xml.slice(0, cut);
  for (const [, closing, name, selfClosing] of head.matchAll(TAG)) {
    if (!name || selfClosing) continue;
    if (!closing) open.push(name);
    else if (open.lastIndexOf(name) >= 0) open.length = open.lastIndexOf(name);
  }
  return { xml: head + open.reverse().map((name) => `</${name}>`).join(''), truncated: true };
}

function toFeedItem(raw: Parser.Item & Fields, feedTitle: string, base: string): FeedItem | null {
  const title = text(raw.title).trim();
  // rss-parser puts an RSS description in `content`; Atom's content and summary keep their names.
  const isRss = raw.rssDescription !== undefined;
  const summary = text(raw.summary) || (isRss ? text(raw.content) : '');
  const content = text(raw['content:encoded']) || (isRss ? '' : text(raw.content));
  const id = (text(raw.guid) || text(raw.id)).trim();
  const link = resolveHttp(text(raw.link).trim(), base) ?? (/^https?:\/\//i.test(id) ? resolveHttp(id, base) : null);
  const published = isoDate(raw.isoDate ?? raw.issued ?? raw.modified ?? raw.created);
  if (!title && !link && !summary && !content) return null;
  return { key: itemKey(id, link, title, published), title, link, published, summary, content, feedTitle };
}

/**
 * The item's own id (RSS guid, Atom id), else its link, else a hash of its title and date: a feed
 * that gives neither id nor link still dedupes items whose title and date do not change.
 */
function itemKey(id: string, link: string | null, title: string, published: string | null): string {
  const key = id || link;
  if (key && key.length <= MAX_KEY_LENGTH) return key;
  return `hash:${createHash('sha256').update(key ?? `${title}\n${published ?? ''}`).digest('hex')}`;
}

/**
 * The body as a UTF-8 string with its XML declaration saying so. Charset by precedence: byte-order
 * mark, Content-Type, XML declaration, UTF-8; a candidate the bytes are not valid in is skipped
 * (servers often label any body UTF-8), and if none fits, the first is used with replacement characters.
 */
export function decodeXml(body: Buffer, contentType: string | null): string {
  const head = body.subarray(0, 512).toString('latin1');
  const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
  return decodeBody(body, contentType, declared).replace(/^(\s*<\?xml[^>]*?\sencoding\s*=\s*)(["'])[\w.:-]+\2/, '$1$2UTF-8$2');
}

/** A web page's body as a string, its charset found as decodeXml's is, with `<meta charset>` (in its first 1024 bytes, as browsers look) for the declaration. */
export function decodeHtml(body: Buffer, contentType: string | null): string {
  const head = body.subarray(0, 1024).toString('latin1');
  const declared = /<meta\s[^>]*?charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  return decodeBody(body, contentType, declared);
}

function decodeBody(body: Buffer, contentType: string | null, declared: string | undefined): string {
  const candidates = [bomCharset(body), /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1], declared, 'utf-8'].filter(
    (label): label is string => label !== undefined && knownCharset(label),
  );
  for (const label of candidates) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(body);
    } catch {
      // not this charset; try the next
    }
  }
  return new TextDecoder(candidates[0]).decode(body);
}

function bomCharset(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function knownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** The text of a parsed element: xml2js gives a string, or an object holding it in `_` when the element has attributes. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { _?: unknown })._ === 'string') return (value as { _: string })._;
  return '';
}

function attribute(attrs: unknown, name: string): string | undefined {
  const value = attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function resolve(relative: string | undefined, base: string): string | undefined {
  if (!relative) return undefined;
  try {
    return new URL(relative, base).href;
  } catch {
    return undefined;
  }
}

/** Only http(s) links are kept: anything else (javascript:, data:) would end up as a link in chat. */
function resolveHttp(link: string, base: string): string | null {
  const url = resolve(link, base);
  return url && /^https?:/i.test(url) ? url : null;
}

function isoDate(value: unknown): string | null {
  const date = new Date(text(value).trim());
  return text(value) && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
