// Reads feeds.yml: the small YAML subset a list of feeds needs (or the same as JSON), with line numbers in errors.
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import { FULL_TEXT_MODES, type FullTextMode } from './full-text.ts';

export interface FeedSource {
  url: string;
  /** Minutes between polls; the poller's default when absent. */
  intervalMinutes?: number;
  /** Whether its items' article pages are read (full-text.ts); `auto` when absent. */
  fullText?: FullTextMode;
}

const httpUrl = z
  .string()
  .trim()
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'expected an http or https URL')
  .transform((s) => new URL(s).href);
const entry = z
  .object({
    url: httpUrl,
    interval: z.coerce.number().int().min(1).max(24 * 60).optional(),
    fullText: z.enum(FULL_TEXT_MODES as [FullTextMode, ...FullTextMode[]]).optional(),
  })
  .strict()
  .transform(({ url, interval, fullText }): FeedSource => ({ url, ...(interval !== undefined && { intervalMinutes: interval }), ...(fullText && { fullText }) }));

/**
 * `feeds:` then one `- url: ...` (with an optional `interval: <minutes>` and `fullText: auto|always|never` under it)
 * or `- <url>` per feed; `#` starts a comment. A file that starts with `{` or `[` is read as JSON of the same shape.
 */
export function parseFeedsFile(text: string, name = 'feeds.yml'): FeedSource[] {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (err) {
      throw new ConfigError(`${name}: not valid JSON (${(err as Error).message})`);
    }
    const list = Array.isArray(json) ? json : (json as { feeds?: unknown }).feeds;
    if (!Array.isArray(list)) throw new ConfigError(`${name}: expected a list of feeds, or { "feeds": [...] }`);
    return list.map((item, i) => toFeedSource(item, `${name} feed ${i + 1}`));
  }
  return yamlEntries(text, name).map(({ value, line }) => toFeedSource(value, `${name} line ${line}`));
}

function yamlEntries(text: string, name: string): { value: unknown; line: number }[] {
  const entries: { value: string | Record<string, string>; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    // A comment starts at a # that begins the line or follows a space: a URL's #fragment stays.
    const content = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (!content.trim() || /^feeds:$/.test(content)) return;
    const item = /^\s*-\s+(.*)$/.exec(content);
    const pair = /^\s*(?:-\s+)?([A-Za-z]+):\s+(.*)$/.exec(content);
    const current = entries.at(-1);
    if (pair && (item || (current && typeof current.value === 'object'))) {
      if (item) entries.push({ value: {}, line });
      (entries.at(-1)!.value as Record<string, string>)[pair[1]!] = unquote(pair[2]!);
    } else if (item) {
      entries.push({ value: unquote(item[1]!), line });
    } else {
      throw new ConfigError(`${name} line ${line}: expected "feeds:", "- url: <url>", "interval: <minutes>", "fullText: auto|always|never" or "- <url>"`);
    }
  });
  return entries;
}

function unquote(value: string): string {
  return value.trim().replace(/^(["'])(.*)\1$/, '$2');
}

/** One feed, a URL or { url, interval }, checked; `where` names it in the error. */
export function toFeedSource(value: unknown, where: string): FeedSource {
  const parsed = entry.safeParse(typeof value === 'string' ? { url: value } : value);
  if (parsed.success) return parsed.data;
  throw new ConfigError(`${where}: ${parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ')}`);
}
