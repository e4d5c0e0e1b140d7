// The lists the bot keeps current (LISTS, else the bundled files), when it refreshes them, and which channel hears when a refresh fails.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { currentBundledLists, dataFile } from './bundled.ts';
import { IMPORT_FORMATS, type ImportFormat, defaultListId } from './import.ts';

/** One list and where its current version is published: http(s) URLs or file paths, all its files. */
export interface ListSource {
  id: string;
  format: ImportFormat;
  files: string[];
}

export interface Channel {
  platform: string;
  channelId: string;
}

export interface ListRefreshSettings {
  origin: 'LISTS' | 'bundled';
  sources: ListSource[];
  /** node-cron expression of the refresh. */
  schedule: string;
  /** Told when a list cannot be refreshed; null: the log only. */
  adminChannel: Channel | null;
}

/** Daily, early in the morning (server time): after OFAC's actions of the day before, US time. */
export const DEFAULT_REFRESH_SCHEDULE = '0 6 * * *';

const ADMIN_PLATFORMS = ['slack', 'discord', 'console'];

/**
 * LISTS: lists separated by `;`, each `[id=]format:file,file,...` with files as http(s) URLs or paths,
 * e.g. `ofac-csv:https://.../SDN.CSV,https://.../ALT.CSV,https://.../ADD.CSV`. The id defaults to the
 * format's (ofac-sdn, ofac-cons, opensanctions).
 */
export function parseListSources(text: string): ListSource[] {
  const sources = text
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): ListSource => {
      const m = /^(?:([a-z0-9][a-z0-9_-]*)\s*=\s*)?([a-z-]+)\s*:\s*(.+)$/i.exec(entry);
      if (!m) throw new Error(`LISTS: expected [id=]format:file,file,... in "${entry}"`);
      const format = m[2]!.toLowerCase() as ImportFormat;
      if (!IMPORT_FORMATS.includes(format)) throw new Error(`LISTS: unknown format "${m[2]}" (expected ${IMPORT_FORMATS.join(', ')})`);
      const files = m[3]!.split(/[\s,]+/).filter(Boolean).map(toFile);
      return { id: m[1] ?? defaultListId(format), format, files };
    });
  const ids = sources.map((s) => s.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`LISTS: list ${twice} is given twice`);
  return sources;
}

/** A URL as written; a file: URL or a relative path as an absolute path. */
function toFile(file: string): string {
  if (/^https?:\/\//i.test(file)) {
    if (!URL.canParse(file)) throw new Error(`LISTS: not a URL: ${file}`);
    return file;
  }
  if (/^file:/i.test(file)) return fileURLToPath(file);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) throw new Error(`LISTS: expected an http(s) URL or a file path, not ${file}`);
  return resolve(file);
}

/** The newest bundled version of each list: refreshing from these changes nothing once they are imported. */
export function bundledListSources(): ListSource[] {
  return currentBundledLists().map((list) => ({ id: defaultListId(list.format), format: list.format, files: list.files.map(dataFile) }));
}

/** ADMIN_CHANNEL: `slack:C0123ABC`, `discord:123456789012345678` or `console`. */
export function parseAdminChannel(text: string): Channel | null {
  const value = text.trim();
  if (!value) return null;
  if (value === 'console') return { platform: 'console', channelId: 'console' };
  const m = /^([a-z]+):(\S+)$/.exec(value);
  if (!m || !ADMIN_PLATFORMS.includes(m[1]!)) throw new Error(`ADMIN_CHANNEL: expected slack:<channel id>, discord:<channel id> or console, not "${text}"`);
  return { platform: m[1]!, channelId: m[2]! };
}

/**
 * The refresh as configured (validated by loadConfig): LISTS, else the bundled files (so the demo's
 * refresh changes nothing); ADMIN_CHANNEL, else the console when no chat platform is configured.
 */
export function listRefreshSettings(
  config: Pick<Config, 'LISTS' | 'LIST_REFRESH_CRON' | 'ADMIN_CHANNEL'>,
  options: { chatConfigured: boolean },
): ListRefreshSettings {
  const configured = parseListSources(config.LISTS);
  const adminChannel = parseAdminChannel(config.ADMIN_CHANNEL) ?? (options.chatConfigured ? null : { platform: 'console', channelId: 'console' });
  return {
    origin: configured.length ? 'LISTS' : 'bundled',
    sources: configured.length ? configured : bundledListSources(),
    schedule: config.LIST_REFRESH_CRON,
    adminChannel,
  };
}
